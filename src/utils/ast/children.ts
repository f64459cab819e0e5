/** The child nodes of a node, type annotations left out: a walk over values, not types. */
import type { TSESTree } from '@typescript-eslint/utils';

const SKIPPED_KEYS = new Set([
  'parent',
  'typeAnnotation',
  'returnType',
  'typeParameters',
  'typeArguments',
  'decorators',
  // A Program's token and comment lists: not nodes, though they have a `type`.
  'tokens',
  'comments',
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
  // `for…in` over own keys, not `Object.entries`: no array of pairs for every node walked.
  for (const key in node) {
    if (SKIPPED_KEYS.has(key) || !Object.hasOwn(node, key)) continue;
    const value = (node as unknown as Record<string, unknown>)[key];
    if (Array.isArray(value)) {
      for (const v of value as unknown[]) if (isNode(v)) out.push(v);
    } else if (isNode(value)) out.push(value);
  }
  return out;
}

/**
 * Visit `node` and every node under it (type annotations left out), depth first, until `visit`
 * returns `false` for a node (its children are then skipped) or `'stop'` (the walk ends).
 * Returns `false` when the walk was stopped.
 */
export function walkValues(
  node: TSESTree.Node,
  visit: (node: TSESTree.Node) => boolean | 'stop',
): boolean {
  const verdict = visit(node);
  if (verdict === 'stop') return false;
  if (!verdict) return true;
  for (const child of childrenOf(node)) if (!walkValues(child, visit)) return false;
  return true;
}
