/**
 * Whether a describe-scope variable that a setup hook fills is released: read in a teardown
 * hook (or in a local helper a teardown calls), in a cleanup the setup hook registers
 * (`onTestFinished`, `t.after`, a returned function), or by a release call anywhere else.
 * A variable handed out of the describe scope (returned, exported, read by a function that
 * is neither a hook, a test nor a local helper) is someone else's to release.
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import { calleeName } from '../../utils/ast/index.js';
import {
  CLEANUP_REGISTRARS,
  RELEASE_WORDS,
  SETUP_HOOKS,
  TEARDOWN_HOOKS,
  TEST_DECLARATIONS,
} from '../../catalog/test-runners.js';
import { OBSERVER_ROOTS, STORING_METHODS } from '../../catalog/vocabulary.js';
import {
  anchorIn,
  contains,
  isFunctionNode,
  rootName,
  type FunctionNode,
} from '../../utils/ast/index.js';
import type { Hook } from './hooks.js';

type Variable = TSESLint.Scope.Variable;

/** Functions that run when `roots` run: the roots and the local helpers they call, transitively. */
export function reach(
  roots: readonly TSESTree.Node[],
  localCalls: readonly { call: TSESTree.CallExpression; fn: FunctionNode }[],
): TSESTree.Node[] {
  const out = [...roots];
  for (let grew = true; grew;) {
    grew = false;
    for (const { call, fn } of localCalls) {
      if (!out.includes(fn) && out.some((r) => contains(r, call))) {
        out.push(fn);
        grew = true;
      }
    }
  }
  return out;
}

/** `expect(server.listening)`, `console.log(dir)`: a look, not a release. */
function observed(id: TSESTree.Node): boolean {
  for (let n: TSESTree.Node | undefined = id.parent; n; n = n.parent) {
    if (isFunctionNode(n)) return false;
    if (n.type === 'CallExpression') {
      const root = rootName(n.callee);
      if (root !== null && OBSERVER_ROOTS.has(root)) return true;
    }
  }
  return false;
}

/**
 * `server.address()`, `server.listening`, `app.log.info(…)`: a member chain off the value
 * that names no release. `app.server.close()` and `server[Symbol.asyncDispose]()` release.
 */
function usesOnly(id: TSESTree.Node): boolean {
  let node = id;
  let used = false;
  while (node.parent?.type === 'MemberExpression' && node.parent.object === node) {
    const member = node.parent;
    const name = calleeName(member);
    if (member.computed || (name !== null && RELEASE_WORDS.test(name))) return false;
    used = true;
    node =
      member.parent.type === 'CallExpression' && member.parent.callee === member
        ? member.parent
        : member;
  }
  return used;
}

/** Filled like a collection (`servers.push(s)`): any read of it may release its items. */
function isCollection(variable: Variable): boolean {
  return variable.references.some((ref) => {
    const member = ref.identifier.parent;
    const name = member.type === 'MemberExpression' ? calleeName(member) : null;
    return name !== null && STORING_METHODS.has(name);
  });
}

/** A read of `variable` inside one of `ranges` that may release it (not a mere look). */
export function readIn(variable: Variable, ranges: readonly TSESTree.Node[]): boolean {
  const anyRead = isCollection(variable);
  return variable.references.some((ref) => {
    const id = ref.identifier;
    if (!ref.isRead() || !ranges.some((r) => contains(r, id)) || observed(id)) return false;
    return anyRead || !usesOnly(id);
  });
}

/** Cleanups a setup hook registers: `onTestFinished(fn)`, `t.after(fn)`, `return fn`. */
export function cleanupsOf(hook: Hook, registered: readonly FunctionNode[]): TSESTree.Node[] {
  const body = hook.body;
  if (!body) return [];
  const out: TSESTree.Node[] = registered.filter((fn) => contains(body, fn));
  if (body.body.type !== 'BlockStatement') {
    if (isFunctionNode(body.body)) out.push(body.body);
    return out;
  }
  for (const statement of body.body.body) {
    if (
      statement.type === 'ReturnStatement' &&
      statement.argument &&
      isFunctionNode(statement.argument)
    )
      out.push(statement.argument);
  }
  return out;
}

/** `server.close()`, `clearInterval(timer)`, `stopServer(server)` on `id`. */
function releases(id: TSESTree.Identifier): boolean {
  const parent = id.parent;
  if (parent.type === 'MemberExpression' && parent.object === id) {
    const name = calleeName(parent);
    return name !== null && RELEASE_WORDS.test(name);
  }
  if (parent.type === 'CallExpression' && parent.arguments.includes(id)) {
    const name = calleeName(parent.callee);
    return name !== null && RELEASE_WORDS.test(name);
  }
  return false;
}

const RUNS_IN_TESTS = new Set([
  ...Object.keys(SETUP_HOOKS),
  ...Object.keys(TEARDOWN_HOOKS),
  ...TEST_DECLARATIONS,
  ...CLEANUP_REGISTRARS,
]);

/** A function the test runner or the describe block itself runs (not one handed out). */
function runsHere(fn: TSESTree.Node): boolean {
  const parent = fn.parent;
  if (fn.type === 'FunctionDeclaration') return true;
  if (parent?.type === 'VariableDeclarator' && parent.init === fn) return true;
  if (parent?.type === 'CallExpression' && parent.callee !== fn) {
    let callee: TSESTree.Node = parent.callee;
    while (callee.type === 'MemberExpression' || callee.type === 'CallExpression')
      callee = callee.type === 'MemberExpression' ? callee.object : callee.callee;
    return callee.type === 'Identifier' && RUNS_IN_TESTS.has(callee.name);
  }
  return false;
}

/**
 * The variable leaves the describe scope (returned, exported, read by a function handed
 * elsewhere), or is released by a call outside `setup` (a test that shuts the server down).
 */
export function handledElsewhere(variable: Variable, setup: TSESTree.Node): boolean {
  const scope = variable.scope.block;
  return variable.references.some((ref) => {
    const id = ref.identifier;
    if (!ref.isRead() || id.type !== 'Identifier') return false;
    if (!contains(setup, id) && releases(id)) return true;
    if (id.parent.type === 'ExportSpecifier') return true;
    const anchor = anchorIn(id, scope);
    return anchor === id ? !contains(setup, id) : !runsHere(anchor);
  });
}
