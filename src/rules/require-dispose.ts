import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import { enclosingFunction } from '../analysis/ast.js';
import { acquisitionText, exitText, releaseText } from '../analysis/describe.js';
import {
  languageHasUsing,
  soleConstDeclaration,
  toUsing,
  wrapInTryFinally,
} from '../analysis/fixes.js';
import { createOwnershipTracker, type Verdict } from '../analysis/ownership.js';
import { releaseSpec } from '../analysis/release.js';
import { typedDisposal } from '../analysis/typed-disposal.js';
import {
  entriesFromOptions,
  fileMayAcquire,
  findAcquisition,
  resourceSpecifierSchema,
} from '../catalog/index.js';
import { CATALOG } from '../catalog/index.js';
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
export type MessageIds = 'discarded' | 'leaks' | 'notExceptionSafe' | 'suggestTryFinally';

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

type Acquisition = TSESTree.CallExpression | TSESTree.NewExpression;

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
    const extra = entriesFromOptions(options.resources ?? []);
    const typed = typedDisposal(context);
    // Files that import nothing the catalog knows, and have no types to go by, cost nothing.
    if (!typed && !fileMayAcquire(sourceCode, [...extra, ...CATALOG])) return {};

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
      const usingKeyword =
        entry.asyncRelease || entry.disposable === 'async' ? 'await using' : 'using';
      const method = entry.releaseMethods[0];
      const label = entry.label;
      const source = acquisitionText(sourceCode, node);
      const line = String(node.loc.start.line);
      if (
        verdict.kind !== 'leaks' &&
        verdict.kind !== 'not-exception-safe' &&
        verdict.kind !== 'discarded'
      )
        return;
      const name = verdict.kind === 'discarded' ? '' : verdict.name;
      // `openSync` pairs with `closeSync`, `open` with `close`.
      const sync = /Sync\(\)$/.test(source);
      const calls = (entry.releaseCalls ?? []).map((c) => c.fn.path.at(-1));
      const releaseFunction = calls.find((n) => n?.endsWith('Sync') === sync) ?? calls[0];
      const disposeMember =
        entry.disposable === 'async'
          ? '[Symbol.asyncDispose]'
          : entry.disposable
            ? '[Symbol.dispose]'
            : undefined;
      const release = releaseText(
        name,
        method ?? disposeMember,
        entry.asyncRelease === true,
        releaseFunction,
      );
      // A descriptor is a number: only `try`/`finally` can release it.
      const canUse = method !== undefined || entry.disposable !== undefined;
      const fixWords = canUse
        ? `use \`${usingKeyword}\` or a \`try\`/\`finally\``
        : 'use a `try`/`finally`';
      const orUsing = canUse ? ` or declare it with \`${usingKeyword}\`` : '';
      const declarator = declaratorOf(node);
      if (verdict.kind === 'discarded') {
        // No binding to name yet: `.end()`, `closeSync()`.
        const call = method
          ? `\`.${method}()\``
          : releaseFunction
            ? `\`${releaseFunction}()\``
            : `\`${disposeMember ?? ''}()\``;
        const fix = canUse
          ? `release it (${call}), or declare it with \`${usingKeyword}\``
          : `release it (${call})`;
        context.report({ node, messageId: 'discarded', data: { label, source, line, fix } });
        return;
      }
      const fixes = fixesFor(node, entry, verdict, declarator);
      if (verdict.kind === 'leaks') {
        context.report({
          node,
          messageId: 'leaks',
          data: {
            label,
            source,
            line,
            name: verdict.name,
            exit: exitText(verdict.exit, verdict.loop),
            release,
            fix: fixWords,
          },
          ...fixes,
        });
      } else {
        context.report({
          node,
          messageId: 'notExceptionSafe',
          data: {
            label,
            source,
            line,
            name: verdict.name,
            callLine: String(verdict.call.loc.start.line),
            release,
            orUsing,
          },
          ...fixes,
        });
      }
    };

    function fixesFor(
      node: Acquisition,
      entry: ResourceEntry,
      verdict: Extract<Verdict, { kind: 'leaks' | 'not-exception-safe' }>,
      declarator: TSESTree.VariableDeclarator | null,
    ): Pick<TSESLint.ReportDescriptor<MessageIds>, 'fix' | 'suggest'> {
      const declaration = declarator && soleConstDeclaration(declarator);
      if (!declaration) return {};
      const fn = enclosingFunction(node);
      // Autofix to `using` only when the type proves it, nothing else releases or keeps it,
      // and the language level has `using`.
      if (verdict.kind === 'leaks' && typed && languageHasUsing(context.filename)) {
        const disposal = typed.disposalOf(declarator.id);
        const isAsync = disposal === 'async';
        if (disposal && (!isAsync || fn?.async) && neverEscapes(declarator)) {
          return { fix: toUsing(sourceCode, declaration, isAsync) };
        }
      }
      const method = entry.releaseMethods[0];
      if (!method || entry.releaseOn) return {};
      const awaitIt = entry.asyncRelease === true && fn?.async === true;
      const text = `${awaitIt ? 'await ' : ''}${verdict.name}.${method}()`;
      if (verdict.kind === 'leaks' && (verdict.loop || verdict.releases.length > 1)) return {};
      // An existing release moves into `finally`; none: one is added there.
      const existing =
        verdict.kind === 'not-exception-safe' ? verdict.release : (verdict.releases[0] ?? null);
      const fix = wrapInTryFinally(sourceCode, declaration, text, existing, fn?.async === true);
      return fix
        ? { suggest: [{ messageId: 'suggestTryFinally', data: { name: verdict.name }, fix }] }
        : {};
    }

    /** No reference in a nested function, no listener on it: `using` cannot end it early. */
    function neverEscapes(declarator: TSESTree.VariableDeclarator): boolean {
      const [variable] = sourceCode.getDeclaredVariables(declarator);
      if (!variable) return false;
      const fn = enclosingFunction(declarator);
      return variable.references.every((ref) => {
        if (enclosingFunction(ref.identifier) !== fn) return false;
        const member = ref.identifier.parent;
        return !(
          member.type === 'MemberExpression' &&
          member.object === ref.identifier &&
          !member.computed &&
          member.property.type === 'Identifier' &&
          /^(on|once|addListener|prependListener|pipe)$/.test(member.property.name)
        );
      });
    }

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

function declaratorOf(node: TSESTree.Node): TSESTree.VariableDeclarator | null {
  let child = node;
  let parent = node.parent;
  while (
    parent &&
    (parent.type === 'AwaitExpression' ||
      parent.type === 'TSAsExpression' ||
      parent.type === 'TSNonNullExpression')
  ) {
    child = parent;
    parent = parent.parent;
  }
  return parent?.type === 'VariableDeclarator' && parent.init === child ? parent : null;
}
