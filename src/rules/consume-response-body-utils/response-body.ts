/**
 * What reads, cancels or hands on an HTTP response body (`fetch`, `undici.fetch`,
 * `undici.request`), what only looks at the response's status line and headers, and the
 * suggestion that releases the body before a leaking exit. The words are data in
 * `catalog/responses.ts`; this file applies them to the syntax.
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '@typescript-eslint/types';

import {
  BODY_METHODS,
  BODY_PROPERTY,
  NO_BODY_METHODS,
  NO_BODY_STATUSES,
  PEEKS,
  READING_METHODS,
  STATUS_PROPERTIES,
} from '../../catalog/responses.js';
import type { LeakExit } from '../../analysis/engine/exit-paths.js';
import { statementBeforeExit } from '../../analysis/fixes/statement-fixes.js';
import {
  childrenOf,
  isFunctionNode as isFunction,
  outermostWrapper as outer,
  staticPropertyName,
  type FunctionNode,
} from '../../utils/ast/index.js';

/** `x.method(…)`: the method name when `node` is the receiver of a call. */
function calledMethod(node: TSESTree.Node): string | null {
  const member = outer(node).parent;
  if (member?.type !== 'MemberExpression' || outer(member.object) !== outer(node)) return null;
  const call = outer(member).parent;
  if (call?.type !== 'CallExpression' || outer(call.callee) !== outer(member)) return null;
  return staticPropertyName(member);
}

/** The property read on `node` (`node.status`), when `node` is the object of a member. */
function readProperty(node: TSESTree.Node): TSESTree.MemberExpression | null {
  const member = outer(node).parent;
  return member?.type === 'MemberExpression' && outer(member.object) === outer(node)
    ? member
    : null;
}

/**
 * Whether an expression holding the body (`res.body`, or a destructured `body`) is consumed,
 * cancelled or handed on where it stands: a body method, an argument (`pipeline(body, …)`,
 * `Readable.fromWeb(res.body)`, `new Response(res.body)`), `for await … of`, returned, stored.
 */
export function bodyDischargedAt(body: TSESTree.Node): boolean {
  const method = calledMethod(body);
  if (method !== null) return BODY_METHODS.has(method);
  const node = outer(body);
  const parent = node.parent;
  if (parent === undefined) return false;
  switch (parent.type) {
    case 'CallExpression':
    case 'NewExpression':
      return parent.arguments.includes(node as TSESTree.CallExpressionArgument);
    case 'ForOfStatement':
      return parent.right === node;
    case 'ReturnStatement':
    case 'YieldExpression':
    case 'ArrayExpression':
    case 'SpreadElement':
      return true;
    case 'ArrowFunctionExpression':
      return parent.body === node;
    case 'AssignmentExpression':
      return parent.right === node;
    case 'VariableDeclarator':
      return parent.init === node;
    case 'Property':
      return parent.value === node;
    default:
      return false;
  }
}

/** Whether this use of a response reads, cancels or hands on its body: `res.json()`, `res.body.cancel()`. */
export function releasesResponse(ref: TSESTree.Node): boolean {
  const method = calledMethod(ref);
  if (method !== null && READING_METHODS.has(method)) return true;
  const member = readProperty(ref);
  return (
    member !== null && staticPropertyName(member) === BODY_PROPERTY && bodyDischargedAt(member)
  );
}

/** The status-line or header property this use only looks at (`res.status`), if it does. */
export function peekedProperty(ref: TSESTree.Node): string | null {
  const member = readProperty(ref);
  const name = member === null ? null : staticPropertyName(member);
  return name !== null && PEEKS.has(name) ? name : null;
}

/**
 * `fetch(u).then((r) => r.ok)`: the engine hands a value reached through `.then` to the
 * callback; a callback that only looks at the status or headers drops the body. Its parameter
 * and the first property it looks at, or `null`.
 */
export function peekingThen(
  sourceCode: Readonly<TSESLint.SourceCode>,
  call: TSESTree.CallExpression,
): { name: string; property: string } | null {
  const member = call.parent;
  if (member.type !== 'MemberExpression' || member.object !== call) return null;
  if (staticPropertyName(member) !== 'then' || member.parent.type !== 'CallExpression') return null;
  const callback = member.parent.arguments[0];
  if (callback?.type !== 'ArrowFunctionExpression' && callback?.type !== 'FunctionExpression')
    return null;
  const param = callback.params[0];
  if (param?.type !== 'Identifier') return null;
  const variable = sourceCode.getDeclaredVariables(callback).find((v) => v.name === param.name);
  const refs = variable?.references ?? [];
  const peeks = refs.map((ref) => peekedProperty(ref.identifier));
  if (refs.length === 0 || peeks.some((p) => p === null)) return null;
  return { name: param.name, property: peeks[0]! };
}

/** A use that only looks at the response: `res.ok`, `res.headers.get(…)`, `if (!res.body)`. */
export function peeksAtResponse(ref: TSESTree.Node): boolean {
  const member = readProperty(ref);
  if (member === null) return false;
  if (staticPropertyName(member) === BODY_PROPERTY) return !bodyDischargedAt(member);
  return peekedProperty(ref) !== null;
}

/** A destructured `body` only tested (`if (!body)`, `body === null`), not consumed. */
export function peeksAtBody(ref: TSESTree.Node): boolean {
  const node = outer(ref);
  const parent = node.parent;
  return (
    (parent?.type === 'UnaryExpression' && parent.operator === '!') ||
    (parent?.type === 'IfStatement' && parent.test === node) ||
    parent?.type === 'BinaryExpression'
  );
}

/** `res.status`, `statusCode`, `res.body`, `body`: the name a test reads, if it is a plain read. */
function readName(node: TSESTree.Node): string | null {
  const inner = node.type === 'ChainExpression' ? node.expression : node;
  if (inner.type === 'Identifier') return inner.name;
  return inner.type === 'MemberExpression' ? staticPropertyName(inner) : null;
}

const EQUALITY = new Set(['==', '===']);

/** `status === 204`, `!res.body`, `body === null`: one part of a test saying "no body". */
function saysNoBody(node: TSESTree.Node): boolean {
  if (node.type === 'UnaryExpression' && node.operator === '!')
    return readName(node.argument) === BODY_PROPERTY;
  if (node.type !== 'BinaryExpression' || !EQUALITY.has(node.operator)) return false;
  for (const [a, b] of [
    [node.left, node.right],
    [node.right, node.left],
  ]) {
    const name = readName(a);
    if (b.type !== 'Literal' && !(b.type === 'Identifier' && b.name === 'undefined')) continue;
    const value = b.type === 'Literal' ? b.value : undefined;
    if (name !== null && STATUS_PROPERTIES.has(name) && typeof value === 'number')
      return NO_BODY_STATUSES.has(value);
    if (name === BODY_PROPERTY && (value === null || value === undefined)) return true;
  }
  return false;
}

/** `test` (anywhere in it) says the response has no body: `res.status === 204`, `!res.body`. */
function mentionsNoBody(test: TSESTree.Node): boolean {
  if (saysNoBody(test)) return true;
  if (isFunction(test)) return false;
  return childrenOf(test).some(mentionsNoBody);
}

/** Whether the branch a test selects has no body: an `if` test, or `case 204:` of `switch (res.status)`. */
export function testsNoBody(test: TSESTree.Expression | TSESTree.SwitchCase): boolean {
  if (test.type !== 'SwitchCase') return mentionsNoBody(test);
  const value = test.test?.type === 'Literal' ? test.test.value : null;
  const status = readName(test.parent.discriminant);
  return typeof value === 'number' && status !== null && STATUS_PROPERTIES.has(status)
    ? NO_BODY_STATUSES.has(value)
    : false;
}

/** `fetch(url, { method: 'HEAD' })`: no body to read. */
export function isHeadRequest(call: TSESTree.CallExpression | TSESTree.NewExpression): boolean {
  return call.arguments.some(
    (arg) =>
      arg.type === AST_NODE_TYPES.ObjectExpression &&
      arg.properties.some(
        (p) =>
          p.type === AST_NODE_TYPES.Property &&
          !p.computed &&
          p.key.type === AST_NODE_TYPES.Identifier &&
          p.key.name === 'method' &&
          p.value.type === AST_NODE_TYPES.Literal &&
          NO_BODY_METHODS.has(String(p.value.value).toUpperCase()),
      ),
  );
}

/**
 * The suggestion: `await res.body?.cancel();` right before the `return`/`throw` that leaks
 * (before the caught `throw` on its way, where the binding is still in scope), inside `scope`.
 */
export function cancelBefore(
  sourceCode: Readonly<TSESLint.SourceCode>,
  exit: LeakExit,
  owner: FunctionNode,
  cancel: string,
  scope: TSESTree.Node,
): TSESLint.ReportFixFunction | null {
  return statementBeforeExit(
    sourceCode,
    exit,
    scope,
    owner.async ? `await ${cancel};` : `void ${cancel};`,
  );
}
