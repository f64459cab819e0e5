/**
 * User-declared resources, in typescript-eslint's `TypeOrValueSpecifier` shape, turned into
 * catalog entries. Rules put `resourceSpecifierSchema` in their options schema and pass
 * `entriesFromOptions(options.resources)` as `extra` to `findAcquisition`.
 */
import type { JSONSchema } from '@typescript-eslint/utils';

import { choice, oneOrMany } from '../utils/schema.js';

import { RESOURCE_KINDS, type ResourceKind } from './types.js';
import { RELEASE_METHODS } from './vocabulary.js';

export interface SpecifierExtras {
  /** Methods that release it; default `RELEASE_METHODS` (`close`, `dispose`, `release`, `end`, …). */
  release?: readonly string[];
  kind?: ResourceKind;
  /** A client that should be shared rather than built per call. */
  client?: boolean;
  /** Words for messages; default the name. */
  label?: string;
}

type Names = string | readonly string[];

export type ResourceSpecifier =
  | string
  | (SpecifierExtras & { from: 'package'; package: string; name: Names })
  | (SpecifierExtras & { from: 'lib'; name: Names })
  | (SpecifierExtras & { from: 'file'; name: Names; path?: string });

/** What releases a user-declared resource when its options name no methods. */
export const DEFAULT_RELEASE_METHODS: readonly string[] = RELEASE_METHODS;

/** Kinds a user may give a resource: every kind but the one types alone find. */
const KINDS = RESOURCE_KINDS.filter((kind) => kind !== 'typed-disposable');

/** JSON schema of a rule's `releaseMethods` option: more names of methods that release a class. */
export const releaseMethodsSchema: JSONSchema.JSONSchema4 = {
  description:
    'More names of methods that release a class instance, besides `[Symbol.dispose]`, `[Symbol.asyncDispose]`, `dispose`, `close`, `destroy`, `end`, `shutdown`, `stop`, `disconnect`, `terminate` and framework teardown hooks.',
  type: 'array',
  items: { type: 'string', minLength: 1 },
  uniqueItems: true,
};

const nameSchema = oneOrMany(
  { type: 'string', minLength: 1 },
  'The export (or global, or declaration) name, or several; a dotted name reaches a member (`MongoClient.connect`).',
);

const extrasSchema: Record<string, JSONSchema.JSONSchema4> = {
  release: {
    description: `Methods that release the resource (default: ${RELEASE_METHODS.join(', ')}).`,
    type: 'array',
    items: { type: 'string', minLength: 1 },
    uniqueItems: true,
  },
  kind: choice(
    KINDS,
    'What kind of resource it is (default: `other`, or `sdk-client` for clients).',
  ),
  client: {
    description: 'A client meant to be built once and shared, not per call.',
    type: 'boolean',
  },
  label: {
    description: 'Words naming the resource in messages (default: its name).',
    type: 'string',
    minLength: 1,
  },
};

/**
 * typescript-eslint's draft-4 schema type has no `if`/`then` (draft 7, which ESLint's Ajv
 * runs) and no union of `type`s with keywords of each.
 */
const draft7 = (schema: object): JSONSchema.JSONSchema4 => schema as JSONSchema.JSONSchema4;

/**
 * JSON schema of one `ResourceSpecifier`, for a rule's options schema (`items` of an array).
 * One schema for the string and the three object forms (see `../utils/schema.ts`), so a
 * mistake gives one line that says what is wrong instead of one failure per alternative.
 */
export const resourceSpecifierSchema = draft7({
  description:
    "A resource to track: a name from any source (a string), or `{ from: 'package' | 'lib' | 'file', name }` as in typescript-eslint's TypeOrValueSpecifier.",
  type: ['string', 'object'],
  minLength: 1,
  additionalProperties: false,
  required: ['from', 'name'],
  properties: {
    from: choice(
      ['package', 'lib', 'file'],
      'Where it is declared: exported by an npm package or Node built-in (`package`, with `package`), a global of the runtime (`lib`: `fetch`, `setInterval`), or declared in a file of the project (`file`, with an optional `path`).',
    ),
    package: {
      description:
        "With `from: 'package'`: the module specifier (`undici`, `node:fs`, `@scope/pkg`).",
      type: 'string',
      minLength: 1,
    },
    name: nameSchema,
    path: {
      description:
        "With `from: 'file'`: the declaring file (matched by base name against relative imports); omit for any file.",
      type: 'string',
      minLength: 1,
    },
    ...extrasSchema,
  },
  // `package` goes with `from: 'package'` and `path` with `from: 'file'`: either one given
  // with another `from` fails on `from`, with the value it needs.
  dependencies: {
    package: { type: 'object', properties: { from: { type: 'string', pattern: '^package$' } } },
    path: { type: 'object', properties: { from: { type: 'string', pattern: '^file$' } } },
  },
  if: { properties: { from: { const: 'package' } }, required: ['from'] },
  then: { required: ['package'] },
});
