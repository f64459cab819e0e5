import type { TSESTree } from '@typescript-eslint/utils';

import type { ResourceEntry } from '../catalog/types.js';
import { usePathFacts } from '../analysis/engine/code-paths.js';
import {
  createLeakFinder,
  type BranchTest,
  type LeakExit,
  type LeakSpec,
  type ParameterFinding,
} from '../analysis/engine/finder.js';
import { exitLine as exitLineOf } from '../analysis/fixes/describe.js';
import { statementBeforeExit } from '../analysis/fixes/statement-fixes.js';
import {
  closingCall,
  parameterReferences,
  testsParameterState,
} from '../analysis/resolve/given.js';
import type { Verdict } from '../analysis/engine/ownership.js';
import { findAcquisition } from '../analysis/resolve/match.js';
import { createWrapperFinder } from '../analysis/resolve/wrappers.js';
import type { FunctionNode } from '../utils/ast/index.js';
import { createRule } from '../utils/create-rule.js';
import { mergeListeners } from '../utils/listeners.js';
import { childCallOf, type ChildCall } from './child-process-lifecycle-utils/calls.js';
import { checkCall, checkChild, type MessageIds } from './child-process-lifecycle-utils/check.js';
import { givenChild, KILLS, stopsGiven } from './child-process-lifecycle-utils/given.js';
import { isServerCode } from './child-process-lifecycle-utils/server-code.js';
import { endSettled, factsOf } from './child-process-lifecycle-utils/uses.js';

export type Options = [
  { killTree?: boolean; requireSyncTimeout?: boolean; ownedParameters?: boolean },
];
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
      strictOptions: { killTree: true, requireSyncTimeout: true, ownedParameters: true },
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
      notStoppedGiven:
        'Kill child process `{{name}}` before line {{exitLine}} too, with `{{name}}.kill()`. This function kills the child it is given at line {{killLine}}, so it owns it, but the path that leaves at line {{exitLine}} leaves it running.',
      addSignal: 'Pass `{{signal}}` to `{{source}}` so that aborting it kills the child.',
      killBefore: 'Kill `{{name}}` before line {{exitLine}}.',
      awaitExit: 'Wait for `{{name}}` to exit with `once()`.',
      awaitChild: "Await the child's exit with `once()`.",
      awaitPromise: 'Await the promise.',
      rejectOnError: "Reject the promise on `{{name}}`'s 'error'.",
      deleteOnClose: 'Remove `{{name}}` from `{{registry}}` when it closes.',
      killAfterWait: "Kill `{{name}}` with 'SIGKILL' after the wait.",
      awaitKilled: 'Wait for the killed child to exit.',
      killOnFailure: 'Kill `{{name}}` in a `catch` that rethrows.',
      stopAtEnd: 'Kill `{{name}}` and wait for its exit at the end of the block.',
      stopInRelease: 'Kill `{{name}}` and wait for its exit in `{{method}}()`.',
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
          ownedParameters: {
            type: 'boolean',
            description:
              'Also report a child process parameter that the function kills at the end of its body (so it owns it) but leaves running on an early `return`.',
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
    defaultOptions: [{ killTree: false, requireSyncTimeout: false, ownedParameters: false }],
  },
  create(context, [options]) {
    const sourceCode = context.sourceCode;
    /** Every early exit of a function that kills the child it is given at its end. */
    function reportGiven({ param, fn, exits }: ParameterFinding): void {
      const name = param.name;
      const kill = parameterReferences(sourceCode, param, fn).find((ref) =>
        closingCall(ref, fn, KILLS),
      );
      if (!kill) return;
      const killLine = String(kill.loc.start.line);
      for (const exit of exits) {
        if (exit.kind === 'loop') continue;
        const exitLine = exitLineOf(exit);
        const fix = statementBeforeExit(sourceCode, exit, fn, `${name}.kill();`);
        const data = { name, killLine, exitLine };
        const suggest = fix ? [{ messageId: 'killBefore' as const, data, fix }] : [];
        context.report({ node: param, messageId: 'notStoppedGiven', data, suggest });
      }
    }

    const verdicts: { call: ChildCall; verdict: Verdict; via?: TSESTree.CallExpression }[] = [];
    // `function startWorker() { return fork(path) }` in this file: each call of it starts a
    // child its caller holds (issue 10 item 6).
    const wrapped = createWrapperFinder(
      sourceCode,
      (call) =>
        call.type === 'CallExpression' && childCallOf(sourceCode, call)?.form === 'child'
          ? findAcquisition(sourceCode, call)
          : null,
      { bindings: true },
    );
    const exits = new Map<TSESTree.Node, readonly LeakExit[]>();
    const calls: ChildCall[] = [];
    const spec: LeakSpec = {
      owns: ownsChildProcess,
      unknownCalleeTakesOwnership: true,
      exceptionPaths: false,
      // Released when its exit is observed, it is detached (`unref()`) or sent SIGKILL; not by
      // a `kill()` it may ignore.
      releasesOnly: (ref) => endSettled(factsOf(sourceCode, [ref])),
      select: { entryOf: (node) => wrapped(node)?.entry ?? null },
      // A child the function is given and kills at its end is its to stop on every path.
      ...(options.ownedParameters === true
        ? {
            parameters: {
              worthAsking: (text: string) => /\.kill\(/.test(text),
              entryOf: (param: TSESTree.Identifier, fn: FunctionNode) =>
                givenChild(sourceCode, param, fn),
              releasesOnly: (ref: TSESTree.Node) => stopsGiven(sourceCode, ref),
              onLeak: reportGiven,
            },
            // `if (child.exitCode !== null) return`: it may have nothing left to stop.
            holdsNothingWhen: (test: BranchTest, _entry: unknown, names: ReadonlySet<string>) =>
              testsParameterState(sourceCode, test, names),
          }
        : {}),
      onVerdict(node, _entry, verdict) {
        if (node.type !== 'CallExpression') return;
        const call = childCallOf(sourceCode, node);
        if (call?.form === 'child') verdicts.push({ call, verdict });
        const inner = call ? null : wrapped(node)?.acquisition;
        const child = inner?.type === 'CallExpression' ? childCallOf(sourceCode, inner) : null;
        if (child) verdicts.push({ call: child, verdict, via: node });
      },
    };
    const finder = createLeakFinder(context, spec, (finding) => {
      exits.set(finding.node, finding.exits);
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
          ...verdicts.flatMap(({ call, verdict, via }) =>
            checkChild(
              sourceCode,
              paths.facts,
              call,
              verdict,
              exits.get(via ?? call.node) ?? [],
              checkOptions,
              via,
            ),
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
