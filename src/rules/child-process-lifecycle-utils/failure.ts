/**
 * Stopping a child when the work around it fails or gives up:
 * - a throw (an explicit `throw`, a rejected `await`) between the spawn and the point where
 *   the function stops, awaits or hands on the child, with no `kill()` in a `catch`/`finally`
 *   around it (the daemon `start()` whose timeout path throws while the daemon runs on);
 * - a wait for the exit with a timeout (`Promise.race`, `once(child, 'exit', { signal:
 *   AbortSignal.timeout(ms) })`, a timer in the promise that listens for the exit) whose
 *   timeout path does not kill the child, or kills it without waiting again;
 * - a kill in a class's method that nothing waits for (the transport `close()` that sends one
 *   SIGTERM and returns).
 */
import type { TSESTree } from '@typescript-eslint/utils';

import { segmentsAround, type PathFacts } from '../../analysis/engine/code-paths.js';
import { walkFrom } from '../../analysis/engine/exit-paths.js';
import {
  calleeName,
  childrenOf,
  contains,
  enclosingFunction,
  isFunctionNode,
  outermostWrapper,
  type FunctionNode,
} from '../../utils/ast/index.js';
import { mentions, type ChildFacts, type Kill } from './uses.js';

type Node = TSESTree.Node;

/** Awaits that wait, not work: they fail only when aborted. */
const SLEEPS = /^(?:setTimeout|setImmediate|delay|sleep|wait|waitFor|pause)$/;

/** Nodes of `root` (not inside nested functions) that satisfy `test`. */
function ownNodes(root: Node, test: (node: Node) => boolean): Node[] {
  const out: Node[] = [];
  const visit = (node: Node): void => {
    if (test(node)) out.push(node);
    for (const child of childrenOf(node)) if (!isFunctionNode(child)) visit(child);
  };
  visit(root);
  return out;
}

const leaves = (clause: Node): boolean =>
  ownNodes(clause, (n) => n.type === 'ThrowStatement' || n.type === 'ReturnStatement').length > 0;

/** Where the function stops owning the child: a kill, an exit it awaits, a hand-off. */
export function stopsOf(facts: ChildFacts, owner: FunctionNode): Node[] {
  const stops: Node[] = [];
  for (const kill of facts.kills) if (enclosingFunction(kill.node) === owner) stops.push(kill.node);
  for (const exit of facts.exits) {
    if (exit.wait && enclosingFunction(exit.node) === owner) stops.push(exit.node);
    else if (exit.promise && enclosingFunction(exit.promise) === owner) stops.push(exit.promise);
  }
  for (const transfer of facts.transfers)
    if (enclosingFunction(transfer.node) === owner) stops.push(transfer.node);
  return stops;
}

/**
 * The first `throw` or failing `await` that leaves `owner` while it still owns the child and
 * no `catch`/`finally` around it stops the child; `null` when there is none (or the function
 * never stops, awaits or hands on the child: it runs on its own by design).
 */
export function unstoppedFailure(
  paths: PathFacts,
  owner: FunctionNode,
  acquisition: TSESTree.CallExpression,
  facts: ChildFacts,
  aborts: boolean,
): Node | null {
  if (facts.unref) return null;
  const stops = stopsOf(facts, owner);
  if (stops.length === 0) return null;
  let start: Node = acquisition;
  while (
    start.parent &&
    start.type !== 'VariableDeclarator' &&
    start.type !== 'AssignmentExpression'
  )
    start = start.parent;
  const segments = paths.segmentsAfter(acquisition) ?? segmentsAround(start, paths, owner);
  if (!segments) return null;
  const walk = walkFrom(paths, owner, { node: start, segments }, stops, {
    returns: true,
    throws: true,
    loops: false,
  });
  if (walk === 'unknown') return null;
  const stopsIn = (clause: Node | null | undefined): boolean =>
    !!clause &&
    (facts.kills.some((k) => contains(clause, k.node)) ||
      facts.transfers.some((t) => contains(clause, t.node)) ||
      (aborts &&
        ownNodes(clause, (n) => n.type === 'CallExpression' && calleeName(n.callee) === 'abort')
          .length > 0));
  const covered = (node: Node): boolean => {
    let child: Node = node;
    for (let n: Node | undefined = node.parent; n && n !== owner; child = n, n = n.parent) {
      if (n.type !== 'TryStatement') continue;
      if (n.finalizer !== child && stopsIn(n.finalizer)) return true;
      if (n.block === child && n.handler && (stopsIn(n.handler) || !leaves(n.handler))) return true;
    }
    return false;
  };
  let first: Node | null = null;
  for (const [segment, window] of walk.reach) {
    for (const node of paths.riskyIn(segment)) {
      if (node.range[0] < window.from || node.range[0] >= window.to) continue;
      if (node.range[0] < start.range[1] || (node.range[1] >= window.to && window.to !== Infinity))
        continue;
      if (enclosingFunction(node) !== owner) continue;
      if (node.type === 'AwaitExpression') {
        const argument = node.argument;
        if (mentions(argument, facts.refs)) continue;
        const name = argument.type === 'CallExpression' ? calleeName(argument.callee) : null;
        if (name !== null && SLEEPS.test(name)) continue;
      } else if (node.type !== 'ThrowStatement') continue;
      if (covered(node)) continue;
      if (first === null || node.range[0] < first.range[0]) first = node;
    }
  }
  return first;
}

export type TimeoutProblem =
  { kind: 'timeoutWithoutKill'; wait: Node } | { kind: 'killNotAwaited'; kill: Kill };

const isRace = (array: Node | undefined): array is TSESTree.ArrayExpression => {
  const call = array?.parent;
  return (
    array?.type === 'ArrayExpression' &&
    call?.type === 'CallExpression' &&
    call.arguments[0] === array &&
    calleeName(call.callee) === 'race'
  );
};

/** A place that waits for the exit: `await exited`, or a race with a timeout (`timed`). */
interface Wait {
  node: Node;
  timed: boolean;
}

/**
 * Where the promise of an exit is waited for: raced (`Promise.race([exited, sleep(ms)])`) or
 * awaited, directly or through the `const` it is kept in.
 */
function waitsFor(promise: Node): Wait[] {
  const site = (value: Node): Wait | null => {
    if (isRace(value.parent)) return { node: value.parent.parent, timed: true };
    return value.parent?.type === 'AwaitExpression' ? { node: value.parent, timed: false } : null;
  };
  const value = outermostWrapper(promise);
  const direct = site(value);
  if (direct) return [direct];
  const declarator = value.parent;
  const fn = enclosingFunction(promise);
  if (declarator?.type !== 'VariableDeclarator' || declarator.id.type !== 'Identifier' || !fn)
    return [];
  const name = declarator.id.name;
  const uses = ownNodes(
    fn.body,
    (n) => n.type === 'Identifier' && n.name === name && n !== declarator.id,
  );
  return uses.flatMap((use) => site(outermostWrapper(use)) ?? []);
}

/** The timer callbacks in a promise executor: `setTimeout(() => …, ms)`. */
function timersIn(executor: Node): Node[] {
  return ownNodes(
    executor,
    (n) => n.type === 'CallExpression' && calleeName(n.callee) === 'setTimeout',
  )
    .map((call) => (call as TSESTree.CallExpression).arguments[0])
    .filter(
      (cb): cb is TSESTree.ArrowFunctionExpression | TSESTree.FunctionExpression =>
        cb !== undefined && isFunctionNode(cb),
    );
}

/** A resolve/reject of `executor` called in `callback`, or a bare `resolve` passed as the callback. */
function settles(executor: FunctionNode, callback: Node): boolean {
  const names = executor.params.flatMap((p) => (p.type === 'Identifier' ? [p.name] : []));
  return (
    ownNodes(
      callback,
      (n) => n.type === 'CallExpression' && names.includes(calleeName(n.callee) ?? ''),
    ).length > 0
  );
}

/** Timed waits for the exit whose timeout path leaves the child running or unwaited. */
export function timeoutProblems(facts: ChildFacts, text: string): TimeoutProblem[] {
  const timeoutSignal = (options: Node | null): boolean =>
    options !== null &&
    /AbortSignal\.timeout\(/.test(text.slice(options.range[0], options.range[1]));
  const waits: Wait[] = [];
  const executorTimers: { promise: Node; timer: Node; executor: FunctionNode }[] = [];
  for (const exit of facts.exits) {
    const promise = exit.promise ?? (exit.wait ? exit.node : null);
    if (promise === null) continue;
    waits.push(...waitsFor(promise));
    // `once(child, 'exit', { signal: AbortSignal.timeout(ms) })` gives up by itself.
    if (exit.wait && timeoutSignal(exit.options)) waits.push({ node: exit.node, timed: true });
    const executor = exit.promise?.arguments[0];
    if (exit.promise && executor && isFunctionNode(executor))
      for (const timer of timersIn(executor))
        executorTimers.push({ promise: exit.promise, timer, executor });
  }
  const sameFn = (node: Node, other: Node): boolean =>
    enclosingFunction(node) === enclosingFunction(other);
  const killsAfter = (node: Node): Kill[] =>
    facts.kills.filter((k) => k.node.range[0] > node.range[1] && sameFn(k.node, node));
  const problems: TimeoutProblem[] = [];
  /** After a timed wait: a kill, SIGKILL or followed by another wait. */
  const timed = (wait: Node): void => {
    const before = facts.kills.some(
      (k) => k.uncatchable === true && k.node.range[1] < wait.range[0] && sameFn(k.node, wait),
    );
    const after = killsAfter(wait);
    if (before || after.some((k) => k.uncatchable === true)) return;
    if (after.length === 0) {
      problems.push({ kind: 'timeoutWithoutKill', wait });
      return;
    }
    const kill = after.find((k) => k.uncatchable === false);
    const waited = (k: Kill): boolean =>
      waits.some((w) => w.node.range[0] > k.node.range[1] && sameFn(w.node, k.node));
    if (kill && !waited(kill)) problems.push({ kind: 'killNotAwaited', kill });
  };
  for (const wait of waits) if (wait.timed) timed(wait.node);
  for (const { promise, timer, executor } of executorTimers) {
    const kills = facts.kills.filter((k) => contains(timer, k.node));
    if (kills.length === 0) timed(promise);
    else if (settles(executor, timer)) {
      // The timer kills with SIGTERM and settles at once: nothing waits for the exit.
      const unwaited = kills.find((k) => k.uncatchable === false);
      if (unwaited) problems.push({ kind: 'killNotAwaited', kill: unwaited });
    }
  }
  return problems;
}

/**
 * Kills of a class's child in its methods that nothing waits for: no `await` or returned
 * promise after the kill, no exit listener in that method, no SIGKILL escalation timer. Kills
 * in handlers (`process.on('exit', …)`), in `catch`/`finally`, and SIGKILL are left alone.
 */
export function unwaitedKills(facts: ChildFacts): Kill[] {
  return facts.kills.filter((kill) => {
    if (kill.uncatchable !== false) return false;
    const fn = enclosingFunction(kill.node);
    const method = fn?.parent;
    if (!fn || (method?.type !== 'MethodDefinition' && method?.type !== 'PropertyDefinition'))
      return false;
    let child: Node = kill.node;
    for (let n: Node | undefined = child.parent; n && n !== fn; child = n, n = n.parent) {
      if (n.type === 'CatchClause' || (n.type === 'TryStatement' && n.finalizer === child))
        return false;
    }
    const afterwards = ownNodes(
      fn.body,
      (n) =>
        n.range[0] > kill.node.range[1] &&
        (n.type === 'AwaitExpression' || (n.type === 'ReturnStatement' && n.argument !== null)),
    );
    if (afterwards.length > 0) return false;
    if (facts.exits.some((exit) => contains(fn, exit.promise ?? exit.node))) return false;
    const escalates = facts.kills.some((k) => k.uncatchable === true && contains(fn, k.node));
    return !escalates;
  });
}
