/**
 * Adding a property to a call's options: merged into an options literal (kept on one line or
 * put on a line of its own, as the literal is written), or a new `{ … }` where the options
 * argument would go. Used to forward `signal` to spawners and to any API that accepts one.
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

type SourceCode = Readonly<TSESLint.SourceCode>;
type Arg = TSESTree.CallExpressionArgument;

export type OptionsSlot =
  | { kind: 'object'; node: TSESTree.ObjectExpression }
  /** No options yet: a new object goes before `before` (a callback) or after `after`. */
  | { kind: 'missing'; after: Arg; before: Arg | null }
  /** Passed by name, spread, or at a position syntax cannot tell. */
  | { kind: 'unknown' };

/** The property `name` of an options literal, or `null`; `'spread'` when a spread may hold it. */
export function optionProperty(
  options: TSESTree.ObjectExpression,
  name: string,
): TSESTree.Property | 'spread' | null {
  let spread = false;
  for (const property of options.properties) {
    if (property.type === 'SpreadElement') {
      spread = true;
      continue;
    }
    const key = property.key;
    const keyName =
      !property.computed && key.type === 'Identifier'
        ? key.name
        : key.type === 'Literal'
          ? String(key.value)
          : null;
    if (keyName === name) return property;
  }
  return spread ? 'spread' : null;
}

/**
 * The fix that adds `property` (the text `signal` or `signal: x`) named `name` to the options
 * in `slot`; `null` when the options come by name or spread, or already have `name`.
 */
export function addOption(
  sourceCode: SourceCode,
  slot: OptionsSlot,
  name: string,
  property: string,
): TSESLint.ReportFixFunction | null {
  if (slot.kind === 'unknown') return null;
  if (slot.kind === 'missing') {
    const { before, after } = slot;
    return before
      ? (fixer) => fixer.insertTextBefore(before, `{ ${property} }, `)
      : (fixer) => fixer.insertTextAfter(after, `, { ${property} }`);
  }
  const options = slot.node;
  if (optionProperty(options, name) !== null) return null;
  const last = options.properties.at(-1);
  if (last === undefined) {
    if (sourceCode.getCommentsInside(options).length > 0) return null;
    return (fixer) => fixer.replaceText(options, `{ ${property} }`);
  }
  const comma = sourceCode.getTokenAfter(last);
  const trailing = comma?.value === ',' ? comma : null;
  const anchor = trailing ?? last;
  if (last.loc.end.line === options.loc.end.line) {
    const text = trailing ? ` ${property},` : `, ${property}`;
    return (fixer) => fixer.insertTextAfter(anchor, text);
  }
  // `\n`: `createRule` writes fix text in the file's own line endings.
  const indent = /^\s*/.exec(sourceCode.lines[last.loc.start.line - 1] ?? '')?.[0] ?? '';
  const text = `${trailing ? '' : ','}\n${indent}${property}${trailing ? ',' : ''}`;
  return (fixer) => fixer.insertTextAfter(anchor, text);
}
