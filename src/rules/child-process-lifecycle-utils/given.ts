/**
 * Children a function is given (issue 10 item 6): a parameter the function kills as a step of
 * its main path (`child.kill()` as a statement of its body, or of a `try` block there) is the
 * function's to stop, so an early `return` that leaves it running skips that stop. A kill only
 * in a branch (`if (timedOut) child.kill()`) makes no owner.
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import { annotationImport, closingCall, givenEntry } from '../../analysis/resolve/given.js';
import { entryForValueType, typedOnly } from '../../analysis/types/type-queries.js';
import { CHILD_PROCESS_ENTRIES } from '../../catalog/child-process.js';
import { CATALOG } from '../../catalog/index.js';
import type { ResourceEntry } from '../../catalog/types.js';
import type { FunctionNode } from '../../utils/ast/index.js';
import { endSettled, factsOf } from './uses.js';

type SourceCode = Readonly<TSESLint.SourceCode>;

const CHILD = CHILD_PROCESS_ENTRIES[0];

/** What stops a child the function owns. */
export const KILLS: ReadonlySet<string> = new Set(['kill']);

/** The entry to follow parameter `param` of `fn` with: a child it kills at its end. */
export function givenChild(
  sourceCode: SourceCode,
  param: TSESTree.Identifier,
  fn: FunctionNode,
): ResourceEntry | null {
  return givenEntry(sourceCode, param, fn, {
    owns: (ref) => closingCall(ref, fn, KILLS) !== null,
    annotated: (p) => {
      const named = annotationImport(sourceCode, p);
      if (named === 'none') return null;
      return named?.module === 'child_process' && named.name === 'ChildProcess' ? CHILD : false;
    },
    typed: (type) =>
      entryForValueType(type, typedOnly(CATALOG))?.kind === 'child-process' ? CHILD : null,
    untyped: () => CHILD,
  });
}

/** On a path of a function that owns the child: stopped (`kill()`) or its exit settled. */
export function stopsGiven(sourceCode: SourceCode, ref: TSESTree.Node): boolean {
  const member = ref.parent;
  if (
    member?.type === 'MemberExpression' &&
    member.object === ref &&
    member.property.type === 'Identifier' &&
    KILLS.has(member.property.name) &&
    member.parent.type === 'CallExpression' &&
    member.parent.callee === member
  )
    return true;
  return endSettled(factsOf(sourceCode, [ref]));
}
