/**
 * What `dispose-owned-fields` finds in a class-owner record: owned fields nobody releases, a
 * class that owns some and has no release method, a field replaced without releasing the old
 * value, a release method that cannot run twice, and listeners or intervals the release never
 * takes back. Fields the class received (parameters, injection, container lookups, or mixed
 * with its own) are never its to release.
 */
import type { TSESTree } from '@typescript-eslint/utils';

import {
  isReceived,
  mustRelease,
  type Acquired,
  type ClassOwner,
  type FieldAssignment,
  type FieldElement,
  type FieldRecord,
  type FieldRelease,
  type MemberRecord,
  type ReleaseMethod,
} from '../../analysis/engine/class-owners.js';
import { gateFor } from '../../analysis/engine/finder.js';
import { fileMayAcquire } from '../../analysis/resolve/match.js';
import { FRAMEWORK_RELEASE_HOOKS } from '../../catalog/classes.js';
import { CATALOG } from '../../catalog/index.js';
import type { ResourceEntry } from '../../catalog/types.js';
import { childrenOf } from '../../utils/ast/index.js';

let ownedGate: readonly ResourceEntry[] | undefined;
/** `Symbol.dispose`, `Symbol.asyncDispose`: what makes a local class disposable by itself. */
const DISPOSE_SYMBOL = /\bSymbol\s*\.\s*(?:asyncDispose|dispose)\b/;
const gateWith = new WeakMap<readonly ResourceEntry[], readonly ResourceEntry[]>();

/**
 * Whether a class of this file can own a field at all, before any class is walked: only an
 * acquisition the owner must release makes a field owned, and (without types) that is a
 * catalog or user entry the file imports or names, what is acquired from one, or a local
 * class with a dispose symbol (`localDisposableClass`; one with `close()` must own fields
 * itself). With type information any call may be a disposable: always `true`.
 */
export function fileMayOwn(
  sourceCode: Parameters<typeof fileMayAcquire>[0],
  extra: readonly ResourceEntry[],
  typed: boolean,
): boolean {
  if (typed || DISPOSE_SYMBOL.test(sourceCode.text)) return true;
  ownedGate ??= gateFor(CATALOG.filter(mustRelease));
  let gate = extra.length === 0 ? ownedGate : gateWith.get(extra);
  if (gate === undefined) gateWith.set(extra, (gate = [...extra, ...ownedGate]));
  return fileMayAcquire(sourceCode, gate);
}

/**
 * Whether the class's text can hold what a class that owns no field is reported for: a
 * listener it adds (`x.on(…)`, `x['once'](…)`, `addEventListener(…)`) or an interval
 * (`setInterval`). A cheap test before the class is walked; the words in prose only cost a walk.
 */
const REGISTERS =
  /[.[]\s*['"`]?(?:on|once|addListener|prependListener|prependOnceListener|addEventListener)\b|\b(?:on|once|addListener|prependListener|prependOnceListener|addEventListener)\s*\(|\bsetInterval\b/;

export function classMayRegister(text: string, node: TSESTree.Node): boolean {
  return REGISTERS.test(text.slice(node.range[0], node.range[1]));
}

/** A field that holds what the class acquired. */
export interface OwnedField {
  field: FieldRecord;
  acquired: Acquired;
  /** Where the class put it there: an assignment, or a store into a collection field. */
  at: FieldAssignment | FieldElement;
  /** The field is a collection of such resources. */
  elements: boolean;
}

type Listener = ClassOwner['listeners'][number];

export type Finding =
  | { kind: 'noRelease'; owned: OwnedField[] }
  | { kind: 'notReleased'; owned: OwnedField; methods: ReleaseMethod[] }
  | { kind: 'reassigned'; owned: OwnedField; assignment: FieldAssignment }
  | { kind: 'notIdempotent'; method: ReleaseMethod; release: FieldRelease; entry: ResourceEntry }
  | { kind: 'notGuarded'; method: ReleaseMethod; owned: OwnedField }
  | { kind: 'listenerKept'; listener: Listener; methods: ReleaseMethod[] }
  | { kind: 'intervalDropped'; timer: TSESTree.CallExpression; methods: ReleaseMethod[] };

export interface FindOptions {
  names: readonly string[];
  checkAllReassignments: boolean;
  requireIdempotent: boolean;
  checkInjectedEmitters: boolean;
}

const owns = (holds: FieldAssignment['holds']): holds is FieldAssignment['holds'] & Acquired =>
  holds.kind === 'acquisition' && mustRelease(holds.entry);

/** Fields that hold an acquisition of the class's own, and nothing it was given. */
export function ownedFields(owner: ClassOwner): OwnedField[] {
  const out: OwnedField[] = [];
  // A base class from elsewhere may declare the field and release it (`super.disconnect()`).
  const declaredOnly = owner.base === 'other' || owner.base === 'local';
  for (const field of owner.fields.values()) {
    if (declaredOnly && field.declaration === null) continue;
    const holdings = field.assignments.map((a) => a.holds);
    if (holdings.some((h) => isReceived(h) || h.kind === 'mixed')) continue;
    const direct = field.assignments.find((a) => owns(a.holds));
    const acquiring = field.assignments.filter((a) => owns(a.holds));
    if (acquiring.length > 0 && acquiring.every((a) => callScoped(field, a))) continue;
    if (direct !== undefined && owns(direct.holds)) {
      out.push({ field, acquired: direct.holds, at: direct, elements: false });
      continue;
    }
    if (!holdings.some((h) => h.kind === 'collection')) continue;
    const element = field.elements.find((e) => owns(e.holds));
    if (element !== undefined && owns(element.holds))
      out.push({ field, acquired: element.holds, at: element, elements: true });
  }
  return out;
}

/** The statement of `node` in the nearest block (or `null`). */
function blockStatementOf(node: TSESTree.Node): TSESTree.Node | null {
  for (let n: TSESTree.Node = node; n.parent !== undefined; n = n.parent)
    if (n.parent.type === 'BlockStatement' || n.parent.type === 'StaticBlock') return n;
  return null;
}

const contains = (outer: TSESTree.Node, inner: TSESTree.Node): boolean =>
  outer.range[0] <= inner.range[0] && inner.range[1] <= outer.range[1];

/**
 * The member lets go of what it put in the field before it returns, so the instance never owns
 * it past the call: it releases it unconditionally after the assignment
 * (`this.child = spawn(…); this.child.unref()`: a daemon meant to outlive the process), or
 * empties the field in the `finally` of a `try` around the assignment
 * (`try { this.worker = fork(…); await exit } finally { this.worker = undefined }`: one call's
 * child, kept on `this` only so that another method can signal it).
 */
function callScoped(field: FieldRecord, assignment: FieldAssignment): boolean {
  const member = assignment.member;
  if (member === null || assignment.where !== 'method') return false;
  const releasedAfter = field.releases.some((release) => {
    if (release.member !== member || release.inClosure || assignment.inClosure) return false;
    if (release.node.range[0] < assignment.node.range[1]) return false;
    const statement = blockStatementOf(release.node);
    return statement?.parent !== undefined && contains(statement.parent, assignment.node);
  });
  if (releasedAfter) return true;
  return field.assignments.some((cleared) => {
    if (cleared.holds.kind !== 'cleared' || cleared.member !== member || cleared.inClosure)
      return false;
    for (let n: TSESTree.Node | undefined = cleared.node; n !== undefined; n = n.parent) {
      const parent: TSESTree.Node | undefined = n.parent;
      if (parent?.type === 'TryStatement' && parent.finalizer === n)
        return contains(parent.block, assignment.node);
      if (n === member.fn) break;
    }
    return false;
  });
}

/** Released by one of `within`, by a callback (a lifecycle listener, a stack's `defer`), or by a released stack. */
function isReleased(
  owner: ClassOwner,
  field: FieldRecord,
  within: ReadonlySet<MemberRecord>,
  depth = 0,
): boolean {
  return field.releases.some((release) => {
    if (release.how === 'stack') {
      const stack = owner.fields.get(release.verb);
      return stack !== undefined && depth < 3 && isReleased(owner, stack, within, depth + 1);
    }
    return release.inClosure || (release.member !== null && within.has(release.member));
  });
}

/** A member (not the constructor) that releases an owned field without putting a new value in it: a release method by another name. */
function releasesByAnotherName(owned: readonly OwnedField[]): MemberRecord[] {
  const members = new Set<MemberRecord>();
  for (const { field } of owned) {
    for (const release of field.releases) {
      const member = release.member;
      if (member === null || member.kind === 'constructor' || release.inClosure) continue;
      // `off() { clearInterval(this.#timer); this.#timer = null }` releases; `start()` replaces.
      if (field.assignments.some((a) => a.member === member && a.holds.kind !== 'cleared'))
        continue;
      members.add(member);
    }
  }
  return [...members];
}

export function findings(owner: ClassOwner, options: FindOptions): Finding[] {
  const owned = ownedFields(owner);
  const methods = owner.releaseMethods(options.names);
  const roots = [...methods.map((m) => m.member), ...releasesByAnotherName(owned)];
  const within = new Set(roots.flatMap((member) => owner.reach(member)));
  const out: Finding[] = [];
  const unreleased = owned.filter((o) => !isReleased(owner, o.field, within));
  if (roots.length === 0) {
    if (unreleased.length > 0 && (owner.base === 'none' || owner.base === 'plain'))
      out.push({ kind: 'noRelease', owned: unreleased });
  } else {
    for (const o of unreleased) out.push({ kind: 'notReleased', owned: o, methods });
  }
  out.push(...reassignments(owner, owned, options));
  if (methods.length === 0) return out;
  out.push(...idempotency(owner, owned, methods, options));
  for (const listener of owner.listeners)
    if (keepsListener(owner, listener, within, options.checkInjectedEmitters))
      out.push({ kind: 'listenerKept', listener, methods });
  for (const timer of owner.unkeptTimers)
    if (timer.member === null || timer.member.kind === 'constructor')
      out.push({ kind: 'intervalDropped', timer: timer.node, methods });
  return out;
}

/** A method assignment that drops the resource the field already holds. */
function reassignments(
  owner: ClassOwner,
  owned: readonly OwnedField[],
  options: FindOptions,
): Finding[] {
  const out: Finding[] = [];
  for (const o of owned) {
    if (o.elements) continue;
    const assignments = o.field.assignments;
    const established = assignments.some(
      (a) => owns(a.holds) && (a.where === 'initializer' || a.where === 'constructor'),
    );
    if (!established && !options.checkAllReassignments) continue;
    for (const assignment of assignments) {
      if (assignment.where !== 'method' || assignment.inClosure || assignment.lazy) continue;
      if (!owns(assignment.holds) || assignment.releasedBefore || assignment.stack !== null)
        continue;
      if (assignment.member !== null && calledOnEndOf(owner, o.field.key, assignment.member))
        continue;
      out.push({ kind: 'reassigned', owned: o, assignment });
    }
  }
  return out;
}

const END_EVENTS = new Set(['close', 'end', 'exit', 'error', 'disconnect', 'finish']);

/** `this.socket.on('close', () => this.reconnect())`: the old value is gone when `member` runs. */
function calledOnEndOf(owner: ClassOwner, key: string, member: MemberRecord): boolean {
  return owner.listeners.some((listener) => {
    if (listener.target.kind !== 'field' || listener.target.key !== key) return false;
    if (listener.event !== null && !END_EVENTS.has(listener.event)) return false;
    const handler = listener.handler;
    if (handler.kind === 'field') return handler.key === member.key;
    const fn = listener.node.arguments[1];
    return handler.kind === 'inline' && fn !== undefined && callsThisMember(fn, member.key);
  });
}

function callsThisMember(node: TSESTree.Node, key: string | null): boolean {
  if (
    node.type === 'CallExpression' &&
    node.callee.type === 'MemberExpression' &&
    node.callee.object.type === 'ThisExpression' &&
    ((node.callee.property.type === 'Identifier' && node.callee.property.name === key) ||
      (node.callee.property.type === 'PrivateIdentifier' &&
        `#${node.callee.property.name}` === key))
  )
    return true;
  return childrenOf(node).some((child) => callsThisMember(child, key));
}

/**
 * Release methods that run a release twice where a second run fails: by contract
 * (`releaseOnce`, a pg pool's `end()`), or, with `requireIdempotent`, any release of an owned
 * field that no flag or emptied field guards (reported once, at the release method it is in).
 */
function idempotency(
  owner: ClassOwner,
  owned: readonly OwnedField[],
  methods: readonly ReleaseMethod[],
  options: FindOptions,
): Finding[] {
  const out: Finding[] = [];
  const seen = new Set<TSESTree.Node | MemberRecord>();
  const byMember = new Map(methods.map((m) => [m.member, m]));
  for (const method of methods) {
    // A framework teardown hook runs once, by the framework.
    if (method.guarded || FRAMEWORK_RELEASE_HOOKS.includes(method.name)) continue;
    const reached = new Set(method.reaches);
    for (const o of owned) {
      for (const release of o.field.releases) {
        const member = release.member;
        if (member === null || !reached.has(member) || release.inClosure || release.idempotent)
          continue;
        if (release.how !== 'method' || owner.isGuarded(member) || seen.has(release.node)) continue;
        seen.add(release.node);
        const entry = o.acquired.entry;
        if (entry.releaseOnce?.methods.includes(release.verb) === true) {
          out.push({ kind: 'notIdempotent', method, release, entry });
          continue;
        }
        const at = byMember.get(member) ?? method;
        if (!options.requireIdempotent || seen.has(at.member)) continue;
        seen.add(at.member);
        out.push({ kind: 'notGuarded', method: at, owned: o });
      }
    }
  }
  return out;
}

/**
 * A listener added once per instance (constructor or field initializer) to an emitter that
 * outlives the instance (`process`, a module-scope emitter; with `injected`, one it was given),
 * that no release removes. Listeners on the class's own resources end with them.
 */
function keepsListener(
  owner: ClassOwner,
  listener: Listener,
  within: ReadonlySet<MemberRecord>,
  injected: boolean,
): boolean {
  if (listener.inClosure || (listener.member !== null && listener.member.kind !== 'constructor'))
    return false;
  const target = listener.target;
  if (target.kind === 'field') {
    const field = owner.fields.get(target.key);
    const holdings = field?.assignments ?? [];
    if (!injected || !holdings.some((a) => isReceived(a.holds))) return false;
    // A socket or worker the class was given and ends itself (`destroy() { this.socket.destroy() }`):
    // its listeners end with it.
    if (field !== undefined && isReleased(owner, field, within)) return false;
  } else if (target.kind === 'parameter') {
    if (!injected) return false;
  } else if (target.kind !== 'global' && target.kind !== 'module') return false;
  return !owner.removedIn(listener, [...within]);
}
