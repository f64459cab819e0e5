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
 */
import type { TSESTree } from '@typescript-eslint/utils';

import { enclosingFunction, type FunctionNode } from './ast.js';
import type { PathFacts, Segment } from './code-paths.js';

export type Exit =
  | { kind: 'return'; node: TSESTree.ReturnStatement | FunctionNode }
  | { kind: 'throw'; node: TSESTree.ThrowStatement }
  | { kind: 'loop' };

/** Segments of the nearest recorded node at or above `node` inside `owner`. */
function segmentsAround(
  node: TSESTree.Node,
  facts: PathFacts,
  owner: FunctionNode,
): readonly Segment[] | undefined {
  for (
    let current: TSESTree.Node | undefined = node;
    current && current !== owner;
    current = current.parent
  ) {
    const segments = facts.segmentsOf(current);
    if (segments) return segments;
  }
  return undefined;
}

/**
 * The first exit (loop first, then return, then throw) reached from `start` (the declarator
 * or assignment that acquires) with no node of `discharges` on the way. `'unknown'` when a
 * node is not on the recorded graph. Paths through `process.exit()` end without obligation.
 */
export function undischargedExit(
  facts: PathFacts,
  owner: FunctionNode,
  start: TSESTree.Node,
  discharges: readonly TSESTree.Node[],
  which: { returns: boolean; throws: boolean; loops: boolean },
): Exit | null | 'unknown' {
  const startSegments = segmentsAround(start, facts, owner);
  if (!startSegments || !facts.codePathOf(owner)) return 'unknown';
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
  const startSet = new Set(startSegments);
  const visited = new Set<Segment>(startSegments);
  const queue: [Segment, TSESTree.ThrowStatement | null][] = [];
  const open = (
    segment: Segment,
    from: number,
    lastThrow: TSESTree.ThrowStatement | null,
  ): void => {
    const to = firstDischarge(segment, from);
    let last = lastThrow;
    for (const node of facts.riskyIn(segment)) {
      // A discharge inside the `throw` (`throw new Error(await res.text())`) runs before it.
      if (node.type !== 'ThrowStatement' || node.range[0] < from || node.range[1] > to) continue;
      if (enclosingFunction(node) === owner) last = node;
    }
    if (to !== Infinity || facts.isTerminal(segment)) return;
    if (segment.nextSegments.length === 0) {
      if (facts.returnedFinal(segment)) {
        if (which.returns) returned ??= { kind: 'return', node: facts.returnIn(segment) ?? owner };
      } else if (which.throws && last !== null) {
        thrown ??= { kind: 'throw', node: last };
      }
      return;
    }
    for (const next of segment.nextSegments) queue.push([next, last]);
  };
  for (const segment of startSegments) open(segment, start.range[1], null);
  while (queue.length > 0) {
    const [segment, lastThrow] = queue.shift()!;
    if (startSet.has(segment)) {
      // Around the loop: held from the top of the segment up to the acquisition again.
      if (which.loops && firstDischarge(segment, 0) >= start.range[0]) return { kind: 'loop' };
      continue;
    }
    if (visited.has(segment) || !segment.reachable) continue;
    visited.add(segment);
    open(segment, 0, lastThrow);
  }
  return returned ?? thrown;
}
