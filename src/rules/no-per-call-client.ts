import type { TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '@typescript-eslint/types';
import { isBuiltin } from 'node:module';

import {
  createBuilderFinder,
  typedBuiltBy,
  type BuiltClient,
} from './no-per-call-client-utils/client-builders.js';
import { hoistFix, releaseOf, topStatement } from './no-per-call-client-utils/hoist.js';
import { requireCallSpecifier } from '../analysis/resolve/imports.js';
import { findVariable, skipWrappers } from '../utils/ast/index.js';
import {
  FRAMEWORKS,
  perCallUse,
  readsRequestBindings,
  usesOnlyModuleScope,
  type Framework,
  type PerCallUse,
} from '../analysis/lifetime/per-call.js';
import { findAcquisitionByType } from '../analysis/types/type-queries.js';
import { typeServices } from '../analysis/types/type-services.js';
import { fileMayAcquire, findAcquisition } from '../analysis/resolve/match.js';
import { entriesFromOptions } from '../analysis/resolve/user-resources.js';
import {
  CATALOG,
  resourceSpecifierSchema,
  type ResourceEntry,
  type ResourceSpecifier,
} from '../catalog/index.js';
import { createRule } from '../utils/create-rule.js';

export type Options = [{ clients?: ResourceSpecifier[]; perRequestRuntimes?: Framework[] }];
export type MessageIds = 'perCallClient' | 'perCallBuilder' | 'hoistToModule';

type Built = TSESTree.CallExpression | TSESTree.NewExpression;

const CLIENTS: readonly ResourceEntry[] = CATALOG.filter((entry) => entry.client === true);

const lists = new WeakMap<
  readonly ResourceEntry[],
  { extra: readonly ResourceEntry[]; entries: readonly ResourceEntry[] }
>();

/**
 * The user's clients, and them before the catalog's: built once per configuration, so the
 * matcher's and the type memos' per-list caches last from one file to the next.
 */
function clientLists(user: readonly ResourceEntry[]): {
  extra: readonly ResourceEntry[];
  entries: readonly ResourceEntry[];
} {
  let found = lists.get(user);
  if (found === undefined) {
    const extra = user.map((entry) => ({ ...entry, client: true }));
    found = { extra, entries: extra.length === 0 ? CLIENTS : [...extra, ...CLIENTS] };
    lists.set(user, found);
  }
  return found;
}

const VIA: Record<BuiltClient['via'], string> = {
  constructor: 'in its constructor',
  field: 'in a field initializer',
  factory: 'and returns it',
};

export default createRule<Options, MessageIds>({
  name: 'no-per-call-client',
  meta: {
    type: 'problem',
    docs: {
      description:
        'Disallow building HTTP, database and SDK clients in request handlers, loops and other per-call code',
      recommended: true,
    },
    hasSuggestions: true,
    messages: {
      perCallClient:
        'A new {{client}} is built at line {{line}} inside {{where}}, {{why}}: every call opens fresh connections and sockets instead of reusing them{{disposed}}. {{fix}}',
      perCallBuilder:
        '`{{builder}}` builds a {{client}} ({{clientAt}}) {{via}}, and it is called at line {{line}} inside {{where}}, {{why}}: every call opens fresh connections and sockets. Create it once and reuse it, or pass a shared client in.',
      hoistToModule: 'Move `{{name}}` to module scope so it is built once and shared.',
    },
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          clients: {
            description: 'More clients to treat as shared-only, besides the built-in catalog.',
            type: 'array',
            items: resourceSpecifierSchema,
          },
          perRequestRuntimes: {
            description:
              'Platforms whose request handlers may build a client per request (some runtimes forbid sharing I/O objects between requests).',
            type: 'array',
            items: { type: 'string', enum: [...FRAMEWORKS] },
            uniqueItems: true,
          },
        },
      },
    ],
    defaultOptions: [{ clients: [], perRequestRuntimes: [] }],
  },
  create(context, [options]) {
    const { sourceCode } = context;
    const { extra, entries } = clientLists(entriesFromOptions(options.clients));
    const env = { sourceCode, filename: context.filename };
    const allowed = new Set<Framework>(options.perRequestRuntimes ?? []);
    const typed = typeServices(sourceCode);
    // Without a client module's import (or the user's own clients) no call here is a client
    // by syntax. With types, `new X()` of another module's class (directly, or in a same-file
    // factory or class) is still worth a look.
    const syntactic = extra.length > 0 || fileMayAcquire(sourceCode, CLIENTS);
    if (!syntactic && typed === null) return {};
    /** What the catalog (or the user's clients) says `node` acquires, by syntax alone. */
    const catalogEntry = (node: Built): ResourceEntry | null =>
      syntactic ? findAcquisition(sourceCode, node, extra) : null;
    const entryOf = (node: Built): ResourceEntry | null => {
      const entry = catalogEntry(node);
      if (entry !== null) return entry.client === true ? entry : null;
      // With types, `new` of a subclass or a re-export of a client class.
      if (typed === null || !fromAnotherModule(node)) return null;
      return findAcquisitionByType(typed, node, entries);
    };
    const finder = createBuilderFinder(sourceCode, (node) => entryOf(node)?.label ?? null);

    /**
     * `new X()` where `X` comes from an import (or `require`) of anything but Node itself: the
     * only way a class of another module reaches this file, so the only `new` worth a type
     * query (`new Error()`, `new Map()`, same-file classes and `new Worker()` never are).
     */
    function fromAnotherModule(node: Built): node is TSESTree.NewExpression {
      if (node.type !== AST_NODE_TYPES.NewExpression) return false;
      const root = skipWrappers(node.callee);
      let id: TSESTree.Node = root;
      while (id.type === AST_NODE_TYPES.MemberExpression) id = skipWrappers(id.object);
      if (id.type !== AST_NODE_TYPES.Identifier) return false;
      const def = findVariable(sourceCode, id)?.defs[0];
      if (def === undefined) return false;
      if (def.type === 'ImportBinding') {
        const declaration = def.parent;
        return !(
          declaration?.type === AST_NODE_TYPES.ImportDeclaration &&
          isBuiltin(declaration.source.value)
        );
      }
      const init = def.type === 'Variable' ? def.node.init : null;
      if (init?.type !== AST_NODE_TYPES.CallExpression) return false;
      const specifier = requireCallSpecifier(sourceCode, init);
      return specifier !== null && !isBuiltin(specifier);
    }

    /**
     * The client `node` builds, and where it runs per call. Syntax first; a type query only for
     * `new X()` of another module's class that sits where it runs per call (most such `new`s
     * run once, in `main()` or at module scope, and never need one).
     */
    function candidate(node: Built): {
      entry: ResourceEntry | null;
      built: (Omit<BuiltClient, 'node'> & { at: string }) | null;
      use: PerCallUse;
    } | null {
      const found = catalogEntry(node);
      const entry = found?.client === true ? found : null;
      const local = entry === null ? finder.builtBy(node) : null;
      if (entry !== null || local !== null) {
        const use = perCallUse(env, node);
        if (use === null) return null;
        const built = local === null ? null : { ...local, at: `line ${local.node.loc.start.line}` };
        return { entry, built, use };
      }
      if (typed === null || !fromAnotherModule(node)) return null;
      const use = perCallUse(env, node);
      if (use === null) return null;
      // A catalog entry that is not a client (`new Worker()`) is no subclass of one.
      const byType = found === null ? findAcquisitionByType(typed, node, entries) : null;
      const built = byType === null ? typedBuiltBy(typed, node, entries) : null;
      return byType === null && built === null ? null : { entry: byType, built, use };
    }

    function check(node: Built): void {
      const found = candidate(node);
      if (found === null) return;
      const { entry, built, use } = found;
      const { site } = use;
      if (site.kind === 'handler' && allowed.has(site.framework)) return;
      // Workers bindings (`env.DB`, `c.env.HYPERDRIVE`) exist per request, and I/O objects cannot
      // cross requests: a client built from them belongs to the request.
      const workers =
        site.kind === 'handler' &&
        (site.framework === 'cloudflare-workers' || site.framework === 'hono');
      if (workers && readsRequestBindings(env, node, site.node)) return;
      const line = String(node.loc.start.line);
      if (built !== null) {
        const callee = sourceCode.getText(node.callee);
        context.report({
          node,
          messageId: 'perCallBuilder',
          data: {
            line,
            where: site.where,
            why: site.why,
            builder: node.type === AST_NODE_TYPES.NewExpression ? `new ${callee}()` : `${callee}()`,
            client: built.label,
            clientAt: built.at,
            via: VIA[built.via],
          },
        });
        return;
      }
      if (entry === null) return;
      const fix = hoistFix(env, node, use, entry);
      const local = use.destination.kind === 'local' ? use.destination : null;
      const id = local?.declarator?.id;
      const variable =
        id?.type === AST_NODE_TYPES.Identifier ? findVariable(sourceCode, id) : undefined;
      const released = variable === undefined ? null : releaseOf(variable.references, entry);
      const top = topStatement(site.node);
      const once =
        top !== null && usesOnlyModuleScope(env, node, top.range[0])
          ? 'Create it once at module scope and reuse it'
          : 'Create it once (at module scope, or lazily with `??=`, one per configuration if that varies) and reuse it';
      context.report({
        node,
        messageId: 'perCallClient',
        data: {
          line,
          where: site.where,
          why: site.why,
          client: entry.label,
          disposed:
            local?.using === true
              ? ' (disposing it with `using` closes them again; it does not share them)'
              : '',
          fix: released === null ? `${once}.` : `${once}, without the per-call \`${released}()\`.`,
        },
        suggest:
          fix === null || id?.type !== AST_NODE_TYPES.Identifier
            ? []
            : [{ messageId: 'hoistToModule', data: { name: id.name }, fix }],
      });
    }

    return { NewExpression: check, CallExpression: check };
  },
});
