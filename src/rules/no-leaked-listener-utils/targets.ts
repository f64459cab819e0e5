/**
 * What a listener is added to, and whether that outlives the function that adds it: the
 * process and browser globals, a module-scope `EventEmitter`/`EventTarget`/controller signal,
 * an `AbortSignal` the function received (parameter, `options.signal`, destructured
 * `{ signal }`), or the signal of a long-lived object (`this.signal`, `this.#ac.signal`).
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import { LISTENER_METHODS } from '../../catalog/index.js';
import {
  calleeName,
  findVariable,
  skipWrappers,
  staticPropertyName,
  stringValue,
} from '../../utils/ast/index.js';

type Node = TSESTree.Node;
type SourceCode = Readonly<TSESLint.SourceCode>;
type Variable = TSESLint.Scope.Variable;

export type Target =
  | { kind: 'global'; name: string }
  | { kind: 'module'; name: string }
  /** A signal the function was handed: `variable` is the parameter it comes from. */
  | { kind: 'received-signal'; param: Variable }
  /** `this.signal`, `this.#shutdown.signal`: the signal of the object the method runs on. */
  | { kind: 'own-signal' };

export const ADD = new Set<string>([...LISTENER_METHODS.add, ...LISTENER_METHODS.once]);
export const REMOVE = new Set<string>(LISTENER_METHODS.remove);
export const REMOVE_ALL = new Set<string>(LISTENER_METHODS.removeAll);
const GLOBALS = new Set(['process', 'window', 'document', 'globalThis']);
/** Names an abort signal goes by (`killSignal` names a POSIX signal). */
const SIGNAL_NAME =
  /^(?:signal|abortSignal|cancelSignal|cancellationSignal|parentSignal|outerSignal)$/;
const EMITTER_CLASSES = new Set(['EventEmitter', 'EventTarget']);

export interface Registration {
  node: TSESTree.CallExpression;
  method: string;
  target: Target;
  targetNode: Node;
  event: string | null;
  handler: Node | undefined;
}

/** `{ signal }` or `{ signal: x }` in a listener's options: removed when that aborts. */
export function hasSignalOption(options: Node | undefined): boolean {
  const object = options && skipWrappers(options);
  return (
    object?.type === 'ObjectExpression' &&
    object.properties.some(
      (p) => p.type === 'Property' && !p.computed && staticName(p.key) === 'signal',
    )
  );
}

const staticName = (key: Node): string | null =>
  key.type === 'Identifier' ? key.name : stringValue(key);

/** The variable behind a signal-valued expression that comes from a parameter. */
function receivedSignal(sourceCode: SourceCode, node: Node): Variable | null {
  // `signal`, `options.signal`, `opts.abortSignal`.
  if (node.type === 'MemberExpression') {
    const name = staticPropertyName(node);
    if (name === null || !SIGNAL_NAME.test(name)) return null;
    const root = skipWrappers(node.object);
    if (root.type !== 'Identifier') return null;
    const variable = findVariable(sourceCode, root);
    return variable?.defs[0]?.type === 'Parameter' ? variable : null;
  }
  if (node.type !== 'Identifier') return null;
  const variable = findVariable(sourceCode, node);
  const def = variable?.defs[0];
  if (!variable || variable.defs.length !== 1 || !def) return null;
  if (def.type === 'Parameter') {
    const annotated = /\bAbortSignal\b/.test(sourceCode.getText(def.name.parent ?? def.name));
    return SIGNAL_NAME.test(node.name) || annotated ? variable : null;
  }
  // `const { signal } = options`, `const signal = options.signal`.
  if (def.type === 'Variable' && SIGNAL_NAME.test(node.name) && def.node.init) {
    const init = skipWrappers(def.node.init);
    const root = init.type === 'MemberExpression' ? skipWrappers(init.object) : init;
    if (root.type !== 'Identifier') return null;
    const from = findVariable(sourceCode, root);
    return from?.defs[0]?.type === 'Parameter' ? from : null;
  }
  return null;
}

/** Whether `node` is `new EventEmitter()`, `new EventTarget()`, `new AbortController().signal`. */
function longLivedInit(init: Node | null | undefined): boolean {
  if (!init) return false;
  const value = skipWrappers(init);
  if (value.type !== 'NewExpression') return false;
  const name = calleeName(value.callee);
  return name !== null && EMITTER_CLASSES.has(name);
}

function targetOf(sourceCode: SourceCode, raw: Node, event: string | null): Target | null {
  const node = skipWrappers(raw);
  if (node.type === 'Identifier') {
    const variable = findVariable(sourceCode, node);
    if (variable === undefined)
      return GLOBALS.has(node.name) ? { kind: 'global', name: node.name } : null;
    const def = variable.defs[0];
    if (
      variable.scope.type === 'module' &&
      def?.type === 'Variable' &&
      def.node.id.type === 'Identifier' &&
      longLivedInit(def.node.init)
    )
      return { kind: 'module', name: node.name };
  }
  if (event !== 'abort') return null;
  const param = receivedSignal(sourceCode, node);
  if (param) return { kind: 'received-signal', param };
  // `this.signal`, `this.#ac.signal`, `this.controller.signal`.
  if (node.type === 'MemberExpression' && staticPropertyName(node) === 'signal') {
    let root: Node = node.object;
    while (root.type === 'MemberExpression') root = root.object;
    if (root.type === 'ThisExpression') return { kind: 'own-signal' };
  }
  if (
    node.type === 'MemberExpression' &&
    node.object.type === 'ThisExpression' &&
    SIGNAL_NAME.test(staticPropertyName(node) ?? '')
  )
    return { kind: 'own-signal' };
  return null;
}

/** The registration `call` makes on a long-lived target, or `null`. */
export function registrationOf(
  sourceCode: SourceCode,
  call: TSESTree.CallExpression,
): Registration | null {
  const callee = skipWrappers(call.callee);
  if (callee.type !== 'MemberExpression' || call.arguments.length < 2) return null;
  const method = calleeName(callee);
  if (method === null || !ADD.has(method)) return null;
  const event = stringValue(call.arguments[0]);
  const target = targetOf(sourceCode, callee.object, event);
  if (target === null) return null;
  return {
    node: call,
    method,
    target,
    targetNode: callee.object,
    event,
    handler: call.arguments[1],
  };
}
