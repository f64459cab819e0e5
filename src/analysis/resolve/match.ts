/**
 * Matching call sites against catalog entries: cheap name filter first, then the import
 * resolver, memoised per node. The one place that knows how an `ExportRef` pattern matches a
 * resolved reference.
 */
import type { TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '@typescript-eslint/types';

import { fileImports, resolveReference } from './imports.js';
import {
  findVariable,
  skipWrappers,
  staticPropertyName,
  type SourceCodeLike,
  soleInitializer,
} from '../../utils/ast/index.js';

import { perFile } from '../../utils/per-file.js';

import { CATALOG } from '../../catalog/index.js';
import type { ExportRef, ResourceEntry } from '../../catalog/types.js';

const stripDefault = (path: readonly string[]): readonly string[] =>
  path[0] === 'default' ? path.slice(1) : path;

const lastName = (path: readonly string[]): string => stripDefault(path).at(-1) ?? '';

/** `./db/index.js` → `db`, `src/db.ts` → `db`: the module's base name for `file` specifiers. */
function baseName(file: string): string {
  const parts = file
    .replace(/\\/g, '/')
    .replace(/\.[cm]?[jt]sx?$/, '')
    .split('/')
    .filter((part) => part !== '' && part !== '.');
  if (parts.at(-1) === 'index' && parts.length > 1) parts.pop();
  return parts.at(-1) ?? '';
}

function modulesMatch(resolved: string, pattern: ExportRef): boolean {
  if (pattern.modulePattern !== undefined) return pattern.modulePattern.test(resolved);
  if (pattern.module !== 'file') return pattern.module === resolved;
  if (!resolved.startsWith('.')) return false;
  return pattern.file === undefined || baseName(pattern.file) === baseName(resolved);
}

/**
 * Whether a resolved reference (from `resolveReference`) is the export `pattern` names. A
 * leading `default` is ignored on both sides (CommonJS interop: `import pg from 'pg'; pg.Pool`
 * is `require('pg').Pool`).
 */
export function refMatches(resolved: ExportRef, pattern: ExportRef): boolean {
  if (!modulesMatch(resolved.module, pattern)) return false;
  const actual = stripDefault(resolved.path);
  const expected = stripDefault(pattern.path);
  if (pattern.namePattern !== undefined) {
    const name = actual.at(-1);
    return (
      actual.length === expected.length + 1 &&
      expected.every((part, i) => actual[i] === part) &&
      name !== undefined &&
      pattern.namePattern.test(name)
    );
  }
  return actual.length === expected.length && expected.every((part, i) => actual[i] === part);
}

interface CatalogIndex {
  /** Entries by the last name of an acquisition export (`''` for a module's default). */
  byName: Map<string, ResourceEntry[]>;
  /** Entries with a `namePattern`: tried for every name. */
  patterns: ResourceEntry[];
  /** Entries acquired through a method of another resource, by method name. */
  byMethod: Map<string, ResourceEntry[]>;
  /** What a file must show before any entry can match in it (see `fileMayAcquire`). */
  gate: {
    /**
     * Modules whose import makes an entry possible, with the export names of which the text
     * must spell one (`null`: the import alone, for a module's default or a name pattern).
     */
    modules: Map<string, string[] | null>;
    /** Module patterns (`@aws-sdk/client-*`) whose import makes an entry possible. */
    modulePatterns: RegExp[];
    /** Globals and local (`file`) names, one of which the text must spell as a word. */
    words: readonly string[];
    /** A `file` entry: any relative import may bring it in. */
    relative: boolean;
    /** An entry no file test can rule out (a global matched by a name pattern). */
    always: boolean;
  };
}

const indexes = new WeakMap<readonly ResourceEntry[], CatalogIndex>();

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [value]);
  else if (!list.includes(value)) list.push(value);
}

function indexOf(entries: readonly ResourceEntry[]): CatalogIndex {
  let index = indexes.get(entries);
  if (index !== undefined) return index;
  const words = new Set<string>();
  index = {
    byName: new Map(),
    patterns: [],
    byMethod: new Map(),
    gate: { modules: new Map(), modulePatterns: [], words: [], relative: false, always: false },
  };
  const { gate } = index;
  for (const entry of entries) {
    for (const ref of entry.acquire.from) {
      if (ref.namePattern !== undefined) {
        if (!index.patterns.includes(entry)) index.patterns.push(entry);
      } else {
        push(index.byName, lastName(ref.path), entry);
      }
      if (ref.modulePattern !== undefined) {
        gate.modulePatterns.push(ref.modulePattern);
      } else if (ref.module === 'global' || ref.module === 'file') {
        // Whatever reaches a global or a local name spells its last name somewhere
        // (`fetch(…)`, `globalThis.fetch`, `const { fetch: f } = globalThis`, `import { open }`).
        const name = lastName(ref.path);
        if (ref.module === 'file') gate.relative = true;
        if (name !== '' && ref.namePattern === undefined) words.add(name);
        else if (ref.module === 'global') gate.always = true;
      } else {
        // Whatever reaches a named export spells its name (`import { Pool }`, `pg.Pool`,
        // `const { Pool: P } = require('pg')`, `pg['Pool']`).
        const name = ref.namePattern === undefined ? lastName(ref.path) : '';
        const names = gate.modules.get(ref.module);
        if (name === '' || names === null) gate.modules.set(ref.module, null);
        else if (names === undefined) gate.modules.set(ref.module, [name]);
        else if (!names.includes(name)) names.push(name);
      }
    }
    if (entry.acquireMethod !== undefined && entry.acquireMethod.receiverIds.length > 0) {
      push(index.byMethod, entry.acquireMethod.method, entry);
    }
  }
  gate.words = [...words];
  indexes.set(entries, index);
  return index;
}

function viaMatches(
  entry: ResourceEntry,
  node: TSESTree.CallExpression | TSESTree.NewExpression,
): boolean {
  const { via } = entry.acquire;
  if (entry.opensOnlyWithArguments === true && node.arguments.length === 0) return false;
  return via === 'either' || via === (node.type === AST_NODE_TYPES.NewExpression ? 'new' : 'call');
}

function mayMatchName(index: CatalogIndex, name: string): boolean {
  return (
    index.byName.has(name) ||
    index.byMethod.has(name) ||
    index.patterns.some((entry) =>
      entry.acquire.from.some((ref) => ref.namePattern?.test(name) === true),
    )
  );
}

/** A local function, class or variable (not imported) named in a `{ from: 'file' }` entry. */
function localDeclarationName(sourceCode: SourceCodeLike, callee: TSESTree.Node): string | null {
  if (callee.type !== AST_NODE_TYPES.Identifier) return null;
  const variable = findVariable(sourceCode, callee);
  const type = variable?.defs[0]?.type as string | undefined;
  return type === 'FunctionName' || type === 'ClassName' || type === 'Variable'
    ? callee.name
    : null;
}

/** The catalog entry of the value an expression holds, when it is (a const bound to) an acquisition. */
function acquisitionOfValue(
  sourceCode: SourceCodeLike,
  raw: TSESTree.Node,
  lists: Lists,
): ResourceEntry | null {
  let node = skipWrappers(raw);
  if (node.type === AST_NODE_TYPES.Identifier) {
    const init = soleInitializer(findVariable(sourceCode, node));
    if (init === null) return null;
    node = skipWrappers(init);
  }
  if (node.type === AST_NODE_TYPES.AwaitExpression) node = skipWrappers(node.argument);
  if (node.type !== AST_NODE_TYPES.CallExpression && node.type !== AST_NODE_TYPES.NewExpression)
    return null;
  return compute(sourceCode, node, lists);
}

type Lists = readonly (readonly ResourceEntry[])[];

const NO_EXTRA: readonly ResourceEntry[] = [];
/** Per file: catalog → extra → node → result (`null` also while in progress, which breaks cycles). */
const MEMO = {};

function memoFor(
  sourceCode: SourceCodeLike,
  lists: Lists,
): Map<TSESTree.Node, ResourceEntry | null> {
  const catalog = lists.at(-1) ?? NO_EXTRA;
  const extra = lists.length > 1 ? (lists[0] ?? NO_EXTRA) : NO_EXTRA;
  const memo = perFile(
    sourceCode,
    MEMO,
    () =>
      new Map<
        readonly ResourceEntry[],
        Map<readonly ResourceEntry[], Map<TSESTree.Node, ResourceEntry | null>>
      >(),
  );
  let perCatalog = memo.get(catalog);
  if (perCatalog === undefined) {
    perCatalog = new Map<readonly ResourceEntry[], Map<TSESTree.Node, ResourceEntry | null>>();
    memo.set(catalog, perCatalog);
  }
  let perNode = perCatalog.get(extra);
  if (perNode === undefined) {
    perNode = new Map<TSESTree.Node, ResourceEntry | null>();
    perCatalog.set(extra, perNode);
  }
  return perNode;
}

const mayMatchAny = (lists: Lists, name: string): boolean =>
  lists.some((list) => mayMatchName(indexOf(list), name));

/**
 * The cheap checks that settle most calls before any memo or import resolution: a method
 * name no entry has (`arr.map(…)`), a global or a local function or class whose name no entry
 * has, a parameter. `false` means "no match"; `true` means "resolve it".
 */
function worthMatching(sourceCode: SourceCodeLike, callee: TSESTree.Node, lists: Lists): boolean {
  if (callee.type === AST_NODE_TYPES.MemberExpression) {
    const name = staticPropertyName(callee);
    return name === null || mayMatchAny(lists, name);
  }
  if (callee.type !== AST_NODE_TYPES.Identifier) return true;
  const variable = findVariable(sourceCode, callee);
  const def = variable?.defs[0];
  // An undeclared global, or a local function or class (a `file` entry), is known by its name.
  if (def === undefined || def.type === 'FunctionName' || def.type === 'ClassName')
    return mayMatchAny(lists, callee.name);
  return def.type === 'ImportBinding' || def.type === 'Variable';
}

function compute(
  sourceCode: SourceCodeLike,
  node: TSESTree.CallExpression | TSESTree.NewExpression,
  lists: Lists,
): ResourceEntry | null {
  if (!worthMatching(sourceCode, skipWrappers(node.callee), lists)) return null;
  const perNode = memoFor(sourceCode, lists);
  const cached = perNode.get(node);
  if (cached !== undefined) return cached;
  perNode.set(node, null);
  const result = match(sourceCode, node, lists);
  perNode.set(node, result);
  return result;
}

function match(
  sourceCode: SourceCodeLike,
  node: TSESTree.CallExpression | TSESTree.NewExpression,
  lists: Lists,
): ResourceEntry | null {
  const callee = skipWrappers(node.callee);
  const memberName =
    callee.type === AST_NODE_TYPES.MemberExpression ? staticPropertyName(callee) : null;
  // `compute` has already rejected method names no entry can match.
  const indexList = lists.map(indexOf);

  const resolved = resolveReference(sourceCode, callee);
  if (resolved !== null) {
    const name = lastName(resolved.path);
    for (const index of indexList) {
      for (const entry of [...(index.byName.get(name) ?? []), ...index.patterns]) {
        if (viaMatches(entry, node) && entry.acquire.from.some((ref) => refMatches(resolved, ref)))
          return entry;
      }
    }
    return null;
  }

  const local = localDeclarationName(sourceCode, callee);
  if (local !== null) {
    for (const index of indexList) {
      for (const entry of index.byName.get(local) ?? []) {
        const fromFile = entry.acquire.from.some(
          (ref) => ref.module === 'file' && ref.file === undefined && ref.path.at(-1) === local,
        );
        if (fromFile && viaMatches(entry, node)) return entry;
      }
    }
  }

  if (memberName !== null && callee.type === AST_NODE_TYPES.MemberExpression) {
    const candidates = indexList.flatMap((index) => index.byMethod.get(memberName) ?? []);
    if (candidates.length === 0) return null;
    const receiver = acquisitionOfValue(sourceCode, callee.object, lists);
    if (receiver === null) return null;
    return (
      candidates.find((entry) => entry.acquireMethod?.receiverIds.includes(receiver.id) === true) ??
      null
    );
  }
  return null;
}

/**
 * The catalog entry a `call(…)` or `new X(…)` acquires, or `null`. `extra` (from
 * `entriesFromOptions`) is tried before `catalog`. Also recognises method acquisitions on a
 * const-bound resource (`const pool = new Pool(); await pool.connect()`). Memoised per node and
 * `extra` array.
 */
export function findAcquisitionIn(
  sourceCode: SourceCodeLike,
  node: TSESTree.CallExpression | TSESTree.NewExpression,
  catalog: readonly ResourceEntry[],
  extra?: readonly ResourceEntry[],
): ResourceEntry | null {
  const lists = extra !== undefined && extra.length > 0 ? [extra, catalog] : [catalog];
  return compute(sourceCode, node, lists);
}

/**
 * For a function-form release (`clearInterval(t)`, `fs.closeSync(fd)`) of `entry`, the index of
 * the argument that receives the resource; `null` when `call` is not one.
 */
export function findReleaseCall(
  sourceCode: SourceCodeLike,
  call: TSESTree.CallExpression,
  entry: ResourceEntry,
): number | null {
  const releaseCalls = entry.releaseCalls ?? [];
  if (releaseCalls.length === 0) return null;
  const resolved = resolveReference(sourceCode, call.callee);
  if (resolved === null) return null;
  for (const { fn, argIndex } of releaseCalls) {
    const argument = call.arguments[argIndex];
    if (
      argument !== undefined &&
      argument.type !== AST_NODE_TYPES.SpreadElement &&
      refMatches(resolved, fn)
    ) {
      return argIndex;
    }
  }
  return null;
}

/**
 * Cheap file filter: could this file acquire any of `entries`? False only when the file
 * imports none of their modules (or module patterns) with the name of an export they are
 * acquired from spelled somewhere in it, spells none of their global or local
 * names (`fetch`, `setInterval`), and, for entries of the project's own files, has no relative
 * import. Sound for syntactic matching; type queries need their own gate. `anyExport`: the
 * import of a module alone suffices (for calls of its other exports that a rule selects).
 */
export function fileMayAcquire(
  sourceCode: SourceCodeLike,
  entries: readonly ResourceEntry[],
  { anyExport = false }: { anyExport?: boolean } = {},
): boolean {
  const { gate } = indexOf(entries);
  if (gate.always) return true;
  for (const module of fileImports(sourceCode)) {
    const names = gate.modules.get(module);
    if (names === null || (names !== undefined && anyExport)) return true;
    if (names?.some((name) => spells(sourceCode.text, name)) === true) return true;
    if (gate.relative && module.startsWith('.')) return true;
    if (gate.modulePatterns.some((pattern) => pattern.test(module))) return true;
  }
  return gate.words.some((word) => spells(sourceCode.text, word));
}

/** `[\w$]` by character code: `spells` asks it twice per occurrence of a word. */
function isWordChar(code: number): boolean {
  return (
    (code >= 97 && code <= 122) || // a-z
    (code >= 65 && code <= 90) || // A-Z
    (code >= 48 && code <= 57) || // 0-9
    code === 95 || // _
    code === 36 // $
  );
}

/** Whether `text` holds `word` as a whole identifier-like word (`fetch`, not `prefetch`). */
export function spells(text: string, word: string): boolean {
  for (let at = text.indexOf(word); at >= 0; at = text.indexOf(word, at + 1)) {
    // `charCodeAt` outside the text is `NaN`: not a word character.
    if (!isWordChar(text.charCodeAt(at - 1)) && !isWordChar(text.charCodeAt(at + word.length)))
      return true;
  }
  return false;
}

/** Whether releasing is the user's job (a method, a function form, or `[Symbol.dispose]`). */
export function needsRelease(entry: ResourceEntry): boolean {
  return (
    entry.releaseMethods.length > 0 ||
    (entry.releaseCalls?.length ?? 0) > 0 ||
    entry.disposable !== undefined
  );
}

/**
 * The catalog entry a `call(…)` or `new X(…)` acquires, or `null`. User entries (`extra`, from
 * `entriesFromOptions`) are tried first. Cheap: a lookup by the callee's last name before any
 * import resolution; memoised per node.
 */
export function findAcquisition(
  sourceCode: SourceCodeLike,
  node: TSESTree.CallExpression | TSESTree.NewExpression,
  extra?: readonly ResourceEntry[],
): ResourceEntry | null {
  return findAcquisitionIn(sourceCode, node, CATALOG, extra);
}
