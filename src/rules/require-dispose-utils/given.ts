/**
 * Resources a function is given (issue 10 item 6): a parameter that the function releases as
 * the last step of its main path (`await fh.close()`, `client.release()`, `s.destroy()` as a
 * statement of the body itself, or of a `try` block there) is the function's own, so an early
 * `return` that skips the release leaks it. A release only in a branch (`if (err)
 * socket.destroy(err)`) is how a borrower gives up on a value it does not own (a step of a
 * protocol, an error handler): it makes no owner.
 *
 * Which kind, in the order `givenEntry` asks: an annotation naming a catalog type
 * (`FileHandle` from `node:fs/promises`, `PoolClient` from `pg`); with types, the parameter's
 * type; untyped, the release itself (`close`, `destroy`, `release`: a response's `end()` is
 * not one).
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import { annotationImport, closingCall, givenEntry } from '../../analysis/resolve/given.js';
import { entryForValueType, typedOnly } from '../../analysis/types/type-queries.js';
import { CATALOG } from '../../catalog/index.js';
import type { ResourceEntry } from '../../catalog/types.js';
import type { FunctionNode } from '../../utils/ast/index.js';

type SourceCode = Readonly<TSESLint.SourceCode>;

/** Methods whose call as a statement of the body says the function owns the value. */
const OWNING_RELEASES: ReadonlySet<string> = new Set(['close', 'destroy', 'release', 'end']);

/** Of those, the ones that say so without types: `res.end()` ends a response, not a resource. */
const UNTYPED_RELEASES: ReadonlySet<string> = new Set(['close', 'destroy', 'release']);

/** A resource known only by its release, untyped: released by the methods untyped code uses. */
const GIVEN: ResourceEntry = {
  id: 'given',
  label: 'resource',
  kind: 'other',
  acquire: { via: 'call', from: [] },
  releaseMethods: [...UNTYPED_RELEASES],
};

/** `ref.m(…)` as a statement of `fn`'s body (or of a `try` block there), `m` a release: `m`. */
export function bodyRelease(ref: TSESTree.Node, fn: FunctionNode): string | null {
  return closingCall(ref, fn, OWNING_RELEASES);
}

/** The catalog entries this rule owns, by type package and name. */
function annotatedEntry(
  sourceCode: SourceCode,
  param: TSESTree.Identifier,
  owned: readonly ResourceEntry[],
): ResourceEntry | false | null {
  const named = annotationImport(sourceCode, param);
  if (named === 'none') return null;
  const annotation = param.typeAnnotation?.typeAnnotation;
  // `fh: any`: as good as none.
  if (annotation?.type === 'TSAnyKeyword' || annotation?.type === 'TSUnknownKeyword') return null;
  if (named === null) return false;
  return (
    owned.find(
      (entry) => entry.typePackage === named.module && entry.typeNames?.includes(named.name),
    ) ?? false
  );
}

/** The entry to follow parameter `param` of `fn` with, or `null` (see the file's comment). */
export function givenResource(
  sourceCode: SourceCode,
  param: TSESTree.Identifier,
  fn: FunctionNode,
  owns: (entry: ResourceEntry) => boolean,
): ResourceEntry | null {
  const owned = typedOnly(CATALOG).filter(owns);
  return givenEntry(sourceCode, param, fn, {
    owns: (ref) => bodyRelease(ref, fn) !== null,
    annotated: (p) => annotatedEntry(sourceCode, p, owned),
    typed: (type) => entryForValueType(type, owned),
    untyped: (refs) =>
      refs.some((ref) => UNTYPED_RELEASES.has(bodyRelease(ref, fn) ?? '')) ? GIVEN : null,
  });
}
