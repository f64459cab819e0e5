/**
 * Responses a function is given: a parameter that is a fetch `Response`, and that the function
 * reads or cancels on some path (the engine decides that part: a function that only looks at
 * the status or headers leaves the body to its caller). A parameter is a `Response` when
 *
 * - it is annotated `Response`, and that name is the global one or an import from a fetch
 *   module (Express's, Koa's or a local `Response` is something else);
 * - with types, its type is the fetch `Response`;
 * - without either, its uses say so: a body read with no argument (`res.json()`, not
 *   Express's `res.json(data)`) and a look at `res.ok` or `res.status` as properties (Express,
 *   Puppeteer and Playwright call `status()`).
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import { typeServices } from '../../analysis/types/type-services.js';
import { READING_METHODS } from '../../catalog/responses.js';
import type { ResourceEntry } from '../../catalog/types.js';
import {
  findVariable,
  outermostWrapper as outer,
  staticPropertyName,
  type FunctionNode,
} from '../../utils/ast/index.js';
import { releasesResponse } from './response-body.js';
import { FETCH, isFetchResponse } from './wrappers.js';

type SourceCode = Readonly<TSESLint.SourceCode>;

/** Modules whose `Response` is the fetch one. */
const FETCH_MODULES = new Set(['undici', 'undici-types', 'node-fetch', 'cross-fetch']);

/** `ts.TypeFlags.Any | ts.TypeFlags.Unknown`, without loading TypeScript at run time. */
const ANY_OR_UNKNOWN = 1 | 2;

/** Properties of a fetch `Response` that other response objects have as methods. */
const FETCH_PEEKS = new Set(['ok', 'status']);

/** What a `Response` annotation names: the fetch one, another, or no `Response` annotation. */
function annotated(sourceCode: SourceCode, param: TSESTree.Identifier): boolean | null {
  const annotation = param.typeAnnotation?.typeAnnotation;
  if (annotation === undefined) return null;
  if (annotation.type !== 'TSTypeReference' || annotation.typeName.type !== 'Identifier')
    return false;
  if (annotation.typeName.name !== 'Response') return false;
  const def = findVariable(sourceCode, annotation.typeName)?.defs[0];
  if (def === undefined) return true;
  const declaration = def.parent;
  return (
    def.type === 'ImportBinding' &&
    declaration?.type === 'ImportDeclaration' &&
    FETCH_MODULES.has(declaration.source.value)
  );
}

/** `ref.name`, read and not called. */
function propertyRead(ref: TSESTree.Node): string | null {
  const member = outer(ref).parent;
  if (member?.type !== 'MemberExpression' || outer(member.object) !== outer(ref)) return null;
  const use = outer(member).parent;
  if (use?.type === 'CallExpression' && outer(use.callee) === outer(member)) return null;
  return staticPropertyName(member);
}

/** `ref.json()` and the like, with no argument. */
function readsWithoutArgument(ref: TSESTree.Node): boolean {
  const member = outer(ref).parent;
  if (member?.type !== 'MemberExpression' || outer(member.object) !== outer(ref)) return false;
  const call = outer(member).parent;
  return (
    call?.type === 'CallExpression' &&
    outer(call.callee) === outer(member) &&
    call.arguments.length === 0 &&
    READING_METHODS.has(staticPropertyName(member) ?? '')
  );
}

/** The entry to track parameter `param` of `fn` with: a fetch response the function reads. */
export function givenResponse(
  sourceCode: SourceCode,
  param: TSESTree.Identifier,
  fn: FunctionNode,
): ResourceEntry | null {
  const variable = sourceCode.getDeclaredVariables(fn).find((v) => v.defs[0]?.name === param);
  const refs = variable?.references.map((ref) => ref.identifier) ?? [];
  // Cheap first: without a read or cancel of the body, the function is no owner.
  if (!refs.some((ref) => releasesResponse(ref))) return null;
  const named = annotated(sourceCode, param);
  if (named !== null && !named) {
    // Another annotation: only the checker can still say it is a `Response` (an alias).
    const typed = typeServices(sourceCode);
    return typed !== null && isFetchResponse(typed.typeOf(param)) ? FETCH : null;
  }
  if (named) return FETCH;
  const typed = typeServices(sourceCode);
  if (typed !== null) {
    const type = typed.typeOf(param);
    // A type the checker knows decides; `any` (an untyped callback) falls back to the uses.
    if ((type.flags & ANY_OR_UNKNOWN) === 0) return isFetchResponse(type) ? FETCH : null;
  }
  return refs.some(readsWithoutArgument) &&
    refs.some((ref) => FETCH_PEEKS.has(propertyRead(ref) ?? ''))
    ? FETCH
    : null;
}
