/**
 * What a value assigned to a field holds: something the class acquired (a catalog entry, a
 * disposable type, a same-file disposable class), something it received (a parameter, a
 * DI-injected value, a container lookup), both (`opts.agent ?? new Agent()`), a collection,
 * nothing (`null`), or a value it cannot tell.
 */
import type { TSESTree } from '@typescript-eslint/utils';

import { CONTAINER_LOOKUP } from '../../catalog/classes.js';
import { DISPOSE_SYMBOLS } from '../../catalog/vocabulary.js';
import { CATALOG } from '../../catalog/index.js';
import type { ExportRef, ResourceEntry } from '../../catalog/types.js';
import { findAcquisition, refMatches } from '../resolve/match.js';
import { normaliseModule, resolveReference } from '../resolve/imports.js';
import { calleeName, findVariable, skipWrappers, soleInitializer } from '../../utils/ast/index.js';
import {
  decoratorNames,
  elementKey,
  fieldRead,
  type ClassNode,
  type ClassSource,
} from './class-members.js';

export type Acquisition = TSESTree.CallExpression | TSESTree.NewExpression;

export interface Acquired {
  entry: ResourceEntry;
  node: Acquisition;
  /** The catalog said so, the type (`[Symbol.dispose]`), or a same-file class with a release. */
  by: 'catalog' | 'type' | 'class';
}

/** A value the class was given: it belongs to whoever created it. */
export type Received =
  | {
      kind: 'parameter';
      /** The parameter's name where it is declared. */
      node: TSESTree.Identifier;
      /** A parameter of the constructor, or of another method (setter injection). */
      where: 'constructor' | 'method';
      /** DI decorators on the parameter (`Inject`, `InjectRepository`). */
      decorators: readonly string[];
      /** The catalog entry its type annotation names (`db: Pool` from `pg`), if any. */
      type: ResourceEntry | null;
      /** A part of the parameter (`opts.agent`), not the parameter itself. */
      part: boolean;
      /**
       * A constructor parameter that the file's own code fills with what it just created
       * (`const client = new MongoClient(uri); return new Store(client)`): ownership moves to
       * the class with it.
       */
      transferred: boolean;
    }
  /** A field decorated by a framework (`@Inject() cache`, `@WebSocketServer() server`). */
  | { kind: 'injected'; node: TSESTree.Node; decorators: readonly string[] }
  /** Read from a DI container: `container.get(Pool)`, `moduleRef.get(Service)`. */
  | { kind: 'container'; node: TSESTree.CallExpression };

export type Holding =
  | ({ kind: 'acquisition' } & Acquired)
  | Received
  /** `opts.agent ?? new Agent()`: the caller's when given, the class's own otherwise. */
  | { kind: 'mixed'; received: Received; acquired: Acquired }
  /** `new Map()`, `new Set()`, `[]`: what goes in is recorded as the field's elements. */
  | { kind: 'collection' }
  /** `null`, `undefined`: the field is emptied. */
  | { kind: 'cleared' }
  | { kind: 'unknown' };

export const isReceived = (holding: Holding): holding is Received =>
  holding.kind === 'parameter' || holding.kind === 'injected' || holding.kind === 'container';

/** What classifying a value needs besides the file. */
export interface HoldingEnv {
  source: ClassSource;
  /** User resources (rule options), tried before the catalog. */
  extra: readonly ResourceEntry[];
  /** With type information: the entry of a disposable-typed call or `new`, else `null`. */
  entryByType: ((node: Acquisition) => ResourceEntry | null) | null;
  /** What a field holds, for `this.pool.connect()`. */
  fieldEntry(key: string): ResourceEntry | null;
  /** Whether a class of this file owns resources in its fields (so `new` of it acquires one). */
  ownsResources(declaration: ClassNode): boolean;
}

const COLLECTIONS = new Set(['Map', 'Set', 'Array']);
const MAX_DEPTH = 4;

/** Method acquisitions by method name (`connect` → `pg.PoolClient`). */
const BY_METHOD = new Map<string, ResourceEntry[]>();
for (const entry of CATALOG) {
  const method = entry.acquireMethod;
  if (method === undefined || method.receiverIds.length === 0) continue;
  BY_METHOD.set(method.method, [...(BY_METHOD.get(method.method) ?? []), entry]);
}

export function holdingOf(env: HoldingEnv, value: TSESTree.Node, depth = 0): Holding {
  const node = skipWrappers(value, { await: true });
  if (depth > MAX_DEPTH) return { kind: 'unknown' };
  switch (node.type) {
    case 'Literal':
      return node.value === null ? { kind: 'cleared' } : { kind: 'unknown' };
    case 'Identifier':
      return identifierHolding(env, node, depth);
    case 'UnaryExpression':
      return node.operator === 'void' ? { kind: 'cleared' } : { kind: 'unknown' };
    case 'ArrayExpression':
      return { kind: 'collection' };
    case 'MemberExpression':
      return memberHolding(env, node);
    case 'LogicalExpression':
      if (node.operator === '&&') return holdingOf(env, node.right, depth + 1);
      return combine(holdingOf(env, node.left, depth + 1), holdingOf(env, node.right, depth + 1));
    case 'ConditionalExpression':
      return combine(
        holdingOf(env, node.consequent, depth + 1),
        holdingOf(env, node.alternate, depth + 1),
      );
    case 'NewExpression':
    case 'CallExpression':
      return callHolding(env, node);
    default:
      return { kind: 'unknown' };
  }
}

/** Two values of one expression (`a ?? b`, `c ? a : b`). */
function combine(a: Holding, b: Holding): Holding {
  if (a.kind === 'acquisition' && isReceived(b)) return { kind: 'mixed', received: b, acquired: a };
  if (b.kind === 'acquisition' && isReceived(a)) return { kind: 'mixed', received: a, acquired: b };
  if (a.kind === 'mixed' || a.kind === 'acquisition') return b.kind === 'unknown' ? b : a;
  if (b.kind === 'mixed' || b.kind === 'acquisition') return a.kind === 'unknown' ? a : b;
  if (isReceived(a) && (b.kind === 'cleared' || isReceived(b))) return a;
  if (isReceived(b) && a.kind === 'cleared') return b;
  if (a.kind === 'cleared' && b.kind === 'cleared') return a;
  return { kind: 'unknown' };
}

function identifierHolding(env: HoldingEnv, id: TSESTree.Identifier, depth: number): Holding {
  if (id.name === 'undefined') return { kind: 'cleared' };
  const variable = findVariable(env.source, id);
  const def = variable?.defs[0];
  if (variable === undefined || variable.defs.length !== 1 || def === undefined)
    return { kind: 'unknown' };
  if (def.type === 'Parameter' && def.name.type === 'Identifier')
    return parameterHolding(env, def.name, def.node) ?? { kind: 'unknown' };
  // Only a binding that keeps its first value; and never a module-scope one (shared, not made here).
  if (variable.scope.type === 'module' || variable.scope.type === 'global')
    return { kind: 'unknown' };
  const init = soleInitializer(variable);
  return init === null ? { kind: 'unknown' } : holdingOf(env, init, depth + 1);
}

/** `opts.agent`, `options?.pool`: a part of a parameter is the caller's too. */
function memberHolding(env: HoldingEnv, node: TSESTree.MemberExpression): Holding {
  let root: TSESTree.Node = node;
  while (root.type === 'MemberExpression') root = skipWrappers(root.object);
  if (root.type !== 'Identifier') return { kind: 'unknown' };
  const def = findVariable(env.source, root)?.defs[0];
  if (def?.type !== 'Parameter' || def.name.type !== 'Identifier') return { kind: 'unknown' };
  const param = parameterHolding(env, def.name, def.node);
  return param?.kind === 'parameter' ? { ...param, type: null, part: true } : { kind: 'unknown' };
}

/** A parameter of the constructor or of a method of the class; `null` for a closure's. */
export function parameterHolding(
  env: HoldingEnv,
  name: TSESTree.Identifier,
  fn: TSESTree.Node,
): Received | null {
  const method = fn.parent;
  if (method?.type !== 'MethodDefinition' && method?.type !== 'PropertyDefinition') return null;
  const where =
    method.type === 'MethodDefinition' && method.kind === 'constructor' ? 'constructor' : 'method';
  const decorators: string[] = [];
  let annotation: TSESTree.TypeNode | undefined = name.typeAnnotation?.typeAnnotation;
  for (let n: TSESTree.Node = name; n !== fn; n = n.parent) {
    if ('decorators' in n) decorators.push(...decoratorNames(n));
    if (n.type === 'TSParameterProperty' && annotation === undefined) {
      const inner = n.parameter.type === 'AssignmentPattern' ? n.parameter.left : n.parameter;
      annotation = inner.typeAnnotation?.typeAnnotation;
    }
    if (n.parent === undefined) break;
  }
  return {
    kind: 'parameter',
    node: name,
    where,
    decorators,
    type: annotation === undefined ? null : annotatedEntry(env, annotation),
    part: false,
    transferred:
      method.type === 'MethodDefinition' &&
      where === 'constructor' &&
      handedOver(env, name, method),
  };
}

/** What a construction passes at a parameter's place: made here, nothing, or anything else. */
function passedKind(
  env: HoldingEnv,
  argument: TSESTree.Node | undefined,
): 'made' | 'none' | 'other' {
  if (argument === undefined) return 'none';
  if (argument.type === 'SpreadElement') return 'other';
  let value = skipWrappers(argument, { await: true });
  if (value.type === 'Identifier') {
    if (value.name === 'undefined') return 'none';
    const variable = findVariable(env.source, value);
    if (
      variable === undefined ||
      variable.scope.type === 'module' ||
      variable.scope.type === 'global'
    )
      return 'other';
    const init = soleInitializer(variable);
    if (init === null) return 'other';
    value = skipWrappers(init, { await: true });
  }
  if (value.type === 'Literal' && value.value === null) return 'none';
  if (value.type === 'UnaryExpression' && value.operator === 'void') return 'none';
  if (value.type !== 'NewExpression' && value.type !== 'CallExpression') return 'other';
  if (findAcquisition(env.source, value, env.extra) !== null) return 'made';
  // `quiet(new Client(…))`: a helper that takes the new resource (and hands it back).
  const wrapped = value.type === 'CallExpression' ? value.arguments[0] : undefined;
  if (wrapped === undefined || wrapped.type === 'SpreadElement') return 'other';
  const inner = skipWrappers(wrapped);
  return (inner.type === 'NewExpression' || inner.type === 'CallExpression') &&
    findAcquisition(env.source, inner, env.extra) !== null
    ? 'made'
    : 'other';
}

/**
 * The class's own factory (a static method, or a function of the file) constructs it with a
 * resource it has just made at this parameter's place, and no construction in the file passes
 * anything else there: the parameter is an ownership transfer, not a loan. A class never
 * constructed in its file is judged by its other signs.
 */
function handedOver(
  env: HoldingEnv,
  name: TSESTree.Identifier,
  constructor: TSESTree.MethodDefinition,
): boolean {
  const params = constructor.value.params;
  const index = params.findIndex((p) => p.range[0] <= name.range[0] && name.range[1] <= p.range[1]);
  const declaration = constructor.parent.parent;
  if (index < 0 || declaration.type !== 'ClassDeclaration' || declaration.id === null) return false;
  const variables = env.source.scopeManager?.getDeclaredVariables(declaration) ?? [];
  let made = false;
  for (const variable of variables) {
    for (const reference of variable.references) {
      const construction = reference.identifier.parent;
      if (construction?.type !== 'NewExpression' || construction.callee !== reference.identifier)
        continue;
      const kind = passedKind(env, construction.arguments[index]);
      if (kind === 'other') return false;
      if (kind === 'made') made = true;
    }
  }
  return made;
}

/** The shared client a type annotation names: `Pool` imported from `pg`, `pg.Pool`, `Redis | null`. */
export function annotatedEntry(env: HoldingEnv, type: TSESTree.TypeNode): ResourceEntry | null {
  if (type.type === 'TSUnionType') {
    for (const member of type.types) {
      const entry = annotatedEntry(env, member);
      if (entry !== null) return entry;
    }
    return null;
  }
  if (type.type !== 'TSTypeReference') return null;
  let name: TSESTree.EntityName = type.typeName;
  const path: string[] = [];
  while (name.type === 'TSQualifiedName') {
    path.unshift(name.right.name);
    name = name.left;
  }
  if (name.type !== 'Identifier') return null;
  const resolved = resolveReference(env.source, name) ?? typeImportRef(env, name);
  if (resolved === null || resolved.module === 'global') return null;
  const ref = { ...resolved, path: [...resolved.path, ...path] };
  const last = ref.path.at(-1);
  for (const entry of [...env.extra, ...CATALOG]) {
    if (entry.client !== true) continue;
    if (entry.acquire.via !== 'call' && entry.acquire.from.some((from) => refMatches(ref, from)))
      return entry;
    if (
      entry.typePackage !== undefined &&
      normaliseModule(entry.typePackage).module === ref.module &&
      last !== undefined &&
      entry.typeNames?.includes(last) === true
    )
      return entry;
  }
  return null;
}

/** `import type { Pool } from 'pg'` / `import { type Pool } from 'pg'`: the value resolver skips these. */
function typeImportRef(env: HoldingEnv, id: TSESTree.Identifier): ExportRef | null {
  const def = findVariable(env.source, id)?.defs[0];
  if (def?.type !== 'ImportBinding') return null;
  const node = def.node;
  if (node.type !== 'ImportSpecifier' && node.type !== 'ImportDefaultSpecifier') return null;
  const declaration = node.parent;
  if (declaration.type !== 'ImportDeclaration') return null;
  const { module, prefix } = normaliseModule(declaration.source.value);
  if (node.type === 'ImportDefaultSpecifier') return { module, path: ['default', ...prefix] };
  const imported =
    node.imported.type === 'Identifier' ? node.imported.name : String(node.imported.value);
  return { module, path: [...prefix, imported] };
}

function callHolding(env: HoldingEnv, node: Acquisition): Holding {
  if (
    node.type === 'NewExpression' &&
    node.callee.type === 'Identifier' &&
    COLLECTIONS.has(node.callee.name)
  )
    return { kind: 'collection' };
  const entry = findAcquisition(env.source, node, env.extra);
  if (entry !== null) return { kind: 'acquisition', entry, node, by: 'catalog' };
  const onField = methodAcquisition(env, node);
  if (onField !== null) return { kind: 'acquisition', entry: onField, node, by: 'catalog' };
  if (node.type === 'CallExpression' && isContainerLookup(node)) return { kind: 'container', node };
  const local = localDisposableClass(env, node);
  if (local !== null) return { kind: 'acquisition', entry: local, node, by: 'class' };
  const typed = env.entryByType?.(node) ?? null;
  if (typed !== null) return { kind: 'acquisition', entry: typed, node, by: 'type' };
  return { kind: 'unknown' };
}

/** `this.pool.connect()` on a field that holds a `pg` pool → a pooled connection. */
function methodAcquisition(env: HoldingEnv, node: Acquisition): ResourceEntry | null {
  if (node.type !== 'CallExpression' || node.callee.type !== 'MemberExpression') return null;
  const name = calleeName(node.callee);
  const candidates = name === null ? undefined : BY_METHOD.get(name);
  if (candidates === undefined) return null;
  const key = fieldRead(env.source, node.callee.object);
  const receiver = key === null ? null : env.fieldEntry(key);
  if (receiver === null) return null;
  return candidates.find((entry) => entry.acquireMethod?.receiverIds.includes(receiver.id)) ?? null;
}

/** `container.get(X)`, `this.moduleRef.resolve(X)`, `app.get(Pool)`, `inject(Token)`. */
export function isContainerLookup(node: TSESTree.CallExpression): boolean {
  const callee = skipWrappers(node.callee);
  if (callee.type === 'Identifier')
    return (CONTAINER_LOOKUP.functions as readonly string[]).includes(callee.name);
  if (callee.type !== 'MemberExpression') return false;
  const method = calleeName(callee);
  if (method === null || !(CONTAINER_LOOKUP.methods as readonly string[]).includes(method))
    return false;
  const receiver = skipWrappers(callee.object);
  const name =
    receiver.type === 'Identifier'
      ? receiver.name
      : receiver.type === 'MemberExpression'
        ? calleeName(receiver)
        : null;
  return name !== null && CONTAINER_LOOKUP.receivers.test(name);
}

const LOCAL_RELEASES = ['dispose', 'close'];

/**
 * `new Room()` of a class declared in this file with `[Symbol.dispose]` or
 * `[Symbol.asyncDispose]`, or with `dispose()` or `close()` and resources of its own: a
 * resource the project made, known by its release methods.
 */
function localDisposableClass(env: HoldingEnv, node: Acquisition): ResourceEntry | null {
  if (node.type !== 'NewExpression' || node.callee.type !== 'Identifier') return null;
  const def = findVariable(env.source, node.callee)?.defs[0];
  if (def?.type !== 'ClassName') return null;
  const declaration = def.node;
  const releases: string[] = [];
  let disposable: 'sync' | 'async' | undefined;
  for (const element of declaration.body.body) {
    if (element.type !== 'MethodDefinition' || element.static) continue;
    const key = elementKey(element);
    if (key === null) continue;
    const symbol = /^\[Symbol\.(\w+)\]$/.exec(key)?.[1];
    if (symbol !== undefined && DISPOSE_SYMBOLS.has(symbol)) {
      disposable = disposable === 'sync' || symbol === 'dispose' ? 'sync' : 'async';
    } else if (LOCAL_RELEASES.includes(key)) releases.push(key);
  }
  if (releases.length === 0 && disposable === undefined) return null;
  // A `close()` alone may hide a dialog: only a class that owns resources is one.
  if (disposable === undefined && !env.ownsResources(declaration)) return null;
  const name = node.callee.name;
  return {
    id: `class:${name}`,
    label: `\`${name}\``,
    kind: 'other',
    acquire: { via: 'new', from: [] },
    releaseMethods: releases,
    ...(disposable === undefined ? {} : { disposable }),
  };
}
