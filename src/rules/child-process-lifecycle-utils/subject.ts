/**
 * Who holds a child and every reference to it: a local (and its aliases), a `using`
 * binding, a class field (assigned directly or from a local), or nobody (dropped).
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import type { Verdict } from '../../analysis/engine/ownership.js';
import {
  enclosingFunction,
  findVariable,
  outermostWrapper,
  type FunctionNode,
} from '../../utils/ast/index.js';
import {
  classBodyOf,
  factsOf,
  fieldKeyOf,
  fieldRefs,
  variableRefs,
  type ChildFacts,
} from './uses.js';

type SourceCode = Readonly<TSESLint.SourceCode>;

export interface Subject {
  name: string;
  kind: 'local' | 'using' | 'field' | 'discarded';
  owner: FunctionNode;
  facts: ChildFacts;
  /** Kept in a field of a class (directly or from a local): the class owns it. */
  field: { private: boolean } | null;
}

/** The field a child is assigned to (`this.#child = …`), with its references in the class. */
function withField(sourceCode: SourceCode, target: TSESTree.Node, refs: TSESTree.Node[]) {
  const key = fieldKeyOf(target);
  const body = key ? classBodyOf(target) : null;
  if (!key || !body) return null;
  return { key, refs: [...refs, ...fieldRefs(sourceCode, body, key)] };
}

/** Who holds the child and every reference to it; `null` for shapes left to others. */
export function subjectOf(
  sourceCode: SourceCode,
  node: TSESTree.CallExpression,
  verdict: Verdict,
): Subject | null {
  const owner = enclosingFunction(node);
  if (!owner || verdict.kind === 'module' || verdict.kind === 'unknown') return null;
  if (verdict.kind === 'discarded')
    return { name: '', kind: 'discarded', owner, facts: factsOf(sourceCode, [node]), field: null };
  let value: TSESTree.Node = outermostWrapper(node);
  if (value.parent?.type === 'AwaitExpression') value = outermostWrapper(value.parent);
  const parent = value.parent;
  if (parent?.type === 'AssignmentExpression' && parent.right === value) {
    const field = withField(sourceCode, parent.left, []);
    if (field) {
      const name = sourceCode.getText(parent.left);
      const facts = factsOf(sourceCode, field.refs);
      return { name, kind: 'field', owner, facts, field: { private: field.key.private } };
    }
  }
  if (verdict.kind === 'transferred' && verdict.node === node) return null;
  const id =
    parent?.type === 'VariableDeclarator' && parent.init === value
      ? parent.id
      : parent?.type === 'AssignmentExpression'
        ? parent.left
        : null;
  if (id?.type !== 'Identifier') return null;
  const variable = findVariable(sourceCode, id);
  if (!variable) return null;
  const refs = variableRefs(sourceCode, variable);
  let facts = factsOf(sourceCode, refs);
  const stored = facts.transfers.find((t) => t.how === 'field');
  const target = stored ? outermostWrapper(stored.node).parent : null;
  const field =
    target?.type === 'AssignmentExpression' ? withField(sourceCode, target.left, refs) : null;
  if (field) facts = factsOf(sourceCode, field.refs);
  const declaration = parent?.parent;
  const using =
    declaration?.type === 'VariableDeclaration' &&
    (declaration.kind === 'using' || declaration.kind === 'await using');
  return {
    name: id.name,
    kind: field ? 'field' : using ? 'using' : 'local',
    owner,
    facts,
    field: field ? { private: field.key.private } : null,
  };
}
