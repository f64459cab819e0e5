/**
 * Cancellation: is an `AbortSignal` in scope where a child is spawned, is the child stopped
 * when it aborts, and the fix that forwards it (`{ signal }` in the spawner's options).
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import { addOption } from '../../analysis/fixes/option-fixes.js';
import { enclosingFunction, type FunctionNode } from '../../utils/ast/index.js';
import { optionsSlot, type ChildCall } from './calls.js';
import type { ChildFacts } from './uses.js';

export { signalInScope, type ScopeSignal } from '../../analysis/cancellation/signal-in-scope.js';

type Node = TSESTree.Node;
type SourceCode = Readonly<TSESLint.SourceCode>;

const textOf = (sourceCode: SourceCode, node: Node | undefined): string =>
  node ? sourceCode.text.slice(node.range[0], node.range[1]) : '';

/**
 * A `kill()` that abort or failure leads to: in a handler (an abort listener, a timer), in
 * `catch`/`finally`, or under a test of the signal (`if (signal.aborted) child.kill()`).
 */
export function stoppedOnAbort(
  sourceCode: SourceCode,
  facts: ChildFacts,
  owner: FunctionNode,
  signal: string,
): boolean {
  const mentionsSignal = new RegExp(`\\b${signal}\\b`);
  return facts.kills.some((kill) => {
    if (enclosingFunction(kill.node) !== owner) return true;
    let child: Node = kill.node;
    for (let n: Node | undefined = child.parent; n && n !== owner; child = n, n = n.parent) {
      if (n.type === 'CatchClause') return true;
      if (n.type === 'TryStatement' && n.finalizer === child) return true;
      if (n.type === 'IfStatement' && n.consequent === child)
        if (mentionsSignal.test(textOf(sourceCode, n.test))) return true;
    }
    return false;
  });
}

/**
 * Adds `signal` to a spawner's options: merged into an options literal, or a new `{ signal }`
 * at the spawner's options position (`addOption`).
 */
export function addSignal(
  sourceCode: SourceCode,
  call: ChildCall,
  signal: string,
): TSESLint.ReportFixFunction | null {
  const property = signal === 'signal' ? 'signal' : `signal: ${signal}`;
  return addOption(sourceCode, optionsSlot(call), 'signal', property);
}
