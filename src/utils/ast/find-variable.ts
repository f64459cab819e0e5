/** The variable an identifier refers to, through the scope manager, looked up once per file. */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import { perFile } from '../per-file.js';

type Scope = TSESLint.Scope.Scope;
type Variable = TSESLint.Scope.Variable;
type Reference = TSESLint.Scope.Reference;

/** What the AST helpers and the resolver need from ESLint's `SourceCode` (`context.sourceCode`). */
export type SourceCodeLike = Readonly<
  Pick<TSESLint.SourceCode, 'ast' | 'getScope' | 'scopeManager' | 'text'>
>;

const REFERENCES = {};
const VARIABLES = {};

function referencesOf(sourceCode: SourceCodeLike, scope: Scope): Map<TSESTree.Node, Reference> {
  const byScope = perFile(
    sourceCode,
    REFERENCES,
    () => new Map<Scope, Map<TSESTree.Node, Reference>>(),
  );
  let index = byScope.get(scope);
  if (index === undefined) {
    index = new Map();
    for (const reference of scope.references) index.set(reference.identifier, reference);
    byScope.set(scope, index);
  }
  return index;
}

/** The variable `name` denotes in `scope`: the nearest declaration up the scope chain. */
export function variableInScope(scope: Scope | null, name: string): Variable | undefined {
  for (let s = scope; s !== null; s = s.upper) {
    const variable = s.set.get(name);
    if (variable !== undefined) return variable;
  }
  return undefined;
}

function lookUp(sourceCode: SourceCodeLike, id: TSESTree.Identifier): Variable | undefined {
  const scope = sourceCode.getScope(id);
  const reference = referencesOf(sourceCode, scope).get(id);
  if (reference !== undefined) return reference.resolved ?? undefined;
  return variableInScope(scope, id.name);
}

/**
 * The variable an identifier refers to: its reference in the enclosing scope, else a lookup by
 * name up the scope chain. `undefined` when nothing in the file declares it (an undeclared
 * global).
 */
export function findVariable(
  sourceCode: SourceCodeLike,
  id: TSESTree.Identifier,
): Variable | undefined {
  // Several rules ask about the same callee: each identifier is looked up once per file.
  const known = perFile(sourceCode, VARIABLES, () => new Map<TSESTree.Node, Variable | null>());
  let variable = known.get(id);
  if (variable === undefined) {
    variable = lookUp(sourceCode, id) ?? null;
    known.set(id, variable);
  }
  return variable ?? undefined;
}
