/** The one value a binding ever holds, when syntax can tell. */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

/**
 * The initializer of a variable bound once and never reassigned: `const x = init`, or
 * `let x = init` with no other write. `null` for parameters, imports, destructuring patterns,
 * several declarations, bindings without an initializer or written again.
 */
export function soleInitializer(
  variable: TSESLint.Scope.Variable | undefined,
): TSESTree.Expression | null {
  if (variable === undefined || variable.defs.length !== 1) return null;
  const def = variable.defs[0];
  if (def.type !== 'Variable' || def.node.id !== def.name || def.node.init === null) return null;
  const rewritten = variable.references.some(
    (reference) => reference.isWrite() && reference.init !== true,
  );
  return rewritten ? null : def.node.init;
}
