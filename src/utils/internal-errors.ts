/**
 * What happens when a rule's own code throws: the one contract, kept in one place.
 *
 * Analysis code never catches an error to answer a default. A step that cannot decide says so
 * with an explicit value (`null`, `'unknown'`, `undefined` where documented) and the rule stays
 * silent for it; an expected failure (an optional module that is not installed, an option the
 * schema rejects) is checked before it can happen. What is left is a bug, and `createRule` runs
 * every rule's `create` and listeners behind `guardListeners`:
 *
 * - With `LEAKPROOF_STRICT_ANALYSIS=1` in the environment (the test suite sets it for every
 *   test, see `vitest.config.ts`), the error propagates: ESLint fails with the rule, the file
 *   and the stack, and the test that met it fails.
 * - Otherwise (production), ESLint is never crashed by a rule on odd code: the rule stops for
 *   the rest of that file (no report from a half-finished analysis), every other rule and file
 *   is linted as usual, and the error is not lost: it is written once per process (per rule
 *   and message) as a Node warning with code `LEAKPROOF_INTERNAL_ERROR`, naming the rule and
 *   the file, with the stack as its detail.
 *
 * A `ConfigurationError` (the user's setup, e.g. a typed rule without type information) is not
 * a bug and always propagates.
 */
import type { TSESLint } from '@typescript-eslint/utils';

/**
 * An error in the user's setup, not in the rule: a typed rule or config on a file parsed
 * without type information. It always propagates, so ESLint fails loudly with the message
 * (as typescript-eslint's typed rules do) instead of one rule going quiet.
 */
export class ConfigurationError extends Error {
  override name = 'ConfigurationError';
}

export const STRICT_ANALYSIS_ENV = 'LEAKPROOF_STRICT_ANALYSIS';
export const INTERNAL_ERROR_CODE = 'LEAKPROOF_INTERNAL_ERROR';

/** Whether internal errors propagate (tests) rather than stop the rule for the file. */
export function strictAnalysis(): boolean {
  return typeof process !== 'undefined' && process.env[STRICT_ANALYSIS_ENV] === '1';
}

const warned = new Set<string>();

/** Rethrows under strict analysis; otherwise writes the warning (once per rule and message). */
export function internalError(rule: string, filename: string, error: unknown): void {
  if (strictAnalysis() || error instanceof ConfigurationError) throw error;
  const message = error instanceof Error ? error.message : String(error);
  const key = `${rule}\u0000${message}`;
  if (warned.has(key)) return;
  warned.add(key);
  process.emitWarning(`leakproof/${rule} stopped on ${filename}: ${message}`, {
    code: INTERNAL_ERROR_CODE,
    detail:
      (error instanceof Error ? error.stack : undefined) ??
      'Please report it with the code that triggered it.',
  });
}

type Listener = (a?: never, b?: never, c?: never) => void;

/**
 * The rule's listeners behind the boundary: the first internal error of a file stops the rule
 * for that file (see the contract above).
 */
export function guardListeners(
  rule: string,
  filename: string,
  listeners: TSESLint.RuleListener,
): TSESLint.RuleListener {
  // Most rules return no listeners for most files (their gates): nothing to guard then.
  let any = false;
  for (const selector in listeners) {
    if (!Object.hasOwn(listeners, selector)) continue;
    any = true;
    break;
  }
  if (!any) return listeners;
  let stopped = false;
  const guarded: Record<string, Listener> = {};
  for (const [selector, listener] of Object.entries(listeners as Record<string, unknown>)) {
    if (typeof listener !== 'function') continue;
    const run = listener as Listener;
    // Fixed arity, no rest array: these wrappers run for every node the rule listens to, and
    // ESLint passes at most three arguments (`onCodePathSegmentLoop`).
    guarded[selector] = (a, b, c) => {
      if (stopped) return;
      try {
        run(a, b, c);
      } catch (error) {
        stopped = true;
        internalError(rule, filename, error);
      }
    };
  }
  return guarded;
}
