import type { TSESTree } from '@typescript-eslint/utils';

import type { ResourceEntry } from '../catalog/types.js';
import { usePathFacts } from '../analysis/engine/code-paths.js';
import { createLeakFinder, type LeakExit, type LeakSpec } from '../analysis/engine/finder.js';
import type { Verdict } from '../analysis/engine/ownership.js';
import { createRule } from '../utils/create-rule.js';
import { mergeListeners } from '../utils/listeners.js';
import { childCallOf, type ChildCall } from './child-process-lifecycle-utils/calls.js';
import { checkCall, checkChild, type MessageIds } from './child-process-lifecycle-utils/check.js';
import { isServerCode } from './child-process-lifecycle-utils/server-code.js';
import { endSettled, factsOf } from './child-process-lifecycle-utils/uses.js';

export type Options = [{ killTree?: boolean; requireSyncTimeout?: boolean }];
export type { MessageIds };

const CHILD = 'child process from `{{source}}`, line {{line}}';

/** What the rule owns, one function for every file (the finder keys its file gate on it). */
const ownsChildProcess = (entry: ResourceEntry): boolean => entry.kind === 'child-process';

export default createRule<Options, MessageIds>({
  name: 'child-process-lifecycle',
  meta: {
    type: 'problem',
    docs: {
      description:
        "Require child processes to have 'error' handled, their exit awaited, and to be stopped on cancellation and failure",
      recommended: true,
      strictOptions: { killTree: true, requireSyncTimeout: true },
    },
    fixable: 'code',
    hasSuggestions: true,
    messages: {
      errorNotHandled: `\`{{name}}\` (${CHILD}) has no 'error' listener. A failed spawn (ENOENT) would crash the process: add \`{{name}}.on('error', …)\`, or await \`once({{name}}, 'close')\`, which rejects on 'error'.`,
      discardedNoError: `The ${CHILD} has no 'error' listener. A failed spawn (ENOENT) would crash the process: keep it in a variable and handle 'error' (\`child.on('error', …)\`).`,
      exitNotObserved: `Wait for child process \`{{name}}\` to close before the function leaves at line {{exitLine}}. \`{{name}}\` (${CHILD}) is not waited for there, so its exit code and failure are lost: await \`once({{name}}, 'close')\` or listen for 'close', return it, or call \`{{name}}.unref()\` if it should outlive this function.`,
      exitNotObservedInLoop: `Wait for child process \`{{name}}\` to close before the loop at line {{exitLine}} moves on. \`{{name}}\` (${CHILD}) is not waited for there, so its exit code and failure are lost: await \`once({{name}}, 'close')\` in each iteration, or listen for 'close'.`,
      discardedNoExit: `The ${CHILD} is never waited for. Its exit code and failure are lost: keep it in a variable and await \`once(child, 'close')\`, or \`.unref()\` it if it should outlive this function.`,
      usingOnly: `\`{{name}}\` (${CHILD}) is only disposed by \`using\`. That sends SIGTERM and does not wait for the exit: await \`once({{name}}, 'exit')\` before the scope ends.`,
      neverStopped: `Kill child process \`{{name}}\` and await its 'exit' in its class's release method. \`{{name}}\` (${CHILD}) is never stopped or waited for by its class: do it in \`async [Symbol.asyncDispose]()\`.`,
      notCancelled: `\`{{name}}\` (${CHILD}) keeps running when \`{{signal}}\` aborts. Pass the signal in its options (\`{ signal }\`), or kill the child in an 'abort' listener.`,
      notCancelledCall: `The ${CHILD} keeps running when \`{{signal}}\` aborts. Pass the signal in its options: \`{ signal }\`.`,
      promiseNotHandled: `The promise of \`{{source}}\` at line {{line}} is dropped. When the command fails it rejects unhandled, which crashes the process: await it or handle its rejection.`,
      notStoppedOnFailure: `Kill child process \`{{name}}\` in a \`catch\` or \`finally\` around line {{failLine}}, then rethrow. \`{{name}}\` (${CHILD}) keeps running if that line throws.`,
      timeoutWithoutKill: `Kill child process \`{{name}}\` when the wait at line {{waitLine}} times out, and wait for it to exit. \`{{name}}\` (${CHILD}) is left running on that path: call \`{{name}}.kill('SIGKILL')\` there.`,
      killNotAwaited: `Await the 'exit' of child process \`{{name}}\` after the kill at line {{killLine}}. Nothing waits for \`{{name}}\` (${CHILD}) to exit, and it may ignore the signal or outlive the caller: escalate to SIGKILL after a timeout.`,
      registryNotCleaned: `\`{{name}}\` (${CHILD}) stays in \`{{registry}}\` after it exits. Delete the entry when it exits: \`{{name}}.once('exit', () => {{registry}}.delete(…))\`.`,
      treeNotKilled: `Spawn child process \`{{name}}\` with \`detached: true\` and stop its group at line {{stopLine}}. \`{{name}}\` (${CHILD}) is stopped there without its own children: call \`process.kill(-{{name}}.pid, signal)\`.`,
      syncWithoutTimeout: `\`{{source}}\` at line {{line}} blocks this server and has no \`timeout\`. A hung command stalls every request: pass \`timeout\` in its options, or use the asynchronous form.`,
      addSignal: 'Pass `{{signal}}` to `{{source}}` so that aborting it kills the child.',
    },
    schema: [
      {
        type: 'object',
        properties: {
          killTree: {
            type: 'boolean',
            description:
              'Require stopping the whole process tree: spawn with `detached: true` and kill the group (`process.kill(-child.pid)`).',
          },
          requireSyncTimeout: {
            type: 'boolean',
            description:
              'Require a `timeout` option for `execSync`, `execFileSync` and `spawnSync` in server code.',
          },
        },
        additionalProperties: false,
      },
    ],
    defaultOptions: [{ killTree: false, requireSyncTimeout: false }],
  },
  create(context, [options]) {
    const sourceCode = context.sourceCode;
    const verdicts: { call: ChildCall; verdict: Verdict }[] = [];
    const exits = new Map<TSESTree.Node, LeakExit>();
    const calls: ChildCall[] = [];
    const spec: LeakSpec = {
      owns: ownsChildProcess,
      unknownCalleeTakesOwnership: true,
      exceptionPaths: false,
      // Released when its exit is observed, it is detached (`unref()`) or sent SIGKILL; not by
      // a `kill()` it may ignore.
      releasesOnly: (ref) => endSettled(factsOf(sourceCode, [ref])),
      onVerdict(node, _entry, verdict) {
        const call = node.type === 'CallExpression' ? childCallOf(sourceCode, node) : null;
        if (call?.form === 'child') verdicts.push({ call, verdict });
      },
    };
    const finder = createLeakFinder(context, spec, ({ node, exits: [first] }) => {
      if (first) exits.set(node, first);
    });
    if (Object.keys(finder).length === 0) return {};
    const paths = usePathFacts(context);
    const env = { sourceCode, filename: context.filename };
    const checkOptions = { killTree: options.killTree === true };

    return mergeListeners(finder, paths.listeners, {
      CallExpression(node): void {
        const call = childCallOf(sourceCode, node);
        if (call && call.form !== 'child') calls.push(call);
      },
      'Program:exit'(): void {
        const problems = [
          ...verdicts.flatMap(({ call, verdict }) =>
            checkChild(sourceCode, paths.facts, call, verdict, exits.get(call.node), checkOptions),
          ),
          ...calls.flatMap((call) =>
            checkCall(
              sourceCode,
              call,
              () => isServerCode(env, call.node),
              options.requireSyncTimeout === true,
            ),
          ),
        ];
        // Two children kept in one field share its kills and waits: one report each.
        const seen = new Set<string>();
        for (const { messageId, node, data, fix, suggest } of problems) {
          const key = `${messageId}@${node.range.join('-')}`;
          if (seen.has(key)) continue;
          seen.add(key);
          context.report({ node, messageId, data, fix: fix ?? null, suggest: suggest ?? [] });
        }
      },
    });
  },
});
