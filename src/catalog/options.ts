/**
 * User-declared resources, in typescript-eslint's `TypeOrValueSpecifier` shape, turned into
 * catalog entries. Rules put `resourceSpecifierSchema` in their options schema and pass
 * `entriesFromOptions(options.resources)` as `extra` to `findAcquisition`.
 */
import type { JSONSchema } from '@typescript-eslint/utils';

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

const nameSchema: JSONSchema.JSONSchema4 = {
  description:
    'The export (or global, or declaration) name, or several; a dotted name reaches a member (`MongoClient.connect`).',
  oneOf: [
    { type: 'string', minLength: 1 },
    { type: 'array', items: { type: 'string', minLength: 1 }, minItems: 1, uniqueItems: true },
  ],
};

const extrasSchema: Record<string, JSONSchema.JSONSchema4> = {
  release: {
    description: `Methods that release the resource (default: ${RELEASE_METHODS.join(', ')}).`,
    type: 'array',
    items: { type: 'string', minLength: 1 },
    uniqueItems: true,
  },
  kind: {
    description: 'What kind of resource it is (default: `other`, or `sdk-client` for clients).',
    type: 'string',
    enum: [...KINDS],
  },
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

/** JSON schema of one `ResourceSpecifier`, for a rule's options schema (`items` of an array). */
export const resourceSpecifierSchema: JSONSchema.JSONSchema4 = {
  description:
    "A resource to track: a name from any source, or `{ from: 'package' | 'lib' | 'file', name }` as in typescript-eslint's TypeOrValueSpecifier.",
  oneOf: [
    {
      type: 'string',
      minLength: 1,
      description: 'A name exported by any module, a global, or a local declaration.',
    },
    {
      type: 'object',
      additionalProperties: false,
      required: ['from', 'package', 'name'],
      properties: {
        from: {
          description: 'Exported by an npm package or Node built-in.',
          type: 'string',
          enum: ['package'],
        },
        package: {
          description: 'The module specifier (`undici`, `node:fs`, `@scope/pkg`).',
          type: 'string',
          minLength: 1,
        },
        name: nameSchema,
        ...extrasSchema,
      },
    },
    {
      type: 'object',
      additionalProperties: false,
      required: ['from', 'name'],
      properties: {
        from: {
          description: 'A global of the runtime (`fetch`, `setInterval`).',
          type: 'string',
          enum: ['lib'],
        },
        name: nameSchema,
        ...extrasSchema,
      },
    },
    {
      type: 'object',
      additionalProperties: false,
      required: ['from', 'name'],
      properties: {
        from: { description: 'Declared in a file of the project.', type: 'string', enum: ['file'] },
        name: nameSchema,
        path: {
          description:
            'The declaring file (matched by base name against relative imports); omit for any file.',
          type: 'string',
          minLength: 1,
        },
        ...extrasSchema,
      },
    },
  ],
};
