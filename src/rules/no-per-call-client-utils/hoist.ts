/**
 * Hoisting a per-call client to module scope: the `no-per-call-client` suggestion. Moves
 * `const x = new Client(…)` above the top-level statement that holds the per-call code, when
 * the client reads only module-scope values, is not released per call, and its name means the
 * same thing at module scope.
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '@typescript-eslint/types';

import type { ResourceEntry } from '../../catalog/types.js';

import { findVariable, skipWrappers } from '../../utils/ast/index.js';
import type { PerCallUse } from './destination.js';
import { usesOnlyModuleScope } from './module-scope.js';
import type { PerCallEnv } from '../../analysis/lifetime/per-call-site.js';

type Built = TSESTree.CallExpression | TSESTree.NewExpression;

/** The release method called on the bound client (`pool.end()`), if any. */
export function releaseOf(
  references: readonly TSESLint.Scope.Reference[],
  entry: ResourceEntry,
): string | null {
  for (const reference of references) {
    const parent = reference.identifier.parent;
    if (
      parent?.type === AST_NODE_TYPES.MemberExpression &&
      parent.object === reference.identifier &&
      parent.property.type === AST_NODE_TYPES.Identifier &&
      entry.releaseMethods.includes(parent.property.name)
    ) {
      return parent.property.name;
    }
  }
  return null;
}

/** The statement of the program that holds `node`. */
export function topStatement(node: TSESTree.Node): TSESTree.Node | null {
  let top = node;
  while (top.parent !== undefined && top.parent.type !== AST_NODE_TYPES.Program) top = top.parent;
  return top.parent === undefined || top.type === AST_NODE_TYPES.ImportDeclaration ? null : top;
}

/** The `hoistToModule` fix: move `const x = new Client(…)` above the top-level statement around it. */
export function hoistFix(
  env: PerCallEnv & { sourceCode: Readonly<TSESLint.SourceCode> },
  node: Built,
  use: PerCallUse,
  entry: ResourceEntry,
): TSESLint.ReportFixFunction | null {
  const { destination } = use;
  if (destination.kind !== 'local' || destination.declarator === null || destination.using)
    return null;
  const { declarator } = destination;
  const declaration = declarator.parent;
  if (declaration.kind !== 'const' || declaration.declarations.length !== 1) return null;
  if (
    declarator.id.type !== AST_NODE_TYPES.Identifier ||
    declarator.init === null ||
    skipWrappers(declarator.init) !== node
  )
    return null;
  if (declaration.parent.type !== AST_NODE_TYPES.BlockStatement) return null;
  const top = topStatement(use.site.node);
  if (top === null) return null;
  if (!usesOnlyModuleScope(env, node, top.range[0])) return null;
  const { sourceCode } = env;
  const name = declarator.id.name;
  const variable = findVariable(sourceCode, declarator.id);
  if (variable === undefined) return null;
  // The name must mean the same thing everywhere it is read once it lives at module scope.
  for (let scope = variable.scope.upper; scope !== null; scope = scope.upper) {
    if (scope.set.has(name)) return null;
    if (
      scope.type === 'module' &&
      scope.through.some((reference) => reference.identifier.name === name)
    )
      return null;
  }
  if (releaseOf(variable.references, entry) !== null) return null;

  const column = declaration.loc.start.column;
  const text = sourceCode
    .getText(declaration)
    .split('\n')
    .map((line, i) => (i === 0 ? line : line.replace(new RegExp(`^ {0,${column}}`), '')))
    .join('\n');
  const lineStart = declaration.range[0] - column;
  const before = sourceCode.text.slice(lineStart, declaration.range[0]);
  const afterEnd = sourceCode.text.indexOf('\n', declaration.range[1]);
  const after = sourceCode.text.slice(declaration.range[1], afterEnd === -1 ? undefined : afterEnd);
  const whole = before.trim() === '' && after.trim() === '';
  const removal: [number, number] = whole
    ? [lineStart, afterEnd === -1 ? declaration.range[1] : afterEnd + 1]
    : declaration.range;
  // Above the statement's decorators and its leading comments (a JSDoc stays with its function).
  let insertAt = top.range[0];
  const declared = 'declaration' in top ? top.declaration : top;
  if (declared !== null && 'decorators' in declared && declared.decorators.length > 0) {
    insertAt = Math.min(insertAt, declared.decorators[0].range[0]);
  }
  const comments = sourceCode.getCommentsBefore(
    sourceCode.getTokenByRangeStart(insertAt, { includeComments: true }) ?? top,
  );
  if (comments.length > 0) insertAt = Math.min(insertAt, comments[0].range[0]);
  return (fixer) => [
    fixer.insertTextBeforeRange([insertAt, insertAt], `${text}\n\n`),
    fixer.removeRange(removal),
  ];
}
