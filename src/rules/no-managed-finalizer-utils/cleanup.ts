/**
 * What a `FinalizationRegistry` cleanup callback releases. Freeing a native handle through a
 * native function (`binding.free(ptr)`, `fs.closeSync(fd)`) is what finalizers are for; a
 * method that ends a JS object reached from the held value (`held.socket.destroy()`), a
 * listener removal, a timer clear, a file deletion or a kill are JS-managed releases that
 * must happen explicitly.
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import { accessedName } from '../../analysis/engine/class-releases.js';
import { resolveReference } from '../../analysis/resolve/imports.js';
import { findAcquisition, refMatches } from '../../analysis/resolve/match.js';
import { mustRelease } from '../../analysis/engine/class-owners.js';
import {
  LISTENER_REMOVERS,
  MANAGED_RELEASE_FUNCTIONS,
  MANAGED_RELEASE_METHODS,
} from '../../catalog/finalizers.js';
import type { ResourceEntry } from '../../catalog/types.js';
import {
  boundNames,
  childrenOf,
  findVariable,
  isFunctionNode,
  skipWrappers,
  soleInitializer,
  type FunctionNode,
} from '../../utils/ast/index.js';

type SourceCode = Readonly<TSESLint.SourceCode>;

export interface ManagedRelease {
  node: TSESTree.CallExpression;
  /** `closes`, `removes a listener from`, `clears`. */
  verb: string;
  /** What it releases: `held.socket`, `emitter`, `this.timer`. */
  target: TSESTree.Node;
}

/** The cleanup callback of `new FinalizationRegistry(callback)`, through a local name. */
export function cleanupCallback(
  sourceCode: SourceCode,
  registry: TSESTree.NewExpression,
): FunctionNode | null {
  const first = registry.arguments[0];
  if (first === undefined) return null;
  const callback = skipWrappers(first);
  if (isFunctionNode(callback)) return callback;
  if (callback.type !== 'Identifier') return null;
  const def = findVariable(sourceCode, callback)?.defs[0];
  if (def?.type === 'FunctionName' && def.node.type === 'FunctionDeclaration') return def.node;
  if (def?.type !== 'Variable' || def.node.init === null) return null;
  const init = skipWrappers(def.node.init);
  return isFunctionNode(init) ? init : null;
}

function mentions(node: TSESTree.Node, names: ReadonlySet<string>): boolean {
  if (node.type === 'Identifier') return names.has(node.name);
  return childrenOf(node).some((child) => mentions(child, names));
}

function calleeText(sourceCode: SourceCode, callee: TSESTree.Node): string {
  return sourceCode.getText(callee).replace(/\s+/g, '');
}

/** Whether a function calls `.deref()`: it reaches its object only through a `WeakRef`. */
function derefs(node: TSESTree.Node): boolean {
  if (
    node.type === 'CallExpression' &&
    node.callee.type === 'MemberExpression' &&
    accessedName(node.callee) === 'deref'
  )
    return true;
  return childrenOf(node).some(derefs);
}

/** The functions a held value carries: itself, or the values of an object literal. */
function carriedFunctions(sourceCode: SourceCode, value: TSESTree.Node, depth = 0): FunctionNode[] {
  const node = skipWrappers(value);
  if (isFunctionNode(node)) return [node];
  if (depth > 4) return [];
  if (node.type === 'Identifier') {
    const variable = findVariable(sourceCode, node);
    const def = variable?.defs[0];
    if (def?.type === 'FunctionName' && def.node.type === 'FunctionDeclaration') return [def.node];
    const init = soleInitializer(variable);
    return init === null ? [] : carriedFunctions(sourceCode, init, depth + 1);
  }
  // `buildAbort(ref)`: the listener a local factory makes (the factory's body is the listener's).
  if (node.type === 'CallExpression' && node.callee.type === 'Identifier')
    return carriedFunctions(sourceCode, node.callee, depth + 1);
  if (node.type !== 'ObjectExpression') return [];
  return node.properties.flatMap((property) =>
    property.type === 'Property' ? carriedFunctions(sourceCode, property.value, depth + 1) : [],
  );
}

/**
 * A weak listener: every `registry.register(target, held)` of this registry hands the callback
 * a listener that reaches its object only through a `WeakRef` (`() => ref.deref()?.abort()`).
 * The listener sits on an emitter that outlives the object and has no explicit end, so
 * unlinking it when the object is collected is what the finalizer is for.
 */
export function registersWeakListeners(
  sourceCode: SourceCode,
  registry: TSESTree.NewExpression,
): boolean {
  const declarator = registry.parent;
  if (declarator.type !== 'VariableDeclarator' || declarator.id.type !== 'Identifier') return false;
  const variable = findVariable(sourceCode, declarator.id);
  let registered = false;
  for (const reference of variable?.references ?? []) {
    const member = reference.identifier.parent;
    if (member?.type !== 'MemberExpression' || member.object !== reference.identifier) continue;
    if (accessedName(member) !== 'register') continue;
    const call = member.parent;
    if (call.type !== 'CallExpression' || call.callee !== member) continue;
    const held = call.arguments[1];
    if (held === undefined || held.type === 'SpreadElement') return false;
    if (!carriedFunctions(sourceCode, held).some(derefs)) return false;
    registered = true;
  }
  return registered;
}

/** One call in the callback: a managed release, or `null` (a native free, anything else). */
function managedAt(
  sourceCode: SourceCode,
  call: TSESTree.CallExpression,
  held: ReadonlySet<string>,
  allowed: ReadonlySet<string>,
  weakListeners: boolean,
): ManagedRelease | null {
  const callee = skipWrappers(call.callee);
  if (callee.type === 'MemberExpression') {
    const name = accessedName(callee);
    if (name === null || allowed.has(name) || allowed.has(calleeText(sourceCode, callee)))
      return null;
    const remover = LISTENER_REMOVERS[name];
    if (remover !== undefined)
      return weakListeners ? null : { node: call, verb: remover, target: callee.object };
    const verb = MANAGED_RELEASE_METHODS[name];
    // `binding.close(handle)`: a native function given the handle. `held.socket.close()`: a JS object.
    if (verb !== undefined && mentions(callee.object, held))
      return { node: call, verb, target: callee.object };
  }
  const resolved = resolveReference(sourceCode, callee);
  if (resolved === null || allowed.has(calleeText(sourceCode, callee))) return null;
  const known = MANAGED_RELEASE_FUNCTIONS.find(({ fn }) => refMatches(resolved, fn));
  const first = call.arguments[0];
  if (known === undefined || first === undefined) return null;
  return { node: call, verb: known.verb, target: first };
}

/** The managed releases a cleanup callback makes (nested callbacks included). */
export function managedReleases(
  sourceCode: SourceCode,
  callback: FunctionNode,
  allowed: ReadonlySet<string>,
  weakListeners = false,
): ManagedRelease[] {
  const held = boundNames(callback.params[0]);
  const out: ManagedRelease[] = [];
  const visit = (node: TSESTree.Node): void => {
    if (node.type === 'CallExpression') {
      const found = managedAt(sourceCode, node, held, allowed, weakListeners);
      if (found !== null) out.push(found);
    }
    for (const child of childrenOf(node)) visit(child);
  };
  visit(callback.body);
  return out;
}

/**
 * `new WeakRef(new Agent())`, `new WeakRef(pool)` of a local acquisition: a resource held only
 * weakly is collected without being closed (when its handles let it be collected at all).
 */
export function weakResource(
  sourceCode: SourceCode,
  node: TSESTree.NewExpression,
): { entry: ResourceEntry; acquired: TSESTree.CallExpression | TSESTree.NewExpression } | null {
  const first = node.arguments[0];
  if (first === undefined || first.type === 'SpreadElement') return null;
  let value = skipWrappers(first);
  if (value.type === 'Identifier') {
    const init = soleInitializer(findVariable(sourceCode, value));
    if (init === null) return null;
    value = init;
  }
  value = skipWrappers(value, { await: true });
  if (value.type !== 'CallExpression' && value.type !== 'NewExpression') return null;
  const entry = findAcquisition(sourceCode, value);
  return entry !== null && mustRelease(entry) ? { entry, acquired: value } : null;
}
