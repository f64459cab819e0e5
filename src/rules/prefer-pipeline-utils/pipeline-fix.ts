/**
 * The rewrite `a.pipe(b).pipe(c);` → `pipeline(a, b, c, (err) => { … });`, importing
 * `pipeline` the way the file imports (see `add-import.ts`). Offered only for a chain used as
 * a statement, without comments, when the name is free: as an autofix when only the chain
 * sees its streams (`onlyThisChainSees`), else as a suggestion.
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '@typescript-eslint/types';

import { findVariable, skipWrappers, soleInitializer } from '../../utils/ast/index.js';
import { planNamedImport } from '../../analysis/fixes/add-import.js';
import { isTypeScriptFile } from '../../analysis/fixes/leak-fixes.js';
import { freeName } from '../../analysis/fixes/names.js';
import type { PipeCall } from './pipe-chains.js';

type SourceCode = Readonly<TSESLint.SourceCode>;

/** A TypeScript file: the callback's parameter gets a type that strict mode accepts. */

/**
 * The fix, or `null` when the rewrite could change what the code means or lose text. With
 * `rethrow`, the callback throws the error, as the unhandled `'error'` event did before (the
 * autofix); otherwise it logs it, for the user to replace (the suggestion).
 */
export function pipelineFix(
  sourceCode: SourceCode,
  filename: string,
  outer: PipeCall,
  top: TSESTree.Node,
  streams: readonly TSESTree.Node[],
  rethrow: boolean,
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
  const param = isTypeScriptFile(filename) ? `${err}: NodeJS.ErrnoException | null` : err;
  const handle = rethrow ? `throw ${err};` : `console.error(${err});`;
  const replacement = `${plan.reference}(${parts.join(', ')}, (${param}) => {\n${indent}${step}if (${err}) ${handle}\n${indent}})`;
  return (fixer) => {
    const fixes = [fixer.replaceText(outer, replacement)];
    if (plan.fix !== null) fixes.push(plan.fix(fixer));
    return fixes;
  };
}

/**
 * Streams that nothing but this chain can see: each is created in the chain itself, or is a
 * `const` initialized with a stream factory and used only here. Nothing else listens to
 * them or can close them early, so an error crashed the process before and, rethrown from
 * `pipeline()`'s callback, still does: the rewrite only adds the cleanup.
 */
export function onlyThisChainSees(
  sourceCode: SourceCode,
  streams: readonly TSESTree.Node[],
  isFactory: (node: TSESTree.Node) => boolean,
): boolean {
  return streams.every((stream) => {
    const node = skipWrappers(stream);
    if (node.type !== AST_NODE_TYPES.Identifier) return isFactory(node);
    const variable = findVariable(sourceCode, node);
    const init = soleInitializer(variable);
    if (init === null || !isFactory(init)) return false;
    const declaration = variable?.defs[0]?.parent;
    if (declaration?.type !== AST_NODE_TYPES.VariableDeclaration || declaration.kind !== 'const') {
      return false;
    }
    return (variable?.references ?? []).every(
      (reference) => reference.init === true || reference.identifier === node,
    );
  });
}
