/**
 * What reads, cancels or hands on an HTTP response body (`fetch`, `undici.fetch`,
 * `undici.request`), and what only looks at the response's status line and headers.
 */
import type { TSESTree } from '@typescript-eslint/utils';

import { staticPropertyName } from './imports.js';

/** `res.json()` and friends read the whole body. */
export const READING_METHODS = new Set([
  'json',
  'text',
  'arrayBuffer',
  'blob',
  'formData',
  'bytes',
]);

/** Methods on the body (a web `ReadableStream` or an undici `Readable`) that consume or end it. */
const BODY_METHODS = new Set([
  ...READING_METHODS,
  'cancel',
  'dump',
  'destroy',
  'pipe',
  'pipeTo',
  'pipeThrough',
  'getReader',
  'resume',
  'on',
  'once',
  'tee',
  'values',
  'read',
]);

/** Properties that only look at the status line and headers. */
export const PEEKS = new Set([
  'ok',
  'status',
  'statusCode',
  'statusText',
  'headers',
  'url',
  'redirected',
  'type',
  'trailers',
  'context',
  'opaque',
]);

const WRAPPERS = new Set<string>([
  'ChainExpression',
  'TSNonNullExpression',
  'TSAsExpression',
  'TSSatisfiesExpression',
  'TSTypeAssertion',
]);

/** The node whose parent decides what happens to `node`'s value (past `!`, `as`, `?.`). */
function outer(node: TSESTree.Node): TSESTree.Node {
  let current = node;
  while (current.parent && WRAPPERS.has(current.parent.type)) current = current.parent;
  return current;
}

/** `x.method(…)`: the method name when `node` is the receiver of a call. */
function calledMethod(node: TSESTree.Node): string | null {
  const member = outer(node).parent;
  if (member?.type !== 'MemberExpression' || outer(member.object) !== outer(node)) return null;
  const call = outer(member).parent;
  if (call?.type !== 'CallExpression' || outer(call.callee) !== outer(member)) return null;
  return staticPropertyName(member);
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

/** The `res.body` member a reference of the response stands in, if any. */
function bodyMember(id: TSESTree.Identifier): TSESTree.MemberExpression | null {
  const member = outer(id).parent;
  return member?.type === 'MemberExpression' &&
    outer(member.object) === outer(id) &&
    staticPropertyName(member) === 'body'
    ? member
    : null;
}

/** Whether this use of a response reads, cancels or hands on its body: `res.json()`, `res.body.cancel()`. */
export function releasesResponse(id: TSESTree.Identifier): boolean {
  const method = calledMethod(id);
  if (method !== null && READING_METHODS.has(method)) return true;
  const body = bodyMember(id);
  return body !== null && bodyDischargedAt(body);
}

/** A use that only looks at the response: `res.ok`, `res.status`, `res.headers.get(…)`, `if (!res.body)`. */
export function peeksAtResponse(id: TSESTree.Identifier): boolean {
  const member = outer(id).parent;
  if (member?.type !== 'MemberExpression' || outer(member.object) !== outer(id)) return false;
  const name = staticPropertyName(member);
  if (name === 'body') return !bodyDischargedAt(member);
  return name !== null && PEEKS.has(name);
}
