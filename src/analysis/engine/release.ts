/**
 * The release vocabulary of a catalog entry, as the ownership engine asks for it: does this
 * use of a tracked value release the resource?
 */
import type { TSESTree } from '@typescript-eslint/utils';

import type { ResourceEntry } from '../../catalog/types.js';
import { DISPOSE_SYMBOLS, ITERATION_CLOSES_KINDS } from '../../catalog/vocabulary.js';
import { outermostWrapper, type SourceCodeLike } from '../../utils/ast/index.js';
import { findReleaseCall } from '../resolve/match.js';
import type { TrackSpec } from './ownership.js';

/** `x[Symbol.dispose]` / `x[Symbol.asyncDispose]`. */
function isDisposeMember(member: TSESTree.MemberExpression): boolean {
  const key = member.property;
  return (
    member.computed &&
    key.type === 'MemberExpression' &&
    key.object.type === 'Identifier' &&
    key.object.name === 'Symbol' &&
    key.property.type === 'Identifier' &&
    DISPOSE_SYMBOLS.has(key.property.name)
  );
}

function memberName(member: TSESTree.MemberExpression): string | undefined {
  return !member.computed && member.property.type === 'Identifier'
    ? member.property.name
    : undefined;
}

/** `ref.m(…)` with `m` among `methods` (or a dispose symbol); `on` is a property hop first. */
export function callsMethodOn(
  ref: TSESTree.Node,
  methods: readonly string[],
  on: string | undefined,
): boolean {
  let target: TSESTree.Node = ref;
  if (on !== undefined) {
    const hop = target.parent;
    if (hop?.type !== 'MemberExpression' || hop.object !== target || memberName(hop) !== on)
      return false;
    target = hop;
  }
  const member = target.parent;
  if (member?.type !== 'MemberExpression' || member.object !== target) return false;
  const call = member.parent;
  if (call?.type !== 'CallExpression' || call.callee !== member) return false;
  const name = memberName(member);
  return (name !== undefined && methods.includes(name)) || isDisposeMember(member);
}

/** A `for await` over the resource consumes and closes it (streams, `fs.Dir`). */
function isForAwaitOver(ref: TSESTree.Node): boolean {
  const parent = ref.parent;
  return parent?.type === 'ForOfStatement' && parent.await && parent.right === ref;
}

/** The string an event argument names (`'close'`), or `null`. */
function eventName(node: TSESTree.Node | undefined): string | null {
  return node?.type === 'Literal' && typeof node.value === 'string' ? node.value : null;
}

/** `once(ref, 'close')` (`events.once`, awaited or not) with an event among `events`. */
function waitsForEvent(ref: TSESTree.Node, events: readonly string[]): boolean {
  const call = ref.parent;
  if (call?.type !== 'CallExpression' || call.arguments[0] !== ref) return false;
  const callee = call.callee;
  const name =
    callee.type === 'Identifier'
      ? callee.name
      : callee.type === 'MemberExpression'
        ? memberName(callee)
        : undefined;
  const event = eventName(call.arguments[1]);
  return name === 'once' && event !== null && events.includes(event);
}

/**
 * `ref.on(event, …)` (any method that adds a listener, chained or not) with an event among
 * `events`: the resource's event flow goes on after the function.
 */
export function listensFor(
  ref: TSESTree.Node,
  events: readonly string[],
  methods: readonly string[],
): boolean {
  for (let target: TSESTree.Node = ref; ;) {
    const member = target.parent;
    if (member?.type !== 'MemberExpression' || member.object !== target) return false;
    const call = member.parent;
    if (call?.type !== 'CallExpression' || call.callee !== member) return false;
    const name = memberName(member);
    if (name === undefined || !methods.includes(name)) return false;
    const event = eventName(call.arguments[0]);
    if (event !== null && events.includes(event)) return true;
    // `s.on('error', h).on('data', …)`: listener methods return their receiver.
    target = call;
  }
}

/** `ref.connect(port, () => …)`: a method among `methods` given a function (a listener). */
export function callsWithListener(ref: TSESTree.Node, methods: readonly string[]): boolean {
  if (!callsMethodOn(ref, methods, undefined)) return false;
  const call = ref.parent!.parent as TSESTree.CallExpression;
  return call.arguments.some(
    (arg) => arg.type === 'ArrowFunctionExpression' || arg.type === 'FunctionExpression',
  );
}

export interface SpecOptions {
  unknownCalleeTakesOwnership: boolean;
  exceptionPaths: boolean;
}

/**
 * Whether a use releases a resource of `entry`: a release method (on the value, or on its
 * `releaseOn` property), a dispose symbol, a release function (`closeSync(fd)`), or a
 * `for await` that consumes it. For the `part` (a destructured `releaseOn` binding) the
 * methods are called on the binding itself. Waiting for one of its `closeEvents`
 * (`await once(rl, 'close')`) releases it too.
 */
export function releasesEntry(
  sourceCode: SourceCodeLike,
  entry: ResourceEntry,
  form: 'value' | 'part' = 'value',
): (ref: TSESTree.Node) => boolean {
  const on = form === 'part' ? undefined : entry.releaseOn;
  return (ref) => {
    if (callsMethodOn(ref, entry.releaseMethods, on)) return true;
    if (ITERATION_CLOSES_KINDS.has(entry.kind) && isForAwaitOver(ref)) return true;
    if (entry.closeEvents && waitsForEvent(ref, entry.closeEvents)) return true;
    // `closeSync(fd as number)`, `clearInterval(timer!)`: the value past its type wrappers.
    const arg = outermostWrapper(ref);
    const call = arg.parent;
    if (call?.type === 'CallExpression' && call.callee !== arg) {
      const index = findReleaseCall(sourceCode, call, entry);
      if (index !== null && call.arguments[index] === arg) return true;
    }
    return false;
  };
}

/** The engine's `TrackSpec` for resources of `entry`. */
export function releaseSpec(
  sourceCode: SourceCodeLike,
  entry: ResourceEntry,
  options: SpecOptions,
): TrackSpec {
  return {
    unknownCalleeTakesOwnership: options.unknownCalleeTakesOwnership,
    exceptionPaths: options.exceptionPaths,
    isRelease: releasesEntry(sourceCode, entry),
  };
}
