import { createLeakFinder, type LeakSpec } from '../analysis/engine/finder.js';
import { declaratorOf, leakFixes } from '../analysis/fixes/leak-fixes.js';
import { entriesFromOptions } from '../analysis/resolve/user-resources.js';
import { resourceSpecifierSchema } from '../catalog/index.js';
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
  'typed-disposable',
]);

const owns = (entry: ResourceEntry): boolean =>
  KINDS.has(entry.kind) &&
  !entry.selfReleasing &&
  !entry.client &&
  entry.callbackResult === undefined;

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
    const spec: LeakSpec = {
      owns,
      extra: entriesFromOptions(options.resources),
      byType: { worthAsking: (text) => MAY_DISPOSE.test(text) },
      exceptionPaths: options.exceptionPaths !== false,
      unknownCalleeTakesOwnership: options.unknownCalleesTakeOwnership !== false,
    };

    return createLeakFinder(context, spec, ({ node, entry, verdict, words, exit, typed }) => {
      const { name, label, source, line } = words;
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
        context.report({
          node,
          messageId: 'leaks',
          data: { label, source, line, name, exit: exit ?? '', release: words.release, fix: how },
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
    });
  },
});
