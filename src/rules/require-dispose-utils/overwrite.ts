/**
 * The suggestion for a value whose binding is assigned again while it still holds it
 * (`fd = null` before the `finally` that closes it): release it on the line before.
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import { insertBefore, type FixFn } from '../../analysis/fixes/statement-fixes.js';
import { variableInScope } from '../../utils/ast/index.js';

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
  const fn = /^(?:await )?([A-Za-z_$][\w$]*)\(/.exec(release)?.[1];
  if (fn !== undefined && !variableInScope(sourceCode.getScope(statement), fn)) return null;
  return insertBefore(sourceCode, statement, `${release};`);
}
