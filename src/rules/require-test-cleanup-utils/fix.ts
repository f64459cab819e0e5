/**
 * The suggestions of `require-test-cleanup`: add the release at the end of an existing teardown
 * hook of the same describe block and timing, when its callback has a block body (and is
 * `async` if the release is awaited); where that block has no such teardown, a new one right
 * after the setup hook (`afterEach(() => { vi.useRealTimers(); });`); and for a release made
 * in the wrong teardown, that teardown renamed to the matching one when releasing is all it
 * does. A teardown name the file does not have yet joins the setup hook's own import.
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import { isFree, lookup } from '../../analysis/fixes/names.js';
import { lineIndent, statementAfter } from '../../analysis/fixes/statement-fixes.js';
import type { Hook } from './hooks.js';

type SourceCode = Readonly<TSESLint.SourceCode>;
type Fixer = TSESLint.RuleFixer;
type Fix = (fixer: Fixer) => TSESLint.RuleFix;
type Fixes = (fixer: Fixer) => TSESLint.RuleFix[];

export function addToTeardown(
  sourceCode: SourceCode,
  teardown: Hook,
  code: string,
  awaited: boolean,
): Fix | null {
  const body = teardown.body;
  if (!body || body.body.type !== 'BlockStatement' || (awaited && !body.async)) return null;
  // A teardown defined elsewhere (`afterAll(closeAll)`) is shared: leave it alone.
  if (!teardown.call.arguments.includes(body as never)) return null;
  const last = body.body.body.at(-1);
  if (!last || last.type === 'ReturnStatement' || last.type === 'ThrowStatement') return null;
  const line = sourceCode.lines[last.loc.start.line - 1] ?? '';
  const indent = /^\s*/.exec(line)?.[0] ?? '';
  // `\n`: createRule's context writes it in the file's own line endings.
  return (fixer) => fixer.insertTextAfter(last, `\n${indent}${code};`);
}

/**
 * How the file can call the teardown `name` where `setup` is called: `[]` when it already can
 * (a global runner, or the name imported from the same module), the fix that adds it to the
 * setup hook's named import or destructured `require`, or `null` (a member call such as
 * `test.before`, a renamed import, or the name taken by something else).
 */
function teardownReachable(sourceCode: SourceCode, setup: Hook, name: string): Fix[] | null {
  const callee = setup.call.callee;
  if (callee.type !== 'Identifier') return null;
  const scope = sourceCode.getScope(setup.call);
  const own = lookup(scope, callee.name);
  const def = own?.defs[0];
  if (def === undefined) return lookup(scope, name) === undefined ? [] : null;
  const source = moduleOf(def.node, def.parent);
  if (source === null) return null;
  const theirs = lookup(scope, name)?.defs[0];
  if (theirs !== undefined)
    return moduleOf(theirs.node, theirs.parent)?.module === source.module ? [] : null;
  if (!isFree(sourceCode, scope, name)) return null;
  const last = source.list.at(-1);
  if (last === undefined) return null;
  return [(fixer) => fixer.insertTextAfter(last, `, ${name}`)];
}

/** The module a named import or destructured `require` binding comes from, and its list. */
function moduleOf(
  node: TSESTree.Node,
  parent: TSESTree.Node | null | undefined,
): { module: string; list: TSESTree.Node[] } | null {
  if (node.type === 'ImportSpecifier' && parent?.type === 'ImportDeclaration') {
    if (node.imported.type !== 'Identifier' || node.imported.name !== node.local.name) return null;
    return { module: String(parent.source.value), list: parent.specifiers };
  }
  if (node.type !== 'VariableDeclarator' || node.id.type !== 'ObjectPattern') return null;
  const init = node.init;
  const arg = init?.type === 'CallExpression' ? init.arguments[0] : undefined;
  if (
    init?.type !== 'CallExpression' ||
    init.callee.type !== 'Identifier' ||
    init.callee.name !== 'require' ||
    arg?.type !== 'Literal'
  )
    return null;
  const list = node.id.properties;
  if (list.some((p) => p.type === 'RestElement' || p.shorthand !== true)) return null;
  return { module: String(arg.value), list };
}

/** The statement `setup` is, alone on its lines in a statement list. */
function hookStatement(setup: Hook): TSESTree.ExpressionStatement | null {
  const statement = setup.call.parent;
  return statement?.type === 'ExpressionStatement' && statement.expression === setup.call
    ? statement
    : null;
}

/**
 * A new `name` teardown right after `setup`, in the same block, that runs `code`:
 * `afterEach(() => {\n  vi.useRealTimers();\n});`.
 */
export function newTeardown(
  sourceCode: SourceCode,
  setup: Hook,
  name: string,
  code: string,
  awaited: boolean,
): Fixes | null {
  const statement = hookStatement(setup);
  if (statement === null) return null;
  const reach = teardownReachable(sourceCode, setup, name);
  if (reach === null) return null;
  const indent = lineIndent(sourceCode, statement);
  const step = indent.includes('\t') ? '\t' : '  ';
  const semi = sourceCode.getLastToken(statement)?.value === ';' ? ';' : '';
  const hook = `${name}(${awaited ? 'async ' : ''}() => {\n${indent}${step}${code};\n${indent}})${semi}`;
  const add = statementAfter(sourceCode, statement, hook);
  if (add === null) return null;
  return (fixer) => [...reach.map((f) => f(fixer)), add(fixer)];
}

/**
 * `afterAll(() => server.close())` for a server made in `beforeEach` → `afterEach(…)`: only
 * where the teardown does nothing but that release (its whole body, or its one statement,
 * reads `holder`), so nothing else changes when it runs.
 */
export function renameTeardown(
  sourceCode: SourceCode,
  setup: Hook,
  teardown: Hook,
  name: string,
  holder: string,
): Fixes | null {
  const body = teardown.body;
  if (body === null || !teardown.call.arguments.includes(body as never)) return null;
  if (teardown.scope !== setup.scope) return null;
  const only =
    body.body.type === 'BlockStatement'
      ? body.body.body.length === 1
        ? body.body.body[0]
        : null
      : body.body;
  if (only === null) return null;
  const reads = sourceCode.getTokens(only).filter((t) => t.type === 'Identifier');
  if (!reads.some((t) => t.value === holder)) return null;
  const callee = teardown.call.callee;
  if (callee.type !== 'Identifier') return null;
  const reach = teardownReachable(sourceCode, setup, name);
  if (reach === null) return null;
  return (fixer) => [...reach.map((f) => f(fixer)), fixer.replaceText(callee, name)];
}
