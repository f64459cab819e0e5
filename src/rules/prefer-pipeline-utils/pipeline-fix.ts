/**
 * The `usePipeline` suggestion: `a.pipe(b).pipe(c);` → `pipeline(a, b, c, (err) => { … });`,
 * importing `pipeline` the way the file imports (see `add-import.ts`). Offered only for a
 * chain used as a statement, without comments, when the name is free.
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '@typescript-eslint/types';

import { freeName, planNamedImport } from './add-import.js';
import type { PipeCall } from './pipe-chains.js';

type SourceCode = Readonly<TSESLint.SourceCode>;

/** The fix, or `null` when the rewrite could change what the code means or lose text. */
export function pipelineFix(
  sourceCode: SourceCode,
  outer: PipeCall,
  top: TSESTree.Node,
  streams: readonly TSESTree.Node[],
): TSESLint.ReportFixFunction | null {
  const statement = top.parent;
  if (top !== outer || statement?.type !== AST_NODE_TYPES.ExpressionStatement) return null;
  if (outer.callee.optional || sourceCode.getCommentsInside(outer).length > 0) return null;
  const plan = planNamedImport(sourceCode, outer, { module: 'stream', name: 'pipeline' });
  if (plan === null) return null;
  const line = sourceCode.lines[statement.loc.start.line - 1] ?? '';
  const indent = /^\s*/.exec(line)?.[0] ?? '';
  const step = indent.includes('\t') ? '\t' : '  ';
  const parts = streams.map((stream) => {
    const text = sourceCode.getText(stream);
    return stream.type === AST_NODE_TYPES.SequenceExpression ? `(${text})` : text;
  });
  const err = freeName(sourceCode, outer, ['err', 'error', 'streamErr']);
  const replacement = `${plan.reference}(${parts.join(', ')}, (${err}) => {\n${indent}${step}if (${err}) console.error(${err});\n${indent}})`;
  return (fixer) => {
    const fixes = [fixer.replaceText(outer, replacement)];
    if (plan.fix !== null) fixes.push(plan.fix(fixer));
    return fixes;
  };
}
