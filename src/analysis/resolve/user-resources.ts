/**
 * Catalog entries from the user's `resources` / `clients` options (typescript-eslint's
 * `TypeOrValueSpecifier` shape; the schema and the data shape live in `catalog/options.ts`).
 */
import {
  DEFAULT_RELEASE_METHODS,
  type ResourceSpecifier,
  type SpecifierExtras,
} from '../../catalog/options.js';
import type { ExportRef, ResourceEntry } from '../../catalog/types.js';
import { normaliseModule } from './imports.js';

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

const isName = (value: unknown): value is string => typeof value === 'string' && value !== '';

/**
 * The shape `entryOf` reads. ESLint validates options against the schema before a rule runs,
 * so only a direct caller can pass anything else; such items are skipped, not turned into
 * entries that match nothing (or everything).
 */
function wellFormed(spec: unknown): spec is ResourceSpecifier {
  if (typeof spec === 'string') return spec !== '';
  if (typeof spec !== 'object' || spec === null) return false;
  const { from, name, package: pkg } = spec as Record<string, unknown>;
  const named = isName(name) || (Array.isArray(name) && name.length > 0 && name.every(isName));
  if (!named) return false;
  if (from === 'package') return isName(pkg);
  return from === 'lib' || from === 'file';
}

const cache = new WeakMap<readonly ResourceSpecifier[], ResourceEntry[]>();

/** Shared by every file without the option, so per-list caches downstream hold. */
const NONE: ResourceEntry[] = [];

/** Catalog entries for user specifiers (cached per options array); malformed items are skipped. */
export function entriesFromOptions(
  specs: readonly ResourceSpecifier[] | undefined,
): ResourceEntry[] {
  if (specs === undefined) return NONE;
  const cached = cache.get(specs);
  if (cached !== undefined) return cached;
  const entries: ResourceEntry[] = [];
  for (const spec of specs) if (wellFormed(spec)) entries.push(entryOf(spec));
  cache.set(specs, entries);
  return entries;
}
