/**
 * One walk of a test file for `require-test-cleanup`: the hooks, what each setup hook keeps
 * or changes, and the facts the verdicts need (tests, local helper calls, registered
 * cleanups, timer and spy restores). A setup hook is open from its call's entry to its exit,
 * so the calls inside it are seen while it is on the stack.
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import { calleeName } from '../../utils/ast/index.js';
import { CLEANUP_REGISTRARS, FAKE_TIMERS, RESTORE_ALL_SPIES } from '../../catalog/test-runners.js';
import { isFunctionNode, type FunctionNode } from '../../utils/ast/index.js';
import { globalStateOf, heldBy, type GlobalState, type Held } from './held.js';
import { hookOf, isTestDeclaration, localFunction, type Hook } from './hooks.js';
import type { Facts } from './verdicts.js';

export interface Suite {
  hooks: Hook[];
  kept: { held: Held; hook: Hook }[];
  states: { state: GlobalState; hook: Hook }[];
  facts: Facts & {
    tests: TSESTree.CallExpression[];
    localCalls: { call: TSESTree.CallExpression; fn: FunctionNode }[];
    registered: FunctionNode[];
    realTimers: TSESTree.CallExpression[];
    restoreAll: TSESTree.CallExpression[];
  };
}

export function createSuiteScan(
  sourceCode: Readonly<TSESLint.SourceCode>,
  spies: boolean,
): { listeners: TSESLint.RuleListener; suite: Suite } {
  const suite: Suite = {
    hooks: [],
    kept: [],
    states: [],
    facts: { tests: [], localCalls: [], registered: [], realTimers: [], restoreAll: [] },
  };
  const { facts } = suite;
  const open: Hook[] = [];

  const consider = (node: TSESTree.CallExpression | TSESTree.NewExpression): void => {
    const hook = open.at(-1);
    const body = hook?.body;
    if (!hook || !body || node.range[0] < body.range[0] || node.range[1] > body.range[1]) return;
    const held = heldBy(sourceCode, node, body);
    const known = held && suite.kept.find((k) => k.held.holder === held.holder);
    if (held && !known) suite.kept.push({ held, hook });
    // `server = createServer(app)` … `server.listen(0)`: now it holds a port.
    else if (held?.starts && known) known.held.started = true;
    const state = node.type === 'CallExpression' ? globalStateOf(sourceCode, node, body) : null;
    if (state && (state.kind === 'fake-timers' || spies)) suite.states.push({ state, hook });
  };

  const listeners: TSESLint.RuleListener = {
    CallExpression(node): void {
      const hook = hookOf(sourceCode, node);
      if (hook) {
        suite.hooks.push(hook);
        if (hook.role === 'setup') open.push(hook);
        return;
      }
      if (isTestDeclaration(sourceCode, node)) facts.tests.push(node);
      const fn = node.callee.type === 'Identifier' ? localFunction(sourceCode, node.callee) : null;
      if (fn) facts.localCalls.push({ call: node, fn });
      const name = calleeName(node.callee);
      if (name !== null && CLEANUP_REGISTRARS.has(name)) {
        for (const arg of node.arguments) if (isFunctionNode(arg)) facts.registered.push(arg);
      }
      if (name === FAKE_TIMERS.restore) facts.realTimers.push(node);
      if (name !== null && RESTORE_ALL_SPIES.has(name)) facts.restoreAll.push(node);
      consider(node);
    },
    NewExpression: consider,
    'CallExpression:exit'(node: TSESTree.CallExpression): void {
      if (open.at(-1)?.call === node) open.pop();
    },
  };
  return { listeners, suite };
}
