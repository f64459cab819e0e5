import type { TSESTree } from '@typescript-eslint/utils';

import { acquisitionText, exitText, releaseWords } from '../analysis/fixes/describe.js';
import { declaratorOf, leakFixes } from '../analysis/fixes/leak-fixes.js';
import { createOwnershipTracker, type Verdict } from '../analysis/engine/ownership.js';
import { releaseSpec } from '../analysis/engine/release.js';
import { typedDisposal } from '../analysis/types/typed-disposal.js';
import { fileMayAcquire, findAcquisition } from '../analysis/resolve/match.js';
import { entriesFromOptions } from '../analysis/resolve/user-resources.js';
import { CATALOG, resourceSpecifierSchema } from '../catalog/index.js';
import type { ResourceSpecifier } from '../catalog/options.js';
import type { ResourceEntry, ResourceKind } from '../catalog/types.js';
import { createRule } from '../utils/create-rule.js';

export type Options = [
  {
    exceptionPaths?: boolean;
    unknownCalleesTakeOwnership?: boolean;
    resources?: ResourceSpecifier[];
  },
];
export type MessageIds =
  'discarded' | 'leaks' | 'notExceptionSafe' | 'notExceptionSafeHandOff' | 'suggestTryFinally';

/**
 * Kinds this rule owns. Servers, sockets, watchers and workers are meant to outlive the
 * function that starts them; clients, child processes, timers, listeners and response
 * bodies have rules of their own.
 */
const KINDS = new Set<ResourceKind>([
  'file-handle',
  'file-descriptor',
  'file-stream',
  'directory',
  'db-connection',
  'disposable-stack',
]);

const applies = (entry: ResourceEntry): boolean =>
  KINDS.has(entry.kind) &&
  !entry.selfReleasing &&
  !entry.client &&
  entry.callbackResult === undefined;

/**
 * What a file must import or name before this rule has anything to find in it: the entries
 * it owns, and the ones they are acquired from (`pool.connect()` needs a `pg` pool).
 */
const OWNED = CATALOG.filter(applies);
const GATE: readonly ResourceEntry[] = [
  ...OWNED,
  ...CATALOG.filter((entry) =>
    OWNED.some((owned) => owned.acquireMethod?.receiverIds.includes(entry.id) === true),
  ),
];

type Acquisition = TSESTree.CallExpression | TSESTree.NewExpression;

/** Text that a typed-only disposable needs nearby (see `typed-disposal.ts`'s `worthAsking`). */
const MAY_DISPOSE =
  /\.(?:close|dispose|end|destroy|release|disconnect|terminate|connect|getConnection)\(|Symbol\.(?:async)?[dD]ispose/;

export default createRule<Options, MessageIds>({
  name: 'require-dispose',
  meta: {
    type: 'problem',
    docs: {
      description:
        'Require resources (file handles, streams, pool connections, disposables) to be released on every path',
      recommended: true,
      strictOptions: { unknownCalleesTakeOwnership: false },
    },
    fixable: 'code',
    hasSuggestions: true,
    messages: {
      discarded:
        'The {{label}} from `{{source}}` at line {{line}} is dropped without being released. Keep it in a variable and {{fix}}.',
      leaks:
        '`{{name}}` ({{label}} from `{{source}}` at line {{line}}) is not released when {{exit}}. Call {{release}} on that path: {{fix}}.',
      notExceptionSafe:
        '`{{name}}` ({{label}} from `{{source}}` at line {{line}}) leaks if the call at line {{callLine}} throws: {{release}} is skipped. Release it in `finally`{{orUsing}}.',
      notExceptionSafeHandOff:
        '`{{name}}` ({{label}} from `{{source}}` at line {{line}}) leaks if the `await` at line {{callLine}} throws before it is handed on at line {{handLine}}. Acquire it after that call, or release it ({{release}}) in a `catch` that rethrows.',
      suggestTryFinally: 'Release `{{name}}` in a `finally` block.',
    },
    schema: [
      {
        type: 'object',
        properties: {
          exceptionPaths: {
            type: 'boolean',
            description:
              'Also report releases that a throw between acquisition and release would skip.',
          },
          unknownCalleesTakeOwnership: {
            type: 'boolean',
            description:
              'Passing a resource to a function this rule does not know hands ownership to that function.',
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
    defaultOptions: [{ exceptionPaths: true, unknownCalleesTakeOwnership: true, resources: [] }],
  },
  create(context, [options]) {
    const sourceCode = context.sourceCode;
    const extra = entriesFromOptions(options.resources);
    const typed = typedDisposal(context);
    // Files that import nothing the catalog knows cost nothing, unless types can find a
    // disposable there, which needs a release-like call or a dispose method in the text.
    if (
      !fileMayAcquire(sourceCode, extra.length === 0 ? GATE : [...extra, ...GATE]) &&
      !(typed && MAY_DISPOSE.test(sourceCode.text))
    )
      return {};

    const tracker = createOwnershipTracker(context);
    const found: { node: Acquisition; entry: ResourceEntry }[] = [];
    const specOptions = {
      exceptionPaths: options.exceptionPaths !== false,
      unknownCalleeTakesOwnership: options.unknownCalleesTakeOwnership !== false,
    };

    const consider = (node: Acquisition): void => {
      // Callback form (`pool.connect((err, client, done) => …)`): the resource goes to the
      // callback, not to the caller.
      const last = node.arguments[node.arguments.length - 1];
      if (last?.type === 'ArrowFunctionExpression' || last?.type === 'FunctionExpression') return;
      const entry = findAcquisition(sourceCode, node, extra);
      if (entry) {
        if (applies(entry)) found.push({ node, entry });
        return;
      }
      const byType = typed?.entryFor(node);
      if (byType && applies(byType)) found.push({ node, entry: byType });
    };

    const report = (node: Acquisition, entry: ResourceEntry, verdict: Verdict): void => {
      if (
        verdict.kind !== 'leaks' &&
        verdict.kind !== 'not-exception-safe' &&
        verdict.kind !== 'discarded'
      )
        return;
      const label = entry.label;
      const source = acquisitionText(sourceCode, node);
      const line = String(node.loc.start.line);
      const name = verdict.kind === 'discarded' ? '' : verdict.name;
      const words = releaseWords(entry, name, source);
      const usingWords = `\`${words.usingKeyword}\``;
      if (verdict.kind === 'discarded') {
        const fix = words.canUse
          ? `release it (${words.bare}), or declare it with ${usingWords}`
          : `release it (${words.bare})`;
        context.report({ node, messageId: 'discarded', data: { label, source, line, fix } });
        return;
      }
      if (verdict.kind === 'not-exception-safe' && verdict.handOff) {
        context.report({
          node,
          messageId: 'notExceptionSafeHandOff',
          data: {
            label,
            source,
            line,
            name,
            callLine: String(verdict.call.loc.start.line),
            handLine: String(verdict.handOff.loc.start.line),
            release: words.release,
          },
        });
        return;
      }
      const declarator = declaratorOf(node);
      const { fix, suggestion } = leakFixes({
        sourceCode,
        filename: context.filename,
        node,
        name,
        entry,
        disposal: () => (typed && declarator ? typed.disposalOf(declarator.id) : null),
        releases: verdict.kind === 'leaks' ? verdict.releases : [verdict.release],
        loop: verdict.kind === 'leaks' && verdict.loop,
        leaks: verdict.kind === 'leaks',
      });
      const fixes = {
        fix,
        suggest: suggestion
          ? [{ messageId: 'suggestTryFinally' as const, data: { name }, fix: suggestion }]
          : [],
      };
      if (verdict.kind === 'leaks') {
        const how = words.canUse
          ? `use ${usingWords} or a \`try\`/\`finally\``
          : 'use a `try`/`finally`';
        const exit = exitText(verdict.exit, verdict.loop);
        context.report({
          node,
          messageId: 'leaks',
          data: { label, source, line, name, exit, release: words.release, fix: how },
          ...fixes,
        });
      } else {
        const orUsing = words.canUse ? ` or declare it with ${usingWords}` : '';
        const callLine = String(verdict.call.loc.start.line);
        context.report({
          node,
          messageId: 'notExceptionSafe',
          data: { label, source, line, name, callLine, release: words.release, orUsing },
          ...fixes,
        });
      }
    };

    return {
      ...tracker.listeners,
      CallExpression: consider,
      NewExpression: consider,
      'Program:exit'(): void {
        for (const { node, entry } of found) {
          const verdict = tracker.analyze(node, releaseSpec(sourceCode, entry, specOptions));
          report(node, entry, verdict);
        }
      },
    };
  },
});
