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

/** Where a walk went: every undischarged exit, and the windows in which the value was held. */
export interface Walk {
  /** Every exit reached with no discharge on the way, in source order. */
  exits: LeakExit[];
  /** The exit the engine names first: the loop, else the first return found, else a throw. */
  first: LeakExit | null;
  /**
   * Every segment reached before a discharge, with the source window in it that runs while
   * the value is still held (the ownership engine's exception check reads it).
   */
  reach: Map<Segment, { from: number; to: number }>;
}

/**
 * Every exit reached from `start` with no node of `discharges` on the way, on ESLint's
 * code-path graph. `'unknown'` when a node is not on the recorded graph. Paths through
 * `process.exit()` end without obligation. A `return` inside `try … finally` leaves through
 * the `finally`; the exit named is that `return`.
 *
 * A segment is walked once per way of reaching it (the latest `return`, uncaught and caught
 * `throw` on the path), so two returns that share a `finally` are two exits.
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
  const startSet = new Set(start.segments);
  const visited = new Map<Segment, Set<string>>();
  const queue: [Segment, Last][] = [];
  const reach = new Map<Segment, { from: number; to: number }>();
  const open = (segment: Segment, from: number, previous: Last): void => {
    const to = firstDischarge(segment, from);
    reach.set(segment, { from, to });
    const last = { ...previous };
    for (const node of facts.riskyIn(segment)) {
      // A discharge inside the `throw` (`throw new Error(await res.text())`) runs before it.
      if (node.type !== 'ThrowStatement' || !inRange(node, from, to)) continue;
      if (enclosingFunction(node) !== owner) continue;
      if (caught(node, owner)) last.caught = node;
      else last.thrown = node;
    }
    const ret = facts.returnIn(segment);
    if (ret !== undefined && inRange(ret, from, to)) last.returned = ret;
    if (to !== Infinity || facts.isTerminal(segment)) return;
    if (segment.nextSegments.length === 0) {
      // A `finally` ends in one segment for every way into it: the latest `return` or
      // uncaught `throw` on this path says which way this one left.
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
      if (which.loops && looped === null && firstDischarge(segment, 0) >= start.node.range[0])
        looped = add({ kind: 'loop', node: loopAround(start.node, owner) });
      continue;
    }
    // Into a `catch` only behind an explicit `throw`: other edges into it are exception paths
    // (something in the `try` threw), which only explicit throws make ours.
    if (facts.isCatchEntry(segment) && last.caught === null) continue;
    if (!segment.reachable) continue;
    const state = `${at(last.thrown)}:${at(last.caught)}:${at(last.returned)}`;
    let states = visited.get(segment);
    if (states === undefined) visited.set(segment, (states = new Set()));
    if (states.has(state)) continue;
    states.add(state);
    open(segment, 0, last);
  }
  let all = [...exits.values()];
  if (looped !== null) {
    // Past the loop is where the last iteration's leak goes on: the loop exit names it.
    const loop = looped.node;
    all = all.filter((exit) => exit === looped || contains(loop, exit.node));
  }
  all.sort((a, b) => at(a.node) - at(b.node));
  return { exits: all, first: looped ?? returned ?? thrown, reach };
}
