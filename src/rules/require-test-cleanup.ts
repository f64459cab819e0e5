import type { TSESTree } from '@typescript-eslint/utils';

import type { ResourceEntry } from '../catalog/types.js';
import { createLeakFinder } from '../analysis/engine/finder.js';
import { needsRelease } from '../analysis/resolve/match.js';
import { DROPPED_KINDS, MATCHING_TEARDOWN } from '../catalog/test-runners.js';
import { createRule } from '../utils/create-rule.js';
import { isFunctionNode, type FunctionNode } from '../utils/ast/index.js';
import { mergeListeners } from '../utils/listeners.js';
import { addToTeardown, newTeardown, renameTeardown } from './require-test-cleanup-utils/fix.js';
import type { Hook } from './require-test-cleanup-utils/hooks.js';
import { createSuiteScan } from './require-test-cleanup-utils/scan.js';
import { createVerdicts } from './require-test-cleanup-utils/verdicts.js';

export type Options = [{ spies?: boolean }];
export type MessageIds =
  | 'notReleased'
  | 'wrongHook'
  | 'dropped'
  | 'timersNotRestored'
  | 'spyNotRestored'
  | 'addRelease'
  | 'addTeardown'
  | 'renameTeardown';

/** What the rule owns, one function for every file (the finder keys its file gate on it). */
const ownsDropped = (e: ResourceEntry): boolean =>
  DROPPED_KINDS.has(e.kind) && needsRelease(e) && !e.selfReleasing;

export default createRule<Options, MessageIds>({
  name: 'require-test-cleanup',
  meta: {
    type: 'problem',
    docs: {
      description:
        'Require servers, clients, timers and other resources created in test setup hooks to be released in the matching teardown hook',
      recommended: true,
      strictOptions: { spies: true },
    },
    hasSuggestions: true,
    messages: {
      notReleased:
        '`{{name}}` ({{label}} from `{{source}}` in `{{hook}}` at line {{line}}) is never released. Call {{release}} in `{{teardown}}`.',
      wrongHook:
        'Release `{{name}}` in `{{teardown}}` to match `{{hook}}`, not only in `{{released}}`. `{{name}}` ({{label}} from `{{source}}` at line {{line}}) is created in `{{hook}}` but released only in `{{released}}`: every test but the last leaks one.',
      dropped:
        'The {{label}} from `{{source}}` at line {{line}} is created in `{{hook}}` and never released. Keep it in a variable of the describe block and release it in `{{teardown}}`.',
      timersNotRestored:
        'Call `{{namespace}}.useRealTimers()` in `{{teardown}}` to restore the fake timers. Those installed in `{{hook}}` at line {{line}} are never restored, so the tests after this block run on them.',
      spyNotRestored:
        'The spy from `{{source}}` in `{{hook}}` at line {{line}} is never restored. Call {{release}} in `{{teardown}}`.',
      addRelease: 'Add {{release}} to the `{{teardown}}` hook at line {{line}}.',
      addTeardown: 'Add a `{{teardown}}` hook that calls {{release}}.',
      renameTeardown: 'Release it in `{{teardown}}` instead of `{{released}}`.',
    },
    schema: [
      {
        type: 'object',
        properties: {
          spies: {
            type: 'boolean',
            description:
              'Also check `vi.spyOn` / `jest.spyOn` spies made in setup hooks (off by default: a `restoreMocks` setting in the runner config, which a lint rule cannot see, may restore them).',
          },
        },
        additionalProperties: false,
      },
    ],
    defaultOptions: [{ spies: false }],
  },
  create(context, [options]) {
    const sourceCode = context.sourceCode;
    // A setup hook is called by its own name (`hookOf`): `before…(`, `before…<T>(`, `before…?.(`;
    // the word alone is in many comments.
    if (!/\bbefore(?:All|Each)?\s*(?:\(|<|\?\.)/.test(sourceCode.text)) return {};
    const { listeners, suite } = createSuiteScan(sourceCode, options.spies === true);
    const teardownOf = (hook: Hook): string => MATCHING_TEARDOWN[hook.name] ?? 'afterAll';

    // A resource a setup hook neither keeps nor releases: the leak finder's verdict.
    const finder = createLeakFinder(
      context,
      {
        owns: ownsDropped,
        unknownCalleeTakesOwnership: true,
        exceptionPaths: false,
      },
      ({ node, verdict, words }) => {
        const hook = suite.hooks.find((h) => h.role === 'setup' && h.body && runsIn(node, h.body));
        if (!hook || (verdict.kind !== 'leaks' && verdict.kind !== 'discarded')) return;
        const { label, source, line } = words;
        const data = { label, source, line, hook: hook.name, teardown: teardownOf(hook) };
        context.report({ node, messageId: 'dropped', data });
      },
    );

    return mergeListeners(finder, listeners, {
      'Program:exit'(): void {
        const verdicts = createVerdicts(sourceCode.ast, suite.hooks, suite.facts);
        /** `code` added to the teardown matching `hook`, or in a new one after `hook`. */
        const releaseIn = (hook: Hook, code: string | null, awaited: boolean) => {
          if (code === null) return [];
          const teardown = teardownOf(hook);
          const release = `\`${code}\``;
          const target = verdicts.teardownFor(hook);
          if (target) {
            const fix = addToTeardown(sourceCode, target, code, awaited);
            const data = { release, teardown, line: String(target.call.loc.start.line) };
            return fix ? [{ messageId: 'addRelease' as const, data, fix }] : [];
          }
          const fix = newTeardown(sourceCode, hook, teardown, code, awaited);
          return fix
            ? [{ messageId: 'addTeardown' as const, data: { release, teardown }, fix }]
            : [];
        };
        for (const { held, hook } of suite.kept) {
          const verdict = verdicts.ofHeld(held, hook);
          if (verdict === null) continue;
          const { node, label, source } = held;
          const name = held.holder.name;
          const line = String(node.loc.start.line);
          const release = `\`${held.release}\``;
          const teardown = teardownOf(hook);
          if (verdict.kind === 'wrong-hook') {
            const data = {
              name,
              label,
              source,
              line,
              hook: hook.name,
              teardown,
              released: verdict.released,
            };
            const wrong = verdicts.releasedIn(held, hook);
            const fix = wrong && renameTeardown(sourceCode, hook, wrong, teardown, name);
            const suggest = fix ? [{ messageId: 'renameTeardown' as const, data, fix }] : [];
            context.report({ node, messageId: 'wrongHook', data, suggest });
            continue;
          }
          const suggest = releaseIn(hook, held.fixable ? held.release : null, held.asyncRelease);
          const data = { name, label, source, line, hook: hook.name, release, teardown };
          context.report({ node, messageId: 'notReleased', data, suggest });
        }
        for (const { state, hook } of suite.states) {
          if (!verdicts.stateLeaks(state, hook)) continue;
          const { node, namespace, holder } = state;
          const line = String(node.loc.start.line);
          const teardown = teardownOf(hook);
          if (state.kind === 'fake-timers') {
            const data = { hook: hook.name, line, namespace, teardown };
            const suggest = releaseIn(hook, `${namespace}.useRealTimers()`, false);
            context.report({ node, messageId: 'timersNotRestored', data, suggest });
          } else {
            const release = holder
              ? `\`${holder.name}.mockRestore()\``
              : `\`${namespace}.restoreAllMocks()\``;
            const data = {
              source: `${namespace}.spyOn()`,
              hook: hook.name,
              line,
              release,
              teardown,
            };
            // Without a holder, only `restoreAllMocks()` could: it restores other spies too.
            const suggest = releaseIn(hook, holder ? `${holder.name}.mockRestore()` : null, false);
            context.report({ node, messageId: 'spyNotRestored', data, suggest });
          }
        }
      },
    });
  },
});

/** `node` runs in `body` itself, not in a function nested in it. */
function runsIn(node: TSESTree.Node, body: FunctionNode): boolean {
  for (let n = node.parent; n; n = n.parent) if (isFunctionNode(n)) return n === body;
  return false;
}
