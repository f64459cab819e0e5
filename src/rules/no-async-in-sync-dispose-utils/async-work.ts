/**
 * Synchronous release methods and the asynchronous work they start or block on. A sync
 * `[Symbol.dispose]()` is what `using` calls and does not wait for; so are `dispose()` and a
 * `close(): void` by their callers. A promise started there (`this.pool.end()`, `.then(…)`, an
 * `async` helper) is left running when the release "returns"; `Atomics.wait` or a synchronous
 * child process used to wait for it freezes the event loop instead.
 *
 * Syntax decides what it can prove (a `.then`, `new Promise`, an `async` method of the class, a
 * catalog release known to be async) before any type query; then any call typed as a promise
 * counts (`any`-typed code in JavaScript files has only the syntactic proofs).
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import {
  disposeSymbolOf,
  elementKey,
  fieldRead,
  thisMemberKey,
} from '../../analysis/engine/class-members.js';
import type { ClassOwner } from '../../analysis/engine/class-owners.js';
import { isThenable } from '../../analysis/types/type-queries.js';
import type { TypeServices } from '../../analysis/types/type-services.js';
import { resolveReference } from '../../analysis/resolve/imports.js';
import {
  calleeName,
  childrenOf,
  findVariable,
  isFunctionNode,
  skipWrappers,
} from '../../utils/ast/index.js';

type SourceCode = Readonly<TSESLint.SourceCode>;

/** A synchronous release method, or an `async [Symbol.dispose]()`. */
export interface SyncRelease {
  node: TSESTree.MethodDefinition | TSESTree.Property;
  fn: TSESTree.FunctionExpression;
  /** `[Symbol.dispose]`, `dispose`, `close`. */
  name: string;
  /** `async [Symbol.dispose]()`: the promise it returns is dropped by `using`. */
  asyncKeyword: boolean;
}

export interface AsyncWork {
  node: TSESTree.Node;
  kind: 'promise' | 'blocking';
  /** The statement a fix awaits in (`await x;`), when the promise is one. */
  statement: TSESTree.ExpressionStatement | null;
  /** `void x;`: the operator a fix replaces by `await`. */
  voided: TSESTree.UnaryExpression | null;
}

const PROMISE_STATICS = new Set(['all', 'allSettled', 'any', 'race', 'resolve', 'reject', 'try']);
const CHAIN = new Set(['then', 'catch', 'finally']);
const SYNC_SPAWN = new Set(['execSync', 'execFileSync', 'spawnSync']);

function keyOf(node: TSESTree.MethodDefinition | TSESTree.Property): string | null {
  if (node.type === 'MethodDefinition') return elementKey(node);
  if (node.computed) {
    const symbol = disposeSymbolOf(node.key);
    return symbol === null ? null : `[Symbol.${symbol}]`;
  }
  return node.key.type === 'Identifier' ? node.key.name : null;
}

/**
 * A release method `using` or its callers treat as synchronous: `[Symbol.dispose]()` always,
 * `dispose()` unless `async`, `close()` when it returns `void` (annotated, or by its type).
 */
export function syncReleaseOf(
  node: TSESTree.MethodDefinition | TSESTree.Property,
  returnsVoid: (fn: TSESTree.FunctionExpression) => boolean,
): SyncRelease | null {
  const fn = node.value;
  if (fn.type !== 'FunctionExpression' || fn.generator) return null;
  if (node.type === 'MethodDefinition' ? node.kind !== 'method' || node.static : !node.method)
    return null;
  const name = keyOf(node);
  if (name === '[Symbol.dispose]') return { node, fn, name, asyncKeyword: fn.async };
  if (fn.async) return null;
  if (name === 'dispose' || (name === 'close' && returnsVoid(fn)))
    return { node, fn, name, asyncKeyword: false };
  return null;
}

/** What the checks need besides the node: the class record and the type checker. */
export interface WorkEnv {
  sourceCode: SourceCode;
  owner: ClassOwner | null;
  services: TypeServices;
}

/** The async work a sync release starts (statement by statement) or blocks on. */
export function asyncWorkIn(env: WorkEnv, release: SyncRelease): AsyncWork[] {
  const out: AsyncWork[] = [];
  const visit = (node: TSESTree.Node): void => {
    if (node.type === 'ExpressionStatement') {
      const raw = skipWrappers(node.expression);
      const voided = raw.type === 'UnaryExpression' && raw.operator === 'void' ? raw : null;
      const expression = voided === null ? raw : skipWrappers(voided.argument);
      if (isPromise(env, expression))
        out.push({ node: expression, kind: 'promise', statement: node, voided });
    } else if (node.type === 'ReturnStatement' && node.argument) {
      const argument = skipWrappers(node.argument);
      if (isPromise(env, argument))
        out.push({ node: argument, kind: 'promise', statement: null, voided: null });
    } else if (node.type === 'CallExpression' && blocks(env.sourceCode, node)) {
      out.push({ node, kind: 'blocking', statement: null, voided: null });
    }
    for (const child of childrenOf(node)) {
      if (isFunctionNode(child) || child.type === 'ClassBody') continue;
      visit(child);
    }
  };
  visit(release.fn.body);
  return out;
}

function isPromise(env: WorkEnv, node: TSESTree.Node): boolean {
  if (node.type === 'NewExpression')
    return isGlobal(env.sourceCode, node.callee, 'Promise') || typedThenable(env, node);
  if (node.type !== 'CallExpression') return false;
  const callee = skipWrappers(node.callee);
  const name = calleeName(callee);
  if (callee.type === 'MemberExpression') {
    if (name !== null && CHAIN.has(name)) return true;
    if (
      name !== null &&
      PROMISE_STATICS.has(name) &&
      isGlobal(env.sourceCode, callee.object, 'Promise')
    )
      return true;
    if (asyncMember(env, callee)) return true;
  }
  if (callee.type === 'Identifier' && asyncFunction(env.sourceCode, callee)) return true;
  const resolved = resolveReference(env.sourceCode, callee);
  if (
    resolved !== null &&
    resolved.path[0] === 'promises' &&
    ['fs', 'timers', 'dns', 'stream', 'readline'].includes(resolved.module)
  )
    return true;
  return typedThenable(env, node);
}

function isGlobal(sourceCode: SourceCode, node: TSESTree.Node, name: string): boolean {
  const id = skipWrappers(node);
  return id.type === 'Identifier' && id.name === name && findVariable(sourceCode, id) === undefined;
}

/** `this.flush()` of an `async flush()`, or `this.pool.end()` of a field holding an async-release resource. */
function asyncMember(env: WorkEnv, callee: TSESTree.MemberExpression): boolean {
  const owner = env.owner;
  if (owner === null) return false;
  const method = thisMemberKey(callee);
  if (method !== null && owner.members.some((m) => m.key === method && m.async)) return true;
  const name = calleeName(callee);
  const key = fieldRead(env.sourceCode, skipWrappers(callee.object));
  const field = key === null ? undefined : owner.fields.get(key);
  return (field?.assignments ?? []).some((a) => {
    const entry =
      a.holds.kind === 'acquisition'
        ? a.holds.entry
        : a.holds.kind === 'mixed'
          ? a.holds.acquired.entry
          : null;
    return entry?.asyncRelease === true && name !== null && entry.releaseMethods.includes(name);
  });
}

/** `helper()` of an `async function helper` or `const helper = async () => …` in this file. */
function asyncFunction(sourceCode: SourceCode, id: TSESTree.Identifier): boolean {
  const def = findVariable(sourceCode, id)?.defs[0];
  if (def?.type === 'FunctionName')
    return def.node.type === 'FunctionDeclaration' && def.node.async;
  if (def?.type !== 'Variable' || def.node.init === null || def.node.parent.kind !== 'const')
    return false;
  const init = skipWrappers(def.node.init);
  return isFunctionNode(init) && init.async;
}

function typedThenable(env: WorkEnv, node: TSESTree.Node): boolean {
  const { checker, tsNodeOf, typeOf } = env.services;
  return isThenable(checker, typeOf(node), tsNodeOf(node));
}

/** `Atomics.wait(…)`, or a synchronous child process that runs Node or `sleep` to wait. */
function blocks(sourceCode: SourceCode, call: TSESTree.CallExpression): boolean {
  const resolved = resolveReference(sourceCode, call.callee);
  if (resolved === null) return false;
  if (resolved.module === 'global') return resolved.path.join('.') === 'Atomics.wait';
  if (resolved.module !== 'child_process' || !SYNC_SPAWN.has(resolved.path.at(-1) ?? ''))
    return false;
  const first = call.arguments[0];
  if (first === undefined) return false;
  const command = skipWrappers(first);
  if (command.type === 'Literal' && typeof command.value === 'string')
    return /^(node|sleep)(\s|$)/.test(command.value);
  return sourceCode.getText(command) === 'process.execPath';
}
