/**
 * The suggestion of `require-paired-calls`: the work after the open goes into `try`, the
 * close into `finally` (moved there when it already follows in the same block). Offered only
 * where the open is a statement of its own (`console.time(x);`, `const span = …;`) and the
 * existing close, if any, is one too.
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import {
  declaratorOf,
  soleConstDeclaration,
  wrapInTryFinally,
} from '../../analysis/fixes/leak-fixes.js';
import { enclosingFunction } from '../../utils/ast/index.js';

type Fix = (fixer: TSESLint.RuleFixer) => TSESLint.RuleFix;

/** The statement a node is the whole of: `x();`, `await x();`. */
function ownStatement(node: TSESTree.Node): TSESTree.ExpressionStatement | null {
  let child = node;
  while (child.parent?.type === 'AwaitExpression' || child.parent?.type === 'ChainExpression')
    child = child.parent;
  return child.parent?.type === 'ExpressionStatement' ? child.parent : null;
}

export function finallyFix(
  sourceCode: Readonly<TSESLint.SourceCode>,
  open: TSESTree.CallExpression,
  closeText: string,
  closes: readonly TSESTree.Node[],
): Fix | null {
  if (closes.length > 1) return null;
  const declarator = declaratorOf(open);
  const statement = declarator ? soleConstDeclaration(declarator) : ownStatement(open);
  if (!statement) return null;
  let existing: TSESTree.ExpressionStatement | null = null;
  if (closes.length === 1) {
    existing = ownStatement(closes[0]);
    if (!existing || existing.parent !== statement.parent) return null;
  }
  const isAsync = enclosingFunction(open)?.async === true;
  return wrapInTryFinally(sourceCode, statement, closeText, existing, isAsync);
}
