/**
 * Suggestions for responses dropped as they arrive or after a look at the status line, and
 * for responses a loop leaves unread: each releases the body at once where nothing reads it
 * (`await (await fetch(u)).body?.cancel()`, `const { statusCode, body } = …; await
 * body.dump()`), or right before the `continue` that skips reading it. The status and headers
 * stay readable after the body is released, so what the code looks at is unchanged.
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import { freeName, isFree } from '../../analysis/fixes/names.js';
import {
  lineIndent,
  statementAfter,
  statementBefore,
  type FixFn,
} from '../../analysis/fixes/statement-fixes.js';
import { BODY_PROPERTY } from '../../catalog/responses.js';
import { childrenOf, enclosingFunction, isFunctionNode } from '../../utils/ast/index.js';
import { peeksAtResponse } from './response-body.js';

type SourceCode = Readonly<TSESLint.SourceCode>;
type Fix = TSESLint.RuleFix;

/** `body?.cancel()` (fetch) or `body.dump()` (undici): the release of a body. */
const releaseBody = (body: string, undici: boolean): string =>
  `${body}${undici ? '.dump()' : '?.cancel()'}`;

/** `res.body?.cancel()` (fetch) or `res.body.dump()` (undici): the release of a response's body. */
export const releaseOn = (response: string, undici: boolean): string =>
  releaseBody(`${response}.${BODY_PROPERTY}`, undici);

/** `call` awaited right here: `await fetch(u)`, its parent. */
function awaitOf(call: TSESTree.Node): TSESTree.AwaitExpression | null {
  const parent = call.parent;
  return parent?.type === 'AwaitExpression' && parent.argument === call ? parent : null;
}

/** `await fetch(u);` → `await (await fetch(u)).body?.cancel();` */
export function cancelDropped(
  sourceCode: SourceCode,
  dropped: TSESTree.Node,
  call: TSESTree.Node,
  undici: boolean,
): FixFn | null {
  const awaited = awaitOf(call);
  if (dropped.type !== 'ExpressionStatement' || awaited === null) return null;
  if (dropped.expression !== awaited) return null;
  const text = `await ${releaseOn(`(${sourceCode.getText(awaited)})`, undici)}`;
  return (fixer) => fixer.replaceText(awaited, text);
}

/**
 * `const { statusCode } = await request(u);` → `const { statusCode, body } = await request(u);`
 * and `await body.dump();` on the next line.
 */
export function destructureBody(
  sourceCode: SourceCode,
  pattern: TSESTree.ObjectPattern,
  call: TSESTree.Node,
  undici: boolean,
): ((fixer: TSESLint.RuleFixer) => Fix[]) | null {
  const declarator = pattern.parent;
  const awaited = awaitOf(call);
  if (declarator?.type !== 'VariableDeclarator' || declarator.init !== awaited) return null;
  const declaration = declarator.parent;
  if (declaration.type !== 'VariableDeclaration' || declaration.declarations.length !== 1)
    return null;
  const last = pattern.properties.at(-1);
  if (last === undefined || last.type === 'RestElement') return null;
  const scope = sourceCode.getScope(declaration);
  const name = isFree(sourceCode, scope, BODY_PROPERTY)
    ? BODY_PROPERTY
    : freeName(sourceCode, declaration, ['responseBody']);
  const property = name === BODY_PROPERTY ? name : `${BODY_PROPERTY}: ${name}`;
  const release = statementAfter(sourceCode, declaration, `await ${releaseBody(name, undici)};`);
  if (release === null) return null;
  return (fixer) => [fixer.insertTextAfter(last, `, ${property}`), release(fixer)];
}

/**
 * `return (await fetch(u)).status;` → the response in a `const`, its body released, then
 * the same statement reading the `const`. Only where the look is all the statement does
 * before it ends (a `return`, a declaration's initializer), so nothing runs in another order.
 */
export function hoistPeeked(
  sourceCode: SourceCode,
  member: TSESTree.MemberExpression,
  call: TSESTree.Node,
  undici: boolean,
): ((fixer: TSESLint.RuleFixer) => Fix[]) | null {
  const awaited = awaitOf(call);
  if (awaited === null || member.object !== awaited || member.computed) return null;
  const statement = statementOfValue(member);
  if (statement === null) return null;
  const dot = sourceCode.getTokenBefore(member.property);
  if (dot === null) return null;
  const parent = statement.parent;
  if (parent?.type !== 'BlockStatement' && parent?.type !== 'SwitchCase') return null;
  const name = freeName(sourceCode, statement, ['res', 'response']);
  const indent = lineIndent(sourceCode, statement);
  const declare = `const ${name} = ${sourceCode.getText(awaited)};`;
  const release = `await ${releaseOn(name, undici)};`;
  const before = statementBefore(sourceCode, statement, `${declare}\n${indent}${release}`);
  if (before === null) return null;
  return (fixer) => [before(fixer), fixer.replaceTextRange([member.range[0], dot.range[0]], name)];
}

/** The `return` or sole declaration whose whole value is `member`. */
function statementOfValue(
  member: TSESTree.MemberExpression,
): TSESTree.ReturnStatement | TSESTree.VariableDeclaration | null {
  const value = member.parent?.type === 'ChainExpression' ? member.parent : member;
  const parent = value.parent;
  if (parent?.type === 'ReturnStatement' && parent.argument === value) return parent;
  if (parent?.type !== 'VariableDeclarator' || parent.init !== value) return null;
  const declaration = parent.parent;
  return declaration.type === 'VariableDeclaration' && declaration.declarations.length === 1
    ? declaration
    : null;
}

/**
 * `fetch(u).then((res) => res.ok)` → `fetch(u).then(async (res) => { await
 * res.body?.cancel(); return res.ok; })`: the callback only looks at the status line.
 */
export function cancelInThen(
  sourceCode: SourceCode,
  call: TSESTree.CallExpression,
  name: string,
  undici: boolean,
): FixFn | null {
  const then = call.parent?.parent;
  if (then?.type !== 'CallExpression') return null;
  const callback = then.arguments[0];
  if (callback?.type !== 'ArrowFunctionExpression' || callback.body.type === 'BlockStatement')
    return null;
  const arrow = sourceCode.getTokenBefore(callback.body, (t) => t.value === '=>');
  if (
    arrow === null ||
    sourceCode.getCommentsBefore(callback.body).some((c) => c.range[0] > arrow.range[0])
  )
    return null;
  const value = sourceCode.text.slice(arrow.range[1], callback.range[1]).trimStart();
  const release = `await ${releaseOn(name, undici)};`;
  const head = callback.async ? '' : 'async ';
  return (fixer) =>
    fixer.replaceTextRange(
      [callback.range[0], callback.range[1]],
      `${head}${sourceCode.text.slice(callback.range[0], arrow.range[1])} { ${release} return ${value}; }`,
    );
}

/**
 * A response read further down a loop body, skipped by `continue` before that
 * (`if (!res.ok) continue;`): released before each such `continue`. A response the loop
 * only looks at (every use a peek) is released right after its declaration.
 */
export function cancelInLoop(
  sourceCode: SourceCode,
  declarator: TSESTree.VariableDeclarator,
  loop: TSESTree.Node,
  cancel: string,
): { fix: (fixer: TSESLint.RuleFixer) => Fix[]; atOnce: boolean } | null {
  const declaration = declarator.parent;
  const owner = enclosingFunction(declarator);
  if (declaration?.type !== 'VariableDeclaration' || declaration.declarations.length !== 1)
    return null;
  if (owner === null || declarator.id.type !== 'Identifier') return null;
  const text = `${owner.async ? 'await' : 'void'} ${cancel};`;
  const [variable] = sourceCode.getDeclaredVariables(declarator);
  const reads = (variable?.references ?? []).filter((r) => r.identifier !== declarator.id);
  const firstRead = reads.find((r) => !peeksAtResponse(r.identifier));
  if (firstRead === undefined) {
    const after = statementAfter(sourceCode, declaration, text);
    return after && { fix: (fixer) => [after(fixer)], atOnce: true };
  }
  const skips = continuesOf(loop).filter(
    (c) => c.range[0] > declaration.range[1] && c.range[1] < firstRead.identifier.range[0],
  );
  const fixes = skips.map((c) => statementBefore(sourceCode, c, text));
  if (fixes.length === 0 || fixes.some((f) => f === null)) return null;
  return { fix: (fixer) => fixes.map((f) => f!(fixer)), atOnce: false };
}

/** The `continue` statements of `loop`'s own iterations (not a nested loop's or function's). */
function continuesOf(loop: TSESTree.Node): TSESTree.ContinueStatement[] {
  const label = loop.parent?.type === 'LabeledStatement' ? loop.parent.label.name : null;
  const found: TSESTree.ContinueStatement[] = [];
  const visit = (node: TSESTree.Node, nested: boolean): void => {
    if (node.type === 'ContinueStatement') {
      if (node.label === null ? !nested : node.label.name === label) found.push(node);
      return;
    }
    for (const child of childrenOf(node)) {
      if (!isFunctionNode(child)) visit(child, nested || LOOPS.has(child.type));
    }
  };
  if (LOOPS.has(loop.type)) visit((loop as TSESTree.ForStatement).body, false);
  return found;
}

const LOOPS = new Set([
  'ForStatement',
  'ForInStatement',
  'ForOfStatement',
  'WhileStatement',
  'DoWhileStatement',
]);
