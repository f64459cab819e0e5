/** Combining rule listeners: two handlers for the same selector both run, in order. */
import type { TSESLint } from '@typescript-eslint/utils';

type Handler = (...args: never[]) => void;

export function mergeListeners(...all: TSESLint.RuleListener[]): TSESLint.RuleListener {
  const merged: Record<string, Handler> = {};
  for (const listeners of all) {
    for (const [selector, handler] of Object.entries(listeners as Record<string, Handler>)) {
      const before = merged[selector];
      merged[selector] = before
        ? (...args: never[]): void => {
            before(...args);
            handler(...args);
          }
        : handler;
    }
  }
  return merged;
}
