/**
 * The `prefer-using` suggestion: `const x = …; try { body } finally { x.close() }` becomes
 * `using x = …; body` (or a block around both, where disposal must stay where `finally` ran).
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import { reindented } from '../../analysis/fixes/leak-fixes.js';
import { inRange } from '../../utils/ast/index.js';

type SourceCode = Readonly<TSESLint.SourceCode>;

/** Names the try body declares that the surrounding block declares too. */
function bodyNamesClash(sourceCode: SourceCode, tryStatement: TSESTree.TryStatement): boolean {
  const inner = sourceCode.getScope(tryStatement.block);
  const outer = sourceCode.getScope(tryStatement);
  return inner !== outer && inner.variables.some((v) => outer.set.has(v.name));
}

/**
 * The fix replacing `declaration` and the `try` after it with a `keyword` declaration, or
 * `null` when comments between the pieces would be lost.
 */
export function usingInsteadOfFinally(
  sourceCode: SourceCode,
  declaration: TSESTree.VariableDeclaration,
  tryStatement: TSESTree.TryStatement,
  keyword: string,
): ((fixer: TSESLint.RuleFixer) => TSESLint.RuleFix) | null {
  const between = sourceCode.getCommentsInside(tryStatement);
  const body = tryStatement.block.body;
  const inBody = body.length
    ? sourceCode
        .getCommentsInside(tryStatement.block)
        .filter((c) => inRange(c, body[0].range[0], body[body.length - 1].range[1]))
    : [];
  if (between.length !== inBody.length) return null;
  const block = tryStatement.parent as TSESTree.BlockStatement;
  const isLast = block.body[block.body.length - 1] === tryStatement;
  const indent = /^\s*/.exec(sourceCode.lines[declaration.loc.start.line - 1] ?? '')?.[0] ?? '';
  const head = `${keyword} ${sourceCode
    .getText(declaration)
    .replace(/^const\b/, '')
    .trimStart()}`;
  // As the block's last statement the try body can join the block (same disposal point);
  // otherwise a new block keeps disposal where `finally` ran.
  const wrap = !isLast || bodyNamesClash(sourceCode, tryStatement);
  const bodyText = body.length
    ? reindented(sourceCode, body[0].range[0], body[body.length - 1].range[1], wrap ? 0 : -2)
    : '';
  const text = wrap
    ? `{\n${indent}  ${head}\n${indent}  ${bodyText}\n${indent}}`
    : `${head}${bodyText ? `\n${indent}${bodyText}` : ''}`;
  return (fixer) => fixer.replaceTextRange([declaration.range[0], tryStatement.range[1]], text);
}
