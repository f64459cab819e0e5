/**
 * Names for what a fix declares (a callback parameter, a hoisted handler, a destructured
 * `body`): a name that shadows nothing and that nothing already means.
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

type SourceCode = Readonly<TSESLint.SourceCode>;
type Scope = TSESLint.Scope.Scope;
type Variable = TSESLint.Scope.Variable;

/** The binding `name` means at `scope`, if any. */
export function lookup(scope: Scope | null, name: string): Variable | undefined {
  for (let current = scope; current !== null; current = current.upper) {
    const variable = current.set.get(name);
    if (variable !== undefined) return variable;
  }
  return undefined;
}

/** No binding visible at `scope` and no implicit global goes by `name`. */
export function isFree(sourceCode: SourceCode, scope: Scope, name: string): boolean {
  return (
    lookup(scope, name) === undefined &&
    sourceCode.scopeManager?.globalScope?.through.some((ref) => ref.identifier.name === name) !==
      true
  );
}

/**
 * A name for a new binding at `node` that shadows nothing: the first free one of
 * `candidates`, else the first candidate with a number (`err2`).
 */
export function freeName(
  sourceCode: SourceCode,
  node: TSESTree.Node,
  candidates: readonly [string, ...string[]],
): string {
  const scope = sourceCode.getScope(node);
  const found = candidates.find((name) => isFree(sourceCode, scope, name));
  if (found !== undefined) return found;
  for (let n = 2; ; n++) {
    const name = `${candidates[0]}${n}`;
    if (isFree(sourceCode, scope, name)) return name;
  }
}
