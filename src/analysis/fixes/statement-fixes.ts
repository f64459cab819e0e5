/**
 * Suggestions that add or remove one statement in a method body: a release at the end of
 * `close()`, an `unregister` at its start, a release before a reassignment, a release call
 * taken out. Each keeps the file's line endings, the surrounding indentation and every
 * comment; each returns `null` when the layout does not allow a clean edit.
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import type { LeakExit } from '../engine/exit-paths.js';
import { contains, isFunctionNode } from '../../utils/ast/index.js';

type SourceCode = Readonly<TSESLint.SourceCode>;
type Fixer = TSESLint.RuleFixer;
type Fix = TSESLint.RuleFix;
export type FixFn = (fixer: Fixer) => Fix;

// Fix text uses `\n`: `createRule` writes it in the file's own line endings
// (`utils/line-endings.ts`).

/** Leading whitespace of the line `node` starts on. */
export function lineIndent(sourceCode: SourceCode, node: Located): string {
  const line = sourceCode.lines[node.loc.start.line - 1] ?? '';
  return /^[ \t]*/.exec(line)?.[0] ?? '';
}

type Located = Pick<TSESTree.Node, 'range' | 'loc'>;

/** Whether `node` is the first thing on its line. */
function startsLine(sourceCode: SourceCode, node: Located): boolean {
  const line = sourceCode.lines[node.loc.start.line - 1] ?? '';
  return line.slice(0, node.loc.start.column).trim() === '';
}

/** One indentation step of the file around `node`: a tab, or the spaces the body adds. */
function indentUnit(sourceCode: SourceCode, outer: string): string {
  if (outer.includes('\t')) return '\t';
  const match = /^( +)\S/m.exec(sourceCode.text);
  const width = match?.[1]?.length ?? 2;
  return ' '.repeat(width <= 4 ? width : 2);
}

/** The statements of a list that holds `statement` (a block, a static block, a case). */
function inStatementList(statement: TSESTree.Node): boolean {
  const parent = statement.parent;
  return (
    parent?.type === 'BlockStatement' ||
    parent?.type === 'StaticBlock' ||
    parent?.type === 'Program' ||
    parent?.type === 'SwitchCase'
  );
}

/** `{}` (only whitespace inside): replaced by a block that holds `text`. */
function fillEmpty(
  sourceCode: SourceCode,
  body: TSESTree.BlockStatement,
  text: string,
): FixFn | null {
  if (sourceCode.getCommentsInside(body).length > 0) return null;
  const outer = lineIndent(sourceCode, body);
  const inner = outer + indentUnit(sourceCode, outer);
  return (fixer) => fixer.replaceText(body, `{\n${inner}${text}\n${outer}}`);
}

/**
 * Adds `text` (one statement) as the last statement of `body`, before a final `return`; after
 * any comment that ends the last statement's line.
 */
export function appendStatement(
  sourceCode: SourceCode,
  body: TSESTree.BlockStatement,
  text: string,
): FixFn | null {
  const last = body.body.at(-1);
  if (last === undefined) return fillEmpty(sourceCode, body, text);
  if (last.type === 'ReturnStatement') return insertBefore(sourceCode, last, text);
  return statementAfter(sourceCode, last, text);
}

/**
 * Adds `text` on its own line after `statement` (after any comment that ends its line), which
 * must start its line in a statement list.
 */
export function statementAfter(
  sourceCode: SourceCode,
  statement: TSESTree.Node,
  text: string,
): FixFn | null {
  if (!inStatementList(statement) || !startsLine(sourceCode, statement)) return null;
  const trailing = sourceCode
    .getCommentsAfter(statement)
    .filter((comment) => comment.loc.start.line === statement.loc.end.line);
  const after = trailing.at(-1)?.range[1] ?? statement.range[1];
  const indent = lineIndent(sourceCode, statement);
  return (fixer) => fixer.insertTextAfterRange([after, after], `\n${indent}${text}`);
}

/** Adds `text` as the first statement of `body` (before comments that lead the first one). */
export function prependStatement(
  sourceCode: SourceCode,
  body: TSESTree.BlockStatement,
  text: string,
): FixFn | null {
  const first = body.body[0];
  if (first === undefined) return fillEmpty(sourceCode, body, text);
  const leading = sourceCode
    .getCommentsBefore(first)
    .find((comment) => comment.loc.start.line > body.loc.start.line);
  return insertAt(sourceCode, leading ?? first, text);
}

/** Adds `text` (a field declaration) as the first member of a class body, before its comments. */
export function prependMember(
  sourceCode: SourceCode,
  body: TSESTree.ClassBody,
  text: string,
): FixFn | null {
  const first = body.body[0];
  if (first === undefined) return null;
  const leading = sourceCode
    .getCommentsBefore(first)
    .find((comment) => comment.loc.start.line > body.loc.start.line);
  return insertAt(sourceCode, leading ?? first, text);
}

/** Adds `text` on its own line before `node`, which must start its line in a statement list. */
export function insertBefore(
  sourceCode: SourceCode,
  node: TSESTree.Node,
  text: string,
): FixFn | null {
  return inStatementList(node) ? insertAt(sourceCode, node, text) : null;
}

function insertAt(sourceCode: SourceCode, anchor: Located, text: string): FixFn | null {
  if (!startsLine(sourceCode, anchor)) return null;
  const indent = lineIndent(sourceCode, anchor);
  return (fixer) => fixer.insertTextBeforeRange(anchor.range, `${text}\n${indent}`);
}

/**
 * Removes `statement` with its line, when it holds no comment and is alone on its lines in a
 * statement list.
 */
export function removeStatement(
  sourceCode: SourceCode,
  statement: TSESTree.Statement,
): FixFn | null {
  if (!inStatementList(statement) || !startsLine(sourceCode, statement)) return null;
  if (sourceCode.getCommentsInside(statement).length > 0) return null;
  const line = sourceCode.lines[statement.loc.end.line - 1] ?? '';
  if (line.slice(statement.loc.end.column).trim() !== '') return null;
  const start = statement.range[0] - statement.loc.start.column;
  const nextLine = sourceCode.text.indexOf('\n', statement.range[1]);
  const end = nextLine < 0 ? statement.range[1] : nextLine + 1;
  return (fixer) => fixer.removeRange([start, end]);
}

/**
 * Adds `text` (a whole statement) right before `statement`: on its own line in a statement
 * list, or braced with it where it is the lone body of an `if`/`else`
 * (`if (bad) throw e` → `if (bad) { fh.close(); throw e }`). `null` for another layout.
 */
export function statementBefore(
  sourceCode: SourceCode,
  statement: TSESTree.Statement,
  text: string,
): FixFn | null {
  if (statement.parent?.type === 'IfStatement') {
    return (fixer) => fixer.replaceText(statement, `{ ${text} ${sourceCode.getText(statement)} }`);
  }
  return insertBefore(sourceCode, statement, text);
}

/**
 * Adds `text` (a whole statement: `await fh.close();`) right before the `return`/`throw` of a
 * leaking exit (before the caught `throw` on its way, where the binding is still in scope),
 * inside `scope` (`statementBefore`); at the end of the body for a function's end
 * (`atEnd`, when the caller wants it there). `null` for a loop's next iteration or another
 * layout.
 */
export function statementBeforeExit(
  sourceCode: SourceCode,
  exit: LeakExit,
  scope: TSESTree.Node,
  text: string,
  atEnd = false,
): FixFn | null {
  if (exit.kind === 'loop') return null;
  const statement = exit.after ?? exit.node;
  if (isFunctionNode(statement)) {
    return atEnd && statement.body.type === 'BlockStatement' && contains(scope, statement.body)
      ? appendStatement(sourceCode, statement.body, text)
      : null;
  }
  if (!contains(scope, statement)) return null;
  return statementBefore(sourceCode, statement, text);
}
