/**
 * Why a growth is unbounded: it runs per request or per event (a handler, a listener), or
 * it fills a cache on a miss (the same function looks the key up first), or it stores a
 * per-operation resource (an `AbortController`, a timer, a child process) on every call.
 * A growth at start-up (module scope, a constructor, a function that runs once) is bounded
 * by the code that runs it, and a registry filled by an ordinary function (`register(name,
 * handler)`) is not reported without one of those signs.
 */
import { builtinModules } from 'node:module';

import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import { functionRole, type PerCallEnv } from '../../analysis/lifetime/per-call-site.js';
import { resolveReference } from '../../analysis/resolve/imports.js';
import { calleeName, findVariable, skipWrappers, soleInitializer } from '../../utils/ast/index.js';
import { findAcquisition, needsRelease } from '../../analysis/resolve/match.js';
import {
  CONFIGURATION_PARAMS,
  MODULE_LOADERS,
  PER_OPERATION_CONSTRUCTORS,
} from '../../catalog/collections.js';
import type { ResourceKind } from '../../catalog/types.js';
import {
  childrenOf,
  contains,
  enclosingFunction,
  type FunctionNode,
} from '../../utils/ast/index.js';
import type { Use } from './uses.js';

type Grow = Extract<Use, { kind: 'grow' }>;

export type Why =
  | { kind: 'per-call'; where: string }
  | { kind: 'cache'; where: string }
  | { kind: 'resource'; where: string; value: string };

/** One per key is a registry of shared clients, not a leak per operation. */
const SHARED_KINDS = new Set<ResourceKind>([
  'server',
  'http-agent',
  'http-client',
  'db-client',
  'sdk-client',
]);

function nameOf(fn: FunctionNode): string {
  if (fn.id) return fn.id.name;
  const parent = fn.parent;
  if (parent.type === 'VariableDeclarator' && parent.id.type === 'Identifier')
    return parent.id.name;
  if ((parent.type === 'MethodDefinition' || parent.type === 'Property') && !parent.computed) {
    const key = parent.key;
    if (key.type === 'Identifier') return key.name;
    if (key.type === 'PrivateIdentifier') return `#${key.name}`;
  }
  return '';
}

/**
 * What a stored value is: a per-operation resource (`AbortController`, `interval`), a shared
 * client or server (one per key is a registry of singletons), or anything else.
 */
function valueOf(
  sourceCode: Readonly<TSESLint.SourceCode>,
  raw: TSESTree.Node,
): { resource: string } | 'shared' | null {
  const value = skipWrappers(raw);
  if (value.type !== 'Identifier') return madeBy(sourceCode, value);
  // A local: what any of its writes makes (`let pool = pools.get(k); if (!pool) pool = new Pool()`).
  let found: { resource: string } | null = null;
  for (const ref of findVariable(sourceCode, value)?.references ?? []) {
    const made = ref.writeExpr ? madeBy(sourceCode, ref.writeExpr) : null;
    if (made === 'shared') return made;
    found ??= made;
  }
  return found;
}

function madeBy(
  sourceCode: Readonly<TSESLint.SourceCode>,
  raw: TSESTree.Node,
): { resource: string } | 'shared' | null {
  let value = skipWrappers(raw);
  if (value.type === 'AwaitExpression') value = skipWrappers(value.argument);
  if (value.type === 'NewExpression' && value.callee.type === 'Identifier') {
    if (PER_OPERATION_CONSTRUCTORS.has(value.callee.name)) return { resource: value.callee.name };
  }
  if (value.type !== 'CallExpression' && value.type !== 'NewExpression') return null;
  const entry = findAcquisition(sourceCode, value);
  if (!entry) return null;
  if (entry.client || SHARED_KINDS.has(entry.kind)) return 'shared';
  return needsRelease(entry) ? { resource: entry.label } : null;
}

const isIife = (fn: FunctionNode): boolean =>
  fn.parent.type === 'CallExpression' && fn.parent.callee === fn;

/** `node` mentions a parameter of `fn`: the value differs from call to call. */
function fromParameters(node: TSESTree.Node, fn: FunctionNode): boolean {
  const names = new Set<string>();
  const collect = (p: TSESTree.Node): void => {
    if (p.type === 'Identifier') names.add(p.name);
    else for (const child of childrenOf(p)) collect(child);
  };
  fn.params.forEach(collect);
  const mentions = (n: TSESTree.Node): boolean =>
    (n.type === 'Identifier' && names.has(n.name)) || childrenOf(n).some(mentions);
  return mentions(node);
}

const BUILTINS = new Set(builtinModules);

/**
 * An `await` of data from outside the program: not a file read or a module import (caches of
 * those are bounded by the project's files, as the field showed in ESLint and Vitest).
 */
function fetches(
  sourceCode: Readonly<TSESLint.SourceCode>,
  node: TSESTree.AwaitExpression,
): boolean {
  let value = skipWrappers(node.argument);
  // `await import(url)`, `(await import(url)).default`
  if (value.type === 'ImportExpression') return false;
  while (value.type === 'CallExpression' && value.callee.type === 'MemberExpression') {
    const name = calleeName(value.callee);
    if (name !== 'then' && name !== 'catch') break;
    value = skipWrappers(value.callee.object);
  }
  if (value.type !== 'CallExpression') return true;
  if (MODULE_LOADERS.test(calleeName(value.callee) ?? '')) return false;
  const ref = resolveReference(sourceCode, value.callee);
  return !(ref !== null && BUILTINS.has(ref.module));
}

/**
 * The stored value was fetched: an `await` runs before the growth in `fn`, or the growth sits
 * in a `.then` callback. A cache of fetched data (users by id) grows with the data; a memo of
 * something computed (a regex per pattern, a parsed selector) grows with the program's own
 * constants, which the field showed to be the common case.
 */
function fetchedBefore(
  sourceCode: Readonly<TSESLint.SourceCode>,
  grow: TSESTree.Node,
  fn: FunctionNode,
): boolean {
  for (let n = grow.parent; n && n !== fn; n = n.parent) {
    const call = n.parent;
    if (
      n.type.endsWith('FunctionExpression') &&
      call?.type === 'CallExpression' &&
      call.callee.type === 'MemberExpression' &&
      calleeName(call.callee) === 'then'
    )
      return true;
  }
  let found = false;
  const visit = (n: TSESTree.Node): void => {
    if (found || n.range[0] >= grow.range[0]) return;
    if (n !== fn && (n.type === 'FunctionDeclaration' || n.type.endsWith('FunctionExpression')))
      return;
    if (n.type === 'AwaitExpression' && n.range[1] <= grow.range[0] && fetches(sourceCode, n))
      found = true;
    else for (const child of childrenOf(n)) visit(child);
  };
  visit(fn.body);
  return found;
}

/**
 * The key is made only from configuration parameters of `fn` (`config.rootDir`, a hash of
 * `schema`), directly or through locals of `fn`: one entry per configured value (field UC-1).
 */
function keyedByConfiguration(
  sourceCode: Readonly<TSESLint.SourceCode>,
  key: TSESTree.Node,
  fn: FunctionNode,
): boolean {
  const params = new Set<string>();
  const collect = (p: TSESTree.Node): void => {
    if (p.type === 'Identifier') params.add(p.name);
    else for (const child of childrenOf(p)) collect(child);
  };
  fn.params.forEach(collect);
  const mentioned = new Set<string>();
  const seen = new Set<TSESTree.Node>();
  const visit = (n: TSESTree.Node): void => {
    if (n.type === 'MemberExpression' && !n.computed) return visit(n.object);
    if (n.type === 'Identifier') {
      if (params.has(n.name)) mentioned.add(n.name);
      const init = soleInitializer(findVariable(sourceCode, n));
      if (init && !seen.has(init) && contains(fn, init)) {
        seen.add(init);
        visit(init);
      }
      return;
    }
    for (const child of childrenOf(n)) visit(child);
  };
  visit(key);
  return mentioned.size > 0 && [...mentioned].every((name) => CONFIGURATION_PARAMS.test(name));
}

export function whyUnbounded(
  env: PerCallEnv & { sourceCode: Readonly<TSESLint.SourceCode> },
  grow: Grow,
  lookups: readonly TSESTree.Node[],
): Why | null {
  for (let fn = enclosingFunction(grow.node); fn; fn = enclosingFunction(fn)) {
    if (isIife(fn)) continue;
    if (fn.parent.type === 'MethodDefinition' && fn.parent.kind === 'constructor') return null;
    const role = functionRole(env, fn);
    if (role.role === 'iteration' || role.role === 'transparent') continue;
    const name = nameOf(fn);
    const where = name === '' ? 'a function' : `\`${name}()\``;
    if (role.role === 'handler' || role.role === 'listener') return { kind: 'per-call', where };
    const value = grow.value && valueOf(env.sourceCode, grow.value);
    if (value === 'shared') return null;
    const perCall = role.role === 'ordinary' || (grow.key !== null && fromParameters(grow.key, fn));
    if (value && perCall) return { kind: 'resource', where, value: value.resource };
    if (role.role === 'once') return null;
    const looksUp = lookups.some((l) => contains(fn, l));
    if (grow.key !== null && keyedByConfiguration(env.sourceCode, grow.key, fn)) return null;
    return looksUp && fetchedBefore(env.sourceCode, grow.node, fn)
      ? { kind: 'cache', where }
      : null;
  }
  return null;
}
