/** Small AST helpers every analysis and rule shares. */
import type { TSESTree } from '@typescript-eslint/utils';

export type FunctionNode =
  TSESTree.ArrowFunctionExpression | TSESTree.FunctionDeclaration | TSESTree.FunctionExpression;

export const isFunctionNode = (node: TSESTree.Node): node is FunctionNode =>
  node.type === 'ArrowFunctionExpression' ||
  node.type === 'FunctionDeclaration' ||
  node.type === 'FunctionExpression';

/** The nearest function around `node`, or `null` at module scope. */
export function enclosingFunction(node: TSESTree.Node): FunctionNode | null {
  for (let n = node.parent; n; n = n.parent) if (isFunctionNode(n)) return n;
  return null;
}

const SKIPPED_KEYS = new Set([
  'parent',
  'typeAnnotation',
  'returnType',
  'typeParameters',
  'typeArguments',
  'decorators',
]);

function isNode(value: unknown): value is TSESTree.Node {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { type?: unknown }).type === 'string'
  );
}

/** The child nodes of `node`, type annotations left out. */
export function childrenOf(node: TSESTree.Node): TSESTree.Node[] {
  const out: TSESTree.Node[] = [];
  for (const [key, value] of Object.entries(node)) {
    if (SKIPPED_KEYS.has(key)) continue;
    if (Array.isArray(value)) {
      for (const v of value as unknown[]) if (isNode(v)) out.push(v);
    } else if (isNode(value)) out.push(value);
  }
  return out;
}

/**
 * Where the value of `node` goes, past `await`, `as` and `!`: the outermost wrapper (`child`)
 * and the node that receives it (`parent`).
 */
export function valueParent(node: TSESTree.Node): {
  child: TSESTree.Node;
  parent: TSESTree.Node | undefined;
} {
  let child = node;
  let parent = node.parent;
  while (
    parent &&
    (parent.type === 'AwaitExpression' ||
      parent.type === 'TSAsExpression' ||
      parent.type === 'TSNonNullExpression')
  ) {
    child = parent;
    parent = parent.parent;
  }
  return { child, parent };
}

/** The outermost node that holds `node` and runs directly in `owner`'s own path. */
export function anchorIn(node: TSESTree.Node, owner: TSESTree.Node): TSESTree.Node {
  let anchor: TSESTree.Node = node;
  for (let n: TSESTree.Node | undefined = node; n && n !== owner; n = n.parent) {
    if (isFunctionNode(n)) anchor = n;
  }
  return anchor;
}
