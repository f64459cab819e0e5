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

import { givenEntry } from '../../analysis/resolve/given.js';
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
  return givenEntry(sourceCode, param, fn, {
    // Without a read or cancel of the body, the function is no owner.
    owns: (ref) => releasesResponse(ref),
    annotated: (p) => {
      const named = annotated(sourceCode, p);
      return named === null ? null : named && FETCH;
    },
    typed: (type) => (isFetchResponse(type) ? FETCH : null),
    untyped: (refs) =>
      refs.some(readsWithoutArgument) &&
      refs.some((ref) => FETCH_PEEKS.has(propertyRead(ref) ?? ''))
        ? FETCH
        : null,
  });
}
