/**
 * Suggestions that release a value before the statement that would lose it: an assignment that
 * gives its binding another value while it still holds it (`fd = null` before the `finally`
 * that closes it), a `throw` that runs before it is handed on, or an `await` that may reject
 * before it is handed on (released in a `catch` that rethrows).
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import { insertBefore, statementBefore, type FixFn } from '../../analysis/fixes/statement-fixes.js';
import { freeName } from '../../analysis/fixes/names.js';
import {
  declaratorOf,
  statementsBetween,
  wrapInTryCatch,
} from '../../analysis/fixes/leak-fixes.js';
import { contains, variableInScope } from '../../utils/ast/index.js';

/**
 * Inserts `release;` (code, e.g. `closeSync(fd)`) before the statement holding `write`, or
 * `null` where that statement is not alone in a statement list, or the release function is
 * not in scope there (`closeSync` where the file calls `fs.closeSync`).
 */
export function releaseBefore(
  sourceCode: Readonly<TSESLint.SourceCode>,
  write: TSESTree.AssignmentExpression,
  release: string,
): FixFn | null {
  const statement = write.parent;
  if (statement.type !== 'ExpressionStatement') return null;
  if (!releaseInScope(sourceCode, statement, release)) return null;
  return insertBefore(sourceCode, statement, `${release};`);
}

/**
 * Inserts `release;` before `statement`, a `throw` that leaves with `name` still held; a
 * lone `if (bad) throw …` gets braces. `null` where the thrown expression names the value
 * (releasing first could change what it says) or the release function is not in scope.
 */
export function releaseBeforeThrow(
  sourceCode: Readonly<TSESLint.SourceCode>,
  statement: TSESTree.ThrowStatement,
  name: string,
  release: string,
): FixFn | null {
  const names = sourceCode
    .getTokens(statement)
    .some((token) => token.type === 'Identifier' && token.value === name);
  if (names || !releaseInScope(sourceCode, statement, release)) return null;
  return statementBefore(sourceCode, statement, `${release};`);
}

/** `closeSync(fd)` can be called at `node`: its function is in scope (not only `fs.closeSync`). */
function releaseInScope(
  sourceCode: Readonly<TSESLint.SourceCode>,
  node: TSESTree.Node,
  release: string,
): boolean {
  const fn = /^(?:await )?([A-Za-z_$][\w$]*)\(/.exec(release)?.[1];
  return fn === undefined || variableInScope(sourceCode.getScope(node), fn) !== undefined;
}

/**
 * `notExceptionSafeHandOff`: the statements from the acquisition up to the hand-off go into
 * `try { … } catch (error) { <release>; throw error; }`. When one of them declares a name the
 * hand-off reads (`const body = await get(url)`), the hand-off goes in too, but only for a
 * release a stream takes twice (`destroy()`, `end()`: the new owner may have ended it already).
 */
export function releaseIfThrows(
  sourceCode: Readonly<TSESLint.SourceCode>,
  node: TSESTree.Node,
  call: TSESTree.Node,
  handOff: TSESTree.Node,
  release: string,
): FixFn | null {
  const declaration = declaratorOf(node)?.parent;
  if (declaration?.type !== 'VariableDeclaration') return null;
  const before = statementsBetween(declaration, handOff);
  if (!before?.some((statement) => contains(statement, call))) return null;
  const error = freeName(sourceCode, before[0], ['error', 'err']);
  const fix = wrapInTryCatch(sourceCode, before, release, error);
  if (fix || !/\.(?:destroy|end)\(\)$/.test(release)) return fix;
  const block = declaration.parent;
  if (block.type !== 'BlockStatement') return null;
  const start = block.body.indexOf(before[0]);
  return wrapInTryCatch(
    sourceCode,
    block.body.slice(start, start + before.length + 1),
    release,
    error,
  );
}
