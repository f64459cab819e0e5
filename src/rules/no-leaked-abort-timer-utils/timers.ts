/**
 * Which timers this rule tracks: a `setTimeout`/`setInterval` whose callback aborts a
 * controller (`setTimeout(() => controller.abort(), ms)`), and one that settles the losing
 * side of a `Promise.race` (`new Promise((_, reject) => setTimeout(reject, ms))`).
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import { resolveReference } from '../../analysis/resolve/imports.js';
import { refMatches } from '../../analysis/resolve/match.js';
import { CONTROLLER_NAME, TIMER_STARTERS } from '../../catalog/abort.js';
import {
  enclosingFunction,
  findVariable,
  isFunctionNode,
  staticPropertyName,
  valueParent,
  type FunctionNode,
} from '../../utils/ast/index.js';

type Node = TSESTree.Node;
type SourceCode = Readonly<TSESLint.SourceCode>;

export type TimerCall =
  | {
      kind: 'abort';
      node: TSESTree.CallExpression;
      /** The aborted controller when it is a plain identifier (`controller.abort()`). */
      controller: TSESTree.Identifier | null;
      /** The callback does nothing but `controller.abort()` (no reason given). */
      onlyAborts: boolean;
    }
  | {
      kind: 'race';
      node: TSESTree.CallExpression;
      executor: FunctionNode;
      /** It rejects (a timeout), or only resolves (a sleep raced as a tick). */
      settles: 'resolve' | 'reject';
    };

/** `setTimeout`/`setInterval` (global or from `timers`). */
export function isTimerStart(sourceCode: SourceCode, node: TSESTree.CallExpression): boolean {
  if (node.arguments.length < 2) return false;
  const resolved = resolveReference(sourceCode, node.callee);
  return resolved !== null && TIMER_STARTERS.some((ref) => refMatches(resolved, ref));
}

/** The statements a callback runs: its expression body, or its block's statements. */
function bodyCalls(fn: FunctionNode): TSESTree.CallExpression[] {
  if (fn.body.type !== 'BlockStatement') return fn.body.type === 'CallExpression' ? [fn.body] : [];
  return fn.body.body.flatMap((statement) =>
    statement.type === 'ExpressionStatement' && statement.expression.type === 'CallExpression'
      ? [statement.expression]
      : [],
  );
}

/** `x.abort()` where `x` is a controller (by its `new AbortController()` or its name). */
function abortedController(
  sourceCode: SourceCode,
  call: TSESTree.CallExpression,
): { receiver: Node } | null {
  const callee = call.callee;
  if (callee.type !== 'MemberExpression' || staticPropertyName(callee) !== 'abort') return null;
  const receiver = callee.object;
  if (receiver.type === 'Identifier') {
    const init = findVariable(sourceCode, receiver)?.defs[0]?.node;
    const made =
      init?.type === 'VariableDeclarator' &&
      init.init?.type === 'NewExpression' &&
      init.init.callee.type === 'Identifier' &&
      init.init.callee.name === 'AbortController';
    return made || CONTROLLER_NAME.test(receiver.name) ? { receiver } : null;
  }
  if (receiver.type === 'MemberExpression') {
    const name = staticPropertyName(receiver);
    return name !== null && CONTROLLER_NAME.test(name) ? { receiver } : null;
  }
  return null;
}

/** The executor of `new Promise(executor)` that `fn` is, or `null`. */
function isExecutor(fn: FunctionNode): boolean {
  const parent = fn.parent;
  return (
    parent?.type === 'NewExpression' &&
    parent.arguments[0] === fn &&
    parent.callee.type === 'Identifier' &&
    parent.callee.name === 'Promise'
  );
}

/** `Promise.race([…])`'s array. */
function isRaceArray(node: Node | undefined): boolean {
  const call = node?.parent;
  return (
    node?.type === 'ArrayExpression' &&
    call?.type === 'CallExpression' &&
    call.arguments[0] === node &&
    call.callee.type === 'MemberExpression' &&
    call.callee.object.type === 'Identifier' &&
    call.callee.object.name === 'Promise' &&
    staticPropertyName(call.callee) === 'race'
  );
}

/** Where a function's result is named: its declaration's or its `const`'s identifier. */
function functionName(fn: FunctionNode): TSESTree.Identifier | null {
  if (fn.type === 'FunctionDeclaration') return fn.id;
  const parent = fn.parent;
  return parent?.type === 'VariableDeclarator' && parent.id.type === 'Identifier'
    ? parent.id
    : null;
}

/** Whether the value of `expr` ends up in a `Promise.race([…])` (directly, by `const`, or returned by a helper). */
function raced(sourceCode: SourceCode, expr: Node, depth = 0): boolean {
  if (depth > 2) return false;
  const { child, parent } = valueParent(expr);
  if (isRaceArray(parent)) return true;
  let name: TSESTree.Identifier | null = null;
  if (
    parent?.type === 'VariableDeclarator' &&
    parent.init === child &&
    parent.id.type === 'Identifier'
  )
    name = parent.id;
  else if (
    parent?.type === 'ReturnStatement' ||
    (isFunctionNode(parent!) && parent.body === child)
  ) {
    const fn = parent.type === 'ReturnStatement' ? enclosingFunction(parent) : parent;
    name = fn ? functionName(fn) : null;
    if (name === null) return false;
    const variable = findVariable(sourceCode, name);
    return (variable?.references ?? []).some((reference) => {
      const call = reference.identifier.parent;
      return (
        call?.type === 'CallExpression' &&
        call.callee === reference.identifier &&
        raced(sourceCode, call, depth + 1)
      );
    });
  }
  if (name === null) return false;
  const variable = findVariable(sourceCode, name);
  return (variable?.references ?? []).some(
    (reference) =>
      reference.identifier !== name && isRaceArray(valueParent(reference.identifier).parent),
  );
}

/** Whether `callback` settles the executor: it is `reject`/`resolve`, or calls one of them. */
function settles(executor: FunctionNode, callback: Node): 'resolve' | 'reject' | null {
  const [resolve, reject] = executor.params.map((p) => (p.type === 'Identifier' ? p.name : null));
  const named = (name: string): 'resolve' | 'reject' | null =>
    name === reject ? 'reject' : name === resolve ? 'resolve' : null;
  if (callback.type === 'Identifier') return named(callback.name);
  if (!isFunctionNode(callback)) return null;
  const settled = bodyCalls(callback).flatMap((call) =>
    call.callee.type === 'Identifier' ? [named(call.callee.name)] : [],
  );
  return settled.includes('reject') ? 'reject' : settled.includes('resolve') ? 'resolve' : null;
}

/** What kind of tracked timer `node` starts, or `null`. */
export function timerCallOf(
  sourceCode: SourceCode,
  node: TSESTree.CallExpression,
): TimerCall | null {
  if (!isTimerStart(sourceCode, node)) return null;
  const callback = node.arguments[0];
  if (callback === undefined) return null;
  const owner = enclosingFunction(node);
  const settled = owner && isExecutor(owner) ? settles(owner, callback) : null;
  if (owner && settled && raced(sourceCode, owner.parent))
    return { kind: 'race', node, executor: owner, settles: settled };
  if (!isFunctionNode(callback)) return null;
  const calls = bodyCalls(callback);
  const abort = calls.map((call) => abortedController(sourceCode, call)).find((a) => a !== null);
  if (!abort) return null;
  const onlyAborts =
    calls.length === 1 &&
    calls[0].arguments.length === 0 &&
    (callback.body.type !== 'BlockStatement' || callback.body.body.length === 1);
  return {
    kind: 'abort',
    node,
    controller: abort.receiver.type === 'Identifier' ? abort.receiver : null,
    onlyAborts,
  };
}
