/**
 * Does the function that adds a listener run per call (a request, a job, a retry), so that
 * every run adds one more? A handler, a loop body, an iteration or event callback does; an
 * ordinary function does when something calls it from one of those (`this.#run(job)` in a
 * `for` loop), or, under `strict`, always. Module scope, constructors and run-once functions
 * (`main`, `start`, `setup`) do not.
 */
import type { TSESTree } from '@typescript-eslint/utils';

import { PER_CALL_EVENTS } from '../../catalog/frameworks.js';
import {
  functionName,
  perCallSite,
  type PerCallEnv,
  type PerCallSite,
} from '../../analysis/lifetime/per-call-site.js';
import {
  childrenOf,
  contains,
  enclosingFunction,
  findVariable,
  staticPropertyName,
  type FunctionNode,
} from '../../utils/ast/index.js';

const REPEATING = new Set<PerCallSite['kind']>(['handler', 'loop', 'iteration', 'listener']);

/** `this.x` → `x`, `this.#x` → `#x`. */
function memberName(member: TSESTree.MemberExpression): string | null {
  return member.property.type === 'PrivateIdentifier'
    ? `#${member.property.name}`
    : staticPropertyName(member);
}

/** Calls of `fn` in the file: by its binding, or `this.name(…)` in its class. */
function callsOf(env: PerCallEnv, fn: FunctionNode): TSESTree.Node[] {
  const parent = fn.parent;
  if (parent?.type === 'MethodDefinition' && parent.kind === 'method') {
    const name = parent.key.type === 'PrivateIdentifier' ? `#${parent.key.name}` : functionName(fn);
    const classBody = parent.parent;
    if (name === null) return [];
    const out: TSESTree.Node[] = [];
    const text = env.sourceCode.text;
    // Cheap pre-filter, then the precise shape.
    if (!text.includes(name.replace('#', ''))) return [];
    const visit = (n: TSESTree.Node): void => {
      if (
        n.type === 'CallExpression' &&
        n.callee.type === 'MemberExpression' &&
        n.callee.object.type === 'ThisExpression' &&
        memberName(n.callee) === name
      )
        out.push(n);
      for (const child of childrenOf(n)) visit(child);
    };
    visit(classBody);
    return out;
  }
  const id =
    fn.type === 'FunctionDeclaration'
      ? fn.id
      : parent?.type === 'VariableDeclarator' && parent.id.type === 'Identifier'
        ? parent.id
        : null;
  if (!id) return [];
  const variable = findVariable(env.sourceCode, id);
  return (variable?.references ?? []).flatMap((reference) => {
    const call = reference.identifier.parent;
    return call?.type === 'CallExpression' && call.callee === reference.identifier ? [call] : [];
  });
}

/** Whether something calls `fn` from code that repeats. */
function calledPerCall(env: PerCallEnv, fn: FunctionNode): boolean {
  return callsOf(env, fn).some((call) => {
    if (enclosingFunction(call) === fn) return false;
    const site = perCallSite(env, call);
    if (site?.kind === 'listener') return repeatingListener(site.node);
    return site !== null && REPEATING.has(site.kind);
  });
}

/**
 * Whether a listener runs again and again: registered for an event that repeats (`'request'`,
 * not `'listening'`), and not on `process` (its `'message'` is a cluster worker's start order).
 */
function repeatingListener(fn: FunctionNode): boolean {
  const call = fn.parent;
  if (call?.type !== 'CallExpression') return false;
  const callee = call.callee;
  if (
    callee.type === 'MemberExpression' &&
    callee.object.type === 'Identifier' &&
    callee.object.name === 'process'
  )
    return false;
  const event = call.arguments[0];
  return (
    event?.type === 'Literal' && typeof event.value === 'string' && PER_CALL_EVENTS.has(event.value)
  );
}

/**
 * The function that runs per call around `node`, or `null`. `strict` also takes ordinary
 * functions nothing is seen to call repeatedly. A loop or iteration (`for (const s of
 * ['SIGINT', 'SIGTERM'])`) repeats only as often as the function around it; a listener runs
 * per call only for an event that fires again and again (`'request'`, not `'listening'`).
 */
export function perCallOwner(
  env: PerCallEnv,
  node: TSESTree.Node,
  strict: boolean,
): FunctionNode | null {
  const site = perCallSite(env, node);
  const fn = enclosingFunction(node);
  if (site === null) {
    // A run-once name on a method or function that a loop calls (`#run(job)`) still repeats.
    if (fn === null) return null;
    const constructor = fn.parent?.type === 'MethodDefinition' && fn.parent.kind !== 'method';
    return !constructor && calledPerCall(env, fn) ? fn : null;
  }
  if (site.kind === 'loop' || site.kind === 'iteration') {
    const around = site.kind === 'loop' ? site.node : site.call;
    return perCallOwner(env, around, strict) ?? null;
  }
  if (site.kind === 'function') return strict || calledPerCall(env, site.node) ? site.node : null;
  if (site.kind === 'listener') return repeatingListener(site.node) ? site.node : null;
  return site.node;
}

/** `!installed`: the flag a run-once guard tests. */
function negatedFlag(test: TSESTree.Expression): TSESTree.Identifier | null {
  return test.type === 'UnaryExpression' &&
    test.operator === '!' &&
    test.argument.type === 'Identifier'
    ? test.argument
    : null;
}

/**
 * `if (!installed) { installed = true; process.on(…) }` with a module-scope flag: however
 * often the function runs, the listener is added once per process.
 */
export function guardedOnce(env: PerCallEnv, node: TSESTree.Node): boolean {
  const fn = enclosingFunction(node);
  for (let child = node, n = node.parent; n && n !== fn; child = n, n = n.parent) {
    if (n.type !== 'IfStatement' || n.consequent !== child) continue;
    const flag = negatedFlag(n.test);
    const variable = flag ? findVariable(env.sourceCode, flag) : undefined;
    if (!variable || (variable.scope.type !== 'module' && variable.scope.type !== 'global'))
      continue;
    const set = variable.references.some(
      (reference) => reference.isWrite() && contains(n.consequent, reference.identifier),
    );
    if (set) return true;
  }
  return false;
}
