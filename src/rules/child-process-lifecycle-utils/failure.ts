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

import { calleeName } from '../../analysis/resolve/imports.js';
import { segmentsAround, type PathFacts } from '../../analysis/engine/code-paths.js';
import { walkFrom } from '../../analysis/engine/exit-paths.js';
import {
  childrenOf,
  enclosingFunction,
  isFunctionNode,
  type FunctionNode,
} from '../../utils/ast.js';
import { mentions, valueOf, within, type ChildFacts, type Kill } from './uses.js';

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
function stopsOf(facts: ChildFacts, owner: FunctionNode): Node[] {
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
    (facts.kills.some((k) => within(k.node, clause)) ||
      facts.transfers.some((t) => within(t.node, clause)) ||
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

/** `Promise.race([…])` holding `promise` (directly or through a `const`), if any. */
function raceOf(promise: Node): TSESTree.CallExpression | null {
  const isRace = (array: Node | undefined): array is TSESTree.ArrayExpression => {
    const call = array?.parent;
    return (
      array?.type === 'ArrayExpression' &&
      call?.type === 'CallExpression' &&
      call.arguments[0] === array &&
      calleeName(call.callee) === 'race'
    );
  };
  const value = valueOf(promise);
  if (isRace(value.parent)) return value.parent.parent as TSESTree.CallExpression;
  const declarator = value.parent;
  if (declarator?.type !== 'VariableDeclarator' || declarator.id.type !== 'Identifier') return null;
  const name = declarator.id.name;
  const fn = enclosingFunction(declarator);
  if (!fn) return null;
  const races = ownNodes(
    fn.body,
    (n) => n.type === 'Identifier' && n.name === name && isRace(n.parent),
  );
  return races.length > 0 ? (races[0].parent!.parent as TSESTree.CallExpression) : null;
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

/** Whether `kill` is followed by waiting: SIGKILL, or an exit wait after it in its function. */
function waitsAfter(kill: Kill, facts: ChildFacts): boolean {
  if (kill.uncatchable !== false) return true;
  const fn = enclosingFunction(kill.node);
  return facts.exits.some(
    (exit) =>
      exit.node.range[0] > kill.node.range[1] &&
      enclosingFunction(exit.promise ?? exit.node) === fn,
  );
}

/** Timed waits for the exit whose timeout path leaves the child running or unwaited. */
export function timeoutProblems(facts: ChildFacts, text: string): TimeoutProblem[] {
  const problems: TimeoutProblem[] = [];
  const timed = (wait: Node): void => {
    const fn = enclosingFunction(wait);
    if (
      facts.kills.some(
        (k) =>
          k.uncatchable === true &&
          k.node.range[1] < wait.range[0] &&
          enclosingFunction(k.node) === fn,
      )
    )
      return;
    const after = facts.kills.filter(
      (k) => k.node.range[0] > wait.range[1] && enclosingFunction(k.node) === fn,
    );
    if (after.length === 0) {
      problems.push({ kind: 'timeoutWithoutKill', wait });
      return;
    }
    const unwaited = after.find((k) => !waitsAfter(k, facts));
    if (unwaited && !after.some((k) => k.uncatchable === true))
      problems.push({ kind: 'killNotAwaited', kill: unwaited });
  };
  const timeoutSignal = (options: Node): boolean =>
    /AbortSignal\.timeout\(/.test(text.slice(options.range[0], options.range[1]));
  for (const exit of facts.exits) {
    const promise = exit.promise ?? (exit.wait ? exit.node : null);
    if (promise === null) continue;
    const race = raceOf(promise);
    if (race) timed(race);
    else if (exit.wait && exit.options && timeoutSignal(exit.options)) timed(exit.node);
    if (!exit.promise) continue;
    const executor = exit.promise.arguments[0];
    if (!executor || !isFunctionNode(executor)) continue;
    for (const callback of timersIn(executor)) {
      const kills = facts.kills.filter((k) => within(k.node, callback));
      if (kills.length === 0) timed(exit.promise);
      else if (settles(executor, callback)) {
        const unwaited = kills.find((k) => k.uncatchable === false);
        if (unwaited) problems.push({ kind: 'killNotAwaited', kill: unwaited });
      }
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
    if (facts.exits.some((exit) => within(exit.promise ?? exit.node, fn))) return false;
    const escalates = facts.kills.some((k) => k.uncatchable === true && within(k.node, fn));
    return !escalates;
  });
}
