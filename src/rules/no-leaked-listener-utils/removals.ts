/**
 * Is a registration taken back? A removal names the same emitter (same source text), the same
 * event and the same function reference; `removeAllListeners()` (of that event) takes back
 * everything. Where the removal sits decides whether every path is covered:
 * - in a `finally`, or in a function the owner hands on (a settle callback, a returned
 *   unsubscribe, a cleanup called from several places): covered;
 * - in the listener itself, or in a `FinalizationRegistry` callback: only when the event fires,
 *   or when the garbage collector feels like it: not a removal;
 * - straight in the owner's body after the registration: covered unless a `return`/`throw`
 *   leaves before it (`leaks`) or an `await` may reject before it (`notExceptionSafe`).
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import {
  calleeName,
  childrenOf,
  contains,
  enclosingFunction,
  findVariable,
  isFunctionNode,
  skipWrappers,
  stringValue,
  type FunctionNode,
} from '../../utils/ast/index.js';
import { ADD, REMOVE, REMOVE_ALL, type Registration } from './targets.js';

type Node = TSESTree.Node;
type SourceCode = Readonly<TSESLint.SourceCode>;

export type Coverage =
  | { kind: 'covered' }
  | { kind: 'never' }
  | { kind: 'leaks'; exit: Node; removal: Node }
  | { kind: 'not-exception-safe'; call: Node; removal: Node }
  /** Removed somewhere this rule does not follow (a branch): silent. */
  | { kind: 'unsure' };

/** Whether two handler expressions denote the same function object. */
export function sameFunction(sourceCode: SourceCode, a: Node, b: Node): boolean {
  const x = skipWrappers(a);
  const y = skipWrappers(b);
  if (isFunctionNode(x) || isFunctionNode(y)) return false;
  if (x.type === 'Identifier' && y.type === 'Identifier') {
    const vx = findVariable(sourceCode, x);
    return vx !== undefined ? vx === findVariable(sourceCode, y) : x.name === y.name;
  }
  if (x.type === 'CallExpression' || y.type === 'CallExpression') return false;
  return x.type === 'MemberExpression' && sourceCode.getText(x) === sourceCode.getText(y);
}

/** `off(event, h)` or `removeAllListeners([event])` on `reg`'s emitter, in `owner`. */
export function removalsOf(
  sourceCode: SourceCode,
  reg: Registration,
  calls: readonly TSESTree.CallExpression[],
): TSESTree.CallExpression[] {
  const targetText = sourceCode.getText(reg.targetNode).replace(/\?$/, '');
  return calls.filter((call) => {
    const callee = skipWrappers(call.callee);
    if (callee.type !== 'MemberExpression') return false;
    const method = calleeName(callee);
    if (method === null) return false;
    if (sourceCode.getText(callee.object) !== targetText) return false;
    const event = stringValue(call.arguments[0]);
    if (REMOVE_ALL.has(method)) return call.arguments.length === 0 || event === reg.event;
    if (!REMOVE.has(method) || event !== reg.event) return false;
    const handler = call.arguments[1];
    return (
      handler !== undefined &&
      reg.handler !== undefined &&
      sameFunction(sourceCode, handler, reg.handler)
    );
  });
}

function inFinally(node: Node, owner: FunctionNode): boolean {
  for (let child = node, n = node.parent; n && n !== owner; child = n, n = n.parent)
    if (n.type === 'TryStatement' && n.finalizer === child) return true;
  return false;
}

/** The listener function `reg` adds, when it is written inline or bound by name. */
function listenerFunction(sourceCode: SourceCode, reg: Registration): Node | null {
  const handler = reg.handler && skipWrappers(reg.handler);
  if (!handler) return null;
  if (isFunctionNode(handler)) return handler;
  if (handler.type !== 'Identifier') return null;
  const def = findVariable(sourceCode, handler)?.defs[0];
  if (def?.type === 'FunctionName') return def.node;
  if (def?.type === 'Variable' && def.node.init && isFunctionNode(def.node.init))
    return def.node.init;
  return null;
}

/** Whether `id` is read by anything but listener calls: stored, passed on, scheduled. */
function usedElsewhere(sourceCode: SourceCode, id: TSESTree.Identifier): boolean {
  const variable = findVariable(sourceCode, id);
  return (variable?.references ?? []).some((reference) => {
    const ref = reference.identifier;
    if (reference.init || reference.isWriteOnly()) return false;
    const call = ref.parent;
    if (call?.type !== 'CallExpression' || !call.arguments.some((arg) => arg === ref)) return true;
    const name = calleeName(call.callee);
    return name === null || (!ADD.has(name) && !REMOVE.has(name));
  });
}

/**
 * The listener is somebody else's to remove: it is kept where a later cleanup finds it
 * (`this.#listeners.push({ signal, listener })`, `value.abort = { signal, listener }`), or it
 * closes the object the method runs on (`() => this.close()`): that object lives until the
 * signal aborts, by design.
 */
export function handedOn(sourceCode: SourceCode, reg: Registration): boolean {
  const handler = reg.handler && skipWrappers(reg.handler);
  if (!handler) return true;
  if (handler.type === 'MemberExpression' && skipWrappers(handler.object).type !== 'ThisExpression')
    return true;
  if (handler.type === 'Identifier' && usedElsewhere(sourceCode, handler)) return true;
  const listener = listenerFunction(sourceCode, reg);
  return (
    reg.target.kind === 'received-signal' &&
    listener !== null &&
    /\bthis\b/.test(sourceCode.getText(listener))
  );
}

/** Inside `new FinalizationRegistry(cb)`'s callback. */
function inFinalizer(node: Node, owner: FunctionNode): boolean {
  for (let n = node.parent; n && n !== owner; n = n.parent) {
    if (
      n.type === 'NewExpression' &&
      n.callee.type === 'Identifier' &&
      n.callee.name === 'FinalizationRegistry'
    )
      return true;
  }
  return false;
}

/** `return`/`throw` statements and `await`s of `owner`'s own body within `[from, to)`. */
function between(owner: FunctionNode, from: number, to: number): { exit?: Node; awaited?: Node } {
  const found: { exit?: Node; awaited?: Node } = {};
  const visit = (n: Node): void => {
    if (n.range[1] <= from || n.range[0] >= to) return;
    if (n !== owner && isFunctionNode(n)) return;
    if ((n.type === 'ReturnStatement' || n.type === 'ThrowStatement') && n.range[0] >= from)
      found.exit ??= n;
    if (
      (n.type === 'AwaitExpression' || (n.type === 'ForOfStatement' && n.await)) &&
      n.range[0] >= from
    )
      found.awaited ??= n;
    for (const child of childrenOf(n)) visit(child);
  };
  visit(owner.body);
  return found;
}

/** How well `owner` takes back `reg`, given every call in it. */
export function coverage(
  sourceCode: SourceCode,
  reg: Registration,
  owner: FunctionNode,
  calls: readonly TSESTree.CallExpression[],
): Coverage {
  const listener = listenerFunction(sourceCode, reg);
  const removals = removalsOf(sourceCode, reg, calls).filter(
    (call) => !(listener && contains(listener, call)) && !inFinalizer(call, owner),
  );
  if (removals.length === 0) return { kind: 'never' };
  if (removals.some((call) => inFinally(call, owner) || enclosingFunction(call) !== owner))
    return { kind: 'covered' };
  const body = owner.body;
  const direct = removals.find(
    (call) =>
      body.type === 'BlockStatement' &&
      call.parent?.type === 'ExpressionStatement' &&
      call.parent.parent === body &&
      call.range[0] > reg.node.range[1],
  );
  if (!direct) return { kind: 'unsure' };
  const { exit, awaited } = between(owner, reg.node.range[1], direct.range[0]);
  if (exit) return { kind: 'leaks', exit, removal: direct };
  if (awaited) return { kind: 'not-exception-safe', call: awaited, removal: direct };
  return { kind: 'covered' };
}
