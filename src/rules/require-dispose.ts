import type { TSESTree } from '@typescript-eslint/utils';

import {
  createLeakFinder,
  type BranchTest,
  type LeakSpec,
  type ParameterFinding,
} from '../analysis/engine/finder.js';
import { exitLine as exitLineOf } from '../analysis/fixes/describe.js';
import { isTestFile } from '../analysis/lifetime/test-files.js';
import { findingFixes } from '../analysis/fixes/leak-fixes.js';
import { statementBeforeExit } from '../analysis/fixes/statement-fixes.js';
import { parameterReferences, testsParameterState } from '../analysis/resolve/given.js';
import { findAcquisition, needsRelease } from '../analysis/resolve/match.js';
import { entriesFromOptions } from '../analysis/resolve/user-resources.js';
import { createWrapperFinder } from '../analysis/resolve/wrappers.js';
import { resourceSpecifierSchema } from '../catalog/index.js';
import type { ResourceSpecifier } from '../catalog/options.js';
import type { ResourceEntry, ResourceKind } from '../catalog/types.js';
import { outermostWrapper, type FunctionNode } from '../utils/ast/index.js';
import { createRule } from '../utils/create-rule.js';
import { releaseDropped } from './require-dispose-utils/dropped.js';
import { bodyRelease, givenResource } from './require-dispose-utils/given.js';
import {
  releaseBefore,
  releaseBeforeThrow,
  releaseIfThrows,
} from './require-dispose-utils/overwrite.js';
import { livesWithProcess } from './require-dispose-utils/process-lifetime.js';

export type Options = [
  {
    exceptionPaths?: boolean;
    unknownCalleesTakeOwnership?: boolean;
    processStdin?: boolean;
    ownedParameters?: boolean;
    resources?: ResourceSpecifier[];
  },
];
export type MessageIds =
  | 'discarded'
  | 'leaks'
  | 'leaksOnPaths'
  | 'leaksInLoop'
  | 'notExceptionSafe'
  | 'notExceptionSafeHandOff'
  | 'throwsBeforeHandOff'
  | 'overwritten'
  | 'leaksGiven'
  | 'suggestTryFinally'
  | 'suggestReleaseBefore'
  | 'suggestReleaseBeforeThrow'
  | 'suggestReleaseInCatch'
  | 'suggestReleaseDropped'
  | 'suggestReleaseGiven';

/**
 * Kinds this rule owns. Servers and workers are meant to outlive the function that starts
 * them; clients, child processes, timers, listeners and response bodies have rules of their
 * own. Sockets, watchers and readline interfaces are owned until a listener takes them into
 * their event flow (the catalog's `liveEvents`): one opened and used in a function, then left
 * open, is a leak; one wired to `'data'`/`'line'`/`'change'` works on by design.
 */
const KINDS = new Set<ResourceKind>([
  'file-handle',
  'file-descriptor',
  'file-stream',
  'directory',
  'db-connection',
  'disposable-stack',
  'typed-disposable',
  'socket',
  'watcher',
  'readline',
]);

const owns = (entry: ResourceEntry): boolean =>
  KINDS.has(entry.kind) &&
  !entry.selfReleasing &&
  !entry.client &&
  entry.callbackResult === undefined;

export default createRule<Options, MessageIds>({
  name: 'require-dispose',
  meta: {
    type: 'problem',
    docs: {
      description:
        'Require resources (file handles, streams, pool connections, disposables) to be released on every path',
      recommended: true,
      strictOptions: {
        unknownCalleesTakeOwnership: false,
        processStdin: true,
        ownedParameters: true,
      },
    },
    fixable: 'code',
    hasSuggestions: true,
    messages: {
      discarded:
        'Keep the {{label}} from `{{source}}` in a variable and release it with {{fix}}. It is acquired at line {{line}} and dropped without being released.',
      leaks:
        'Release `{{name}}` ({{label}}) on every path with {{fix}}. It is acquired by `{{source}}` at line {{line}} and not released when the function leaves at line {{exitLine}}: that path skips {{release}}.',
      leaksOnPaths:
        'Release `{{name}}` ({{label}}) on every path with {{fix}}. It is acquired by `{{source}}` at line {{line}} and not released when the function leaves at lines {{exitLines}}: those paths skip {{release}}.',
      leaksInLoop:
        'Release `{{name}}` ({{label}}) in every iteration with {{fix}}. It is acquired by `{{source}}` at line {{line}}, inside the loop at line {{exitLine}}, and not released before the loop moves on to its next iteration.',
      notExceptionSafe:
        'Release `{{name}}` ({{label}}) even when a call throws, with {{fix}}. It is acquired by `{{source}}` at line {{line}} and leaks if the call at line {{callLine}} throws: {{release}} is skipped.',
      notExceptionSafeHandOff:
        'Acquire `{{name}}` after the `await` at line {{callLine}}, or release it in a `catch` that rethrows. `{{name}}` ({{label}}) is acquired by `{{source}}` at line {{line}} and leaks if that `await` throws before it is handed on at line {{handLine}}: release it there with {{release}}.',
      throwsBeforeHandOff:
        'Release `{{name}}` before the `throw` at line {{callLine}}, or acquire it after that line. `{{name}}` ({{label}}) is acquired by `{{source}}` at line {{line}} and leaks when that `throw` runs before it is handed on at line {{handLine}}: release it first with {{release}}.',
      overwritten:
        'Release `{{name}}` ({{label}}) with {{release}} before line {{writeLine}} assigns it again. It is acquired by `{{source}}` at line {{line}}; once that assignment replaces it, no release can reach it.',
      leaksGiven:
        'Release `{{name}}` ({{label}}) before line {{exitLine}} too, with `{{release}}`. This function releases the {{label}} it is given at line {{releaseLine}}, so it owns it, but the path that leaves at line {{exitLine}} neither releases it nor hands it on.',
      suggestTryFinally: 'Release `{{name}}` in a `finally` block.',
      suggestReleaseGiven: 'Release `{{name}}` before line {{exitLine}}.',
      suggestReleaseBefore: 'Release `{{name}}` before it is assigned again.',
      suggestReleaseBeforeThrow: 'Release `{{name}}` before the `throw`.',
      suggestReleaseInCatch: 'Release `{{name}}` in a `catch` that rethrows.',
      suggestReleaseDropped: 'Release the {{label}} in the same statement.',
    },
    schema: [
      {
        type: 'object',
        properties: {
          exceptionPaths: {
            type: 'boolean',
            description:
              'Also report releases that a throw between acquisition and release would skip (never in test files, where a failure ends the test).',
          },
          unknownCalleesTakeOwnership: {
            type: 'boolean',
            description:
              'Passing a resource to a function this rule does not know hands ownership to that function.',
          },
          processStdin: {
            type: 'boolean',
            description:
              'Also report readline interfaces over `process.stdin` left open in code that may run more than once per process (code that runs once, a CLI `main`, is never reported).',
          },
          ownedParameters: {
            type: 'boolean',
            description:
              'Also report a parameter that the function releases at the end of its body (so it owns it) but leaves unreleased on an early `return`.',
          },
          resources: {
            type: 'array',
            description:
              'More resources to track, in typescript-eslint `TypeOrValueSpecifier` shape.',
            items: resourceSpecifierSchema,
          },
        },
        additionalProperties: false,
      },
    ],
    defaultOptions: [
      {
        exceptionPaths: true,
        unknownCalleesTakeOwnership: true,
        processStdin: false,
        ownedParameters: false,
        resources: [],
      },
    ],
  },
  create(context, [options]) {
    const sourceCode = context.sourceCode;

    /** Every early exit of a function that releases what it is given at its end. */
    function reportGiven({ param, fn, entry, exits }: ParameterFinding): void {
      const name = param.name;
      const ref = parameterReferences(sourceCode, param, fn).find((r) => bodyRelease(r, fn));
      if (!ref) return;
      const call = outermostWrapper(ref).parent!.parent as TSESTree.CallExpression;
      const awaited = outermostWrapper(call, { await: true }).type === 'AwaitExpression';
      const method = bodyRelease(ref, fn)!;
      const release = `${awaited && fn.async ? 'await ' : ''}${name}.${method}()`;
      const releaseLine = String(call.loc.start.line);
      for (const exit of exits) {
        if (exit.kind === 'loop') continue;
        const exitLine = exitLineOf(exit);
        const fix = statementBeforeExit(sourceCode, exit, fn, `${release};`);
        const data = { name, label: entry.label, release, releaseLine, exitLine };
        context.report({
          node: param,
          messageId: 'leaksGiven',
          data,
          suggest: fix ? [{ messageId: 'suggestReleaseGiven', data: { name, exitLine }, fix }] : [],
        });
      }
    }

    const extra = entriesFromOptions(options.resources);
    // `function openLog(p) { return fs.promises.open(p, 'a') }` in this file: each call of it
    // acquires a file handle its caller owns (issue 10 item 6).
    const wrapped = createWrapperFinder(
      sourceCode,
      (call) => {
        const entry = findAcquisition(sourceCode, call, extra);
        return entry && owns(entry) && needsRelease(entry) ? entry : null;
      },
      { bindings: true },
    );
    const spec: LeakSpec = {
      owns,
      extra,
      select: { entryOf: (node) => wrapped(node)?.entry ?? null },
      // A parameter the function releases at the end of its body is its own (issue 10 item 6).
      ...(options.ownedParameters === true
        ? {
            parameters: {
              worthAsking: (text: string) => /\.(?:close|destroy|release|end)\(/.test(text),
              entryOf: (param: TSESTree.Identifier, fn: FunctionNode) =>
                givenResource(sourceCode, param, fn, owns),
              onLeak: reportGiven,
            },
            // `if (s.destroyed) return`: the state it is in may leave nothing to release.
            holdsNothingWhen: (
              test: BranchTest,
              _entry: ResourceEntry,
              names: ReadonlySet<string>,
            ) => testsParameterState(sourceCode, test, names),
          }
        : {}),
      // With types every file is asked: a file that never releases anything is where a
      // disposable is most likely leaked (issue 10 item 10).
      byType: { worthAsking: () => true },
      // In tests a failing assertion or `await` ends the test: only normal paths are worth a
      // rewrite there (field, `--tests`: 17 of 21 reports were such paths).
      exceptionPaths:
        options.exceptionPaths !== false && !isTestFile({ sourceCode, filename: context.filename }),
      unknownCalleeTakesOwnership: options.unknownCalleesTakeOwnership,
      liveListenersHandOff: true,
      // `fd = null` (or another value) while it still holds one: the `finally` finds nothing.
      onOverwritten({ node, verdict, words }) {
        const { name, label, source, line, release } = words;
        const writeLine = String(verdict.write.loc.start.line);
        const fix = releaseBefore(context.sourceCode, verdict.write, release.slice(1, -1));
        context.report({
          node,
          messageId: 'overwritten',
          data: { name, label, source, line, release, writeLine },
          suggest: fix ? [{ messageId: 'suggestReleaseBefore', data: { name }, fix }] : [],
        });
      },
    };

    return createLeakFinder(context, spec, (finding) => {
      const { node, verdict, words, exits } = finding;
      // A CLI's terminal reader in its `main`: open for the life of the process.
      if (livesWithProcess(context, node, finding.entry, options.processStdin === true)) return;
      const { name, label, source, line, release, fix } = words;
      if (verdict.kind === 'discarded') {
        const data = { label, source, line, fix };
        const release = releaseDropped(context.sourceCode, node, finding.entry);
        const suggest = release
          ? [{ messageId: 'suggestReleaseDropped' as const, data: { label }, fix: release }]
          : [];
        context.report({ node, messageId: 'discarded', data, suggest });
        return;
      }
      if (verdict.kind === 'not-exception-safe' && verdict.handOff) {
        const callLine = String(verdict.call.loc.start.line);
        const handLine = String(verdict.handOff.loc.start.line);
        const data = { name, label, source, line, release, callLine, handLine };
        // The path that leaks is a `throw` of the function's own, or an `await` that rejects.
        if (verdict.call.type !== 'ThrowStatement') {
          const code = release.slice(1, -1);
          const fix = releaseIfThrows(sourceCode, node, verdict.call, verdict.handOff, code);
          const suggest = fix
            ? [{ messageId: 'suggestReleaseInCatch' as const, data: { name }, fix }]
            : [];
          context.report({ node, messageId: 'notExceptionSafeHandOff', data, suggest });
          return;
        }
        const fix = releaseBeforeThrow(
          context.sourceCode,
          verdict.call,
          name,
          release.slice(1, -1),
        );
        const suggest = fix
          ? [{ messageId: 'suggestReleaseBeforeThrow' as const, data: { name }, fix }]
          : [];
        context.report({ node, messageId: 'throwsBeforeHandOff', data, suggest });
        return;
      }
      const { fix: autofix, suggestion } = findingFixes(context, { ...finding, verdict });
      const suggest = suggestion
        ? [{ messageId: 'suggestTryFinally' as const, data: { name }, fix: suggestion }]
        : [];
      if (verdict.kind === 'not-exception-safe') {
        const callLine = String(verdict.call.loc.start.line);
        const data = { name, label, source, line, release, fix, callLine };
        context.report({ node, messageId: 'notExceptionSafe', data, fix: autofix, suggest });
        return;
      }
      // One report naming every leaking exit: the fix (`using`, `try`/`finally`) covers them
      // all. A loop's head comes before anything in its body.
      const leaving = exits.filter((exit) => exit.kind !== 'loop');
      if (exits[0].kind === 'loop' || leaving.length === 0) {
        const data = { name, label, source, line, fix, exitLine: exitLineOf(exits[0]) };
        context.report({ node, messageId: 'leaksInLoop', data, fix: autofix, suggest });
        return;
      }
      const lines = [...new Set(leaving.map(exitLineOf))];
      if (lines.length === 1) {
        const data = { name, label, source, line, release, fix, exitLine: lines[0] };
        context.report({ node, messageId: 'leaks', data, fix: autofix, suggest });
      } else {
        const exitLines = `${lines.slice(0, -1).join(', ')} and ${lines.at(-1)!}`;
        const data = { name, label, source, line, release, fix, exitLines };
        context.report({ node, messageId: 'leaksOnPaths', data, fix: autofix, suggest });
      }
    });
  },
});
