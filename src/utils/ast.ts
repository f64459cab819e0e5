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

/** Whether `test` mentions one of `names` (an identifier anywhere in it). */
function mentions(test: TSESTree.Node, names: ReadonlySet<string>): boolean {
  if (test.type === 'Identifier') return names.has(test.name);
  return childrenOf(test).some((child) => mentions(child, names));
}

/**
 * A release (or hand-off) under a test on the value itself discharges on both branches: the
 * other branch has nothing to release. `if (x) x.close()`, `x && x.close()`,
 * `if (!x.destroyed) x.destroy()`, `res.body ? wrap(res.body) : empty`: anchor at the guard.
 */
export function guardOf(
  release: TSESTree.Node,
  names: ReadonlySet<string>,
  owner: TSESTree.Node,
): TSESTree.Node {
  let guard = release;
  for (let child = release, n = release.parent; n && n !== owner; child = n, n = n.parent) {
    if (isFunctionNode(n)) break;
    if (n.type === 'IfStatement' && n.consequent === child && mentions(n.test, names)) guard = n;
    else if (
      n.type === 'LogicalExpression' &&
      n.right === child &&
      n.operator === '&&' &&
      mentions(n.left, names)
    )
      guard = n;
    else if (
      n.type === 'ConditionalExpression' &&
      (n.consequent === child || n.alternate === child) &&
      mentions(n.test, names)
    )
      guard = n;
  }
  return guard;
}
