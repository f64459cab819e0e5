import type { TSESTree } from '@typescript-eslint/utils';

/**
 * The property `name` (a plain key) of an object literal among a call's arguments:
 * `{ signal }` in `fetch(url, { signal })`, `{ autoClose: false }` in
 * `fh.createReadStream({ autoClose: false })`. `null` when no literal argument sets it.
 */
export function literalOption(
  call: TSESTree.CallExpression | TSESTree.NewExpression,
  name: string,
): TSESTree.Property | null {
  for (const arg of call.arguments) {
    if (arg.type !== 'ObjectExpression') continue;
    for (const property of arg.properties) {
      if (
        property.type === 'Property' &&
        !property.computed &&
        property.key.type === 'Identifier' &&
        property.key.name === name
      )
        return property;
    }
  }
  return null;
}
