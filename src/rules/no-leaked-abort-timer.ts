import type { TSESTree } from '@typescript-eslint/utils';

import { createLeakFinder, type LeakSpec } from '../analysis/engine/finder.js';
import { exitLine } from '../analysis/fixes/describe.js';
import {
  declaratorOf,
  soleConstDeclaration,
  wrapInTryFinally,
} from '../analysis/fixes/leak-fixes.js';
import { ABORT_TIMER } from '../catalog/abort.js';
import { createRule } from '../utils/create-rule.js';
import { enclosingFunction, staticPropertyName } from '../utils/ast/index.js';
import { mergeListeners } from '../utils/listeners.js';
import { timeoutSignalFix } from './no-leaked-abort-timer-utils/fix.js';
import { raceTimerUncleared } from './no-leaked-abort-timer-utils/race.js';
import { clearRaceFix } from './no-leaked-abort-timer-utils/race-fix.js';
import { timerCallOf, type TimerCall } from './no-leaked-abort-timer-utils/timers.js';

export type Options = [{ sleepRaces?: boolean }];
export type MessageIds =
  | 'dropped'
  | 'leaks'
  | 'notExceptionSafe'
  | 'raceNotCleared'
  | 'suggestClearInFinally'
  | 'suggestTimeoutSignal'
  | 'suggestClearRaceTimer';

/** The file text a tracked timer needs. */
const MAY_HOLD = /\.abort\(|Promise\.race/;

/** Only its own selection: no catalog entry (one function for every file: the finder's gate key). */
const ownsNothing = (): boolean => false;

export default createRule<Options, MessageIds>({
  name: 'no-leaked-abort-timer',
  meta: {
    type: 'problem',
    docs: {
      description:
        'Require timers that abort a controller or race a promise to be cleared on every path',
      recommended: true,
      strictOptions: { sleepRaces: true },
    },
    fixable: 'code',
    hasSuggestions: true,
    messages: {
      dropped: `Use \`AbortSignal.timeout(ms)\`, or keep and clear the timer aborting \`{{controller}}\`. The timer, started at line {{line}}, has its handle dropped, so it keeps the controller and the event loop alive until it fires, long after the work is done.`,
      leaks: `Clear \`{{name}}\`, the timer aborting \`{{controller}}\`, on every path, in a \`finally\`. Started at line {{line}}, it is not cleared when the function leaves at line {{exitLine}}, so it keeps the controller alive and aborts it after the work is done.`,
      notExceptionSafe: `Clear \`{{name}}\`, the timer aborting \`{{controller}}\`, in a \`finally\`, not only on success. It was started at line {{line}}; if the call at line {{callLine}} throws, \`clearTimeout({{name}})\` is skipped and the timer stays alive until it fires.`,
      raceNotCleared:
        'Clear the race timer of line {{line}} when the race settles (`finally { clearTimeout(timer) }`). Nothing clears it, so when the work wins, the timer and its promise stay alive until it fires.',
      suggestClearInFinally: 'Clear `{{name}}` in a `finally` block.',
      suggestTimeoutSignal: 'Replace the controller and its timer with `AbortSignal.timeout()`.',
      suggestClearRaceTimer: 'Keep the race timer and clear it when the race settles.',
    },
    schema: [
      {
        type: 'object',
        properties: {
          sleepRaces: {
            type: 'boolean',
            description:
              'Also report race timers that only resolve (`Promise.race([event, sleep(ms)])`), not only the ones that reject.',
          },
        },
        additionalProperties: false,
      },
    ],
    defaultOptions: [{ sleepRaces: false }],
  },
  create(context, [options]) {
    const sourceCode = context.sourceCode;
    if (!MAY_HOLD.test(sourceCode.text)) return {};
    const timers = new Map<TSESTree.Node, TimerCall>();
    const timerOf = (node: TSESTree.CallExpression): TimerCall | null => {
      if (!timers.has(node)) {
        const timer = timerCallOf(sourceCode, node);
        if (timer) timers.set(node, timer);
        else return null;
      }
      return timers.get(node) ?? null;
    };
    const spec: LeakSpec = {
      owns: ownsNothing,
      unknownCalleeTakesOwnership: true,
      exceptionPaths: true,
      // `timer.unref()`: its owner decided it may outlive the work without holding the process.
      isRelease: (ref) =>
        ref.parent?.type === 'MemberExpression' &&
        ref.parent.object === ref &&
        staticPropertyName(ref.parent) === 'unref',
      select: {
        worthAsking: (text) => MAY_HOLD.test(text),
        entryOf: (node) =>
          node.type === 'CallExpression' && timerOf(node)?.kind === 'abort' ? ABORT_TIMER : null,
      },
    };

    const finder = createLeakFinder(context, spec, ({ node, verdict, words }) => {
      const timer = timers.get(node);
      if (timer?.kind !== 'abort') return;
      const controller = timer.controller?.name ?? 'the controller';
      const line = words.line;
      const timeoutFix = timeoutSignalFix(sourceCode, timer);
      // `AbortSignal.timeout` rejects with a `TimeoutError`, not an `AbortError`: code that
      // tells them apart gets the rewrite as a suggestion only.
      const autofix = /AbortError/.test(sourceCode.text) ? null : timeoutFix;
      const suggest: {
        messageId: MessageIds;
        data?: Record<string, string>;
        fix: NonNullable<typeof timeoutFix>;
      }[] = [];
      if (timeoutFix && !autofix)
        suggest.push({ messageId: 'suggestTimeoutSignal', fix: timeoutFix });
      if (verdict.kind === 'discarded') {
        context.report({
          node,
          messageId: 'dropped',
          data: { controller, line },
          fix: autofix,
          suggest,
        });
        return;
      }
      const name = verdict.name;
      const declarator = declaratorOf(node);
      const declaration = declarator && soleConstDeclaration(declarator);
      const skipped = verdict.kind === 'leaks' ? verdict.releases : [verdict.release];
      const inFinally =
        !timeoutFix && declaration && skipped.length <= 1
          ? wrapInTryFinally(
              sourceCode,
              declaration,
              `clearTimeout(${name})`,
              skipped[0] ?? null,
              enclosingFunction(node)?.async === true,
            )
          : null;
      if (inFinally)
        suggest.push({ messageId: 'suggestClearInFinally', data: { name }, fix: inFinally });
      if (verdict.kind === 'not-exception-safe') {
        const callLine = String(verdict.call.loc.start.line);
        const data = { name, controller, line, callLine };
        context.report({ node, messageId: 'notExceptionSafe', data, fix: autofix, suggest });
        return;
      }
      const data = { name, controller, line, exitLine: exitLine(verdict.exits[0]) };
      context.report({ node, messageId: 'leaks', data, fix: autofix, suggest });
    });

    return mergeListeners(finder, {
      CallExpression(node): void {
        const timer = timerOf(node);
        if (timer?.kind !== 'race' || !raceTimerUncleared(sourceCode, node)) return;
        if (timer.settles === 'resolve' && !options.sleepRaces) return;
        const fix = clearRaceFix(sourceCode, context.filename, timer);
        context.report({
          node,
          messageId: 'raceNotCleared',
          data: { line: String(node.loc.start.line) },
          suggest: fix ? [{ messageId: 'suggestClearRaceTimer', fix }] : [],
        });
      },
    });
  },
});
