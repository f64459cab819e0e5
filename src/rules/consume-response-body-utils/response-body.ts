/**
 * What reads, cancels or hands on an HTTP response body (`fetch`, `undici.fetch`,
 * `undici.request`), and what only looks at the response's status line and headers.
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '@typescript-eslint/types';

import { anchorIn, guardOf, isFunctionNode as isFunction, type FunctionNode } from '../../utils/ast.js';
import type { Exit } from '../../analysis/engine/exit-paths.js';
import { staticPropertyName } from '../../analysis/resolve/imports.js';

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

/**
 * The nodes that discharge a response (or its destructured `body`) on the path they sit on:
 * reads, releases and hand-ons, and — leniently — any other use that is not a mere look at the
 * status or headers (`log(res)` may read it). Uses inside a callback count at the callback.
 */
export function dischargesOf(
  references: readonly { identifier: TSESTree.Node; init?: boolean | null }[],
  owner: TSESTree.Node,
  form: 'response' | 'body',
): TSESTree.Node[] {
  const out: TSESTree.Node[] = [];
  for (const reference of references) {
    const id = reference.identifier;
    if (reference.init === true || id.type !== 'Identifier') continue;
    const anchor = anchorIn(id, owner);
    if (anchor !== id) {
      out.push(anchor);
      continue;
    }
    const releases = form === 'response' ? releasesResponse(id) : bodyDischargedAt(id);
    if (releases) out.push(guardOf(id, new Set([id.name]), owner));
    else if (!(form === 'response' ? peeksAtResponse(id) : peeksAtBody(id))) out.push(id);
  }
  return out;
}

/** A destructured `body` only tested (`if (!body)`, `body === null`), not consumed. */
function peeksAtBody(id: TSESTree.Identifier): boolean {
  const node = outer(id);
  const parent = node.parent;
  return (
    (parent?.type === 'UnaryExpression' && parent.operator === '!') ||
    (parent?.type === 'IfStatement' && parent.test === node) ||
    parent?.type === 'BinaryExpression'
  );
}

/** `if (res.status === 204)`, `if (!res.body)`: the branch of a response that has no body. */
const NO_BODY =
  /\b(?:status|statusCode)\s*===?\s*(?:204|205|304)\b|\b(?:204|205|304)\s*===?\s*[\w.]*\b(?:status|statusCode)\b|(?:^|[^\w.])!\s*(?:[\w.]+\.)?body\b|\bbody\s*===?\s*(?:null|undefined)\b/;

/** Whether `exit` sits in the `then` branch of a test saying the response has no body. */
export function inNoBodyBranch(
  exit: TSESTree.Node,
  textOf: (node: TSESTree.Node) => string,
): boolean {
  for (let child = exit, n = exit.parent; n && !isFunction(n); child = n, n = n.parent) {
    if (n.type === 'IfStatement' && n.consequent === child && NO_BODY.test(textOf(n.test)))
      return true;
  }
  return false;
}

/** `fetch(url, { method: 'HEAD' })`: no body to read. */
export function isHeadRequest(call: TSESTree.CallExpression): boolean {
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
          String(p.value.value).toUpperCase() === 'HEAD',
      ),
  );
}

/** The node holding the awaited response: `await fetch(u)` (past parentheses and `as`). */
export function holderOf(call: TSESTree.CallExpression): TSESTree.Node {
  let node: TSESTree.Node = call;
  while (
    node.parent &&
    (node.parent.type === AST_NODE_TYPES.AwaitExpression ||
      node.parent.type === AST_NODE_TYPES.TSAsExpression ||
      node.parent.type === AST_NODE_TYPES.TSNonNullExpression)
  )
    node = node.parent;
  return node;
}

/** The `if (…)` a path to `exit` takes, when it tests the response: ` (the \`if (!res.ok)\` branch)`. */
export function branchOf(
  sourceCode: Readonly<TSESLint.SourceCode>,
  exit: TSESTree.Node,
  names: ReadonlySet<string>,
): string {
  for (let child = exit, n = exit.parent; n && !isFunction(n); child = n, n = n.parent) {
    if (n.type !== AST_NODE_TYPES.IfStatement || n.test === child) continue;
    const test = sourceCode.getText(n.test);
    const mentions = sourceCode.ast.tokens.some(
      (t) =>
        t.range[0] >= n.test.range[0] &&
        t.range[1] <= n.test.range[1] &&
        t.type === 'Identifier' &&
        names.has(t.value),
    );
    if (!mentions || test.length > 40) return '';
    return n.consequent === child
      ? ` (the \`if (${test})\` branch)`
      : ` (the \`else\` of \`if (${test})\`)`;
  }
  return '';
}

/** The suggestion: `await res.body?.cancel();` right before the `return`/`throw` that leaks. */
export function cancelBefore(
  sourceCode: Readonly<TSESLint.SourceCode>,
  exit: Exit,
  owner: FunctionNode,
  cancel: string,
  scope: TSESTree.Node,
): TSESLint.ReportFixFunction | null {
  if (exit.kind === 'loop') return null;
  // A caught throw: release before the `throw`, where the binding is still in scope.
  const statement = exit.after ?? exit.node;
  if (isFunction(statement)) return null;
  if (statement.range[0] < scope.range[0] || statement.range[1] > scope.range[1]) return null;
  const call = owner.async ? `await ${cancel};` : `void ${cancel};`;
  const parent = statement.parent;
  if (
    parent?.type === AST_NODE_TYPES.BlockStatement ||
    parent?.type === AST_NODE_TYPES.SwitchCase
  ) {
    const indent = ' '.repeat(statement.loc.start.column);
    return (fixer) => fixer.insertTextBefore(statement, `${call}\n${indent}`);
  }
  if (parent?.type === AST_NODE_TYPES.IfStatement) {
    return (fixer) => fixer.replaceText(statement, `{ ${call} ${sourceCode.getText(statement)} }`);
  }
  return null;
}
