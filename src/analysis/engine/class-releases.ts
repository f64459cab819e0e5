/**
 * Where a class releases its fields: a method on the field (`this.x.close()`, `this.x?.end()`,
 * `this.x[Symbol.dispose]()`, or `this.x.close` handed on as a callback), a function form
 * (`clearInterval(this.t)`, `fs.closeSync(this.fd)`), a loop over a collection field
 * (`for (const s of this.sockets) s.destroy()`, `this.workers.map((w) => w.terminate())`), or a
 * `DisposableStack` field that took it (`this.stack.use(this.x)`). Also whether a release can
 * run twice safely (a guard flag, or the field emptied after a guarded release).
 */
import type { TSESTree } from '@typescript-eslint/utils';

import { FIELD_RELEASE_VERBS, TIMER_CLEARERS } from '../../catalog/classes.js';
import type { ResourceEntry } from '../../catalog/types.js';
import { STACKING_METHODS } from '../../catalog/vocabulary.js';
import {
  childrenOf,
  isFunctionNode,
  calleeName,
  findVariable,
  skipWrappers,
  staticPropertyName,
  boundNames,
} from '../../utils/ast/index.js';
import { findReleaseCall } from '../resolve/match.js';
import type { FieldRecord } from './class-fields.js';
import {
  disposeSymbolOf,
  fieldRead,
  thisMemberKey,
  type ClassFacts,
  type ClassSource,
  type MemberRecord,
  type Visit,
} from './class-members.js';

/** One place where the class releases (what one of its fields holds). */
export interface FieldRelease {
  key: string;
  /** `this.x.close` (the member), `clearInterval(this.t)` (the call), the loop, `stack.use(…)`. */
  node: TSESTree.Node;
  how: 'method' | 'function' | 'loop' | 'stack';
  /** `close`, `[Symbol.dispose]`, `clearInterval`, `use`; for a stack, the stack field's key. */
  verb: string;
  member: MemberRecord | null;
  inClosure: boolean;
  /** A second run is harmless: the release is guarded by a test and the field emptied, or by a flag. */
  idempotent: boolean;
  /** The this-members the release is tested on in its member (`if (this.#ownsAgent)`, `this.x?.`). */
  guards: readonly string[];
}

/** Which calls release what a field holds: generic verbs plus the catalog entries' own. */
export interface ReleaseVocabulary {
  verbs(key: string): ReadonlySet<string>;
  entries(key: string): readonly ResourceEntry[];
}

/** `x.close`, `x?.end`, `x[Symbol.dispose]`: the property name (symbols as `[Symbol.dispose]`). */
export function accessedName(member: TSESTree.MemberExpression): string | null {
  if (member.computed) {
    const symbol = disposeSymbolOf(member.property);
    if (symbol !== null) return `[Symbol.${symbol}]`;
  }
  return member.property.type === 'PrivateIdentifier' ? null : staticPropertyName(member);
}

const isDisposeName = (name: string): boolean => name.startsWith('[Symbol.');

/** `this.x.close` (called, bound or handed on) where `close` releases what `x` holds. */
export function methodRelease(
  source: ClassSource,
  node: TSESTree.MemberExpression,
  vocabulary: ReleaseVocabulary,
): { key: string; verb: string } | null {
  const name = accessedName(node);
  if (name === null) return null;
  const parent = node.parent;
  if (parent.type === 'AssignmentExpression' && parent.left === node) return null;
  const key = fieldRead(source, node.object);
  if (key === null) return null;
  return isDisposeName(name) || vocabulary.verbs(key).has(name) ? { key, verb: name } : null;
}

/** `clearInterval(this.t)`, `fs.closeSync(this.fd)`: the released field. */
export function functionRelease(
  source: ClassSource,
  call: TSESTree.CallExpression,
  vocabulary: ReleaseVocabulary,
): { key: string; verb: string } | null {
  const name = calleeName(call.callee);
  if (name === null) return null;
  for (const argument of call.arguments) {
    const key = fieldRead(source, argument);
    if (key === null) continue;
    if (TIMER_CLEARERS.includes(name) && isUnshadowedOrModule(source, call.callee))
      return { key, verb: name };
    for (const entry of vocabulary.entries(key)) {
      const index = findReleaseCall(source, call, entry);
      if (index !== null && call.arguments[index] === argument) return { key, verb: name };
    }
  }
  return null;
}

/** `clearInterval` the global (not a local of that name), or `timers.clearInterval`. */
function isUnshadowedOrModule(source: ClassSource, callee: TSESTree.Node): boolean {
  const node = skipWrappers(callee);
  if (node.type === 'MemberExpression') return true;
  if (node.type !== 'Identifier') return false;
  const def = findVariable(source, node)?.defs[0];
  return def === undefined || def.type === 'ImportBinding';
}

const ITERATING = new Set(['forEach', 'map', 'flatMap', 'some', 'every', 'filter']);
const VIEWS = new Set(['values', 'keys', 'entries']);

/** The collection field an iterable expression walks: `this.x`, `this.x.values()`, `[...this.x]`, `Array.from(this.x)`. */
export function iteratedField(source: ClassSource, expression: TSESTree.Node): string | null {
  const node = skipWrappers(expression);
  const direct = fieldRead(source, node);
  if (direct !== null) return direct;
  if (node.type === 'ArrayExpression' && node.elements.length === 1) {
    const only = node.elements[0];
    return only?.type === 'SpreadElement' ? iteratedField(source, only.argument) : null;
  }
  if (node.type !== 'CallExpression') return null;
  const callee = skipWrappers(node.callee);
  const name = calleeName(callee);
  if (callee.type === 'MemberExpression' && name !== null && VIEWS.has(name))
    return iteratedField(source, callee.object);
  const first = node.arguments[0];
  if (
    (name === 'from' || name === 'values') &&
    first !== undefined &&
    first.type !== 'SpreadElement'
  )
    return iteratedField(source, first);
  return null;
}

/** Whether `body` calls a release on one of `names` (`s.destroy()`, `clearInterval(t)`). */
function releasesBinding(
  body: TSESTree.Node,
  names: ReadonlySet<string>,
  verbs: ReadonlySet<string>,
): boolean {
  if (body.type === 'MemberExpression') {
    const object = skipWrappers(body.object);
    const name = accessedName(body);
    if (
      object.type === 'Identifier' &&
      names.has(object.name) &&
      name !== null &&
      (verbs.has(name) || isDisposeName(name))
    )
      return true;
  }
  if (body.type === 'CallExpression') {
    const callee = calleeName(body.callee);
    const first = body.arguments[0];
    if (
      callee !== null &&
      TIMER_CLEARERS.includes(callee) &&
      first?.type === 'Identifier' &&
      names.has(first.name)
    )
      return true;
  }
  return childrenOf(body).some((child) => releasesBinding(child, names, verbs));
}

/** `for (const s of this.sockets) s.destroy()`: the collection field it releases. */
export function loopRelease(
  source: ClassSource,
  loop: TSESTree.ForOfStatement,
  vocabulary: ReleaseVocabulary,
): string | null {
  const key = iteratedField(source, loop.right);
  if (key === null) return null;
  const names = boundNames(loop.left, new Set());
  return names.size > 0 && releasesBinding(loop.body, names, vocabulary.verbs(key)) ? key : null;
}

/** `this.clients.forEach((c) => c.close())`, `this.workers.map((w) => w.terminate())`. */
export function callbackLoopRelease(
  source: ClassSource,
  call: TSESTree.CallExpression,
  vocabulary: ReleaseVocabulary,
): string | null {
  const callee = skipWrappers(call.callee);
  if (callee.type !== 'MemberExpression') return null;
  const method = calleeName(callee);
  const callback = call.arguments[0];
  if (method === null || !ITERATING.has(method) || callback === undefined) return null;
  if (!isFunctionNode(callback)) return null;
  const key = iteratedField(source, callee.object);
  if (key === null) return null;
  const names = boundNames(callback.params[0], new Set());
  return names.size > 0 && releasesBinding(callback.body, names, vocabulary.verbs(key))
    ? key
    : null;
}

/**
 * The tests a node runs under inside `fn`: `if` tests (either branch), the left of `&&`/`||`/`??`,
 * conditional tests, and an optional chain's receiver (`this.x?.close()` tests `this.x`).
 */
export function testsAbove(node: TSESTree.Node, fn: TSESTree.Node): TSESTree.Node[] {
  const tests: TSESTree.Node[] = [];
  if (node.type === 'MemberExpression' && node.optional) tests.push(node.object);
  for (let child = node, n = node.parent; n && n !== fn; child = n, n = n.parent) {
    if (n.type === 'IfStatement' && n.test !== child) tests.push(n.test);
    else if (n.type === 'LogicalExpression' && n.right === child) tests.push(n.left);
    else if (n.type === 'ConditionalExpression' && n.test !== child) tests.push(n.test);
    else if (n.type === 'MemberExpression' && n.optional && n.object === child) tests.push(child);
    else if (n.type === 'CallExpression' && n.optional && n.callee === child) tests.push(child);
  }
  return tests;
}

/** Every this-member a test reads, directly or through a local alias. */
export function fieldsTested(
  source: ClassSource,
  test: TSESTree.Node,
  into = new Set<string>(),
): Set<string> {
  const key = fieldRead(source, test);
  if (key !== null) into.add(key);
  for (const child of childrenOf(test)) fieldsTested(source, child, into);
  return into;
}

/** Whether a test reads a property of the field (`this.pool.ending`, `redis.status`): a state check. */
export function readsStateOf(source: ClassSource, test: TSESTree.Node, key: string): boolean {
  if (test.type === 'MemberExpression' && fieldRead(source, test.object) === key) {
    const name = accessedName(test);
    return name !== null && !isDisposeName(name);
  }
  return childrenOf(test).some((child) => readsStateOf(source, child, key));
}

/** `assignedIn`'s answers, per function node (a file's nodes; nothing outlives its file). */
const assignedMemo = new WeakMap<TSESTree.Node, ReadonlySet<string>>();

/**
 * Assignments to this-members inside `fn` (closures included), by key. Asked for every field
 * assignment of a member, so walked once per member.
 */
export function assignedIn(fn: TSESTree.Node): ReadonlySet<string> {
  let known = assignedMemo.get(fn);
  if (known === undefined) assignedMemo.set(fn, (known = walkAssigned(fn)));
  return known;
}

function walkAssigned(fn: TSESTree.Node): ReadonlySet<string> {
  const keys = new Set<string>();
  const visit = (n: TSESTree.Node): void => {
    if (n.type === 'AssignmentExpression') {
      const key = thisMemberKey(n.left);
      if (key !== null) keys.add(key);
    }
    for (const child of childrenOf(n)) {
      if (child.type === 'FunctionExpression' || child.type === 'FunctionDeclaration') continue;
      visit(child);
    }
  };
  visit(fn);
  return keys;
}

/**
 * Whether a release site can run twice: it tests a state of the resource (`this.pool.ending`),
 * or tests a field that the same member then sets (`if (!this.closed) { this.closed = true; … }`,
 * `this.x?.close(); this.x = undefined`).
 */
export function siteIsIdempotent(
  source: ClassSource,
  site: TSESTree.Node,
  key: string,
  member: MemberRecord,
  assigned: ReadonlySet<string>,
): boolean {
  for (const test of testsAbove(site, member.fn)) {
    if (readsStateOf(source, test, key)) return true;
    for (const tested of fieldsTested(source, test)) if (assigned.has(tested)) return true;
  }
  return false;
}

/**
 * A member that returns early on a flag the class sets (`if (this.#closed) return;`), or that
 * memoises its work (`return (this.closing ??= this.#close())`): running it twice is harmless.
 */
export function memberIsGuarded(
  source: ClassSource,
  member: MemberRecord,
  classAssigns: ReadonlySet<string>,
): boolean {
  const body = member.fn.body;
  if (body.type !== 'BlockStatement') return memoises(body);
  for (const statement of body.body) {
    if (statement.type === 'IfStatement' && exits(statement.consequent)) {
      for (const key of fieldsTested(source, statement.test))
        if (classAssigns.has(key)) return true;
    }
    if (statement.type === 'ReturnStatement' && statement.argument && memoises(statement.argument))
      return true;
    if (statement.type === 'ExpressionStatement' && memoises(statement.expression)) return true;
  }
  return false;
}

function exits(statement: TSESTree.Statement): boolean {
  if (statement.type === 'ReturnStatement' || statement.type === 'ThrowStatement') return true;
  if (statement.type !== 'BlockStatement') return false;
  const last = statement.body.at(-1);
  return last !== undefined && exits(last);
}

/** `this.closing ??= …` / `this.closing ||= …`, under `await`, `return` or parentheses. */
function memoises(expression: TSESTree.Node): boolean {
  const node = skipWrappers(expression);
  if (node.type === 'AwaitExpression') return memoises(node.argument);
  return (
    node.type === 'AssignmentExpression' &&
    (node.operator === '??=' || node.operator === '||=') &&
    thisMemberKey(node.left) !== null
  );
}

export function vocabularyOf(entriesOf: (key: string) => ResourceEntry[]): ReleaseVocabulary {
  const memo = new Map<string, ReadonlySet<string>>();
  return {
    entries: entriesOf,
    verbs(key) {
      let verbs = memo.get(key);
      if (verbs === undefined) {
        verbs = new Set([
          ...FIELD_RELEASE_VERBS,
          // A child `unref()`ed is let go on purpose (a detached daemon that outlives the process).
          ...entriesOf(key).flatMap((e) =>
            e.kind === 'child-process' ? [...e.releaseMethods, 'unref'] : e.releaseMethods,
          ),
        ]);
        memo.set(key, verbs);
      }
      return verbs;
    },
  };
}

/** Every release of a field in the class, recorded on the field. */
export function recordReleases(
  source: ClassSource,
  facts: ClassFacts,
  fields: ReadonlyMap<string, FieldRecord>,
  vocabulary: ReleaseVocabulary,
  fieldOf: (key: string) => FieldRecord,
): void {
  const assigned = (member: MemberRecord): ReadonlySet<string> => assignedIn(member.fn);
  const add = (
    visit: Visit,
    key: string,
    node: TSESTree.Node,
    how: FieldRelease['how'],
    verb: string,
  ): void => {
    const { member, inClosure } = visit;
    const idempotent =
      member !== null && siteIsIdempotent(source, node, key, member, assigned(member));
    const tests = member === null ? [] : testsAbove(node, member.fn);
    const guards = [...new Set(tests.flatMap((test) => [...fieldsTested(source, test)]))];
    fieldOf(key).releases.push({ key, node, how, verb, member, inClosure, idempotent, guards });
  };
  for (const visit of facts.accesses) {
    const found = methodRelease(source, visit.node, vocabulary);
    if (found !== null) add(visit, found.key, visit.node, 'method', found.verb);
  }
  for (const visit of facts.calls) {
    const call = visit.node;
    const fn = functionRelease(source, call, vocabulary);
    if (fn !== null) add(visit, fn.key, call, 'function', fn.verb);
    const looped = callbackLoopRelease(source, call, vocabulary);
    if (looped !== null) add(visit, looped, call, 'loop', calleeName(call.callee) ?? 'forEach');
    const stacked = stackAdoption(source, call);
    if (stacked !== null) add(visit, stacked.key, call, 'stack', stacked.stack);
  }
  for (const visit of facts.loops) {
    const key = loopRelease(source, visit.node, vocabulary);
    if (key !== null) add(visit, key, visit.node, 'loop', 'for-of');
  }
  // Fields a stack took (`this.x = this.stack.use(…)`) are released with the stack.
  for (const field of fields.values()) {
    for (const assignment of field.assignments) {
      if (assignment.stack === null) continue;
      field.releases.push({
        key: field.key,
        node: assignment.node,
        how: 'stack',
        verb: assignment.stack,
        member: assignment.member,
        inClosure: assignment.inClosure,
        idempotent: true,
        guards: [],
      });
    }
  }
}

/** `this.stack.use(this.x)`, `this.stack.adopt(this.x, …)`, `this.stack.move(this.x)`. */
function stackAdoption(
  source: ClassSource,
  call: TSESTree.CallExpression,
): { key: string; stack: string } | null {
  const callee = skipWrappers(call.callee);
  if (callee.type !== 'MemberExpression') return null;
  const method = calleeName(callee);
  const first = call.arguments[0];
  if (method === null || !STACKING_METHODS.has(method) || first === undefined) return null;
  const stack = fieldRead(source, callee.object);
  const key = fieldRead(source, first);
  return stack === null || key === null ? null : { key, stack };
}
