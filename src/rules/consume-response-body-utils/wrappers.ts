/**
 * Responses that pass through a function: a wrapper declared in the same file that returns
 * `fetch(...)` (or `await fetch(...)`) hands its caller the response, and with types, any call
 * whose result is a `Response` (the global one, undici's) does too.
 */
import type { TSESLint } from '@typescript-eslint/utils';
import type * as ts from 'typescript';

import type { Acquisition } from '../../analysis/engine/finder.js';
import { findAcquisition } from '../../analysis/resolve/match.js';
import { callMayReturn } from '../../analysis/types/type-queries.js';
import { typeServices } from '../../analysis/types/type-services.js';
import { CATALOG } from '../../catalog/index.js';
import type { ResourceEntry } from '../../catalog/types.js';
import { createWrapperFinder, localFunction } from '../../analysis/resolve/wrappers.js';
import { perFile } from '../../utils/per-file.js';

export const FETCH = CATALOG.find((entry) => entry.id === 'fetch')!;

/** Methods and static calls that give a `Response` the code builds or copies itself. */
const NOT_RECEIVED = new Set(['clone', 'json', 'error', 'redirect']);

/** The memo key of the `Response` test of `callMayReturn`. */
const RESPONSE_TEST = {};

type SourceCode = Readonly<TSESLint.SourceCode>;

/** Per file: the wrappers whose every return is the response of a catalog `fetch`. */
const WRAPPERS = {};
const fetchWrappers = (sourceCode: SourceCode): ReturnType<typeof createWrapperFinder> =>
  perFile(sourceCode, WRAPPERS, () =>
    createWrapperFinder(
      sourceCode,
      (call) => {
        const entry = findAcquisition(sourceCode, call);
        return entry?.kind === 'response-body' ? entry : null;
      },
      { bindings: false },
    ),
  );

/**
 * The entry to track a call with when it hands over a response the catalog does not see:
 * a wrapper of `fetch` in this file, or (with types) a call typed `Response`.
 */
export function wrappedResponse(sourceCode: SourceCode, node: Acquisition): ResourceEntry | null {
  if (node.type !== 'CallExpression') return null;
  if (localFunction(sourceCode, node.callee) !== null)
    return fetchWrappers(sourceCode)(node) !== null ? FETCH : null;
  const typed = typeServices(sourceCode);
  if (typed === null) return null;
  const callee = node.callee;
  if (callee.type === 'MemberExpression' && callee.property.type === 'Identifier') {
    if (NOT_RECEIVED.has(callee.property.name)) return null;
  }
  // The callee's declared returns first (once per declaration): resolving the call checks
  // its arguments.
  if (!callMayReturn(typed, node, RESPONSE_TEST, (_, type) => isFetchResponse(type))) return null;
  const raw = typed.typeOf(node);
  return isFetchResponse(typed.checker.getAwaitedType(raw) ?? raw) ? FETCH : null;
}

/** The fetch `Response` (global, undici's, the DOM's): by name and its body readers. */
export function isFetchResponse(type: ts.Type): boolean {
  const name = (type.getSymbol() ?? type.aliasSymbol)?.getName();
  return name === 'Response' && !!type.getProperty('bodyUsed') && !!type.getProperty('json');
}
