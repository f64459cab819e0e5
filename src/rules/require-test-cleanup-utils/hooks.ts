/**
 * Test-runner hooks and test declarations, as globals (Jest, Vitest with `globals`, Mocha) or
 * imports (`vitest`, `@jest/globals`, `node:test`, `bun:test`): which call is a setup or a
 * teardown hook, what runs in it, and where it is declared.
 */
import type { TSESTree } from '@typescript-eslint/utils';

import { resolveReference } from '../../analysis/resolve/imports.js';
import { findVariable, skipWrappers, type SourceCodeLike } from '../../utils/ast/index.js';
import {
  SETUP_HOOKS,
  TEARDOWN_HOOKS,
  TEST_DECLARATIONS,
  TEST_RUNNER_MODULES,
  type HookTiming,
} from '../../catalog/test-runners.js';
import { enclosingFunction, isFunctionNode, type FunctionNode } from '../../utils/ast/index.js';

export interface Hook {
  call: TSESTree.CallExpression;
  /** As the runner names it: `beforeAll`, `before`, `afterEach`. */
  name: string;
  role: 'setup' | 'teardown';
  timing: HookTiming;
  /** What runs as the hook: its callback, or the local function it names. */
  body: FunctionNode | null;
  /** The describe callback (or helper function, or program) the hook is declared in. */
  scope: TSESTree.Node;
}

/** The runner's name for a global or imported test function, or `null`. */
function runnerName(sourceCode: SourceCodeLike, id: TSESTree.Identifier): string | null {
  const ref = resolveReference(sourceCode, id);
  if (ref === null) return null;
  if (ref.module === 'global') return ref.path.length === 1 ? ref.path[0] : null;
  if (!TEST_RUNNER_MODULES.has(ref.module)) return null;
  // `import test from 'node:test'`: the default export is `test` itself.
  return ref.path.length === 1 && ref.path[0] === 'default' ? id.name : (ref.path.at(-1) ?? null);
}

/** A function declared in this file that `node` names: `afterAll(closeServer)`. */
export function localFunction(
  sourceCode: SourceCodeLike,
  node: TSESTree.Node,
): FunctionNode | null {
  if (isFunctionNode(node)) return node;
  if (node.type !== 'Identifier') return null;
  const def = findVariable(sourceCode, node)?.defs[0];
  if (def?.type === 'FunctionName' && def.node.type === 'FunctionDeclaration') return def.node;
  if (def?.type === 'Variable' && def.node.type === 'VariableDeclarator' && def.node.init) {
    const init = skipWrappers(def.node.init);
    if (isFunctionNode(init)) return init;
  }
  return null;
}

/** The hook `call` is, if it is one. Cheap: a name test before any scope lookup. */
export function hookOf(sourceCode: SourceCodeLike, call: TSESTree.CallExpression): Hook | null {
  const callee = call.callee;
  if (callee.type !== 'Identifier') return null;
  if (!(callee.name in SETUP_HOOKS) && !(callee.name in TEARDOWN_HOOKS)) return null;
  const name = runnerName(sourceCode, callee);
  if (name === null) return null;
  const setup = Object.hasOwn(SETUP_HOOKS, name) ? SETUP_HOOKS[name] : undefined;
  const teardown = Object.hasOwn(TEARDOWN_HOOKS, name) ? TEARDOWN_HOOKS[name] : undefined;
  const timing = setup ?? teardown;
  if (timing === undefined) return null;
  // Mocha takes a title first: `before('seed the db', async () => …)`.
  const argument = call.arguments.find((arg) => arg.type !== 'Literal');
  return {
    call,
    name,
    role: setup ? 'setup' : 'teardown',
    timing,
    body: argument ? localFunction(sourceCode, argument) : null,
    scope: enclosingFunction(call) ?? sourceCode.ast,
  };
}

/** `it(…)`, `test.each(…)(…)`, `describe.only(…)`: a test or a block of tests. */
export function isTestDeclaration(
  sourceCode: SourceCodeLike,
  call: TSESTree.CallExpression,
): boolean {
  let callee: TSESTree.Node = call.callee;
  for (;;) {
    if (callee.type === 'MemberExpression') callee = callee.object;
    else if (callee.type === 'CallExpression') callee = callee.callee;
    else break;
  }
  if (callee.type !== 'Identifier' || !TEST_DECLARATIONS.has(callee.name)) return false;
  const name = runnerName(sourceCode, callee);
  return name !== null && TEST_DECLARATIONS.has(name);
}
