/**
 * Fixes in the file's own line endings. Rules build fix and suggestion text with `\n`; in a
 * file whose lines end in `\r\n` that would leave mixed endings behind (issue 17, 6). Rather
 * than ask every fixer to remember, `createRule` hands rules a context whose `report` rewrites
 * the line breaks of every fix and suggestion to the file's, when the file uses `\r\n`.
 */
import type { TSESLint } from '@typescript-eslint/utils';

/** The file's line break: that of its first line. */
export function lineBreakOf(text: string): '\n' | '\r\n' {
  const at = text.indexOf('\n');
  return at > 0 && text[at - 1] === '\r' ? '\r\n' : '\n';
}

type Fix = TSESLint.RuleFix;
type FixFunction = TSESLint.ReportFixFunction;

/** Each fix's line breaks, whether copied from the file or written by the rule, as `\r\n`. */
function crlfFix(fix: FixFunction): FixFunction {
  return (fixer) => {
    const result = fix(fixer);
    if (result === null) return null;
    const fixes: Fix[] = Symbol.iterator in result ? [...(result as Iterable<Fix>)] : [result];
    return fixes.map((one) => ({ ...one, text: one.text.replace(/\r?\n/g, '\r\n') }));
  };
}

/** `context` itself for `\n` files; for `\r\n` files, one whose reports' fixes keep `\r\n`. */
export function withFileLineEndings<
  Context extends TSESLint.RuleContext<string, readonly unknown[]>,
>(context: Context): Context {
  if (lineBreakOf(context.sourceCode.text) === '\n') return context;
  const report: Context['report'] = (descriptor) =>
    context.report({
      ...descriptor,
      ...(descriptor.fix && { fix: crlfFix(descriptor.fix) }),
      ...(descriptor.suggest && {
        suggest: descriptor.suggest.map((s) => ({ ...s, fix: crlfFix(s.fix) })),
      }),
    });
  return Object.create(context, { report: { value: report } }) as Context;
}
