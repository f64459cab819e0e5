import type {
  ParserServicesWithTypeInformation,
  TSESLint,
  TSESTree,
} from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '@typescript-eslint/utils';

import {
  createBuilderFinder,
  typedBuiltBy,
  type BuiltClient,
} from '../analysis/client-builders.js';
import { findVariable, skipWrappers } from '../analysis/imports.js';
import {
  FRAMEWORKS,
  perCallUse,
  readsRequestBindings,
  usesOnlyModuleScope,
  type Framework,
  type PerCallEnv,
  type PerCallUse,
} from '../analysis/per-call.js';
import {
  CATALOG,
  entriesFromOptions,
  fileMayAcquire,
  findAcquisition,
  resourceSpecifierSchema,
  type ResourceEntry,
  type ResourceSpecifier,
} from '../catalog/index.js';
import { findAcquisitionByType } from '../analysis/types.js';
import { createRule } from '../utils/create-rule.js';

export type Options = [{ clients?: ResourceSpecifier[]; perRequestRuntimes?: Framework[] }];
export type MessageIds = 'perCallClient' | 'perCallBuilder' | 'hoistToModule';

type Built = TSESTree.CallExpression | TSESTree.NewExpression;

const CLIENTS: readonly ResourceEntry[] = CATALOG.filter((entry) => entry.client === true);

const VIA: Record<BuiltClient['via'], string> = {
  constructor: 'in its constructor',
  field: 'in a field initializer',
  factory: 'and returns it',
};

/** The release method called on the bound client (`pool.end()`), if any. */
function releaseOf(
  references: readonly TSESLint.Scope.Reference[],
  entry: ResourceEntry,
): string | null {
  for (const reference of references) {
    const parent = reference.identifier.parent;
    if (
      parent?.type === AST_NODE_TYPES.MemberExpression &&
      parent.object === reference.identifier &&
      parent.property.type === AST_NODE_TYPES.Identifier &&
      entry.releaseMethods.includes(parent.property.name)
    ) {
      return parent.property.name;
    }
  }
  return null;
}

/** The statement of the program that holds `node`. */
function topStatement(node: TSESTree.Node): TSESTree.Node | null {
  let top = node;
  while (top.parent !== undefined && top.parent.type !== AST_NODE_TYPES.Program) top = top.parent;
  return top.parent === undefined || top.type === AST_NODE_TYPES.ImportDeclaration ? null : top;
}

/** The `hoistToModule` fix: move `const x = new Client(…)` above the top-level statement around it. */
function hoist(
  env: PerCallEnv & { sourceCode: Readonly<TSESLint.SourceCode> },
  node: Built,
  use: PerCallUse,
  entry: ResourceEntry,
): TSESLint.ReportFixFunction | null {
  const { destination } = use;
  if (destination.kind !== 'local' || destination.declarator === null || destination.using)
    return null;
  const { declarator } = destination;
  const declaration = declarator.parent;
  if (declaration.kind !== 'const' || declaration.declarations.length !== 1) return null;
  if (
    declarator.id.type !== AST_NODE_TYPES.Identifier ||
    declarator.init === null ||
    skipWrappers(declarator.init) !== node
  )
    return null;
  if (declaration.parent.type !== AST_NODE_TYPES.BlockStatement) return null;
  const top = topStatement(use.site.node);
  if (top === null) return null;
  if (!usesOnlyModuleScope(env, node, top.range[0])) return null;
  const { sourceCode } = env;
  const name = declarator.id.name;
  const variable = findVariable(sourceCode, declarator.id);
  if (variable === undefined) return null;
  // The name must mean the same thing everywhere it is read once it lives at module scope.
  for (let scope = variable.scope.upper; scope !== null; scope = scope.upper) {
    if (scope.set.has(name)) return null;
    if (
      scope.type === 'module' &&
      scope.through.some((reference) => reference.identifier.name === name)
    )
      return null;
  }
  if (releaseOf(variable.references, entry) !== null) return null;

  const column = declaration.loc.start.column;
  const text = sourceCode
    .getText(declaration)
    .split('\n')
    .map((line, i) => (i === 0 ? line : line.replace(new RegExp(`^ {0,${column}}`), '')))
    .join('\n');
  const lineStart = declaration.range[0] - column;
  const before = sourceCode.text.slice(lineStart, declaration.range[0]);
  const afterEnd = sourceCode.text.indexOf('\n', declaration.range[1]);
  const after = sourceCode.text.slice(declaration.range[1], afterEnd === -1 ? undefined : afterEnd);
  const whole = before.trim() === '' && after.trim() === '';
  const removal: [number, number] = whole
    ? [lineStart, afterEnd === -1 ? declaration.range[1] : afterEnd + 1]
    : declaration.range;
  // Above the statement's decorators and its leading comments (a JSDoc stays with its function).
  let insertAt = top.range[0];
  const declared = 'declaration' in top ? top.declaration : top;
  if (declared !== null && 'decorators' in declared && declared.decorators.length > 0) {
    insertAt = Math.min(insertAt, declared.decorators[0].range[0]);
  }
  const comments = sourceCode.getCommentsBefore(
    sourceCode.getTokenByRangeStart(insertAt, { includeComments: true }) ?? top,
  );
  if (comments.length > 0) insertAt = Math.min(insertAt, comments[0].range[0]);
  return (fixer) => [
    fixer.insertTextBeforeRange([insertAt, insertAt], `${text}\n\n`),
    fixer.removeRange(removal),
  ];
}

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
    const extra = entriesFromOptions(options.clients).map((entry) => ({ ...entry, client: true }));
    const env = { sourceCode, filename: context.filename };
    const allowed = new Set<Framework>(options.perRequestRuntimes ?? []);
    const services = sourceCode.parserServices as
      Partial<ParserServicesWithTypeInformation> | undefined;
    const typed =
      services?.program && services.esTreeNodeToTSNodeMap
        ? (services as ParserServicesWithTypeInformation)
        : null;
    if (typed === null && extra.length === 0 && !fileMayAcquire(sourceCode, CLIENTS)) return {};
    const entries = extra.length === 0 ? CLIENTS : [...extra, ...CLIENTS];
    const entryOf = (node: Built): ResourceEntry | null => {
      const entry = findAcquisition(sourceCode, node, extra);
      if (entry !== null) return entry.client === true ? entry : null;
      // With types, `new` of a subclass or a re-export of a client class.
      if (typed === null || node.type !== AST_NODE_TYPES.NewExpression) return null;
      return findAcquisitionByType(typed, node, entries);
    };
    const finder = createBuilderFinder(sourceCode, (node) => entryOf(node)?.label ?? null);

    /** The client a same-file builder, or (with types) a class of another module, builds. */
    function builderOf(node: Built): (Omit<BuiltClient, 'node'> & { at: string }) | null {
      const local = finder.builtBy(node);
      if (local !== null) return { ...local, at: `line ${local.node.loc.start.line}` };
      if (typed === null || node.type !== AST_NODE_TYPES.NewExpression) return null;
      return typedBuiltBy(typed, node, entries);
    }

    function check(node: Built): void {
      const entry = entryOf(node);
      const built = entry === null ? builderOf(node) : null;
      if (entry === null && built === null) return;
      const use = perCallUse(env, node);
      if (use === null) return;
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
      const fix = hoist(env, node, use, entry);
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
