/**
 * Resources a function is given: which parameter holds one, and of what kind. The engine
 * follows such a parameter from the function's entry (`LeakSpec.parameters`); this file only
 * says which parameters to follow and with which entry, in one order of evidence that every
 * rule shares:
 *
 * 1. a cheap use that makes the function an owner (a body read, a `close()`): without one the
 *    function borrows what it is given and nothing is asked;
 * 2. the annotation, where it names a type: the rule's kind, or another type;
 * 3. with types, the parameter's type, where the checker knows it;
 * 4. without either, what the uses show.
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import type * as ts from 'typescript';

import { typeServices } from '../types/type-services.js';
import type { ResourceEntry } from '../../catalog/types.js';
import {
  findVariable,
  outermostWrapper,
  staticPropertyName,
  type FunctionNode,
} from '../../utils/ast/index.js';

type SourceCode = Readonly<TSESLint.SourceCode>;

/** `ts.TypeFlags.Any | ts.TypeFlags.Unknown`, without loading TypeScript at run time. */
const ANY_OR_UNKNOWN = 1 | 2;

export interface GivenEvidence {
  /** A use that makes the function the owner of what it is given (step 1). */
  owns(this: void, ref: TSESTree.Identifier): boolean;
  /**
   * What the annotation says (step 2): the entry it names, `false` for another type, `null`
   * where there is no annotation to read.
   */
  annotated(this: void, param: TSESTree.Identifier): ResourceEntry | false | null;
  /** The entry of a type the checker knows (step 3), or `null`. */
  typed(this: void, type: ts.Type): ResourceEntry | null;
  /** The entry the uses show in untyped code (step 4), or `null`. */
  untyped(this: void, refs: readonly TSESTree.Identifier[]): ResourceEntry | null;
}

/** The references of parameter `param` of `fn`, as identifiers. */
export function parameterReferences(
  sourceCode: SourceCode,
  param: TSESTree.Identifier,
  fn: FunctionNode,
): TSESTree.Identifier[] {
  const variable = sourceCode.getDeclaredVariables(fn).find((v) => v.defs[0]?.name === param);
  return (variable?.references ?? [])
    .map((ref) => ref.identifier)
    .filter((id): id is TSESTree.Identifier => id.type === 'Identifier');
}

/** The entry to follow parameter `param` of `fn` with, by the evidence above, or `null`. */
export function givenEntry(
  sourceCode: SourceCode,
  param: TSESTree.Identifier,
  fn: FunctionNode,
  evidence: GivenEvidence,
): ResourceEntry | null {
  const refs = parameterReferences(sourceCode, param, fn);
  if (!refs.some(evidence.owns)) return null;
  const named = evidence.annotated(param);
  if (named !== null && named !== false) return named;
  const services = typeServices(sourceCode);
  // Another annotation: only the checker can still say it is the kind (an alias).
  if (named === false) return services === null ? null : evidence.typed(services.typeOf(param));
  if (services !== null) {
    const type = services.typeOf(param);
    // A type the checker knows decides; `any` (an untyped callback) falls back to the uses.
    if ((type.flags & ANY_OR_UNKNOWN) === 0) return evidence.typed(type);
  }
  return evidence.untyped(refs);
}

/**
 * The module an annotation's type name is imported from (`FileHandle` from
 * `node:fs/promises` → `fs/promises`; `net.Socket` with `import net from 'node:net'` →
 * `net`), with the name itself; `null` for a name not imported (a local or global type).
 */
export function annotationImport(
  sourceCode: SourceCode,
  param: TSESTree.Identifier,
): { module: string; name: string } | null | 'none' {
  const annotation = param.typeAnnotation?.typeAnnotation;
  if (annotation === undefined) return 'none';
  if (annotation.type !== 'TSTypeReference') return null;
  const typeName = annotation.typeName;
  let root: TSESTree.Identifier;
  let name: string;
  if (typeName.type === 'Identifier') {
    root = typeName;
    name = typeName.name;
  } else if (typeName.type === 'TSQualifiedName' && typeName.left.type === 'Identifier') {
    root = typeName.left;
    name = typeName.right.name;
  } else {
    return null;
  }
  const def = findVariable(sourceCode, root)?.defs[0];
  const declaration = def?.parent;
  if (def?.type !== 'ImportBinding' || declaration?.type !== 'ImportDeclaration') return null;
  // `import { FileHandle } from …`: the imported name, not a local alias.
  if (root === typeName && def.node.type === 'ImportSpecifier') {
    const imported = def.node.imported;
    name = imported.type === 'Identifier' ? imported.name : String(imported.value);
  }
  return { module: declaration.source.value.replace(/^node:/, ''), name };
}

/**
 * `ref.m(…)` as a statement of `fn`'s body, or of a `try` block there (`await fh.close()`,
 * `return client.release()`), `m` one of `methods`: the method name, else `null`. A release as
 * the last step of the main path is what makes a function the owner of what it is given; one
 * only in a branch (`if (err) socket.destroy(err)`) is how a borrower gives up on it.
 */
export function closingCall(
  ref: TSESTree.Node,
  fn: FunctionNode,
  methods: ReadonlySet<string>,
): string | null {
  const member = outermostWrapper(ref).parent;
  if (member?.type !== 'MemberExpression' || member.object !== outermostWrapper(ref)) return null;
  const call = outermostWrapper(member).parent;
  if (call?.type !== 'CallExpression' || call.callee !== outermostWrapper(member)) return null;
  const method = staticPropertyName(member);
  if (method === null || !methods.has(method)) return null;
  const statement = outermostWrapper(call, { await: true }).parent;
  if (statement?.type !== 'ExpressionStatement' && statement?.type !== 'ReturnStatement')
    return null;
  const list = statement.parent;
  if (list === fn.body) return method;
  const tried = list?.parent;
  return list?.type === 'BlockStatement' &&
    tried?.type === 'TryStatement' &&
    tried.block === list &&
    tried.parent === fn.body
    ? method
    : null;
}

/**
 * The parameter `id` names, and the function declaring it, or `null` for another binding.
 */
function parameterOf(
  sourceCode: SourceCode,
  id: TSESTree.Identifier,
): { fn: TSESTree.Node; index: number } | null {
  const def = findVariable(sourceCode, id)?.defs[0];
  if (def?.type !== 'Parameter') return null;
  const fn = def.node;
  if (!('params' in fn)) return null;
  const index = fn.params.findIndex((p: TSESTree.Node) => p === def.name);
  return index < 0 ? null : { fn, index };
}

/**
 * A test that says a parameter may hold nothing to release, so an exit in its branch leaks
 * nothing:
 *
 * - it reads a property of the parameter (`if (s.destroyed) return`, `if (ws.readyState !==
 *   OPEN) return`): the function looks at what state the value is in;
 * - it reads the error of an error-first callback that receives the parameter after it
 *   (`pool.getConnection((err, conn) => { if (err) return fail(err); … })`): with an error,
 *   there is no resource.
 */
export function testsParameterState(
  sourceCode: SourceCode,
  test: TSESTree.Node | TSESTree.SwitchCase,
  names: ReadonlySet<string>,
): boolean {
  if (test.type === 'SwitchCase') return false;
  let found = false;
  const visit = (node: TSESTree.Node): void => {
    if (found) return;
    if (
      node.type === 'MemberExpression' &&
      node.object.type === 'Identifier' &&
      names.has(node.object.name) &&
      findVariable(sourceCode, node.object)?.defs[0]?.type === 'Parameter'
    ) {
      found = true;
      return;
    }
    if (node.type === 'Identifier' && errorOfCallback(node)) {
      found = true;
      return;
    }
    for (const [key, value] of Object.entries(node)) {
      if (key === 'parent') continue;
      for (const child of Array.isArray(value) ? value : [value])
        if (child !== null && typeof child === 'object' && 'type' in child)
          visit(child as TSESTree.Node);
    }
  };
  /** `err`, the first parameter of a callback whose later parameter is one of `names`. */
  const errorOfCallback = (id: TSESTree.Identifier): boolean => {
    const param = parameterOf(sourceCode, id);
    if (param?.index !== 0 || !('params' in param.fn)) return false;
    const { fn } = param;
    const call = fn.parent;
    const isArgument =
      (call?.type === 'CallExpression' || call?.type === 'NewExpression') &&
      call.arguments.some((arg) => arg === fn);
    return (
      isArgument && fn.params.some((p, i) => i > 0 && p.type === 'Identifier' && names.has(p.name))
    );
  };
  visit(test);
  return found;
}
