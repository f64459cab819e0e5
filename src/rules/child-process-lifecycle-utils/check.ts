/**
 * The obligations of one child process, checked: which reports it gets, as message ids and
 * data (the prose lives in the rule's `meta.messages`).
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import { ALWAYS_STARTS } from '../../catalog/child-process.js';
import type { PathFacts } from '../../analysis/engine/code-paths.js';
import type { Verdict } from '../../analysis/engine/ownership.js';
import { findVariable } from '../../analysis/resolve/imports.js';
import { enclosingFunction, type FunctionNode } from '../../utils/ast.js';
import { optionProperty, optionsSlot, setsOption, type ChildCall } from './calls.js';
import { addSignal, signalInScope, stoppedOnAbort } from './cancellation.js';
import { timeoutProblems, unstoppedFailure, unwaitedKills } from './failure.js';
import { isMapOrSet, removedOnExit } from './registry.js';
import {
  classBodyOf,
  factsOf,
  fieldKeyOf,
  fieldRefs,
  valueOf,
  variableRefs,
  type ChildFacts,
} from './uses.js';

export type MessageIds =
  | 'errorNotHandled'
  | 'discardedNoError'
  | 'exitNotObserved'
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
  | 'addSignal';

export interface Problem {
  messageId: MessageIds;
  node: TSESTree.Node;
  data: Record<string, string>;
  fix?: TSESLint.ReportFixFunction | null;
  suggest?: {
    messageId: MessageIds;
    data: Record<string, string>;
    fix: TSESLint.ReportFixFunction;
  }[];
}

type SourceCode = Readonly<TSESLint.SourceCode>;

export interface CheckOptions {
  killTree: boolean;
}

interface Subject {
  name: string;
  kind: 'local' | 'using' | 'field' | 'discarded';
  owner: FunctionNode;
  facts: ChildFacts;
  /** Kept in a field of a class (directly or from a local): the class owns it. */
  field: { private: boolean } | null;
}

const line = (node: TSESTree.Node): string => String(node.loc.start.line);
const text = (sourceCode: SourceCode, node: TSESTree.Node): string =>
  sourceCode.getText(node).replace(/\s+/g, ' ');

/** The field a child is assigned to (`this.#child = …`), with its references in the class. */
function withField(sourceCode: SourceCode, target: TSESTree.Node, refs: TSESTree.Node[]) {
  const key = fieldKeyOf(target);
  const body = key ? classBodyOf(target) : null;
  if (!key || !body) return null;
  return { key, refs: [...refs, ...fieldRefs(sourceCode, body, key)] };
}

/** Who holds the child and every reference to it; `null` for shapes left to others. */
function subjectOf(
  sourceCode: SourceCode,
  node: TSESTree.CallExpression,
  verdict: Verdict,
): Subject | null {
  const owner = enclosingFunction(node);
  if (!owner || verdict.kind === 'module' || verdict.kind === 'unknown') return null;
  if (verdict.kind === 'discarded')
    return { name: '', kind: 'discarded', owner, facts: factsOf(sourceCode, [node]), field: null };
  let value: TSESTree.Node = valueOf(node);
  if (value.parent?.type === 'AwaitExpression') value = valueOf(value.parent);
  const parent = value.parent;
  if (parent?.type === 'AssignmentExpression' && parent.right === value) {
    const field = withField(sourceCode, parent.left, []);
    if (field) {
      const name = text(sourceCode, parent.left);
      const facts = factsOf(sourceCode, field.refs);
      return { name, kind: 'field', owner, facts, field: { private: field.key.private } };
    }
  }
  if (verdict.kind === 'transferred' && verdict.node === node) return null;
  const id =
    parent?.type === 'VariableDeclarator' && parent.init === value
      ? parent.id
      : parent?.type === 'AssignmentExpression'
        ? parent.left
        : null;
  if (id?.type !== 'Identifier') return null;
  const variable = findVariable(sourceCode, id);
  if (!variable) return null;
  const refs = variableRefs(sourceCode, variable);
  let facts = factsOf(sourceCode, refs);
  const stored = facts.transfers.find((t) => t.how === 'field');
  const target = stored ? valueOf(stored.node).parent : null;
  const field =
    target?.type === 'AssignmentExpression' ? withField(sourceCode, target.left, refs) : null;
  if (field) facts = factsOf(sourceCode, field.refs);
  const declaration = parent?.parent;
  const using =
    declaration?.type === 'VariableDeclaration' &&
    (declaration.kind === 'using' || declaration.kind === 'await using');
  return {
    name: id.name,
    kind: field ? 'field' : using ? 'using' : 'local',
    owner,
    facts,
    field: field ? { private: field.key.private } : null,
  };
}

/**
 * 'error' can do no harm: the exit listener ends the process anyway (a CLI whose child is
 * the program), or the command is the running Node binary, which is always there.
 */
const errorHarmless = (sourceCode: SourceCode, call: ChildCall, facts: ChildFacts): boolean =>
  (call.spawner !== 'fork' &&
    call.node.arguments[0] !== undefined &&
    ALWAYS_STARTS.includes(sourceCode.getText(call.node.arguments[0]))) ||
  facts.exits.some(
    (exit) => exit.handler && /\bprocess\.exit\(/.test(sourceCode.getText(exit.handler)),
  );

/** The reports for one tracked child (`spawn`, `fork`, `exec`/`execFile` without callback). */
export function checkChild(
  sourceCode: SourceCode,
  paths: PathFacts,
  call: ChildCall,
  verdict: Verdict,
  exit: string | undefined,
  options: CheckOptions,
): Problem[] {
  const subject = subjectOf(sourceCode, call.node, verdict);
  if (!subject) return [];
  const { facts, owner, name, kind } = subject;
  const node = call.node;
  const data = { name, source: `${text(sourceCode, node.callee)}()`, line: line(node) };
  const problems: Problem[] = [];
  const report = (
    messageId: MessageIds,
    at: TSESTree.Node,
    more: Record<string, string> = {},
  ): void => {
    problems.push({ messageId, node: at, data: { ...data, ...more } });
  };
  const registries = facts.stores.filter((s) => isMapOrSet(sourceCode, s.registry));
  const handedOn = facts.transfers.some(
    (t) =>
      t.how !== 'field' &&
      !registries.some((s) => s.call.arguments.includes(valueOf(t.node) as never)),
  );

  // (a) 'error' handled.
  if (!facts.errorHandled && !handedOn && !errorHarmless(sourceCode, call, facts))
    report(kind === 'discarded' ? 'discardedNoError' : 'errorNotHandled', node);

  // (b) exit observed.
  const observed = facts.exits.length > 0 || facts.unref;
  if (kind === 'discarded' && !observed) report('discardedNoExit', node);
  else if (kind === 'using' && !observed && !handedOn) report('usingOnly', node);
  else if (
    kind === 'field' &&
    subject.field?.private &&
    !observed &&
    facts.kills.length === 0 &&
    !handedOn
  )
    report('neverStopped', node);
  else if (kind === 'local' && verdict.kind === 'leaks')
    report('exitNotObserved', node, { exit: exit ?? '' });
  if (kind === 'discarded') return problems;

  // (c) stopped on cancellation, failure and timeout.
  if (kind !== 'field' && !handedOn && registries.length === 0) {
    const signal = signalInScope(sourceCode, node);
    if (
      signal &&
      setsOption(call, 'signal') === false &&
      !stoppedOnAbort(sourceCode, facts, owner, signal.name)
    ) {
      const fix = addSignal(sourceCode, call, signal.name);
      const sure = signal.certain && facts.errorHandled;
      problems.push({
        messageId: 'notCancelled',
        node,
        data: { ...data, signal: signal.name },
        fix: sure ? fix : null,
        suggest:
          fix && !sure
            ? [{ messageId: 'addSignal', data: { signal: signal.name, source: data.source }, fix }]
            : [],
      });
    }
  }
  if (kind === 'local' || kind === 'field') {
    const failure = unstoppedFailure(
      paths,
      owner,
      node,
      facts,
      setsOption(call, 'signal') === true,
    );
    if (failure) report('notStoppedOnFailure', node, { failLine: line(failure) });
  }
  const unwaited = new Set<TSESTree.Node>();
  for (const problem of timeoutProblems(facts, sourceCode.text)) {
    if (problem.kind === 'timeoutWithoutKill')
      report('timeoutWithoutKill', problem.wait, { waitLine: line(problem.wait) });
    else if (!unwaited.has(problem.kill.node)) {
      unwaited.add(problem.kill.node);
      report('killNotAwaited', problem.kill.node, { killLine: line(problem.kill.node) });
    }
  }
  if (kind === 'field')
    for (const kill of unwaitedKills(facts))
      if (!unwaited.has(kill.node))
        report('killNotAwaited', kill.node, { killLine: line(kill.node) });
  for (const store of registries)
    if (!removedOnExit(sourceCode, facts, store.registry))
      report('registryNotCleaned', store.call, { registry: text(sourceCode, store.registry) });

  if (options.killTree) {
    const slot = optionsSlot(call);
    const detached =
      slot.kind === 'object' &&
      (() => {
        const p = optionProperty(slot.node, 'detached');
        return p !== null && p !== 'spread' && p.value.type === 'Literal' && p.value.value === true;
      })();
    const group = facts.kills.some((k) => k.group);
    const leader = facts.kills.find((k) => !k.group);
    const bySignal = setsOption(call, 'signal') === true || setsOption(call, 'timeout') === true;
    if (!(detached && group) && (leader || bySignal || group)) {
      const at = leader?.node ?? facts.kills[0]?.node ?? node;
      report('treeNotKilled', at, { stopLine: line(at) });
    }
  }
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
  const data = { source: `${text(sourceCode, node.callee)}()`, line: line(node) };
  if (call.form === 'sync') {
    return requireSyncTimeout && setsOption(call, 'timeout') === false && server()
      ? [{ messageId: 'syncWithoutTimeout', node, data }]
      : [];
  }
  const problems: Problem[] = [];
  const dropped =
    call.form === 'promisified' && valueOf(node).parent?.type === 'ExpressionStatement';
  if (dropped) problems.push({ messageId: 'promiseNotHandled', node, data });
  const signal = signalInScope(sourceCode, node);
  if (signal && setsOption(call, 'signal') === false) {
    const fix = addSignal(sourceCode, call, signal.name);
    const sure = signal.certain && !dropped;
    problems.push({
      messageId: 'notCancelledCall',
      node,
      data: { ...data, signal: signal.name },
      fix: sure ? fix : null,
      suggest:
        fix && !sure
          ? [{ messageId: 'addSignal', data: { ...data, signal: signal.name }, fix }]
          : [],
    });
  }
  return problems;
}
