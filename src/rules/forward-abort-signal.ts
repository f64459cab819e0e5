import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import { signalInScope } from '../analysis/cancellation/signal-in-scope.js';
import { addOption, optionProperty, type OptionsSlot } from '../analysis/fixes/option-fixes.js';
import { requiredTypeServices } from '../analysis/types/type-services.js';
import { createRule } from '../utils/create-rule.js';
import { acceptingOf, type Accepting } from './forward-abort-signal-utils/acceptors.js';
import { thisSignal } from './forward-abort-signal-utils/this-signal.js';

export type Options = [];
export type MessageIds = 'notForwarded';

/** Where the signal would go: the options slot, or `unknown` when it cannot be told. */
function slotOf(node: TSESTree.CallExpression, accepting: Accepting): OptionsSlot | 'present' {
  const args = node.arguments;
  if (args.some((arg) => arg.type === 'SpreadElement')) return { kind: 'unknown' };
  const arg = args[accepting.index];
  if (arg !== undefined) {
    if (accepting.kind === 'direct') return 'present';
    if (arg.type !== 'ObjectExpression') return { kind: 'unknown' };
    return optionProperty(arg, 'signal') === null ? { kind: 'object', node: arg } : 'present';
  }
  // Every argument before the slot is there (or may be filled with `undefined`).
  const last = args.at(-1);
  if (last === undefined || (args.length !== accepting.index && !accepting.fillGaps))
    return { kind: 'unknown' };
  return { kind: 'missing', after: last, before: null };
}

export default createRule<Options, MessageIds>({
  name: 'forward-abort-signal',
  meta: {
    type: 'suggestion',
    docs: {
      description: 'Require an `AbortSignal` in scope to be passed on to the calls that accept one',
      recommended: true,
      requiresTypeChecking: true,
    },
    fixable: 'code',
    messages: {
      notForwarded:
        'Pass `{{signal}}` to `{{callee}}`: it accepts an `AbortSignal`, and without it aborting `{{signal}}` does not cancel this call. Write `signal: undefined` if it must not be cancelled.',
    },
    schema: [],
  },
  create(context) {
    const sourceCode = context.sourceCode;
    const services = requiredTypeServices(sourceCode);
    if (!/signal/i.test(sourceCode.text)) return {};
    return {
      CallExpression(node): void {
        const own = signalInScope(sourceCode, node) ?? null;
        const member = own === null ? thisSignal(services, node) : null;
        const signal = own ?? (member ? { name: member, certain: true } : null);
        if (signal === null) return;
        const accepting = acceptingOf(sourceCode, services, node);
        if (accepting === null) return;
        const slot = slotOf(node, accepting);
        if (slot === 'present' || slot.kind === 'unknown') return;
        const data = { signal: signal.name, callee: accepting.label };
        const fix = signal.certain
          ? forwardFix(sourceCode, node, accepting, slot, signal.name)
          : null;
        context.report({ node, messageId: 'notForwarded', data, fix });
      },
    };
  },
});

/** The fix that passes `name`: as the argument itself, or as `signal` in the options. */
function forwardFix(
  sourceCode: Readonly<TSESLint.SourceCode>,
  node: TSESTree.CallExpression,
  accepting: Accepting,
  slot: OptionsSlot,
  name: string,
): TSESLint.ReportFixFunction | null {
  const last = node.arguments.at(-1);
  if (accepting.kind === 'direct') {
    if (last === undefined || node.arguments.length !== accepting.index) return null;
    return (fixer) => fixer.insertTextAfter(last, `, ${name}`);
  }
  const property = name === 'signal' ? 'signal' : `signal: ${name}`;
  if (slot.kind !== 'missing') return addOption(sourceCode, slot, 'signal', property);
  // `setTimeout(ms)` from timers/promises: `setTimeout(ms, undefined, { signal })`.
  const filler = 'undefined, '.repeat(Math.max(0, accepting.index - node.arguments.length));
  return (fixer) => fixer.insertTextAfter(slot.after, `, ${filler}{ ${property} }`);
}
