/**
 * Opens of a `closeUnlessLongLived` pair (`fs.watchFile`) that no code of the file closes. A
 * poller started for the life of the process (a config reloader, a dev script's watch loop, one
 * per file of a list) is the point of the call; these places say it cannot be meant to live on:
 *
 * - `class`: a class with a release method (`close`, `stop`, `[Symbol.dispose]`, …) started it,
 *   and that method does not stop it;
 * - `promise`: its listener settles the promise around it, after which nobody listens;
 * - `handler`: it runs per request, and each request starts another listener;
 * - `test`: a test or its setup hook started it, and it keeps the test process alive.
 *
 * Module scope, loops and iteration callbacks (one poller per file of a list), ordinary
 * functions and pollers that do not hold the process open (`{ persistent: false }`) are left
 * alone.
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import { isTestFile } from '../../analysis/lifetime/test-files.js';
import { perCallSite } from '../../analysis/lifetime/per-call-site.js';
import { disposeSymbolOf, membersOf, type ClassNode } from '../../analysis/engine/class-members.js';
import { SETUP_HOOKS, TEST_DECLARATIONS } from '../../catalog/test-runners.js';
import { RELEASE_METHODS } from '../../catalog/vocabulary.js';
import { appendStatement, insertBefore, type FixFn } from '../../analysis/fixes/statement-fixes.js';
import {
  isFunctionNode,
  literalOption,
  skipWrappers,
  variableInScope,
  walkValues,
  type FunctionNode,
} from '../../utils/ast/index.js';

export type Unclosed =
  | { kind: 'class'; method: string; node: FunctionNode }
  | { kind: 'promise'; settle: TSESTree.CallExpression }
  | { kind: 'handler' }
  /** `test`: the callback of the test (not of a hook) that started it, if it did. */
  | { kind: 'test'; test: FunctionNode | null };

/** A class's methods that end its work: where a poller it started must be stopped. */
const STOP_METHODS: ReadonlySet<string> = new Set([...RELEASE_METHODS, 'stop', 'unwatch']);

/** The name a call's callee ends in: `it`, `it.only` → `it`, `test.each(…)` → `test`. */
function calleeRoot(callee: TSESTree.Node): string | null {
  let node = skipWrappers(callee);
  while (node.type === 'MemberExpression' || node.type === 'CallExpression')
    node = node.type === 'MemberExpression' ? node.object : node.callee;
  return node.type === 'Identifier' ? node.name : null;
}

function enclosingClass(node: TSESTree.Node): ClassNode | null {
  for (let n = node.parent; n; n = n.parent)
    if (n.type === 'ClassDeclaration' || n.type === 'ClassExpression') return n;
  return null;
}

/** The class's release method, when it has one: `close`, `stop`, `[Symbol.dispose]`. */
function stopMethod(cls: ClassNode): { method: string; node: FunctionNode } | null {
  for (const member of membersOf(cls)) {
    if (member.kind !== 'method' || member.key === null) continue;
    const symbol = member.node.computed ? disposeSymbolOf(member.node.key) : null;
    if (symbol !== null || STOP_METHODS.has(member.key))
      return { method: member.key, node: member.fn };
  }
  return null;
}

/** In `new Promise((resolve, reject) => …)`, a call of `resolve` or `reject` inside `listener`. */
function settles(listener: FunctionNode): TSESTree.CallExpression | null {
  for (let n: TSESTree.Node | undefined = listener.parent; n; n = n.parent) {
    if (!isFunctionNode(n)) continue;
    const promise: TSESTree.Node | undefined = n.parent;
    if (
      promise?.type !== 'NewExpression' ||
      promise.arguments[0] !== n ||
      promise.callee.type !== 'Identifier' ||
      promise.callee.name !== 'Promise'
    )
      continue;
    const names = new Set(n.params.flatMap((p) => (p.type === 'Identifier' ? [p.name] : [])));
    let found: TSESTree.CallExpression | null = null;
    walkValues(listener.body, (node) => {
      if (node.type !== 'CallExpression' || node.callee.type !== 'Identifier') return true;
      if (!names.has(node.callee.name)) return true;
      found = node;
      return 'stop';
    });
    return found;
  }
  return null;
}

/**
 * Inside the callback of `it(…)`, `test(…)`, `beforeEach(…)` and their kin: `false`, else the
 * callback of a test, or `null` for a hook's.
 */
function inTest(open: TSESTree.Node): FunctionNode | null | false {
  for (let n: TSESTree.Node | undefined = open.parent; n; n = n.parent) {
    if (!isFunctionNode(n) || n.parent?.type !== 'CallExpression') continue;
    const call = n.parent;
    if (!call.arguments.some((argument) => argument === n)) continue;
    const root = calleeRoot(call.callee);
    if (root === null || root === 'describe') continue;
    if (TEST_DECLARATIONS.has(root)) return n;
    if (root in SETUP_HOOKS) return null;
  }
  return false;
}

/**
 * Why `open`, which nothing in the file closes, cannot be meant to live on; `null` where it
 * may be (module scope, an ordinary function, a loop over files).
 */
export function unclosedOpen(
  context: Readonly<TSESLint.RuleContext<string, readonly unknown[]>>,
  open: TSESTree.CallExpression,
): Unclosed | null {
  const sourceCode = context.sourceCode;
  const env = { sourceCode, filename: context.filename };
  // `{ persistent: false }`: it does not hold the process open, which the messages say it does.
  const persistent = literalOption(open, 'persistent')?.value;
  if (persistent?.type === 'Literal' && persistent.value === false) return null;
  if (isTestFile(env)) {
    const test = inTest(open);
    return test === false ? null : { kind: 'test', test };
  }
  const listener = open.arguments.at(-1);
  if (listener && isFunctionNode(listener)) {
    const settle = settles(listener);
    if (settle) return { kind: 'promise', settle };
  }
  const cls = enclosingClass(open);
  const stop = cls && stopMethod(cls);
  if (stop) return { kind: 'class', ...stop };
  return perCallSite(env, open)?.kind === 'handler' ? { kind: 'handler' } : null;
}

/**
 * `fs.unwatchFile(this.file)` at the end of the class's stop method, before the listener
 * settles its promise, or at the end of the test that started it (a test without a `done`
 * callback, whose body's end is the test's end). Only where the close means the same there:
 * its first argument is a literal, a `this.` path (in a class) or a name that the new place
 * sees the same way, and the close's function or receiver is in scope.
 */
export function unclosedFix(
  sourceCode: Readonly<TSESLint.SourceCode>,
  open: TSESTree.CallExpression,
  found: Unclosed,
  closeText: string,
): FixFn | null {
  if (found.kind === 'handler') return null;
  if (
    found.kind === 'test' &&
    (found.test?.params.length !== 0 || found.test.body.type !== 'BlockStatement')
  )
    return null;
  const at =
    found.kind === 'class'
      ? found.node.body
      : found.kind === 'test'
        ? found.test!.body
        : found.settle;
  const key = open.arguments[0];
  if (key === undefined || !sameAt(sourceCode, key, open, at, found.kind === 'class')) return null;
  const root = /^[A-Za-z_$][\w$]*/.exec(closeText)?.[0];
  if (root === undefined || root === 'this' || !variableInScope(sourceCode.getScope(at), root))
    return null;
  if (found.kind === 'class' || found.kind === 'test')
    return at.type === 'BlockStatement' ? appendStatement(sourceCode, at, `${closeText};`) : null;
  if (found.kind !== 'promise') return null;
  const statement = found.settle.parent;
  return statement.type === 'ExpressionStatement'
    ? insertBefore(sourceCode, statement, `${closeText};`)
    : null;
}

/** `key` (the open's first argument) denotes the same value at `at` as at `open`. */
function sameAt(
  sourceCode: Readonly<TSESLint.SourceCode>,
  key: TSESTree.Node,
  open: TSESTree.Node,
  at: TSESTree.Node,
  inClass: boolean,
): boolean {
  if (key.type === 'Literal') return typeof key.value === 'string';
  if (key.type === 'TemplateLiteral') return key.expressions.length === 0;
  if (key.type === 'MemberExpression') {
    let object: TSESTree.Node = key;
    while (object.type === 'MemberExpression' && !object.computed) object = object.object;
    if (object.type === 'ThisExpression') return inClass;
    return object.type === 'Identifier' && sameAt(sourceCode, object, open, at, inClass);
  }
  if (key.type !== 'Identifier') return false;
  const there = variableInScope(sourceCode.getScope(at), key.name);
  return there !== undefined && there === variableInScope(sourceCode.getScope(open), key.name);
}
