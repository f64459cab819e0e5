/**
 * Exits a value reaches undischarged, on ESLint's code-path graph: a `return` (or the end of
 * the function), an explicit `throw` that leaves the function, or the next iteration of the
 * loop it was acquired in. The ownership engine walks once per value and gets every such
 * exit, not only the first: each is a path a report can name and a fix can close.
 *
 * Explicit throws are exits only where a rule says so (`throwPaths`): a response whose body
 * is left unread when `if (!res.ok) throw …` leaves. Otherwise throws are the exception
 * check's business (any call may throw).
 *
 * The walk starts from the segments current when the acquisition *finished* (see
 * `segmentsAfter`): inside a `try`, ESLint forks a path to the `catch`/`finally` at the first
 * call that may throw, and a path forked before the acquisition completed holds nothing.
 */
import type { TSESTree } from '@typescript-eslint/utils';

import { contains, enclosingFunction, inRange, type FunctionNode } from '../../utils/ast/index.js';
import { segmentsAround, type PathFacts, type Segment } from './code-paths.js';

/**
 * One way out that leaves a value held. `after` is a `throw` on the way that a `catch` of the
 * function took (`if (!res.ok) throw …` inside a `try`): the fix belongs before that `throw`.
 */
export type LeakExit =
  | { kind: 'return'; node: TSESTree.ReturnStatement; after?: TSESTree.ThrowStatement }
  /** Falls off the end of the function. */
  | { kind: 'end'; node: FunctionNode; after?: TSESTree.ThrowStatement }
  /** An explicit `throw` that leaves the function (only where throws are exits). */
  | { kind: 'throw'; node: TSESTree.ThrowStatement; after?: TSESTree.ThrowStatement }
  /** The next iteration of `node`, the loop the value was acquired in. */
  | { kind: 'loop'; node: TSESTree.Node };

/** Where the walk starts: the acquisition and the segments current when it finished. */
export interface Start {
  node: TSESTree.Node;
  segments: readonly Segment[];
}

/** Which ways out count: returns (and the end), explicit throws, the next loop iteration. */
export interface ExitKinds {
  returns: boolean;
  throws: boolean;
  loops: boolean;
}

/** A `throw` inside a `try` block that has a `catch` (in `owner`) does not leave the function. */
function caught(node: TSESTree.Node, owner: FunctionNode): boolean {
  for (let child = node, n = node.parent; n && n !== owner; child = n, n = n.parent) {
    if (n.type === 'TryStatement' && n.block === child && n.handler !== null) return true;
  }
  return false;
}

const LOOPS = new Set<string>([
  'ForStatement',
  'ForInStatement',
  'ForOfStatement',
  'WhileStatement',
  'DoWhileStatement',
]);

/** The loop around `node` inside `owner` (the one whose next iteration the walk came back from). */
function loopAround(node: TSESTree.Node, owner: FunctionNode): TSESTree.Node {
  for (let n = node.parent; n && n !== owner; n = n.parent) if (LOOPS.has(n.type)) return n;
  return owner;
}

type Last = {
  thrown: TSESTree.ThrowStatement | null;
  caught: TSESTree.ThrowStatement | null;
  returned: TSESTree.ReturnStatement | null;
};

const at = (node: TSESTree.Node | null | undefined): number => node?.range[0] ?? -1;

/** The source window of a segment in which the value is still held. */
export interface Window {
  from: number;
  to: number;
}

/** Where a walk went: every undischarged exit, and the windows in which the value was held. */
export interface Walk {
  /** Every exit reached with no discharge on the way, in source order. */
  exits: LeakExit[];
  /** The exit the engine names first: the loop, else the first return found, else a throw. */
  first: LeakExit | null;
  /**
   * Every segment reached before a discharge, with the source window in it that runs while
   * the value is still held (the ownership engine's exception check reads it), in walk order.
   */
  reach: Iterable<readonly [Segment, Window]>;
}

type Event = { kind: 'start'; segment: Segment } | { kind: 'final'; segment: Segment; last: Last };

/**
 * The walk past the start segments, in the order it went: the segments opened (with their
 * windows; a segment opened again in another state comes again) and what it met on the way
 * — a start segment again (around a loop), or the end of a path with the latest
 * `return`/`throw` on it. `tail`: the walk goes on as another walk's suffix from there.
 */
interface Piece {
  reach: [Segment, Window][];
  events: Event[];
  /** Where each segment first comes in `reach`. */
  at: Map<Segment, number>;
  tail: View | null;
}

/** A piece from given offsets on (and its tail): what a walk met from one point on. */
interface View {
  piece: Piece;
  reach: number;
  events: number;
  /** Pieces chained through tails, this one included. */
  depth: number;
}

function* viewReach(view: View | null): Generator<[Segment, Window]> {
  for (let v = view; v !== null; v = v.piece.tail) {
    const { reach } = v.piece;
    for (let i = v.reach; i < reach.length; i++) yield reach[i];
  }
}

function* viewEvents(view: View | null): Generator<Event> {
  for (let v = view; v !== null; v = v.piece.tail) {
    const { events } = v.piece;
    for (let i = v.events; i < events.length; i++) yield events[i];
  }
}

function viewHas(view: View, segment: Segment): boolean {
  for (let v: View | null = view; v !== null; v = v.piece.tail) {
    const i = v.piece.at.get(segment);
    if (i !== undefined && i >= v.reach) return true;
  }
  return false;
}

/**
 * Work counters, for tests that pin the walk's cost in steps (a segment opened, a node read in
 * it) rather than wall time.
 */
export const walkCounters = { steps: 0 };

/**
 * Discharge-free walks by file, keyed by the segment and the state the path enters it with
 * (`stateOf`): the way on from there of a value with no start and no discharge past that
 * point, taken by one walk and shared by every later one. A child process acquired in each of
 * 200 branches of one function walks from its branch to the next point another walk has
 * passed, not the rest of the function (issue 16).
 */
const freeWalks = new WeakMap<PathFacts, Map<string, View>>();

/** Tails chained deeper than this are not followed (a walk of its own resets the chain). */
const MAX_DEPTH = 16;

const stateOf = (last: Last): string =>
  `${at(last.thrown)}:${at(last.caught)}:${at(last.returned)}`;

/**
 * The latest `return` and `throw` on the path once `segment` has run from `from` to `to`, and
 * whether the path goes on past it (no discharge in it, not `process.exit()`).
 */
function through(
  facts: PathFacts,
  owner: FunctionNode,
  segment: Segment,
  window: Window,
  previous: Last,
): { last: Last; goesOn: boolean } {
  walkCounters.steps += 1;
  const last = { ...previous };
  for (const node of facts.throwsIn(segment)) {
    walkCounters.steps += 1;
    // A discharge inside the `throw` (`throw new Error(await res.text())`) runs before it.
    if (!inRange(node, window.from, window.to)) continue;
    if (enclosingFunction(node) !== owner) continue;
    if (caught(node, owner)) last.caught = node;
    else last.thrown = node;
  }
  const ret = facts.returnIn(segment);
  if (ret !== undefined && inRange(ret, window.from, window.to)) last.returned = ret;
  return { last, goesOn: window.to === Infinity && !facts.isTerminal(segment) };
}

/** A queue item: the segment, the path's state entering it, and the pop that queued it. */
type Item = [Segment, Last, number];

/**
 * Walks on from `queue` (segments past the start) until each path is discharged or ends.
 *
 * Where the walk narrows to one way on (every other item waiting is one it has already taken),
 * the rest of it is the walk from that item alone: a walk made before from the same segment
 * and state is taken over (when it meets none of `avoid`, this value's start and discharge
 * segments), and this walk's own such points are kept for later walks, unless what follows
 * them depends on what came before (a segment skipped as already walked, a start met again,
 * a discharge). Taken over, a walk may come with segments this one would have skipped as
 * walked already; they add nothing new, and come after their first time.
 */
function trace(
  facts: PathFacts,
  owner: FunctionNode,
  initial: [Segment, Last][],
  startSet: ReadonlySet<Segment>,
  avoid: ReadonlySet<Segment>,
  firstDischarge: (segment: Segment, from: number) => number,
): View {
  const piece: Piece = { reach: [], events: [], at: new Map(), tail: null };
  const visited = new Map<Segment, Map<string, number>>();
  let walks = freeWalks.get(facts);
  if (walks === undefined) freeWalks.set(facts, (walks = new Map<string, View>()));
  const queue: Item[] = initial.map(([segment, last]) => [segment, last, -1]);
  // Narrowing points: key, offsets, pop; and the pops from which a point's rest is its own.
  const points: { key: string; reach: number; events: number; pop: number }[] = [];
  // Taints: every point with `pop` in (from, to] depends on what came before it.
  const taints: [number, number][] = [];
  let pop = 0;
  for (let i = 0; i < queue.length; i++) {
    const [segment, previous, parent] = queue[i];
    if (startSet.has(segment)) {
      piece.events.push({ kind: 'start', segment });
      taints.push([-1, parent]);
      continue;
    }
    // Into a `catch` only behind an explicit `throw`: other edges into it are exception paths
    // (something in the `try` threw), which only explicit throws make ours.
    if (facts.isCatchEntry(segment) && previous.caught === null) continue;
    if (!segment.reachable) continue;
    const state = stateOf(previous);
    let states = visited.get(segment);
    if (states === undefined) visited.set(segment, (states = new Map<string, number>()));
    const seen = states.get(state);
    if (seen !== undefined) {
      taints.push([seen, parent]);
      continue;
    }
    const now = pop++;
    states.set(state, now);
    const key = `${segment.id}@${state}`;
    let narrow = queue.length - i <= 9;
    for (let j = i + 1; narrow && j < queue.length; j++) {
      const [other, last] = queue[j];
      const otherState = stateOf(last);
      narrow =
        (other === segment && otherState === state) || visited.get(other)?.has(otherState) === true;
    }
    if (narrow) {
      const known = walks.get(key);
      if (
        known !== undefined &&
        known.depth < MAX_DEPTH &&
        ![...avoid].some((s) => viewHas(known, s))
      ) {
        piece.tail = known;
        break;
      }
      points.push({ key, reach: piece.reach.length, events: piece.events.length, pop: now });
    }
    const window = { from: 0, to: firstDischarge(segment, 0) };
    if (window.to !== Infinity) taints.push([-1, now]);
    if (!piece.at.has(segment)) piece.at.set(segment, piece.reach.length);
    piece.reach.push([segment, window]);
    const { last, goesOn } = through(facts, owner, segment, window, previous);
    if (!goesOn) continue;
    if (segment.nextSegments.length === 0) piece.events.push({ kind: 'final', segment, last });
    else for (const next of segment.nextSegments) queue.push([next, last, now]);
  }
  // Keep the points whose rest depends on nothing before them.
  const cover = new Array<number>(pop + 2).fill(0);
  for (const [from, to] of taints) {
    if (to <= from) continue;
    cover[from + 1] += 1;
    cover[to + 1] -= 1;
  }
  for (let k = 1; k < cover.length; k++) cover[k] += cover[k - 1];
  const depth = piece.tail === null ? 1 : piece.tail.depth + 1;
  for (const point of points) {
    if (cover[point.pop] > 0 || walks.has(point.key)) continue;
    walks.set(point.key, { piece, reach: point.reach, events: point.events, depth });
  }
  return { piece, reach: 0, events: 0, depth };
}

/**
 * Every exit reached from `start` with no node of `discharges` on the way, on ESLint's
 * code-path graph. `'unknown'` when a node is not on the recorded graph. Paths through
 * `process.exit()` end without obligation. A `return` inside `try … finally` leaves through
 * the `finally`; the exit named is that `return`.
 *
 * A segment is walked once per way of reaching it (the latest `return`, uncaught and caught
 * `throw` on the path), so two returns that share a `finally` are two exits.
 *
 * Past its start segments, a value takes over, from where its walk narrows to one way on,
 * any walk made before from there that meets none of its start and discharge segments
 * (`freeWalks`): the cost stays linear in a function with thousands of acquisitions, whether
 * they share one start or each has its own.
 */
export function walkFrom(
  facts: PathFacts,
  owner: FunctionNode,
  start: Start,
  discharges: readonly TSESTree.Node[],
  which: ExitKinds,
): Walk | 'unknown' {
  if (start.segments.length === 0 || !facts.codePathOf(owner)) return 'unknown';
  const bySegment = new Map<Segment, number[]>();
  for (const discharge of discharges) {
    const segments = segmentsAround(discharge, facts, owner);
    if (!segments) return 'unknown';
    for (const segment of segments) {
      const list = bySegment.get(segment);
      if (list) list.push(discharge.range[0]);
      else bySegment.set(segment, [discharge.range[0]]);
    }
  }
  const firstDischarge = (segment: Segment, from: number): number => {
    let first = Infinity;
    for (const position of bySegment.get(segment) ?? []) {
      if (position >= from && position < first) first = position;
    }
    return first;
  };

  const exits = new Map<string, LeakExit>();
  let returned: LeakExit | null = null;
  let thrown: LeakExit | null = null;
  let looped: LeakExit | null = null;
  const add = (exit: LeakExit): LeakExit => {
    const key = `${exit.kind}:${at(exit.node)}:${exit.kind === 'loop' ? -1 : at(exit.after)}`;
    const known = exits.get(key);
    if (known) return known;
    exits.set(key, exit);
    return exit;
  };
  /** A path ends in `segment`: the latest `return` or uncaught `throw` on it says which way. */
  const final = (segment: Segment, last: Last): void => {
    // A `finally` ends in one segment for every way into it.
    const after = last.caught ?? undefined;
    const threw = last.thrown !== null && at(last.thrown) > at(last.returned);
    if (threw && last.thrown !== null) {
      if (which.throws) {
        const exit = add({
          kind: 'throw',
          node: last.thrown,
          ...(after && at(after) < at(last.thrown) ? { after } : {}),
        });
        thrown ??= exit;
      }
    } else if (!threw && facts.returnedFinal(segment) && which.returns) {
      const exit = add(
        last.returned
          ? { kind: 'return', node: last.returned, ...(after ? { after } : {}) }
          : { kind: 'end', node: owner, ...(after ? { after } : {}) },
      );
      returned ??= exit;
    }
  };

  const startSet = new Set(start.segments);
  const startReach = new Map<Segment, Window>();
  const queue: [Segment, Last][] = [];
  for (const segment of start.segments) {
    const window = { from: start.node.range[1], to: firstDischarge(segment, start.node.range[1]) };
    startReach.set(segment, window);
    const initial = { thrown: null, caught: null, returned: null };
    const { last, goesOn } = through(facts, owner, segment, window, initial);
    if (!goesOn) continue;
    if (segment.nextSegments.length > 0) {
      for (const next of segment.nextSegments) queue.push([next, last]);
    } else final(segment, last);
  }

  // Past the start: this value's start and discharge segments are where another value's walk
  // cannot stand in for its own.
  let rest: View | null = null;
  if (queue.length > 0) {
    const avoid = new Set([...startSet, ...bySegment.keys()]);
    rest = trace(facts, owner, queue, startSet, avoid, firstDischarge);
  }
  for (const event of viewEvents(rest)) {
    if (event.kind === 'final') {
      final(event.segment, event.last);
      continue;
    }
    // Around the loop: held from the top of the segment up to the acquisition again.
    if (which.loops && looped === null && firstDischarge(event.segment, 0) >= start.node.range[0])
      looped = add({ kind: 'loop', node: loopAround(start.node, owner) });
  }

  let all = [...exits.values()];
  if (looped !== null) {
    // Past the loop is where the last iteration's leak goes on: the loop exit names it.
    const loop = looped.node;
    all = all.filter((exit) => exit === looped || contains(loop, exit.node));
  }
  all.sort((a, b) => at(a.node) - at(b.node));
  const reach: Iterable<readonly [Segment, Window]> = {
    *[Symbol.iterator]() {
      yield* startReach;
      // A walk taken over may bring a segment again: its first time is the one that counts.
      const seen = new Set<Segment>();
      for (const entry of viewReach(rest)) {
        if (seen.has(entry[0])) continue;
        seen.add(entry[0]);
        yield entry;
      }
    },
  };
  return { exits: all, first: looped ?? returned ?? thrown, reach };
}
