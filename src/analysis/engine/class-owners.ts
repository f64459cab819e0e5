/**
 * The class as owner (issue 9, item 2): per class, the fields and what each assignment puts in
 * them (acquired, received, both, nothing), the listeners and registry entries the class adds
 * elsewhere, its release methods and what each of them releases, directly or through helpers.
 * Pure data, computed once per class and file on first use; `dispose-owned-fields`,
 * `no-dispose-injected`, `no-managed-finalizer` and `require-test-cleanup` read it.
 *
 * A field assignment is where ownership moves to the class (ENGINE.md, "Fields"): what the
 * class made is its to release; what it was given (a parameter, an injected or looked-up value)
 * belongs to whoever made it. By concern: `class-members` (members, the walk, field reads),
 * `class-holdings` (what a value holds), `class-fields` (fields and assignments),
 * `class-releases` (where fields are released, idempotency), `class-listeners` (listeners,
 * finalization registries, dropped intervals).
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import {
  CLASS_RELEASE_METHODS,
  FRAMEWORK_RELEASE_HOOKS,
  PLAIN_BASES,
} from '../../catalog/classes.js';
import type { ResourceEntry } from '../../catalog/types.js';
import { needsRelease, refMatches } from '../resolve/match.js';
import { resolveReference } from '../resolve/imports.js';
import { findVariable, skipWrappers } from '../../utils/ast/index.js';
import {
  buildFields,
  fieldOfParameter,
  markReleasedBefore,
  type FieldRecord,
} from './class-fields.js';
import type { Acquisition } from './class-holdings.js';
import {
  isDroppedInterval,
  registerAt,
  registrationAt,
  registryDeclaration,
  removalAt,
  removes,
  unregisterAt,
  type ListenerRegistration,
  type ListenerRemoval,
  type RegistryCall,
} from './class-listeners.js';
import {
  classNameOf,
  collectFacts,
  decoratorNames,
  membersOf,
  thisMemberKey,
  type ClassFacts,
  type ClassNode,
  type ClassSource,
  type MemberRecord,
} from './class-members.js';
import { memberIsGuarded, recordReleases, vocabularyOf } from './class-releases.js';
import { perFile } from '../../utils/per-file.js';
import { typedDisposal } from '../types/typed-disposal.js';

export type { ClassNode, ClassSource, MemberRecord } from './class-members.js';
export type { Acquired, Acquisition, Holding, Received } from './class-holdings.js';
export { isReceived } from './class-holdings.js';
export type { FieldAssignment, FieldElement, FieldRecord } from './class-fields.js';
export type { FieldRelease } from './class-releases.js';
export type {
  HandlerRef,
  ListenerRegistration,
  ListenerRemoval,
  ListenerTarget,
  RegistryCall,
} from './class-listeners.js';

/** A method that releases the instance, and the members it runs (itself and its helpers). */
export interface ReleaseMethod {
  member: MemberRecord;
  name: string;
  /** Itself and every method it calls on `this`, transitively. */
  reaches: readonly MemberRecord[];
  /** Returns early on a flag the class sets, or memoises its work: a second call is harmless. */
  guarded: boolean;
}

/** `registry.register(this, …)` on a `FinalizationRegistry` of this file. */
export interface RegistryUse extends RegistryCall {
  member: MemberRecord | null;
  declaration: TSESTree.NewExpression;
}

export interface ClassOwner {
  node: ClassNode;
  name: string | null;
  decorators: readonly string[];
  /** `plain`: extends nothing, or a base with no release of its own (`EventEmitter`). */
  base: 'none' | 'plain' | 'local' | 'other';
  members: readonly MemberRecord[];
  fields: ReadonlyMap<string, FieldRecord>;
  listeners: readonly (ListenerRegistration & {
    member: MemberRecord | null;
    inClosure: boolean;
  })[];
  removals: readonly (ListenerRemoval & { member: MemberRecord | null; inClosure: boolean })[];
  registrations: readonly RegistryUse[];
  unregisters: readonly (RegistryCall & { member: MemberRecord | null })[];
  /** `setInterval(…)` whose handle is dropped, so nothing can clear it. */
  unkeptTimers: readonly { node: TSESTree.CallExpression; member: MemberRecord | null }[];
  /** The release methods among `names` (and the dispose symbols), with their helpers. */
  releaseMethods(names?: readonly string[]): ReleaseMethod[];
  /** The members `member` runs: itself and the `this.m()` helpers it calls, transitively. */
  reach(member: MemberRecord): readonly MemberRecord[];
  /** `member` returns early on a flag the class sets, or memoises its work. */
  isGuarded(member: MemberRecord): boolean;
  /** Whether one of `members` removes `listener` (same emitter and function, or all, or its signal aborted). */
  removedIn(
    listener: ListenerRegistration & { member: MemberRecord | null },
    members: readonly MemberRecord[],
  ): boolean;
}

/** The default release method names: the catalog's and the frameworks' teardown hooks. */
export const DEFAULT_RELEASE_NAMES: readonly string[] = [
  ...CLASS_RELEASE_METHODS,
  ...FRAMEWORK_RELEASE_HOOKS,
];

/**
 * An owner must release it: it needs a release, does not end by itself (a one-shot timeout, a
 * consumed read stream), and is not a response body or a callback's value.
 */
export const mustRelease = (entry: ResourceEntry): boolean =>
  needsRelease(entry) &&
  entry.selfReleasing !== true &&
  entry.kind !== 'response-body' &&
  entry.callbackResult === undefined;

const withExtra = new WeakMap<readonly string[], readonly string[]>();

/** The default release method names and a rule's `releaseMethods` option (one array per option). */
export function releaseNames(extra: readonly string[] | undefined): readonly string[] {
  if (extra === undefined || extra.length === 0) return DEFAULT_RELEASE_NAMES;
  let names = withExtra.get(extra);
  if (names === undefined) withExtra.set(extra, (names = [...DEFAULT_RELEASE_NAMES, ...extra]));
  return names;
}

/**
 * The options every rule passes for `context`: its user resources, and the type query when the
 * file has type information (so rules in one file share one record per class).
 */
export function ownerOptions(
  context: Readonly<TSESLint.RuleContext<string, readonly unknown[]>>,
  extra?: readonly ResourceEntry[],
): ClassOwnerOptions {
  const typed = typedDisposal(context);
  return {
    ...(extra === undefined ? {} : { extra }),
    entryByType: typed === null ? null : (node) => typed.fieldEntryFor(node),
  };
}

export interface ClassOwnerOptions {
  /** User resources (rule options). */
  extra?: readonly ResourceEntry[];
  /** With type information: the entry of a disposable-typed call or `new`. */
  entryByType?: ((node: Acquisition) => ResourceEntry | null) | null;
}

const NO_EXTRA: readonly ResourceEntry[] = [];
/** Classes whose record is being built: `new B()` in `A` and `new A()` in `B` must not loop. */
const building = new Set<ClassNode>();

/** Some field holds a resource the class acquired. */
function ownsAny(owner: ClassOwner): boolean {
  return [...owner.fields.values()].some((field) =>
    [...field.assignments, ...field.elements].some(
      ({ holds }) => holds.kind === 'acquisition' && mustRelease(holds.entry),
    ),
  );
}
const MEMO = {};

/** The owner record of `node`, computed on first use and shared by every rule in the file. */
export function classOwner(
  source: ClassSource,
  node: ClassNode,
  options: ClassOwnerOptions = {},
): ClassOwner {
  const extra = options.extra !== undefined && options.extra.length > 0 ? options.extra : NO_EXTRA;
  const typed = options.entryByType ?? null;
  const memo = perFile(
    source,
    MEMO,
    () => new Map<string, Map<object, Map<ClassNode, ClassOwner>>>(),
  );
  const mode = typed === null ? 'untyped' : 'typed';
  let byExtra = memo.get(mode);
  if (byExtra === undefined)
    memo.set(mode, (byExtra = new Map<object, Map<ClassNode, ClassOwner>>()));
  let byClass = byExtra.get(extra);
  if (byClass === undefined) byExtra.set(extra, (byClass = new Map<ClassNode, ClassOwner>()));
  let owner = byClass.get(node);
  if (owner === undefined) {
    building.add(node);
    try {
      owner = buildOwner(source, node, extra, typed);
    } finally {
      building.delete(node);
    }
    byClass.set(node, owner);
  }
  return owner;
}

function buildOwner(
  source: ClassSource,
  node: ClassNode,
  extra: readonly ResourceEntry[],
  typed: ((node: Acquisition) => ResourceEntry | null) | null,
): ClassOwner {
  const text = (n: TSESTree.Node): string => source.text.slice(n.range[0], n.range[1]);
  const members = membersOf(node);
  const facts = collectFacts(node, members);
  const ownsResources = (declaration: ClassNode): boolean =>
    !building.has(declaration) &&
    ownsAny(classOwner(source, declaration, { extra, entryByType: typed }));
  const { fields, fieldOf, entriesOf } = buildFields(source, node, facts, {
    extra,
    entryByType: typed,
    ownsResources,
  });
  recordReleases(source, facts, fields, vocabularyOf(entriesOf), fieldOf);
  for (const field of fields.values()) markReleasedBefore(field);

  const asField = fieldOfParameter(fields);
  const listeners = facts.calls.flatMap(({ node: call, member, inClosure }) => {
    const found = registrationAt(source, call, text);
    return found === null ? [] : [{ ...found, target: asField(found.target), member, inClosure }];
  });
  const removals = facts.calls.flatMap(({ node: call, member, inClosure }) => {
    const found = removalAt(source, call, text);
    return found === null ? [] : [{ ...found, target: asField(found.target), member, inClosure }];
  });
  const registrations = facts.calls.flatMap(({ node: call, member }) => {
    const found = registerAt(call, text);
    const declaration =
      found === null ? null : registryDeclaration(source, node, found.receiver, fields);
    return found === null || declaration === null ? [] : [{ ...found, member, declaration }];
  });
  const unregisters = facts.calls.flatMap(({ node: call, member }) => {
    const found = unregisterAt(call, text);
    return found === null ? [] : [{ ...found, member }];
  });
  const unkeptTimers = facts.calls.flatMap(({ node: call, member }) =>
    isDroppedInterval(source, call, extra) ? [{ node: call, member }] : [],
  );

  const reachMemo = new Map<MemberRecord, readonly MemberRecord[]>();
  const reach = (member: MemberRecord): readonly MemberRecord[] => {
    let known = reachMemo.get(member);
    if (known === undefined) reachMemo.set(member, (known = reachFrom(member, members, facts)));
    return known;
  };
  const classAssigns = new Set(facts.assignments.map((a) => a.key));
  markReleasedByHelpers(fields, members, facts, reach);

  return {
    node,
    name: classNameOf(node),
    decorators: decoratorNames(node),
    base: baseOf(source, node),
    members,
    fields,
    listeners,
    removals,
    registrations,
    unregisters,
    unkeptTimers,
    reach,
    isGuarded: (member) => memberIsGuarded(source, member, classAssigns),
    releaseMethods(names = DEFAULT_RELEASE_NAMES) {
      return members
        .filter((member) => isReleaseMember(member, names))
        .map((member) => ({
          member,
          name: member.key ?? '',
          reaches: reach(member),
          guarded: memberIsGuarded(source, member, classAssigns),
        }));
    },
    removedIn(listener, within) {
      const set = new Set(within);
      const inside = (member: MemberRecord | null): boolean => member !== null && set.has(member);
      if (removals.some((removal) => inside(removal.member) && removes(removal, listener)))
        return true;
      // `{ signal: this.#ac.signal }` and `this.#ac.abort()` in the release.
      if (listener.signal === null) return false;
      return (fields.get(listener.signal)?.releases ?? []).some((r) => inside(r.member));
    },
  };
}

/** `reconnect() { this.disconnect(); this.socket = … }`: released by a helper called first. */
function markReleasedByHelpers(
  fields: ReadonlyMap<string, FieldRecord>,
  members: readonly MemberRecord[],
  facts: ClassFacts,
  reach: (member: MemberRecord) => readonly MemberRecord[],
): void {
  const byKey = new Map(members.filter((m) => m.key !== null).map((m) => [m.key, m]));
  for (const field of fields.values()) {
    for (const assignment of field.assignments) {
      if (assignment.member === null || assignment.releasedBefore) continue;
      const helpers = facts.calls.flatMap(({ node: call, member, inClosure }) => {
        if (member !== assignment.member || inClosure) return [];
        if (call.range[1] > assignment.node.range[0]) return [];
        const helper = byKey.get(thisMemberKey(call.callee) ?? '');
        return helper === undefined ? [] : reach(helper);
      });
      const reached = new Set(helpers);
      assignment.releasedBefore = field.releases.some(
        (release) => release.member !== null && reached.has(release.member),
      );
    }
  }
}

/** Itself and the `this.m()` (or `this.#m()`) helpers it calls, transitively. */
function reachFrom(
  start: MemberRecord,
  members: readonly MemberRecord[],
  facts: ClassFacts,
): MemberRecord[] {
  const byKey = new Map(members.filter((m) => m.key !== null).map((m) => [m.key, m]));
  const seen = new Set<MemberRecord>([start]);
  const queue = [start];
  for (let member = queue.shift(); member !== undefined; member = queue.shift()) {
    for (const { node: call, member: caller } of facts.calls) {
      if (caller !== member) continue;
      const key = thisMemberKey(call.callee);
      const helper = key === null ? undefined : byKey.get(key);
      if (helper !== undefined && !seen.has(helper)) {
        seen.add(helper);
        queue.push(helper);
      }
    }
  }
  return [...seen];
}

/** Whether the class has a release method among `names` (or a dispose symbol): no walk. */
export function hasReleaseMethod(node: ClassNode, names: readonly string[]): boolean {
  return membersOf(node).some((member) => isReleaseMember(member, names));
}

function isReleaseMember(member: MemberRecord, names: readonly string[]): boolean {
  if (member.kind !== 'method' && member.kind !== 'field') return false;
  const key = member.key;
  if (key === null) return false;
  return key === '[Symbol.dispose]' || key === '[Symbol.asyncDispose]' || names.includes(key);
}

function baseOf(source: ClassSource, node: ClassNode): ClassOwner['base'] {
  const base = node.superClass;
  if (base === null || base === undefined) return 'none';
  const id = skipWrappers(base);
  if (id.type === 'Identifier') {
    const def = findVariable(source, id)?.defs[0];
    if (def?.type === 'ClassName') return 'local';
  }
  const resolved = resolveReference(source, base);
  if (resolved !== null && PLAIN_BASES.some((plain) => refMatches(resolved, plain))) return 'plain';
  return 'other';
}
