/**
 * Two shapes that need no path analysis: a removal that can remove nothing (given a fresh
 * function, or a different one than the registration added), and an interval started per
 * connection that nothing clears.
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import { perCallSite, type PerCallEnv } from '../../analysis/lifetime/per-call-site.js';
import { resolveReference } from '../../analysis/resolve/imports.js';
import {
  calleeName,
  findVariable,
  isFunctionNode,
  skipWrappers,
  stringValue,
  valueParent,
  type FunctionNode,
} from '../../utils/ast/index.js';
import { sameFunction } from './removals.js';
import { ADD, REMOVE } from './targets.js';

type Node = TSESTree.Node;
type SourceCode = Readonly<TSESLint.SourceCode>;

export interface Problem<Id extends string> {
  node: Node;
  messageId: Id;
  data: Record<string, string>;
}

/** `() => …`, `function () {}`, `h.bind(x)`: a function made right there. */
function isFresh(node: Node): boolean {
  const value = skipWrappers(node);
  return (
    isFunctionNode(value) ||
    (value.type === 'CallExpression' &&
      value.callee.type === 'MemberExpression' &&
      calleeName(value.callee) === 'bind')
  );
}

/** The function a wrapper stands for: `h.bind(x)` → `h`; `(...a) => h(...a)` → `h`. */
function wrapped(node: Node): Node | null {
  const value = skipWrappers(node);
  if (
    value.type === 'CallExpression' &&
    value.callee.type === 'MemberExpression' &&
    calleeName(value.callee) === 'bind'
  )
    return value.callee.object;
  if (!isFunctionNode(value)) return null;
  const body =
    value.body.type === 'BlockStatement'
      ? value.body.body.length === 1 && value.body.body[0].type === 'ExpressionStatement'
        ? value.body.body[0].expression
        : null
      : value.body;
  if (body?.type !== 'CallExpression') return null;
  const callee = skipWrappers(body.callee);
  return callee.type === 'Identifier' || callee.type === 'MemberExpression' ? callee : null;
}

interface ListenerCall {
  call: TSESTree.CallExpression;
  method: string;
  target: string;
  event: string | null;
  handler: Node;
}

function listenerCall(sourceCode: SourceCode, call: TSESTree.CallExpression): ListenerCall | null {
  const callee = skipWrappers(call.callee);
  const handler = call.arguments[1];
  if (callee.type !== 'MemberExpression' || handler === undefined) return null;
  const method = calleeName(callee);
  if (method === null) return null;
  return {
    call,
    method,
    target: sourceCode.getText(callee.object),
    event: stringValue(call.arguments[0]),
    handler,
  };
}

export function checkRemovals(
  sourceCode: SourceCode,
  calls: readonly TSESTree.CallExpression[],
): Problem<'freshRemoval' | 'differentReference'>[] {
  const all = calls.flatMap((call) => listenerCall(sourceCode, call) ?? []);
  const adds = all.filter((c) => ADD.has(c.method));
  const problems: Problem<'freshRemoval' | 'differentReference'>[] = [];
  for (const removal of all.filter((c) => REMOVE.has(c.method))) {
    if (isFresh(removal.handler)) {
      problems.push({
        node: removal.handler,
        messageId: 'freshRemoval',
        data: { method: removal.method },
      });
      continue;
    }
    const same = adds.filter((add) => add.target === removal.target && add.event === removal.event);
    if (
      same.length === 0 ||
      same.some((add) => sameFunction(sourceCode, add.handler, removal.handler))
    )
      continue;
    const wrapper = same.find((add) => {
      const inner = wrapped(add.handler);
      return inner !== null && sameFunction(sourceCode, inner, removal.handler);
    });
    if (wrapper)
      problems.push({
        node: removal.handler,
        messageId: 'differentReference',
        data: {
          method: removal.method,
          handler: sourceCode.getText(removal.handler),
          line: String(wrapper.call.loc.start.line),
        },
      });
  }
  return problems;
}

const INTERVAL = [
  { module: 'global', path: ['setInterval'] },
  { module: 'timers', path: ['setInterval'] },
];

/** A connection's listener: `server.on('connection', (socket) => …)`, a `wss` handler. */
function connectionCallback(fn: Node | undefined): boolean {
  const call = fn?.parent;
  return (
    call?.type === 'CallExpression' &&
    call.arguments[1] === fn &&
    call.callee.type === 'MemberExpression' &&
    ['on', 'addListener', 'once'].includes(calleeName(call.callee) ?? '') &&
    ['connection', 'secureConnection', 'upgrade'].includes(stringValue(call.arguments[0]) ?? '')
  );
}

/** An interval a connection listener starts: the listener and its event come along for the fix. */
type IntervalProblem = Problem<'intervalNotCleared'> & {
  node: TSESTree.CallExpression;
  listener: FunctionNode;
  event: string;
};

export function connectionIntervals(
  env: PerCallEnv,
  calls: readonly TSESTree.CallExpression[],
): IntervalProblem[] {
  const problems: IntervalProblem[] = [];
  for (const call of calls) {
    const resolved = resolveReference(env.sourceCode, call.callee);
    if (
      !resolved ||
      !INTERVAL.some(
        (ref) => ref.module === resolved.module && ref.path.join('.') === resolved.path.join('.'),
      )
    )
      continue;
    const site = perCallSite(env, call);
    if (
      site === null ||
      site.kind === 'loop' ||
      !('node' in site) ||
      !connectionCallback(site.node)
    )
      continue;
    const { child, parent } = valueParent(call);
    let uncleared = parent?.type === 'ExpressionStatement';
    if (
      parent?.type === 'VariableDeclarator' &&
      parent.init === child &&
      parent.id.type === 'Identifier'
    ) {
      const variable = findVariable(env.sourceCode, parent.id);
      uncleared = (variable?.references ?? []).every(
        (r) => r.identifier === parent.id || r.isWriteOnly(),
      );
    }
    if (uncleared)
      problems.push({
        node: call,
        messageId: 'intervalNotCleared',
        data: { line: String(call.loc.start.line) },
        listener: site.node,
        event: stringValue((site.node.parent as TSESTree.CallExpression).arguments[0]) ?? '',
      });
  }
  return problems;
}
