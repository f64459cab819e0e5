/**
 * `const res = fetch(u); return res.status === 200;`: the binding holds the promise, not the
 * response. Its `status` is `undefined`, and the response it resolves to is never read. The
 * mistake to report is the missing `await`, not the body: `res.body?.cancel()` on a promise
 * is a type error and does nothing at run time.
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import type { Finding } from '../../analysis/engine/finder.js';

/** Whether `declarator` binds the un-awaited promise of the response `finding` acquires. */
export function holdsPromise(finding: Finding, declarator: TSESTree.VariableDeclarator): boolean {
  if (declarator.init !== finding.node) return false;
  const typed = finding.typed;
  // A call typed as a plain `Response` (`Response.json(x)`) is no promise.
  if (typed?.knowsType(finding.node)) return typed.mayBeThenable(finding.node);
  return finding.entry.asyncAcquire === true;
}

/**
 * The suggestion: `await` before the call, and the body's release before each leaking exit
 * (`cancels`, all of them or nothing), in an `async` function.
 */
export function awaitAndCancel(
  node: TSESTree.Node,
  cancels: readonly (TSESLint.ReportFixFunction | null)[],
): TSESLint.ReportFixFunction | null {
  if (cancels.length === 0 || cancels.some((c) => c === null)) return null;
  return (fixer) => [
    fixer.insertTextBefore(node, 'await '),
    ...cancels.flatMap((cancel) => {
      const fix = cancel!(fixer);
      return fix === null ? [] : 'range' in fix ? [fix] : [...fix];
    }),
  ];
}
