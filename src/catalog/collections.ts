/**
 * Collections that can grow without bound (`no-unbounded-collection`): how each kind grows,
 * shrinks and is looked up. Data only.
 */

export type CollectionKind = 'Map' | 'Set' | 'array' | 'object';

/** Methods that add an entry. */
export const GROWING: Readonly<Record<CollectionKind, readonly string[]>> = {
  Map: ['set'],
  Set: ['add'],
  array: ['push', 'unshift'],
  object: [],
};

/** Methods that remove entries (or replace the contents). */
export const SHRINKING: Readonly<Record<CollectionKind, readonly string[]>> = {
  Map: ['delete', 'clear'],
  Set: ['delete', 'clear'],
  array: ['splice', 'shift', 'pop', 'fill'],
  object: [],
};

/** Methods that look an entry up: with a growth after a miss, the shape of a cache. */
export const LOOKUPS: Readonly<Record<CollectionKind, readonly string[]>> = {
  Map: ['get', 'has'],
  Set: ['has'],
  array: ['includes', 'indexOf', 'find', 'findIndex', 'some'],
  object: ['hasOwnProperty'],
};

/** Calls that read a collection passed to them without keeping or changing it. */
export const READERS: ReadonlySet<string> = new Set([
  'keys',
  'values',
  'entries',
  'from',
  'stringify',
  'isArray',
  'log',
  'info',
  'warn',
  'error',
  'debug',
  'expect',
]);

/** `Reflect.deleteProperty(obj, k)`, `Object.keys(obj).forEach(k => delete …)`. */
export const DELETERS: ReadonlySet<string> = new Set(['deleteProperty']);

/**
 * Values that hold something per operation: stored and never removed, each one leaks more
 * than memory (the seed's dictionary of cancellation sources). Constructors by global name;
 * catalog acquisitions count too, except clients and servers (one per key is a registry).
 */
export const PER_OPERATION_CONSTRUCTORS: ReadonlySet<string> = new Set([
  'AbortController',
  'Worker',
  'WebSocket',
  'EventSource',
]);

/**
 * Parameters that carry configuration (`config`, `projectConfig`, `options`, `schema`): a cache
 * keyed only by them holds one entry per configured value, a handful per process (field UC-1).
 */
export const CONFIGURATION_PARAMS = /^(?:\w*config(?:uration)?|options|opts|settings|\w*schema)$/i;

/**
 * Calls that load code rather than fetch data (`requireOrImportModule(path)`, `importFresh`):
 * a cache of what they return grows with the project's modules, like `await import(path)`.
 */
export const MODULE_LOADERS = /^(?:require|import)|(?:Import|Require)(?:Module)?$/;
