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

/**
 * Calls `each` with every child node of `node`, type annotations left out, in the order
 * `childrenOf` lists them, without building the list: the walks that visit every node of a
 * body use this.
 */
export function forEachChild<A, B>(
  node: TSESTree.Node,
  each: (child: TSESTree.Node, a: A, b: B) => void,
  a: A,
  b: B,
): void {
  // `for…in` over own keys, not `Object.entries`: no array of pairs for every node walked;
  // `a` and `b` are handed through so that a recursive walk needs no closure per node.
  for (const key in node) {
    if (SKIPPED_KEYS.has(key) || !Object.hasOwn(node, key)) continue;
    const value = (node as unknown as Record<string, unknown>)[key];
    if (Array.isArray(value)) {
      for (const v of value as unknown[]) if (isNode(v)) each(v, a, b);
    } else if (isNode(value)) each(value, a, b);
  }
}

/** The child nodes of `node`, type annotations left out. */
export function childrenOf(node: TSESTree.Node): TSESTree.Node[] {
  const out: TSESTree.Node[] = [];
  forEachChild(node, (child, list: TSESTree.Node[]) => list.push(child), out, null);
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
  const state = { visit, stopped: false };
  walkInto(node, state);
  return !state.stopped;
}

function walkInto(
  node: TSESTree.Node,
  state: { visit: (node: TSESTree.Node) => boolean | 'stop'; stopped: boolean },
): void {
  if (state.stopped) return;
  const verdict = state.visit(node);
  if (verdict === 'stop') state.stopped = true;
  else if (verdict) forEachChild(node, walkInto, state, null);
}
