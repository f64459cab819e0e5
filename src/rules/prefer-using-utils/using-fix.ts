/**
 * The `prefer-using` suggestion: `const x = …; try { body } finally { x.close() }` becomes
 * `using x = …; body` (or a block around both, where disposal must stay where `finally` ran).
 * Every comment outside the `finally` is kept; the body keeps its own block where lifting
 * its declarations would shadow a name the surrounding code reads.
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import { reindented } from '../../analysis/fixes/leak-fixes.js';

type SourceCode = Readonly<TSESLint.SourceCode>;

/**
 * Whether a name the try body declares is also declared around it, or read around it (in the
 * declaration's initializer, a closure, the code before or after) from an outer scope: lifted
 * out of its block, it would shadow that name (TS2448, a temporal-dead-zone error at run time).
 */
function bodyNamesClash(sourceCode: SourceCode, tryStatement: TSESTree.TryStatement): boolean {
  const inner = sourceCode.getScope(tryStatement.block);
  const outer = sourceCode.getScope(tryStatement);
  if (inner === outer) return false;
  const readAround = new Set(outer.through.map((ref) => ref.identifier.name));
  return inner.variables.some((v) => outer.set.has(v.name) || readAround.has(v.name));
}

/**
 * The range inside the braces of `block`, from its first to its last token or comment (empty
 * when nothing is inside).
 */
function blockContent(sourceCode: SourceCode, block: TSESTree.BlockStatement): [number, number] {
  const open = sourceCode.getFirstToken(block)!;
  const close = sourceCode.getLastToken(block)!;
  const first = sourceCode.getTokenAfter(open, { includeComments: true })!;
  const last = sourceCode.getTokenBefore(close, { includeComments: true })!;
  return first === close ? [open.range[1], open.range[1]] : [first.range[0], last.range[1]];
}

/**
 * The fix replacing `declaration` and the `try` after it with a `keyword` declaration, or
 * `null` when it cannot keep every comment or every use of the binding.
 */
export function usingInsteadOfFinally(
  sourceCode: SourceCode,
  declaration: TSESTree.VariableDeclaration,
  tryStatement: TSESTree.TryStatement,
  keyword: string,
): ((fixer: TSESLint.RuleFixer) => TSESLint.RuleFix) | null {
  // Comments in the `finally` (or around its keyword) belong to the release that goes away.
  const block = tryStatement.block;
  const all = sourceCode.getCommentsInside(tryStatement);
  if (all.length !== sourceCode.getCommentsInside(block).length) return null;
  const outer = tryStatement.parent as TSESTree.BlockStatement;
  const isLast = outer.body[outer.body.length - 1] === tryStatement;
  // As the block's last statement the try body can join the block (same disposal point);
  // otherwise a new block keeps disposal where `finally` ran, and the binding inside it must
  // not be read after it.
  const wrap = !isLast;
  if (wrap) {
    const variables = sourceCode.getDeclaredVariables(declaration);
    const after = tryStatement.range[1];
    if (variables.some((v) => v.references.some((r) => r.identifier.range[0] >= after)))
      return null;
  }
  const keepBlock = bodyNamesClash(sourceCode, tryStatement);
  const indent = /^\s*/.exec(sourceCode.lines[declaration.loc.start.line - 1] ?? '')?.[0] ?? '';
  const head = `${keyword} ${sourceCode
    .getText(declaration)
    .replace(/^const\b/, '')
    .trimStart()}`;
  const shift = wrap ? 2 : 0;
  // What separates the declaration from `try`: kept as written when it holds comments.
  const gapRange = [declaration.range[1], tryStatement.range[0]] as const;
  const gapHasComments = sourceCode
    .getCommentsAfter(declaration)
    .some((c) => c.range[1] <= tryStatement.range[0]);
  const gap = gapHasComments
    ? reindented(sourceCode, gapRange[0], gapRange[1], shift)
    : `\n${indent}${' '.repeat(shift)}`;
  let rest: string;
  if (keepBlock) {
    rest = reindented(sourceCode, block.range[0], block.range[1], shift);
  } else {
    const [from, to] = blockContent(sourceCode, block);
    rest = from === to ? '' : reindented(sourceCode, from, to, shift - 2);
  }
  const inner = rest ? `${head}${gap}${rest}` : `${head}${gapHasComments ? gap.trimEnd() : ''}`;
  const text = wrap ? `{\n${indent}  ${inner}\n${indent}}` : inner;
  return (fixer) => fixer.replaceTextRange([declaration.range[0], tryStatement.range[1]], text);
}
