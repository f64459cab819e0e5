/**
 * Option schemas shaped for ESLint's error output. ESLint prints one line per JSON-schema
 * error and does not list an `enum`'s values, so a `oneOf` of alternatives buries the useful
 * line among one failure per branch. These builders give each option one schema: a bad value
 * then fails with one line that names it and, for choices, the values allowed.
 */
import type { JSONSchema } from '@typescript-eslint/utils';

const escape = (value: string): string => value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** `` `a`, `b`, `c` ``: the values as a description lists them. */
const listed = (values: readonly string[]): string => values.map((v) => `\`${v}\``).join(', ');

/**
 * One of a few strings. A pattern rather than an `enum`, so that ESLint's message lists the
 * values: `Value "pkg" should match pattern "^(package|lib|file)$"`.
 */
export const choice = (values: readonly string[], description: string): JSONSchema.JSONSchema4 => ({
  description: `${description} One of ${listed(values)}.`,
  type: 'string',
  pattern: `^(${values.map(escape).join('|')})$`,
});

/**
 * Several of a few strings: an array of `choice`s. The values go in the array's own description
 * too, since the rule docs' options table (eslint-doc-generator) shows that one, not the items'.
 */
export const choices = (
  values: readonly string[],
  description: string,
): JSONSchema.JSONSchema4 => ({
  description: `${description} Any of ${listed(values)}.`,
  type: 'array',
  items: choice(values, 'One value.'),
  uniqueItems: true,
});

/** A string, or a non-empty array of such strings, as one schema (not a `oneOf`). */
export const oneOrMany = (
  item: JSONSchema.JSONSchema4,
  description: string,
): JSONSchema.JSONSchema4 => ({
  description,
  type: ['string', 'array'],
  ...Object.fromEntries(Object.entries(item).filter(([key]) => key !== 'type')),
  items: item,
  minItems: 1,
  uniqueItems: true,
});
