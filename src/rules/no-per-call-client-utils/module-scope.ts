/**
 * What a per-call client reads: only module-scope values (then it can be built once at module
 * scope), or the per-request bindings of a Workers-style handler (then it belongs to the
 * request).
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '@typescript-eslint/types';

import {
  contains,
  findVariable,
  isFunctionNode,
  staticPropertyName,
  walkValues,
  type FunctionNode,
} from '../../utils/ast/index.js';
import type { PerCallEnv } from '../../analysis/lifetime/per-call-site.js';

type Variable = TSESLint.Scope.Variable;

/**
 * Visit every node under `node` (type annotations left out) until `visit` returns `false`;
 * identifier reads come with their variable (`undefined` for an undeclared global).
 */
function walkReads(
  env: PerCallEnv,
  node: TSESTree.Node,
  visit: (node: TSESTree.Node, read: { variable: Variable | undefined } | null) => boolean,
): boolean {
  return walkValues(node, (current) => {
    let read: { variable: Variable | undefined } | null = null;
    if (current.type === AST_NODE_TYPES.Identifier) {
      const parent = current.parent;
      const isKey =
        (parent?.type === AST_NODE_TYPES.MemberExpression &&
          parent.property === current &&
          !parent.computed) ||
        (parent?.type === AST_NODE_TYPES.Property &&
          parent.key === current &&
          !parent.computed &&
          !parent.shorthand);
      if (isKey) return false;
      read = { variable: findVariable(env.sourceCode, current) };
    }
    return visit(current, read) ? true : 'stop';
  });
}

/** Whether `node` only reads values that exist at module scope (imports, module constants, globals). */
export function usesOnlyModuleScope(env: PerCallEnv, node: TSESTree.Node, before: number): boolean {
  return walkReads(env, node, (current, read) => {
    if (
      isFunctionNode(current) ||
      current.type === AST_NODE_TYPES.ThisExpression ||
      current.type === AST_NODE_TYPES.AwaitExpression
    ) {
      return false;
    }
    const def = read?.variable?.defs[0];
    if (read === null || read.variable === undefined || def === undefined) return true;
    const scopeType = read.variable.scope.type;
    if (scopeType !== 'module' && scopeType !== 'global') return false;
    const hoisted =
      (def.type as string) === 'ImportBinding' || (def.type as string) === 'FunctionName';
    return hoisted || def.name.range[1] <= before;
  });
}

/**
 * Whether `node` reads the per-request bindings of a Workers-style handler `fn`: a parameter
 * after the first (`fetch(request, env, ctx)`) or the `.env` of one (Hono's `c.env`). Those
 * exist per request, and Workers forbid sharing I/O objects between requests.
 */
export function readsRequestBindings(
  env: PerCallEnv,
  node: TSESTree.Node,
  fn: FunctionNode,
): boolean {
  return !walkReads(env, node, (current, read) => {
    const def = read?.variable?.defs[0];
    if ((def?.type as string) !== 'Parameter' || def?.node !== fn) return true;
    const parent = current.parent;
    const isEnv =
      parent?.type === AST_NODE_TYPES.MemberExpression &&
      parent.object === current &&
      staticPropertyName(parent) === 'env';
    const index = fn.params.findIndex((param) => contains(param, def.name));
    return !(isEnv || index >= 1);
  });
}
