/**
 * Wrappers that hand on their operand's value unchanged: TypeScript-only syntax (`x!`,
 * `x as T`, `x satisfies T`, `<T>x`, `f<T>`) and the `?.` chain around a member or call. With
 * `{ await: true }`, `await x` counts too (the settled value of what `x` promises).
 */
import type { TSESTree } from '@typescript-eslint/utils';

const WRAPPERS = new Set<string>([
  'ChainExpression',
  'TSAsExpression',
  'TSNonNullExpression',
  'TSSatisfiesExpression',
  'TSTypeAssertion',
  'TSInstantiationExpression',
]);

export interface WrapperOptions {
  /** `await x` hands on `x`'s value too. */
  await?: boolean;
}

/** Whether `node` only wraps another expression's value. */
export function isWrapper(node: TSESTree.Node, options: WrapperOptions = {}): boolean {
  return WRAPPERS.has(node.type) || (options.await === true && node.type === 'AwaitExpression');
}

/** Down: the expression inside every wrapper around it (`x` for `(x as T)!`). */
export function skipWrappers(node: TSESTree.Node, options: WrapperOptions = {}): TSESTree.Node {
  let current = node;
  for (;;) {
    if (current.type === 'AwaitExpression' && options.await === true) current = current.argument;
    else if (WRAPPERS.has(current.type))
      current = (current as { expression: TSESTree.Node }).expression;
    else return current;
  }
}

/** Up: the outermost wrapper whose value is `node`'s (`node` itself when nothing wraps it). */
export function outermostWrapper(node: TSESTree.Node, options: WrapperOptions = {}): TSESTree.Node {
  let current = node;
  while (current.parent && isWrapper(current.parent, options)) current = current.parent;
  return current;
}

/**
 * Where the value of `node` goes, past wrappers and `await`: the outermost wrapper (`child`)
 * and the node that receives it (`parent`).
 */
export function valueParent(node: TSESTree.Node): {
  child: TSESTree.Node;
  parent: TSESTree.Node | undefined;
} {
  const child = outermostWrapper(node, { await: true });
  return { child, parent: child.parent };
}
