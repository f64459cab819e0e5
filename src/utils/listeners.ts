/** Combining rule listeners: two handlers for the same selector both run, in order. */
import type { TSESLint } from '@typescript-eslint/utils';

// Fixed arity (ESLint passes at most three arguments): no rest array on every call.
type Handler = (a?: never, b?: never, c?: never) => void;

export function mergeListeners(...all: TSESLint.RuleListener[]): TSESLint.RuleListener {
  const merged: Record<string, Handler> = {};
  for (const listeners of all) {
    for (const [selector, handler] of Object.entries(listeners as Record<string, Handler>)) {
      const before = merged[selector];
      merged[selector] = before
        ? (a?: never, b?: never, c?: never): void => {
            before(a, b, c);
            handler(a, b, c);
          }
        : handler;
    }
  }
  return merged;
}
