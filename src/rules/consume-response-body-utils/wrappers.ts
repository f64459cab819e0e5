/**
 * Responses that pass through a function: a wrapper declared in the same file that returns
 * `fetch(...)` (or `await fetch(...)`) hands its caller the response, and with types, any call
 * whose result is a `Response` (the global one, undici's) does too.
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import type * as ts from 'typescript';

import type { Acquisition } from '../../analysis/engine/finder.js';
import { findAcquisition } from '../../analysis/resolve/match.js';
import { callMayReturn } from '../../analysis/types/type-queries.js';
import { typeServices } from '../../analysis/types/type-services.js';
import { CATALOG } from '../../catalog/index.js';
import type { ResourceEntry } from '../../catalog/types.js';
import {
  childrenOf,
  findVariable,
  isFunctionNode,
  type FunctionNode,
} from '../../utils/ast/index.js';

export const FETCH = CATALOG.find((entry) => entry.id === 'fetch')!;

/** Methods and static calls that give a `Response` the code builds or copies itself. */
const NOT_RECEIVED = new Set(['clone', 'json', 'error', 'redirect']);

/** The memo key of the `Response` test of `callMayReturn`. */
const RESPONSE_TEST = {};

type SourceCode = Readonly<TSESLint.SourceCode>;

/** The arguments of every `return` of `fn` (not of nested functions), or its expression body. */
function returnedValues(fn: FunctionNode): TSESTree.Node[] {
  if (fn.body.type !== 'BlockStatement') return [fn.body];
  const out: TSESTree.Node[] = [];
  const visit = (n: TSESTree.Node): void => {
    if (isFunctionNode(n) || n.type === 'ClassBody') return;
    if (n.type === 'ReturnStatement') {
      if (n.argument) out.push(n.argument);
      return;
    }
    for (const child of childrenOf(n)) visit(child);
  };
  visit(fn.body);
  return out;
}

/** Whether every value `fn` returns is the response of a catalog `fetch` (awaited or not). */
function returnsFetch(sourceCode: SourceCode, fn: FunctionNode): boolean {
  const values = returnedValues(fn);
  return (
    values.length > 0 &&
    values.every((value) => {
      const call = value.type === 'AwaitExpression' ? value.argument : value;
      return (
        call.type === 'CallExpression' &&
        findAcquisition(sourceCode, call)?.kind === 'response-body'
      );
    })
  );
}

/** The function a callee names in this file: `function api()`, `const api = () => …`. */
function localFunction(sourceCode: SourceCode, callee: TSESTree.Node): FunctionNode | null {
  if (callee.type !== 'Identifier') return null;
  const def = findVariable(sourceCode, callee)?.defs[0];
  if (def?.type === 'FunctionName' && def.node.type === 'FunctionDeclaration') return def.node;
  if (def?.type === 'Variable' && def.parent.kind === 'const') {
    const init = def.node.init;
    if (init && isFunctionNode(init)) return init;
  }
  return null;
}

/**
 * The entry to track a call with when it hands over a response the catalog does not see:
 * a wrapper of `fetch` in this file, or (with types) a call typed `Response`.
 */
export function wrappedResponse(sourceCode: SourceCode, node: Acquisition): ResourceEntry | null {
  if (node.type !== 'CallExpression') return null;
  const fn = localFunction(sourceCode, node.callee);
  if (fn !== null) return returnsFetch(sourceCode, fn) ? FETCH : null;
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
