/**
 * Where a value built per call goes, relative to its per-call site: kept somewhere that
 * outlives the site (a module or outer binding, `this`, a cache, `globalThis`: the
 * lazy-singleton idioms `x ??= new C()`, `if (!x) x = new C()`, memoised getters,
 * `static getInstance()`), a fallback for an injected value (`deps.db ?? new Pool()`),
 * returned (a factory), captured by a closure that outlives the call (a composition root), or
 * local to the site. `perCallUse` combines site and destination: a value local to a per-call
 * site is built again on every call.
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '@typescript-eslint/types';

import { DI_REGISTRARS, FACTORY_NAMES } from '../../catalog/frameworks.js';
import { PROMISE_METHODS, RESOLVING_CALLS, STORING_METHODS } from '../../catalog/vocabulary.js';
import {
  chainRoot,
  contains,
  enclosingFunction,
  findVariable,
  isWrapper,
  outermostFunctionWithin,
  skipWrappers,
  staticPropertyName,
  walkValues,
  isFunctionNode,
  type FunctionNode,
} from '../../utils/ast/index.js';
import {
  functionName,
  functionRole,
  perCallSite,
  type PerCallEnv,
  type PerCallSite,
} from '../../analysis/lifetime/per-call-site.js';

type Variable = TSESLint.Scope.Variable;

export type Destination =
  /** Stored where it outlives the site: module/outer binding, `this`, a cache, `globalThis`. */
  | { kind: 'kept' }
  /** The fallback of an injected value: `deps.db ?? new Pool()`. */
  | { kind: 'fallback' }
  /** Handed to the caller: the site is a factory. */
  | { kind: 'returned' }
  /** Captured by a closure that outlives the call (routes registered in a composition root). */
  | { kind: 'captured' }
  /** Lives and dies with the site. `declarator` is the `const`/`let`/`using` it is bound to. */
  | { kind: 'local'; declarator: TSESTree.VariableDeclarator | null; using: boolean };

/** An assignment or storing target that outlives `site`: `this.x`, a module binding, `globalThis.x`. */
function outlives(env: PerCallEnv, target: TSESTree.Node, site: TSESTree.Node): boolean {
  const root = chainRoot(target);
  if (root === null) return false;
  if (root.type === AST_NODE_TYPES.ThisExpression) return true;
  const variable = findVariable(env.sourceCode, root);
  const def = variable?.defs[0];
  if (variable === undefined || def === undefined) return true;
  return !contains(site, def.name);
}

const RANK: Record<Destination['kind'], number> = {
  kept: 5,
  fallback: 4,
  returned: 3,
  captured: 2,
  local: 1,
};

interface Walk {
  env: PerCallEnv;
  site: PerCallSite;
  seen: Set<Variable>;
}

/** Bound by `x = value` or `const x = value`: kept, or wherever the binding's reads take it. */
function bound(
  walk: Walk,
  parent: TSESTree.AssignmentExpression | TSESTree.VariableDeclarator,
  viaCall: boolean,
): Destination {
  if (parent.type === AST_NODE_TYPES.AssignmentExpression) {
    if (outlives(walk.env, parent.left, walk.site.node)) return { kind: 'kept' };
    if (parent.left.type !== AST_NODE_TYPES.Identifier) return LOCAL;
    const variable = findVariable(walk.env.sourceCode, parent.left);
    return followVariable(walk, variable, null, false, viaCall);
  }
  const declaration = parent.parent;
  const using =
    declaration.type === AST_NODE_TYPES.VariableDeclaration &&
    (declaration.kind === 'using' || declaration.kind === 'await using');
  if (parent.id.type !== AST_NODE_TYPES.Identifier)
    return { kind: 'local', declarator: parent, using };
  const variable = findVariable(walk.env.sourceCode, parent.id);
  return followVariable(walk, variable, parent, using, viaCall);
}

/**
 * Returned from a function (`return value`, an arrow's body): returned from the site, or the
 * function inside it whose result carries it on (an iteration callback, an IIFE).
 */
function leaves(
  walk: Walk,
  parent: TSESTree.ReturnStatement | TSESTree.ArrowFunctionExpression,
  viaCall: boolean,
): Destination | FunctionNode {
  const siteNode = walk.site.node;
  const fn =
    parent.type === AST_NODE_TYPES.ArrowFunctionExpression ? parent : enclosingFunction(parent);
  if (fn === null || fn === siteNode || !contains(siteNode, fn)) return returned(walk, viaCall);
  // An iteration callback's or an IIFE's result flows into the call; any other callback
  // may hand it to a cache (`lru.fetch(key, () => new Client())`): a factory.
  const iife = fn.parent?.type === AST_NODE_TYPES.CallExpression && fn.parent.callee === fn;
  if (!iife && functionRole(walk.env, fn).role !== 'iteration') return { kind: 'returned' };
  return fn;
}

/** Passed to a call or `new`: stored by it, resolved by it, or carried on by its result (`null`). */
function passed(
  walk: Walk,
  parent: TSESTree.CallExpression | TSESTree.NewExpression,
): Destination | null {
  const callee = skipWrappers(parent.callee);
  const method =
    callee.type === AST_NODE_TYPES.MemberExpression ? staticPropertyName(callee) : null;
  // A DI container owns what is registered in it (field PC-2).
  if (method !== null && DI_REGISTRARS.has(method)) return { kind: 'kept' };
  if (callee.type === AST_NODE_TYPES.MemberExpression && STORING_METHODS.has(method ?? '')) {
    return outlives(walk.env, callee.object, walk.site.node) ? { kind: 'kept' } : LOCAL;
  }
  if (callee.type === AST_NODE_TYPES.Identifier && RESOLVING_CALLS.has(callee.name))
    return { kind: 'returned' };
  // Handed to a local object that leaves the site: `driver.attach(client); return { driver }`
  // (field PC-4). The client goes where that object goes.
  if (callee.type === AST_NODE_TYPES.MemberExpression) {
    const root = chainRoot(callee.object);
    const variable =
      root?.type === AST_NODE_TYPES.Identifier
        ? findVariable(walk.env.sourceCode, root)
        : undefined;
    const def = variable?.defs[0];
    if (variable !== undefined && def !== undefined && contains(walk.site.node, def.name)) {
      const holder = followVariable(walk, variable, null, false, false);
      if (holder.kind === 'returned' || holder.kind === 'kept') return holder;
    }
  }
  // The call's result carries it on: `drizzle(pool)`, `new Repo(pool)`.
  return null;
}

/**
 * `quiet(pool)` where `quiet` is a function of this file that returns the argument it is
 * given in that position (after adding a listener, say): the result is the client itself.
 */
function returnsItsArgument(
  env: PerCallEnv,
  call: TSESTree.CallExpression,
  argument: TSESTree.Node,
): boolean {
  const callee = skipWrappers(call.callee);
  if (callee.type !== AST_NODE_TYPES.Identifier) return false;
  const def = findVariable(env.sourceCode, callee)?.defs[0];
  const node = def?.node as TSESTree.Node | undefined;
  const fn =
    node?.type === AST_NODE_TYPES.FunctionDeclaration
      ? node
      : node?.type === AST_NODE_TYPES.VariableDeclarator && node.init && isFunctionNode(node.init)
        ? node.init
        : null;
  const index = call.arguments.indexOf(argument as TSESTree.CallExpressionArgument);
  const param = fn?.params[index];
  if (!fn || param?.type !== AST_NODE_TYPES.Identifier) return false;
  const isParam = (value: TSESTree.Node | null | undefined): boolean =>
    value?.type === AST_NODE_TYPES.Identifier && value.name === param.name;
  if (fn.body.type !== AST_NODE_TYPES.BlockStatement) return isParam(fn.body);
  let returns = 0;
  let others = 0;
  walkValues(fn.body, (n) => {
    if (n !== fn.body && isFunctionNode(n)) return false;
    if (n.type === AST_NODE_TYPES.ReturnStatement) {
      if (isParam(n.argument)) returns++;
      else others++;
    }
    return true;
  });
  return returns > 0 && others === 0;
}

/**
 * `{ pool: wrap(client) }`: the property holds, unawaited, the result of the call that was
 * given the client, so it holds the client as that helper returns it (an imported
 * `suppressErrors(new Pool())`, field PC-3), not a result computed from it (`await list(s3)`).
 */
function holdsWrapped(property: TSESTree.Property, call: TSESTree.CallExpression | null): boolean {
  return call !== null && skipWrappers(property.value) === call;
}

/** Follow a value up from `start` to the place that decides where it goes, relative to the site. */
function follow(walk: Walk, start: TSESTree.Node, viaCall = false): Destination {
  let child: TSESTree.Node = start;
  /** The call that last carried the value on by its result (`wrap(client)`). */
  let carrier: TSESTree.CallExpression | null = null;
  for (let parent = child.parent; parent; child = parent, parent = parent.parent) {
    if (isWrapper(parent, { await: true })) continue;
    switch (parent.type) {
      case AST_NODE_TYPES.ConditionalExpression:
        if (parent.test === child) return LOCAL;
        continue;
      case AST_NODE_TYPES.LogicalExpression:
        if (parent.right === child && parent.operator !== '&&') return { kind: 'fallback' };
        continue;
      case AST_NODE_TYPES.SequenceExpression:
        if (parent.expressions.at(-1) !== child) return LOCAL;
        continue;
      case AST_NODE_TYPES.SpreadElement:
      case AST_NODE_TYPES.ArrayExpression:
      case AST_NODE_TYPES.ObjectExpression:
        continue;
      case AST_NODE_TYPES.Property:
        if (parent.value !== child) return LOCAL;
        if (viaCall && holdsWrapped(parent, carrier)) viaCall = false;
        carrier = null;
        continue;
      case AST_NODE_TYPES.AssignmentExpression:
        return parent.left === child ? LOCAL : bound(walk, parent, viaCall);
      case AST_NODE_TYPES.VariableDeclarator:
        return parent.init === child ? bound(walk, parent, viaCall) : LOCAL;
      case AST_NODE_TYPES.ReturnStatement:
      case AST_NODE_TYPES.ArrowFunctionExpression: {
        if (parent.type === AST_NODE_TYPES.ArrowFunctionExpression && parent.body !== child)
          return LOCAL;
        const left = leaves(walk, parent, viaCall);
        if (!('type' in left)) return left;
        parent = left;
        continue;
      }
      case AST_NODE_TYPES.YieldExpression:
        return { kind: 'returned' };
      case AST_NODE_TYPES.CallExpression:
      case AST_NODE_TYPES.NewExpression: {
        if (parent.callee === child) return LOCAL;
        const destination = passed(walk, parent);
        if (destination !== null) return destination;
        if (
          parent.type === AST_NODE_TYPES.CallExpression &&
          !returnsItsArgument(walk.env, parent, child)
        ) {
          viaCall = true;
          carrier = parent;
        } else carrier = null;
        continue;
      }
      case AST_NODE_TYPES.MemberExpression: {
        // `MongoClient.connect(url).then((c) => c.db())`: the promise chain carries a value
        // derived from the client on (field PC-1).
        const call = parent.parent;
        if (
          parent.object === child &&
          PROMISE_METHODS.has(staticPropertyName(parent) ?? '') &&
          call.type === AST_NODE_TYPES.CallExpression &&
          call.callee === parent
        ) {
          viaCall = true;
          carrier = null;
          parent = call;
          continue;
        }
        return LOCAL;
      }
      case AST_NODE_TYPES.PropertyDefinition:
      case AST_NODE_TYPES.ExportDefaultDeclaration:
        return { kind: 'kept' };
      default:
        return LOCAL;
    }
  }
  return LOCAL;
}

/**
 * Returned from the site. The client itself (or an object holding it) is the caller's; the
 * result of a call that was given the client (`return listFiles(s3)`) is the caller's only
 * from a factory (`return drizzle(pool)` in `createDb()`), not from a handler or a query.
 */
function returned(walk: Walk, viaCall: boolean): Destination {
  if (!viaCall) return { kind: 'returned' };
  const { site } = walk;
  if (site.kind !== 'function') return LOCAL;
  const name = functionName(site.node);
  return site.getter || (name !== null && FACTORY_NAMES.test(name)) ? { kind: 'returned' } : LOCAL;
}

const LOCAL: Destination = { kind: 'local', declarator: null, using: false };

function followVariable(
  walk: Walk,
  variable: Variable | undefined,
  declarator: TSESTree.VariableDeclarator | null,
  using: boolean,
  viaCall: boolean,
): Destination {
  const siteNode = walk.site.node;
  if (variable === undefined) return { kind: 'local', declarator, using };
  const def = variable.defs[0];
  if (def !== undefined && !contains(siteNode, def.name)) return { kind: 'kept' };
  if (walk.seen.has(variable) || walk.seen.size > 8) return { kind: 'local', declarator, using };
  walk.seen.add(variable);
  let best: Destination = { kind: 'local', declarator, using };
  for (const reference of variable.references) {
    if (reference.init === true || reference.isWrite()) continue;
    const id = reference.identifier;
    let result: Destination;
    const nested = outermostFunctionWithin(id, siteNode);
    if (
      nested !== null &&
      !['transparent', 'iteration'].includes(functionRole(walk.env, nested).role)
    ) {
      result = { kind: 'captured' };
    } else {
      result = follow(walk, id, viaCall);
    }
    if (RANK[result.kind] > RANK[best.kind]) best = result;
  }
  return best;
}

/** Where the value of `expr` goes, relative to `site`. */
export function destinationOf(
  env: PerCallEnv,
  expr: TSESTree.Node,
  site: PerCallSite,
): Destination {
  return follow({ env, site, seen: new Set() }, expr);
}

export interface PerCallUse {
  site: PerCallSite;
  destination: Destination;
}

/**
 * Whether the value built by `expr` is built again on every call: local to a per-call site
 * (or captured by closures made per request or per iteration, or returned by a getter).
 * A value returned from an iteration callback is judged where the iteration's result goes.
 */
export function perCallUse(env: PerCallEnv, expr: TSESTree.Node): PerCallUse | null {
  let target = expr;
  for (let depth = 0; depth < 4; depth++) {
    const site = perCallSite(env, target);
    if (site === null) return null;
    const destination = destinationOf(env, target, site);
    if (destination.kind === 'returned' && site.kind === 'iteration') {
      target = site.call;
      continue;
    }
    if (destination.kind === 'local') return { site, destination };
    if (destination.kind === 'returned' && site.kind === 'function' && site.getter)
      return { site, destination };
    if (destination.kind === 'captured' && site.kind !== 'function') return { site, destination };
    return null;
  }
  return null;
}
