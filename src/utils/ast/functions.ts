/** Functions around a node: the nearest one (by how it runs), and the outermost one below an owner. */
import type { TSESTree } from '@typescript-eslint/utils';

export type FunctionNode =
  TSESTree.ArrowFunctionExpression | TSESTree.FunctionDeclaration | TSESTree.FunctionExpression;

export const isFunctionNode = (node: TSESTree.Node): node is FunctionNode =>
  node.type === 'ArrowFunctionExpression' ||
  node.type === 'FunctionDeclaration' ||
  node.type === 'FunctionExpression';

/**
 * Class members whose code runs once per instance or per class, not as a call: a field or
 * accessor initializer, a static block.
 */
const CLASS_MEMBER_CODE = new Set<string>([
  'PropertyDefinition',
  'AccessorProperty',
  'StaticBlock',
]);

export interface EnclosingFunctionOptions {
  /**
   * Stop at a class field initializer, accessor initializer or static block and answer `null`:
   * code there belongs to no function call (the ownership engine's owner, `this` of a field).
   */
  stopAtClassMembers?: boolean;
  /** Pass over arrow functions: the function whose `this` the node sees. */
  ownThis?: boolean;
}

/**
 * The nearest function around `node`, or `null` at module scope (and, with
 * `stopAtClassMembers`, in class member code outside any function).
 */
export function enclosingFunction(
  node: TSESTree.Node,
  options: EnclosingFunctionOptions = {},
): FunctionNode | null {
  for (let n = node.parent; n; n = n.parent) {
    if (isFunctionNode(n) && !(options.ownThis === true && n.type === 'ArrowFunctionExpression'))
      return n;
    if (options.stopAtClassMembers === true && CLASS_MEMBER_CODE.has(n.type)) return null;
  }
  return null;
}

/** The outermost function that holds `node` (or is `node`) strictly inside `owner`, or `null`. */
export function outermostFunctionWithin(
  node: TSESTree.Node,
  owner: TSESTree.Node,
): FunctionNode | null {
  let found: FunctionNode | null = null;
  for (let n: TSESTree.Node | undefined = node; n && n !== owner; n = n.parent) {
    if (isFunctionNode(n)) found = n;
  }
  return found;
}

/** The outermost node that holds `node` and runs directly in `owner`'s own path. */
export function anchorIn(node: TSESTree.Node, owner: TSESTree.Node): TSESTree.Node {
  return outermostFunctionWithin(node, owner) ?? node;
}
