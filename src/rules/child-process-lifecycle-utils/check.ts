/**
 * The obligations of one child process, checked: which reports it gets, as message ids and
 * data (the prose lives in the rule's `meta.messages`).
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import { ALWAYS_STARTS, CWD_ALWAYS_THERE } from '../../catalog/child-process.js';
import type { PathFacts } from '../../analysis/engine/code-paths.js';
import type { LeakExit } from '../../analysis/engine/exit-paths.js';
import type { Verdict } from '../../analysis/engine/ownership.js';
import { acquisitionText, exitLine } from '../../analysis/fixes/describe.js';
import { optionIsTrue, optionValue, setsOption, type ChildCall } from './calls.js';
import { addSignal, signalInScope, stoppedOnAbort, type ScopeSignal } from './cancellation.js';
import { stopsOf, timeoutProblems, unstoppedFailure, unwaitedKills } from './failure.js';
import {
  awaitDroppedFix,
  awaitExitFix,
  awaitKilledFix,
  awaitPromiseFix,
  deleteOnCloseFix,
  killAfterWaitFix,
  killOnFailureFix,
  rejectOnErrorFix,
  stopAtEndFix,
  stopInReleaseFix,
} from './fixes.js';
import { isMapOrSet, removedOnExit } from './registry.js';
import { subjectOf, type Subject } from './subject.js';
import { outermostWrapper } from '../../utils/ast/index.js';
import { endSettled, type ChildFacts } from './uses.js';

export type MessageIds =
  | 'errorNotHandled'
  | 'discardedNoError'
  | 'exitNotObserved'
  | 'exitNotObservedInLoop'
  | 'discardedNoExit'
  | 'usingOnly'
  | 'neverStopped'
  | 'notCancelled'
  | 'notCancelledCall'
  | 'promiseNotHandled'
  | 'notStoppedOnFailure'
  | 'timeoutWithoutKill'
  | 'killNotAwaited'
  | 'registryNotCleaned'
  | 'treeNotKilled'
  | 'syncWithoutTimeout'
  | 'notStoppedGiven'
  | 'addSignal'
  | 'killBefore'
  | 'awaitExit'
  | 'awaitChild'
  | 'awaitPromise'
  | 'rejectOnError'
  | 'deleteOnClose'
  | 'killAfterWait'
  | 'awaitKilled'
  | 'killOnFailure'
  | 'stopAtEnd'
  | 'stopInRelease';

interface Suggestion {
  messageId: MessageIds;
  data: Record<string, string>;
  fix: TSESLint.ReportFixFunction;
}

export interface Problem {
  messageId: MessageIds;
  node: TSESTree.Node;
  data: Record<string, string>;
  fix?: TSESLint.ReportFixFunction | null;
  suggest?: Suggestion[];
}

/** One suggestion, or none when there is no fix. */
const offer = (
  messageId: MessageIds,
  data: Record<string, string>,
  fix: TSESLint.ReportFixFunction | null,
): Suggestion[] => (fix ? [{ messageId, data, fix }] : []);

type SourceCode = Readonly<TSESLint.SourceCode>;

export interface CheckOptions {
  killTree: boolean;
}

/**
 * The command runs through a shell (`exec`, `shell: true`) started where it surely can be: a
 * missing command is then the shell's exit code 127, not an 'error'. A `cwd` that may not
 * exist (`spawn /bin/sh ENOENT`) or a `signal` (an abort emits 'error') can still emit one.
 */
function shellCannotFail(sourceCode: SourceCode, call: ChildCall): boolean {
  const shell = optionValue(call, 'shell');
  const viaShell =
    call.spawner === 'exec' ||
    (shell !== null && shell !== 'unknown' && !(shell.type === 'Literal' && shell.value === false));
  const cwd = optionValue(call, 'cwd');
  const safeCwd =
    cwd === null || (cwd !== 'unknown' && CWD_ALWAYS_THERE.includes(sourceCode.getText(cwd)));
  return viaShell && safeCwd && optionValue(call, 'signal') === null;
}

/**
 * 'error' can do no harm: the exit listener ends the process anyway (a CLI whose child is
 * the program), the command is the running Node binary, which is always there (`fork()`
 * runs it too; a forked child emits 'error' for a `send()` without a callback), or a shell
 * runs it (see `shellCannotFail`).
 */
function errorHarmless(sourceCode: SourceCode, call: ChildCall, facts: ChildFacts): boolean {
  const command = call.node.arguments[0];
  // `exec()` runs through `execFile()`, which always listens for 'error' itself (to feed the
  // optional callback): a failed spawn or an abort never reaches `uncaughtException`.
  if (call.spawner === 'exec' || call.spawner === 'execFile') return true;
  if (call.spawner === 'fork') {
    if (facts.unguardedSends === 0) return true;
  } else if (command !== undefined && ALWAYS_STARTS.includes(sourceCode.getText(command))) {
    return true;
  } else if (shellCannotFail(sourceCode, call)) {
    return true;
  }
  return facts.exits.some(
    (exit) => exit.handler && /\bprocess\.exit\b/.test(sourceCode.getText(exit.handler)),
  );
}

/**
 * A child that keeps running when `signal` aborts: the fix adds the signal, as an autofix when
 * the signal is surely one and `safe` (an abort's 'error' is handled), else as a suggestion.
 */
function notCancelled(
  messageId: 'notCancelled' | 'notCancelledCall',
  sourceCode: SourceCode,
  call: ChildCall,
  data: Record<string, string>,
  signal: ScopeSignal,
  safe: boolean,
): Problem {
  const fix = addSignal(sourceCode, call, signal.name);
  const sure = signal.certain && safe;
  const words = { source: data.source, signal: signal.name };
  return {
    messageId,
    node: call.node,
    data: { ...data, signal: signal.name },
    fix: sure ? fix : null,
    suggest: fix && !sure ? [{ messageId: 'addSignal', data: words, fix }] : [],
  };
}

const line = (node: TSESTree.Node): string => String(node.loc.start.line);

/** What a child's checks share: its holder, message data, and where reports go. */
interface Check {
  sourceCode: SourceCode;
  call: ChildCall;
  /** The call that hands the child over: `call` itself, or a call of a wrapper of it. */
  at: TSESTree.CallExpression;
  subject: Subject;
  /** Given to a function, returned, stored outside a known registry: someone else's now. */
  handedOn: boolean;
  /** `Map`/`Set` registries it is stored in. */
  registries: ChildFacts['stores'];
  /** `name`, `source`, `line`: what every message names. */
  data: Record<string, string>;
  problems: Problem[];
  report: (
    messageId: MessageIds,
    at: TSESTree.Node,
    more?: Record<string, string>,
    suggest?: Suggestion[],
  ) => void;
}

/** (a) 'error' handled and (b) the exit observed. */
function checkErrorAndExit(check: Check, verdict: Verdict, exits: readonly LeakExit[]): void {
  const { sourceCode, call, subject, handedOn, report } = check;
  const { facts, kind } = subject;
  const node = check.at;
  const name = { name: subject.name };
  const awaitDropped = (): Suggestion[] =>
    offer('awaitChild', {}, awaitDroppedFix(sourceCode, node, subject.owner));
  if (!facts.errorHandled && !handedOn && !errorHarmless(sourceCode, call, facts)) {
    if (kind === 'discarded') report('discardedNoError', node, {}, awaitDropped());
    else
      report(
        'errorNotHandled',
        node,
        {},
        offer('rejectOnError', name, rejectOnErrorFix(sourceCode, subject, node)),
      );
  }
  const observed = endSettled(facts);
  if (kind === 'discarded') {
    if (!observed) report('discardedNoExit', node, {}, awaitDropped());
  } else if (kind === 'using') {
    if (!observed && !handedOn)
      report(
        'usingOnly',
        node,
        {},
        offer('stopAtEnd', name, stopAtEndFix(sourceCode, subject, node)),
      );
  } else if (kind === 'field') {
    // A private field no method stops or waits for; public ones may be stopped by others.
    const stopped = observed || facts.kills.length > 0 || handedOn;
    if (subject.field?.private && !stopped) {
      const stop = stopInReleaseFix(sourceCode, subject, node);
      const suggest = stop
        ? offer('stopInRelease', { ...name, method: stop.method }, stop.fix)
        : [];
      report('neverStopped', node, {}, suggest);
    }
  } else if (verdict.kind === 'leaks' && exits[0]) {
    const exit = exits[0];
    const messageId = exit.kind === 'loop' ? 'exitNotObservedInLoop' : 'exitNotObserved';
    const fix = awaitExitFix(sourceCode, subject, node, exits);
    report(messageId, node, { exitLine: exitLine(exit) }, offer('awaitExit', name, fix));
  }
}

/** (c) stopped when the work is cancelled, fails or times out; registries cleaned on exit. */
function checkStopping(check: Check, paths: PathFacts): void {
  const { sourceCode, call, subject, handedOn, registries, report } = check;
  const { facts, owner, kind } = subject;
  const node = call.node;
  const signalled = setsOption(call, 'signal');
  // A detached child (`unref()`) is meant to outlive the work, and its cancellation.
  if (
    kind !== 'field' &&
    !handedOn &&
    !facts.unref &&
    registries.length === 0 &&
    signalled === false
  ) {
    const signal = signalInScope(sourceCode, node);
    if (signal && !stoppedOnAbort(sourceCode, facts, owner, signal.name))
      check.problems.push(
        notCancelled('notCancelled', sourceCode, call, check.data, signal, facts.errorHandled),
      );
  }
  if (kind === 'local' || kind === 'field') {
    const failure = unstoppedFailure(paths, owner, node, facts, signalled === true);
    if (failure) {
      const fix = killOnFailureFix(sourceCode, subject, node, failure, stopsOf(facts, owner));
      const suggest = offer('killOnFailure', { name: subject.name }, fix);
      report('notStoppedOnFailure', node, { failLine: line(failure) }, suggest);
    }
  }
  const unwaited = new Set<TSESTree.Node>();
  const kills = [
    ...timeoutProblems(facts, sourceCode.text),
    ...(kind === 'field'
      ? unwaitedKills(facts).map((kill) => ({ kind: 'killNotAwaited' as const, kill }))
      : []),
  ];
  for (const problem of kills) {
    if (problem.kind === 'timeoutWithoutKill') {
      const fix = killAfterWaitFix(sourceCode, facts.refs, problem.wait);
      const suggest = offer('killAfterWait', { name: subject.name }, fix);
      report('timeoutWithoutKill', problem.wait, { waitLine: line(problem.wait) }, suggest);
    } else if (!unwaited.has(problem.kill.node)) {
      unwaited.add(problem.kill.node);
      const suggest = offer('awaitKilled', {}, awaitKilledFix(sourceCode, problem.kill.node));
      report('killNotAwaited', problem.kill.node, { killLine: line(problem.kill.node) }, suggest);
    }
  }
  for (const store of registries)
    if (!removedOnExit(sourceCode, facts, store.registry)) {
      const registry = sourceCode.getText(store.registry);
      const fix = deleteOnCloseFix(sourceCode, subject, store);
      const suggest = offer('deleteOnClose', { name: subject.name, registry }, fix);
      report('registryNotCleaned', store.call, { registry }, suggest);
    }
}

/** `killTree`: whatever stops the child must stop its process group. */
function checkTree(check: Check): void {
  const { call, subject } = check;
  const kills = subject.facts.kills;
  const group = kills.some((k) => k.group);
  const leader = kills.find((k) => !k.group);
  const bySignal = setsOption(call, 'signal') === true || setsOption(call, 'timeout') === true;
  if ((optionIsTrue(call, 'detached') && group) || !(leader || bySignal || group)) return;
  const at = leader?.node ?? kills[0]?.node ?? call.node;
  check.report('treeNotKilled', at, { stopLine: line(at) });
}
/**
 * The reports for one tracked child (`spawn`, `fork`, `exec`/`execFile` without callback). With
 * `via`, a call of a same-file wrapper that returns the child `call` creates: the caller holds
 * it, and only its 'error' and exit are checked there (the options are the wrapper's).
 */
export function checkChild(
  sourceCode: SourceCode,
  paths: PathFacts,
  call: ChildCall,
  verdict: Verdict,
  exits: readonly LeakExit[],
  options: CheckOptions,
  via?: TSESTree.CallExpression,
): Problem[] {
  const at = via ?? call.node;
  const subject = subjectOf(sourceCode, at, verdict);
  if (!subject) return [];
  const { facts } = subject;
  const registries = facts.stores.filter((s) => isMapOrSet(sourceCode, s.registry));
  const inRegistry = (node: TSESTree.Node): boolean =>
    registries.some((s) => s.call.arguments.some((arg) => arg === outermostWrapper(node)));
  const data = {
    name: subject.name,
    source: acquisitionText(sourceCode, at),
    line: line(at),
  };
  const problems: Problem[] = [];
  const check: Check = {
    sourceCode,
    call,
    at,
    subject,
    handedOn: facts.transfers.some((t) => t.how !== 'field' && !inRegistry(t.node)),
    registries,
    data,
    problems,
    report: (messageId, at, more = {}, suggest = []) =>
      problems.push({ messageId, node: at, data: { ...data, ...more }, suggest }),
  };
  checkErrorAndExit(check, verdict, exits);
  if (subject.kind === 'discarded' || via) return problems;
  checkStopping(check, paths);
  if (options.killTree) checkTree(check);
  return problems;
}

/** The reports for a callback-form, promisified or synchronous call. */
export function checkCall(
  sourceCode: SourceCode,
  call: ChildCall,
  server: () => boolean,
  requireSyncTimeout: boolean,
): Problem[] {
  const node = call.node;
  const data = { source: acquisitionText(sourceCode, node), line: line(node) };
  if (call.form === 'sync') {
    return requireSyncTimeout && setsOption(call, 'timeout') === false && server()
      ? [{ messageId: 'syncWithoutTimeout', node, data }]
      : [];
  }
  const problems: Problem[] = [];
  const dropped =
    call.form === 'promisified' && outermostWrapper(node).parent?.type === 'ExpressionStatement';
  if (dropped) {
    const suggest = offer('awaitPromise', {}, awaitPromiseFix(node));
    problems.push({ messageId: 'promiseNotHandled', node, data, suggest });
  }
  const signal = signalInScope(sourceCode, node);
  if (signal && setsOption(call, 'signal') === false) {
    problems.push(notCancelled('notCancelledCall', sourceCode, call, data, signal, !dropped));
  }
  return problems;
}
