/**
 * Finding per-call clients: a `new X()` or call that builds a client (the catalog's, the
 * user's, a same-file builder's, or — with types — another module's class), in code that runs
 * per call, and whose value stays local to that code. Syntax first; a type query only for
 * `new X()` of another module's class that sits where it runs per call.
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '@typescript-eslint/types';
import { isBuiltin } from 'node:module';

import { requireCallSpecifier } from '../../analysis/resolve/imports.js';
import { fileMayAcquire, findAcquisition } from '../../analysis/resolve/match.js';
import { findAcquisitionByType } from '../../analysis/types/type-queries.js';
import { typeServices, type TypeServices } from '../../analysis/types/type-services.js';
import { CATALOG, type ResourceEntry } from '../../catalog/index.js';
import type { Framework } from '../../catalog/frameworks.js';
import {
  childrenOf,
  findVariable,
  isWrapper,
  skipWrappers,
  type SourceCodeLike,
} from '../../utils/ast/index.js';
import { createBuilderFinder, typedBuiltBy } from './client-builders.js';
import { perCallUse, type PerCallUse } from './destination.js';
import { readsRequestBindings } from './module-scope.js';
import type { PerCallEnv } from '../../analysis/lifetime/per-call-site.js';

export type Built = TSESTree.CallExpression | TSESTree.NewExpression;

export interface PerCallClient {
  node: Built;
  /** The catalog (or user) entry `node` acquires, or `null` when a builder builds it. */
  entry: ResourceEntry | null;
  /** The builder `node` calls and what it builds, with where it builds it (`file.ts:12`). */
  built: { label: string; at: string } | null;
  use: PerCallUse;
}

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

/**
 * `new X()` where `X` comes from an import (or `require`) of anything but Node itself: the
 * only way a class of another module reaches this file, so the only `new` worth a type query
 * (`new Error()`, `new Map()`, same-file classes and `new Worker()` never are).
 */
function fromAnotherModule(
  sourceCode: SourceCodeLike,
  node: Built,
): node is TSESTree.NewExpression {
  if (node.type !== AST_NODE_TYPES.NewExpression) return false;
  let id: TSESTree.Node = skipWrappers(node.callee);
  while (id.type === AST_NODE_TYPES.MemberExpression) id = skipWrappers(id.object);
  if (id.type !== AST_NODE_TYPES.Identifier) return false;
  const def = findVariable(sourceCode, id)?.defs[0];
  if (def === undefined) return false;
  if (def.type === 'ImportBinding') {
    const declaration = def.parent;
    return !(
      declaration?.type === AST_NODE_TYPES.ImportDeclaration && isBuiltin(declaration.source.value)
    );
  }
  const init = def.type === 'Variable' ? def.node.init : null;
  if (init?.type !== AST_NODE_TYPES.CallExpression) return false;
  const specifier = requireCallSpecifier(sourceCode, init);
  return specifier !== null && !isBuiltin(specifier);
}

type Variable = TSESLint.Scope.Variable;

/** The variables `pattern` declares (`region`, `{ name, url }`). */
function declaredBy(sourceCode: SourceCodeLike, pattern: TSESTree.Node): Variable[] {
  if (pattern.type === AST_NODE_TYPES.Identifier) {
    const variable = findVariable(sourceCode, pattern);
    return variable === undefined ? [] : [variable];
  }
  return childrenOf(pattern).flatMap((child) => declaredBy(sourceCode, child));
}

/** The variables of a function's parameters. */
export function parameterVariables(sourceCode: SourceCodeLike, fn: TSESTree.Node): Variable[] {
  return 'params' in fn ? fn.params.flatMap((param) => declaredBy(sourceCode, param)) : [];
}

/** The variables that hold the element of a loop or an iteration callback. */
function elementVariables(sourceCode: SourceCodeLike, use: PerCallUse): Variable[] {
  const { site } = use;
  if (site.kind === 'iteration') {
    const first = 'params' in site.node ? site.node.params[0] : undefined;
    return first === undefined ? [] : declaredBy(sourceCode, first);
  }
  if (site.kind !== 'loop') return [];
  const loop = site.node;
  if (loop.type !== AST_NODE_TYPES.ForOfStatement && loop.type !== AST_NODE_TYPES.ForInStatement)
    return [];
  const left = loop.left;
  return left.type === AST_NODE_TYPES.VariableDeclaration
    ? left.declarations.flatMap((d) => declaredBy(sourceCode, d.id))
    : declaredBy(sourceCode, left);
}

/** The arguments of `node` name one of `variables`. */
export function argumentsMention(
  sourceCode: SourceCodeLike,
  node: Built,
  variables: readonly Variable[],
): boolean {
  if (variables.length === 0) return false;
  const mentions = (n: TSESTree.Node): boolean => {
    if (n.type === AST_NODE_TYPES.Identifier) {
      const variable = findVariable(sourceCode, n);
      return variable !== undefined && variables.includes(variable);
    }
    return childrenOf(n).some(mentions);
  };
  return node.arguments.some(mentions);
}

/** `value.field` (or `value.a.b`) read, not called, assigned, deleted nor passed on. */
function fieldReadOf(value: TSESTree.Node): boolean {
  let member = value.parent;
  if (member?.type !== AST_NODE_TYPES.MemberExpression || member.object !== value) return false;
  while (member.parent.type === AST_NODE_TYPES.MemberExpression && member.parent.object === member)
    member = member.parent;
  const use = member.parent;
  return !(
    (use.type === AST_NODE_TYPES.CallExpression && use.callee === member) ||
    (use.type === AST_NODE_TYPES.AssignmentExpression && use.left === member) ||
    (use.type === AST_NODE_TYPES.UpdateExpression && use.argument === member) ||
    (use.type === AST_NODE_TYPES.UnaryExpression && use.operator === 'delete')
  );
}

/**
 * Built for something else than its connections: `new Client(config).database`, or a `const`
 * whose every use reads a field (`const parsed = new Client(config); parsed.database`), so the
 * client is never connected nor kept (field PC-6).
 */
function onlyReadFrom(sourceCode: SourceCodeLike, node: Built): boolean {
  let child: TSESTree.Node = node;
  while (child.parent !== undefined && isWrapper(child.parent)) child = child.parent;
  if (fieldReadOf(child)) return true;
  const declarator = child.parent;
  if (
    declarator?.type !== AST_NODE_TYPES.VariableDeclarator ||
    declarator.init !== child ||
    declarator.id.type !== AST_NODE_TYPES.Identifier ||
    declarator.parent.kind !== 'const'
  )
    return false;
  const reads = findVariable(sourceCode, declarator.id)?.references.filter((r) => !r.init) ?? [];
  return reads.length > 0 && reads.every((r) => fieldReadOf(r.identifier));
}

/**
 * Built again because its configuration changes with each element: one client per region of
 * a `.map()` over regions, one per database of a loop over databases (field PC-5). The rule's
 * advice is one per configuration; here there is nothing to reuse.
 */
function configuredByElement(sourceCode: SourceCodeLike, node: Built, use: PerCallUse): boolean {
  return argumentsMention(sourceCode, node, elementVariables(sourceCode, use));
}

const baseName = (filename: string): string =>
  filename.replaceAll('\\', '/').split('/').at(-1) ?? filename;

/**
 * The finder of per-call clients in this file, or `null` when the file can hold none: without a
 * client module's import (or the user's own clients) no call is a client by syntax, and without
 * types no other module's class can be one.
 */
export function createClientFinder(
  context: Readonly<TSESLint.RuleContext<string, readonly unknown[]>>,
  user: readonly ResourceEntry[],
): ((node: Built) => PerCallClient | null) | null {
  const { sourceCode } = context;
  const { extra, entries } = clientLists(user);
  const env: PerCallEnv = { sourceCode, filename: context.filename };
  const types = typeServices(sourceCode);
  const syntactic = extra.length > 0 || fileMayAcquire(sourceCode, CLIENTS);
  if (!syntactic && types === null) return null;
  /** What the catalog (or the user's clients) says `node` acquires, by syntax alone. */
  const catalogEntry = (node: Built): ResourceEntry | null =>
    syntactic ? findAcquisition(sourceCode, node, extra) : null;
  const builders = createBuilderFinder(sourceCode, (node) => {
    const entry = catalogEntry(node);
    if (entry !== null) return entry.client === true ? entry.label : null;
    // With types, `new` of a subclass or a re-export of a client class.
    if (types === null || !fromAnotherModule(sourceCode, node)) return null;
    return findAcquisitionByType(types, node, entries)?.label ?? null;
  });
  const file = baseName(context.filename);

  /** With types: a client class of another module, or a class of it that builds one. */
  function typedClient(
    typed: TypeServices,
    node: TSESTree.NewExpression,
    found: ResourceEntry | null,
    use: PerCallUse,
  ): PerCallClient | null {
    // A catalog entry that is not a client (`new Worker()`) is no subclass of one.
    const entry = found === null ? findAcquisitionByType(typed, node, entries) : null;
    if (entry !== null) return { node, entry, built: null, use };
    const built = typedBuiltBy(typed, node, entries);
    return built === null ? null : { node, entry: null, built, use };
  }

  return (node) => {
    if (onlyReadFrom(sourceCode, node)) return null;
    const found = catalogEntry(node);
    const entry = found?.client === true ? found : null;
    const local = entry === null ? builders.builtBy(node) : null;
    if (entry !== null || local !== null) {
      const use = perCallUse(env, node);
      if (use === null || configuredByElement(sourceCode, node, use)) return null;
      const built =
        local === null ? null : { label: local.label, at: `${file}:${local.node.loc.start.line}` };
      return { node, entry, built, use };
    }
    if (types === null || !fromAnotherModule(sourceCode, node)) return null;
    const use = perCallUse(env, node);
    if (use === null || configuredByElement(sourceCode, node, use)) return null;
    return typedClient(types, node, found, use);
  };
}

/**
 * A client the platform wants per request: a handler of a `perRequestRuntimes` platform, or a
 * Workers-style handler whose client reads the request's bindings (`env.DB`, `c.env.HYPERDRIVE`:
 * they exist per request, and I/O objects cannot cross requests).
 */
export function belongsToRequest(
  env: PerCallEnv,
  { node, use: { site } }: PerCallClient,
  allowed: ReadonlySet<Framework>,
): boolean {
  if (site.kind !== 'handler') return false;
  if (allowed.has(site.framework)) return true;
  const workers = site.framework === 'cloudflare-workers' || site.framework === 'hono';
  return workers && readsRequestBindings(env, node, site.node);
}
