/**
 * Exits a value reaches undischarged, on ESLint's code-path graph: a `return` (or the end of
 * the function), an explicit `throw` that leaves the function, or the next iteration of the
 * loop it was acquired in.
 *
 * The ownership engine answers the same question for normal exits, and leaves throws to its
 * exception check (any call may throw). Some resources need explicit throws treated as exits
 * of their own: a response whose body is left unread when `if (!res.ok) throw …` leaves. And
 * the engine follows one binding, while `const { body } = await request(url)` binds the
 * resource through a pattern. This walk serves both, given the nodes that discharge the value.
 *
 * The walk starts from the segments current when the acquisition *finished* (see
 * `trackSegments`): inside a `try`, ESLint forks a path to the `catch`/`finally` at the first
 * call that may throw, and a path forked before the acquisition completed holds nothing.
 */
import type { TSESTree } from '@typescript-eslint/utils';

import { enclosingFunction, type FunctionNode } from '../../utils/ast.js';
import { segmentsAround, type PathFacts, type Segment } from './code-paths.js';

export type Exit =
  | {
      kind: 'return';
      node: TSESTree.ReturnStatement | FunctionNode;
      /** A `throw` on the way that a `catch` of the function took (`if (!res.ok) throw …`). */
      after?: TSESTree.ThrowStatement;
    }
  | {
      kind: 'throw';
      node: TSESTree.ThrowStatement;
      /** A `throw` on the way that a `catch` of the function took, then rethrew. */
      after?: TSESTree.ThrowStatement;
    }
  | { kind: 'loop' };

/** Where the walk starts: the acquisition and the segments current when it finished. */
export interface Start {
  node: TSESTree.Node;
  segments: readonly Segment[];
}

/** A `throw` inside a `try` block that has a `catch` (in `owner`) does not leave the function. */
function caught(node: TSESTree.Node, owner: FunctionNode): boolean {
  for (let child = node, n = node.parent; n && n !== owner; child = n, n = n.parent) {
    if (n.type === 'TryStatement' && n.block === child && n.handler !== null) return true;
  }
  return false;
}

type Last = {
  thrown: TSESTree.ThrowStatement | null;
  caught: TSESTree.ThrowStatement | null;
  returned: TSESTree.ReturnStatement | null;
};

/**
 * The first exit (loop first, then return, then throw) reached from `start` with no node of
 * `discharges` on the way. `which.returns: 'after-throw'` counts only returns reached through
 * a `throw` that a `catch` of the function took. `'unknown'` when a node is not on the recorded graph. Paths
 * through `process.exit()` end without obligation. A `return` inside `try … finally` leaves
 * through the `finally`; the exit named is that `return`.
 */
export function undischargedExit(
  facts: PathFacts,
  owner: FunctionNode,
  start: Start,
  discharges: readonly TSESTree.Node[],
  which: { returns: boolean | 'after-throw'; throws: boolean; loops: boolean },
): Exit | null | 'unknown' {
  const walk = walkFrom(facts, owner, start, discharges, which);
  return walk === 'unknown' ? walk : walk.exit;
}

/** Where a walk went: its first undischarged exit, and the windows in which the value was held. */
export interface Walk {
  exit: Exit | null;
  /**
   * Every segment reached before a discharge, with the source window in it that runs while
   * the value is still held (the ownership engine's exception check reads it).
   */
  reach: Map<Segment, { from: number; to: number }>;
}

/** The walk behind `undischargedExit`, with the segments it reached. */
export function walkFrom(
  facts: PathFacts,
  owner: FunctionNode,
  start: Start,
  discharges: readonly TSESTree.Node[],
  which: { returns: boolean | 'after-throw'; throws: boolean; loops: boolean },
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

  let returned: Exit | null = null;
  let thrown: Exit | null = null;
  const startSet = new Set(start.segments);
  const visited = new Set<Segment>(start.segments);
  const queue: [Segment, Last][] = [];
  const reach = new Map<Segment, { from: number; to: number }>();
  const open = (segment: Segment, from: number, previous: Last): void => {
    const to = firstDischarge(segment, from);
    reach.set(segment, { from, to });
    const last = { ...previous };
    for (const node of facts.riskyIn(segment)) {
      // A discharge inside the `throw` (`throw new Error(await res.text())`) runs before it.
      if (node.type !== 'ThrowStatement' || node.range[0] < from || node.range[1] > to) continue;
      if (enclosingFunction(node) !== owner) continue;
      if (caught(node, owner)) last.caught = node;
      else last.thrown = node;
    }
    const ret = facts.returnIn(segment);
    if (ret !== undefined && ret.range[0] >= from && ret.range[1] <= to) last.returned = ret;
    if (to !== Infinity || facts.isTerminal(segment)) return;
    if (segment.nextSegments.length === 0) {
      // A `finally` ends in one segment for every way into it: the latest `return` or
      // uncaught `throw` on this path says which way this one left.
      const threw =
        last.thrown !== null &&
        (last.returned === null || last.thrown.range[0] > last.returned.range[0]);
      if (threw) {
        if (which.throws && last.thrown !== null) {
          const exit: Exit = { kind: 'throw', node: last.thrown };
          if (last.caught !== null && last.caught.range[0] < last.thrown.range[0]) {
            exit.after = last.caught;
          }
          thrown ??= exit;
        }
      } else if (facts.returnedFinal(segment)) {
        if (which.returns === true || (which.returns === 'after-throw' && last.caught !== null)) {
          const exit: Exit = { kind: 'return', node: last.returned ?? owner };
          if (last.caught !== null) exit.after = last.caught;
          returned ??= exit;
        }
      }
      return;
    }
    for (const next of segment.nextSegments) queue.push([next, last]);
  };
  for (const segment of start.segments)
    open(segment, start.node.range[1], { thrown: null, caught: null, returned: null });
  while (queue.length > 0) {
    const [segment, last] = queue.shift()!;
    if (startSet.has(segment)) {
      // Around the loop: held from the top of the segment up to the acquisition again.
      if (which.loops && firstDischarge(segment, 0) >= start.node.range[0])
        return { exit: { kind: 'loop' }, reach };
      continue;
    }
    // Into a `catch` only behind an explicit `throw`: other edges into it are exception paths
    // (something in the `try` threw), which only explicit throws make ours.
    if (facts.isCatchEntry(segment) && last.caught === null) continue;
    if (visited.has(segment) || !segment.reachable) continue;
    visited.add(segment);
    open(segment, 0, last);
  }
  return { exit: returned ?? thrown, reach };
}
