/**
 * What a class registers elsewhere and must take back: listeners (`process.on('exit', this.h)`,
 * `this.bus.on('x', …)`), and itself in a `FinalizationRegistry` (`registry.register(this, …)`).
 */
import type { TSESTree } from '@typescript-eslint/utils';

import { LISTENER_METHODS } from '../../catalog/index.js';
import type { ResourceEntry } from '../../catalog/types.js';
import {
  isFunctionNode,
  calleeName,
  findVariable,
  skipWrappers,
  staticPropertyName,
} from '../../utils/ast/index.js';
import { resolveReference } from '../resolve/imports.js';
import { findAcquisition } from '../resolve/match.js';
import type { FieldRecord } from './class-fields.js';
import {
  classNameOf,
  elementKey,
  fieldRead,
  thisMemberKey,
  type ClassNode,
  type ClassSource,
} from './class-members.js';

/** The emitter a listener is added to. */
export type ListenerTarget =
  /** `this.on(…)`: the instance listens to itself. */
  | { kind: 'self' }
  | { kind: 'field'; key: string }
  /** A parameter of the member that registers (a constructor's injected emitter). */
  | { kind: 'parameter'; name: string }
  /** `process`, `globalThis`, `window`, `document`: they live as long as the process. */
  | { kind: 'global'; name: string }
  /** A binding at module scope (an imported or module-level emitter). */
  | { kind: 'module'; name: string }
  | { kind: 'other' };

/** The function registered: a field or method of the instance, a new function, or a local. */
export type HandlerRef =
  /** `this.onExit`; `bound` for `this.onExit.bind(this)`, a new function each time. */
  | { kind: 'field'; key: string; bound: boolean }
  | { kind: 'inline' }
  | { kind: 'local'; name: string }
  | { kind: 'other' };

export interface ListenerCall {
  node: TSESTree.CallExpression;
  target: ListenerTarget;
  /** Source text of the emitter (`process`, `this.bus`). */
  targetText: string;
  event: string | null;
  handler: HandlerRef;
}

export interface ListenerRegistration extends ListenerCall {
  once: boolean;
  /** `{ signal: this.ac.signal }`: the field whose controller removes it on abort. */
  signal: string | null;
}

export interface ListenerRemoval extends ListenerCall {
  /** `removeAllListeners()`: every listener (of `event`, when given). */
  all: boolean;
}

const ADD = new Set<string>([...LISTENER_METHODS.add, ...LISTENER_METHODS.once]);
const ONCE = new Set<string>(LISTENER_METHODS.once);
const REMOVE = new Set<string>(LISTENER_METHODS.remove);
const REMOVE_ALL = new Set<string>(LISTENER_METHODS.removeAll);
const GLOBAL_EMITTERS = new Set(['process', 'globalThis', 'window', 'document', 'self']);

function stringOf(node: TSESTree.Node | undefined): string | null {
  if (node?.type === 'Literal' && typeof node.value === 'string') return node.value;
  if (node?.type === 'TemplateLiteral' && node.expressions.length === 0)
    return node.quasis[0]?.value.cooked ?? null;
  return null;
}

function targetOf(source: ClassSource, node: TSESTree.Node): ListenerTarget {
  const target = skipWrappers(node);
  if (target.type === 'ThisExpression') return { kind: 'self' };
  const key = thisMemberKey(target) ?? fieldRead(source, target);
  if (key !== null) return { kind: 'field', key };
  if (target.type === 'MemberExpression' && skipWrappers(target.object).type === 'Identifier') {
    // `globalThis.process`, `window.document`: as long-lived as the global itself.
    const root = skipWrappers(target.object) as TSESTree.Identifier;
    if (GLOBAL_EMITTERS.has(root.name) && findVariable(source, root) === undefined)
      return { kind: 'global', name: root.name };
  }
  if (target.type !== 'Identifier') return { kind: 'other' };
  const variable = findVariable(source, target);
  if (variable === undefined)
    return GLOBAL_EMITTERS.has(target.name)
      ? { kind: 'global', name: target.name }
      : { kind: 'other' };
  const def = variable.defs[0];
  if (def?.type === 'Parameter') return { kind: 'parameter', name: target.name };
  if (def?.type === 'ImportBinding') {
    const resolved = resolveReference(source, target);
    if (resolved?.module === 'process') return { kind: 'global', name: 'process' };
  }
  if (variable.scope.type === 'module' || variable.scope.type === 'global')
    return { kind: 'module', name: target.name };
  return { kind: 'other' };
}

function handlerOf(node: TSESTree.Node | undefined): HandlerRef {
  if (node === undefined) return { kind: 'other' };
  const handler = skipWrappers(node);
  if (isFunctionNode(handler)) return { kind: 'inline' };
  if (handler.type === 'Identifier') return { kind: 'local', name: handler.name };
  const key = thisMemberKey(handler);
  if (key !== null) return { kind: 'field', key, bound: false };
  if (handler.type === 'CallExpression' && handler.callee.type === 'MemberExpression') {
    const bound = thisMemberKey(handler.callee.object);
    if (bound !== null && calleeName(handler.callee) === 'bind')
      return { kind: 'field', key: bound, bound: true };
  }
  return { kind: 'other' };
}

/** `{ signal: this.ac.signal }` / `{ signal: this.#abort.signal }`: the controller's field. */
function signalField(source: ClassSource, raw: TSESTree.Node | undefined): string | null {
  const options = raw === undefined ? undefined : skipWrappers(raw);
  if (options?.type !== 'ObjectExpression') return null;
  for (const property of options.properties) {
    if (property.type !== 'Property' || property.computed) continue;
    if (property.key.type !== 'Identifier' || property.key.name !== 'signal') continue;
    const value = skipWrappers(property.value);
    if (value.type === 'MemberExpression' && staticPropertyName(value) === 'signal')
      return fieldRead(source, value.object);
  }
  return null;
}

function listenerCall(
  source: ClassSource,
  call: TSESTree.CallExpression,
  text: (node: TSESTree.Node) => string,
): (ListenerCall & { method: string }) | null {
  const callee = skipWrappers(call.callee);
  if (callee.type !== 'MemberExpression') return null;
  const method = calleeName(callee);
  if (method === null) return null;
  return {
    method,
    node: call,
    target: targetOf(source, callee.object),
    targetText: text(callee.object),
    event: stringOf(call.arguments[0]),
    handler: handlerOf(call.arguments[1]),
  };
}

/** `emitter.on('x', h)` and friends: the registration, or `null`. */
export function registrationAt(
  source: ClassSource,
  call: TSESTree.CallExpression,
  text: (node: TSESTree.Node) => string,
): ListenerRegistration | null {
  const name = calleeName(call.callee);
  if (name === null || !ADD.has(name) || call.arguments.length < 2) return null;
  const found = listenerCall(source, call, text);
  if (found === null) return null;
  const { method, ...rest } = found;
  return { ...rest, once: ONCE.has(method), signal: signalField(source, call.arguments[2]) };
}

/** `emitter.off('x', h)`, `removeListener`, `removeEventListener`, `removeAllListeners`. */
export function removalAt(
  source: ClassSource,
  call: TSESTree.CallExpression,
  text: (node: TSESTree.Node) => string,
): ListenerRemoval | null {
  const name = calleeName(call.callee);
  if (name === null || (!REMOVE.has(name) && !REMOVE_ALL.has(name))) return null;
  const found = listenerCall(source, call, text);
  if (found === null) return null;
  const { method, ...rest } = found;
  return { ...rest, all: REMOVE_ALL.has(method) };
}

const sameTarget = (a: ListenerTarget, b: ListenerTarget, aText: string, bText: string): boolean =>
  a.kind === b.kind && (a.kind === 'other' ? false : aText === bText || sameName(a, b));

function sameName(a: ListenerTarget, b: ListenerTarget): boolean {
  if (a.kind === 'field' && b.kind === 'field') return a.key === b.key;
  if ('name' in a && 'name' in b) return a.name === b.name;
  return a.kind === 'self' && b.kind === 'self';
}

/**
 * Whether `removal` takes `registration` back: the same emitter and event, and the same
 * function (a field or method reference, not a fresh `.bind`), or every listener at once.
 */
export function removes(removal: ListenerRemoval, registration: ListenerRegistration): boolean {
  if (!sameTarget(removal.target, registration.target, removal.targetText, registration.targetText))
    return false;
  if (removal.event !== null && registration.event !== null && removal.event !== registration.event)
    return false;
  if (removal.all) return removal.event === null || removal.event === registration.event;
  const a = removal.handler;
  const b = registration.handler;
  if (a.kind === 'field' && b.kind === 'field') return a.key === b.key && !a.bound && !b.bound;
  return a.kind === 'local' && b.kind === 'local' && a.name === b.name;
}

/** `new FinalizationRegistry(…)` of the global class. */
export function isFinalizationRegistry(
  source: ClassSource,
  node: TSESTree.Node,
): node is TSESTree.NewExpression {
  if (node.type !== 'NewExpression') return false;
  const resolved = resolveReference(source, node.callee);
  return resolved?.module === 'global' && resolved.path.join('.') === 'FinalizationRegistry';
}

/** A `register(this, held, token)` / `unregister(token)` call on some registry. */
export interface RegistryCall {
  node: TSESTree.CallExpression;
  /** Source text of the registry (`registry`, `Handle.#registry`, `this.registry`). */
  registry: string;
  receiver: TSESTree.Node;
  held: TSESTree.Node | null;
  token: TSESTree.Node | null;
}

/** `registry.register(this, held, token?)`: the class registers its own instance. */
export function registerAt(
  call: TSESTree.CallExpression,
  text: (node: TSESTree.Node) => string,
): RegistryCall | null {
  const callee = skipWrappers(call.callee);
  if (callee.type !== 'MemberExpression' || calleeName(callee) !== 'register') return null;
  const [target, held, token] = call.arguments;
  if (target === undefined || skipWrappers(target).type !== 'ThisExpression') return null;
  return {
    node: call,
    registry: text(callee.object),
    receiver: callee.object,
    held: held === undefined || held.type === 'SpreadElement' ? null : held,
    token: token === undefined || token.type === 'SpreadElement' ? null : token,
  };
}

/** `registry.unregister(token)`. */
export function unregisterAt(
  call: TSESTree.CallExpression,
  text: (node: TSESTree.Node) => string,
): RegistryCall | null {
  const callee = skipWrappers(call.callee);
  if (callee.type !== 'MemberExpression' || calleeName(callee) !== 'unregister') return null;
  const token = call.arguments[0];
  return {
    node: call,
    registry: text(callee.object),
    receiver: callee.object,
    held: null,
    token: token === undefined || token.type === 'SpreadElement' ? null : token,
  };
}

/** The `new FinalizationRegistry(…)` a receiver denotes: a module binding, a field, a static field. */
export function registryDeclaration(
  source: ClassSource,
  node: ClassNode,
  receiver: TSESTree.Node,
  fields: ReadonlyMap<string, FieldRecord>,
): TSESTree.NewExpression | null {
  const target = skipWrappers(receiver);
  const key = thisMemberKey(target);
  if (key !== null) {
    for (const assignment of fields.get(key)?.assignments ?? []) {
      const value = assignment.value === null ? null : skipWrappers(assignment.value);
      if (value !== null && isFinalizationRegistry(source, value)) return value;
    }
    return null;
  }
  if (target.type === 'MemberExpression' && skipWrappers(target.object).type === 'Identifier') {
    // `Handle.registry` / `Handle.#registry`: a static field of this class.
    const name = (skipWrappers(target.object) as TSESTree.Identifier).name;
    if (name !== classNameOf(node)) return null;
    const property = target.property;
    const wanted =
      property.type === 'PrivateIdentifier'
        ? `#${property.name}`
        : property.type === 'Identifier'
          ? property.name
          : null;
    for (const element of node.body.body) {
      if (
        element.type !== 'PropertyDefinition' ||
        !element.static ||
        elementKey(element) !== wanted
      )
        continue;
      const value = element.value === null ? null : skipWrappers(element.value);
      return value !== null && isFinalizationRegistry(source, value) ? value : null;
    }
    return null;
  }
  if (target.type !== 'Identifier') return null;
  const variable = findVariable(source, target);
  const def = variable?.defs[0];
  if (def?.type !== 'Variable' || def.node.init === null) return null;
  const init = skipWrappers(def.node.init);
  return isFinalizationRegistry(source, init) ? init : null;
}

/** `setInterval(…)` (or `setInterval(…).unref()`) as a statement: its handle is dropped. */
export function isDroppedInterval(
  source: ClassSource,
  call: TSESTree.CallExpression,
  extra: readonly ResourceEntry[],
): boolean {
  if (calleeName(call.callee) !== 'setInterval') return false;
  const entry = findAcquisition(source, call, extra);
  if (entry?.id !== 'setInterval') return false;
  let n: TSESTree.Node = call;
  const parent = n.parent;
  if (
    parent?.type === 'MemberExpression' &&
    parent.object === n &&
    ['unref', 'ref'].includes(calleeName(parent) ?? '') &&
    parent.parent.type === 'CallExpression'
  )
    n = parent.parent;
  return n.parent?.type === 'ExpressionStatement';
}
