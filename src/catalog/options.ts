/**
 * User-declared resources, in typescript-eslint's `TypeOrValueSpecifier` shape, turned into
 * catalog entries. Rules put `resourceSpecifierSchema` in their options schema and pass
 * `entriesFromOptions(options.resources)` as `extra` to `findAcquisition`.
 */
import type { JSONSchema } from '@typescript-eslint/utils';

import { normaliseModule } from '../analysis/imports.js';

import type { ExportRef, ResourceEntry, ResourceKind } from './types.js';

interface SpecifierExtras {
  /** Methods that release it; default `close`, `destroy`, `dispose`, `end`, `release`. */
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

export const DEFAULT_RELEASE_METHODS: readonly string[] = [
  'close',
  'destroy',
  'dispose',
  'end',
  'release',
];

const KINDS: readonly ResourceKind[] = [
  'file-handle',
  'file-descriptor',
  'file-stream',
  'directory',
  'watcher',
  'child-process',
  'server',
  'socket',
  'http-agent',
  'http-client',
  'db-client',
  'db-connection',
  'sdk-client',
  'response-body',
  'worker',
  'readline',
  'timer',
  'listener',
  'disposable-stack',
  'other',
];

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
    description:
      'Methods that release the resource (default: close, destroy, dispose, end, release).',
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

const exactName = (name: string): RegExp =>
  new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);

function refsOf(spec: ResourceSpecifier, name: string): ExportRef[] {
  const path = name.split('.');
  if (typeof spec === 'string') {
    return [
      {
        module: '*',
        path: path.slice(0, -1),
        modulePattern: /^/,
        namePattern: exactName(path.at(-1) ?? name),
      },
      { module: 'file', path },
    ];
  }
  switch (spec.from) {
    case 'package': {
      const { module, prefix } = normaliseModule(spec.package);
      return [{ module, path: [...prefix, ...path] }];
    }
    case 'lib':
      return [{ module: 'global', path }];
    case 'file':
      return [
        spec.path === undefined
          ? { module: 'file', path }
          : { module: 'file', path, file: spec.path },
      ];
  }
}

function entryOf(spec: ResourceSpecifier): ResourceEntry {
  const names =
    typeof spec === 'string'
      ? [spec]
      : typeof spec.name === 'string'
        ? [spec.name]
        : [...spec.name];
  const extras: SpecifierExtras = typeof spec === 'string' ? {} : spec;
  const source = typeof spec === 'string' ? '' : spec.from === 'package' ? spec.package : spec.from;
  return {
    id: source === '' ? names.join('|') : `${source}:${names.join('|')}`,
    label: extras.label ?? names.join(' or '),
    kind: extras.kind ?? (extras.client === true ? 'sdk-client' : 'other'),
    acquire: { via: 'either', from: names.flatMap((name) => refsOf(spec, name)) },
    releaseMethods: extras.release ?? DEFAULT_RELEASE_METHODS,
    ...(extras.client === undefined ? {} : { client: extras.client }),
  };
}

const cache = new WeakMap<readonly ResourceSpecifier[], ResourceEntry[]>();

/** Catalog entries for user specifiers (cached per options array); malformed items are skipped. */
export function entriesFromOptions(
  specs: readonly ResourceSpecifier[] | undefined,
): ResourceEntry[] {
  if (specs === undefined) return [];
  const cached = cache.get(specs);
  if (cached !== undefined) return cached;
  const entries: ResourceEntry[] = [];
  for (const spec of specs) {
    try {
      entries.push(entryOf(spec));
    } catch {
      // The schema rejects these; be total anyway.
    }
  }
  cache.set(specs, entries);
  return entries;
}
