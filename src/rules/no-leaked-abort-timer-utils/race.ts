/**
 * A race timer's handle: is it ever cleared? The timer sits in a `new Promise` executor, so its
 * handle is either dropped (nothing can clear it), or stored in a binding outside the executor
 * (`timer = setTimeout(reject, ms)`) that a `finally` or settle handler clears.
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import { findVariable, valueParent } from '../../utils/ast/index.js';

type SourceCode = Readonly<TSESLint.SourceCode>;

/** Whether the handle of the race timer `node` can never be cleared. */
export function raceTimerUncleared(sourceCode: SourceCode, node: TSESTree.CallExpression): boolean {
  const { child, parent } = valueParent(node);
  let id: TSESTree.Identifier | null = null;
  if (parent?.type === 'ExpressionStatement') return true;
  if (parent?.type === 'ArrowFunctionExpression' && parent.body === child) return true;
  if (parent?.type === 'VariableDeclarator' && parent.id.type === 'Identifier') id = parent.id;
  else if (
    parent?.type === 'AssignmentExpression' &&
    parent.right === child &&
    parent.left.type === 'Identifier'
  )
    id = parent.left;
  if (id === null) return false;
  const variable = findVariable(sourceCode, id);
  if (!variable) return false;
  // Any read (cleared, unref'd, returned, stored, passed on) takes care of it.
  return variable.references.every(
    (reference) => reference.identifier === id || reference.isWriteOnly(),
  );
}
