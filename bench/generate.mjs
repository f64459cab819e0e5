#!/usr/bin/env node
// Builds the benchmark corpus under bench/.corpus/ (git-ignored), deterministically.
//
//   node bench/generate.mjs [--scale 1|2|4 ...] [--big] [--quick] [--force]
//   (no --scale and no --big: everything)
//
// Layout:
//   .corpus/scale-<n>/   a TypeScript project of >= n * 25k lines (n * 5k with --quick); scale 4
//                        (100k lines) is the benchmark's main corpus, scales 1 and 2 serve the
//                        scaling check. Each holds tsconfig.json, types/*.d.ts (express and
//                        fastify stand-ins, not installed here), ex-<i>/ (the examples/ service
//                        replicated with renamed identifiers and shuffled functions) and
//                        gen/<kind>-<i>.ts (generated files), plus manifest.json, which lists the
//                        files that hold a planted leak.
//   .corpus/big/<k>k/    big.ts: one function of k * 1000 statements full of resources, for the
//                        superlinearity check (its own tsconfig, so each size is its own program),
//                        and three ordinary files linted before it to absorb one-time costs.
// File i is a pure function of (seed, i), so scale-2 holds scale-1's files plus more.
import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..');
export const corpusRoot = join(here, '.corpus');
const SEED = 0x1eafbeef;
export const SCALES = [1, 2, 4];
export const LINES_PER_SCALE = 25_000;
export const QUICK_LINES_PER_SCALE = 5_000;
export const BIG_SIZES = [2, 4, 8]; // thousands of statements
const EXAMPLE_SHARE = 0.12; // share of a scale's lines taken by replicas of examples/

// ---------------------------------------------------------------------------------------------
// Seeded PRNG (mulberry32) and helpers
// ---------------------------------------------------------------------------------------------
function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
function hashSeed(...parts) {
  const h = createHash('sha256').update(parts.join(':')).digest();
  return h.readUInt32LE(0);
}
class Rng {
  constructor(seed) {
    this.next = mulberry32(seed);
  }
  int(lo, hi) {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }
  chance(p) {
    return this.next() < p;
  }
  pick(arr) {
    return arr[Math.floor(this.next() * arr.length)];
  }
  weighted(entries) {
    const total = entries.reduce((s, [, w]) => s + w, 0);
    let r = this.next() * total;
    for (const [v, w] of entries) {
      r -= w;
      if (r < 0) return v;
    }
    return entries[entries.length - 1][0];
  }
  shuffle(arr) {
    const a = [...arr];
    for (let i = a.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [a[i], a[j]] = [a[j], a[i]];
    }
    return a;
  }
}

const NOUNS = [
  'user',
  'order',
  'invoice',
  'report',
  'session',
  'tenant',
  'account',
  'metric',
  'job',
  'task',
  'upload',
  'image',
  'audit',
  'payment',
  'ticket',
  'product',
  'cart',
  'shipment',
  'label',
  'export',
  'backup',
  'snapshot',
  'webhook',
  'event',
  'token',
  'profile',
  'catalog',
  'price',
  'quote',
  'lead',
  'message',
  'thread',
  'comment',
  'document',
  'asset',
  'feed',
  'batch',
  'record',
  'ledger',
  'build',
];
const VERBS = [
  'load',
  'fetch',
  'sync',
  'read',
  'write',
  'process',
  'render',
  'import',
  'archive',
  'publish',
  'collect',
  'resolve',
  'refresh',
  'index',
  'scan',
  'verify',
  'merge',
  'split',
  'compute',
  'prepare',
];
const cap = (s) => s[0].toUpperCase() + s.slice(1);

// ---------------------------------------------------------------------------------------------
// File builder: imports with per-file style variation, module-scope declarations, unique names
// ---------------------------------------------------------------------------------------------
const NODE_MODULES = new Set([
  'fs',
  'fs/promises',
  'child_process',
  'net',
  'http',
  'https',
  'events',
  'stream',
  'stream/promises',
  'timers',
  'timers/promises',
  'zlib',
  'readline',
  'worker_threads',
  'util',
  'path',
  'crypto',
  'os',
]);
const DEFAULT_OK = new Set([
  'fs',
  'path',
  'http',
  'https',
  'child_process',
  'os',
  'crypto',
  'net',
  'zlib',
]);
const NS_NAME = {
  fs: 'fs',
  'fs/promises': 'fsp',
  child_process: 'cp',
  net: 'net',
  http: 'http',
  https: 'https',
  events: 'events',
  stream: 'stream',
  'stream/promises': 'streamP',
  timers: 'timers',
  'timers/promises': 'timersP',
  zlib: 'zlib',
  readline: 'readline',
  worker_threads: 'workers',
  util: 'util',
  path: 'path',
  crypto: 'crypto',
  os: 'os',
  undici: 'undici',
  pg: 'pg',
};

class FileBuilder {
  constructor(rng) {
    this.rng = rng;
    this.style = new Map(); // module -> 'named' | 'namespace' | 'default'
    this.prefix = new Map(); // module -> 'node:' | ''
    this.named = new Map(); // module -> Map(name -> local)
    this.locals = new Set();
    this.moduleDecls = new Map(); // key -> code
    this.used = new Map(); // base -> count
    this.leaks = [];
  }
  styleOf(mod) {
    if (!this.style.has(mod)) {
      let s;
      if (
        mod === 'ioredis' ||
        mod === 'events' ||
        mod === 'express' ||
        mod === 'fastify' ||
        mod === 'vitest'
      )
        s = 'named';
      else if (mod === 'axios') s = 'default';
      else if (mod === 'pg') s = this.rng.pick(['default', 'named']);
      else if (mod === 'undici') s = this.rng.pick(['named', 'named', 'namespace']);
      else if (DEFAULT_OK.has(mod))
        s = this.rng.weighted([
          ['named', 6],
          ['namespace', 3],
          ['default', 1],
        ]);
      else
        s = this.rng.weighted([
          ['named', 2],
          ['namespace', 1],
        ]);
      this.style.set(mod, s);
      this.prefix.set(mod, NODE_MODULES.has(mod) && this.rng.chance(0.6) ? 'node:' : '');
    }
    return this.style.get(mod);
  }
  /** An expression that names `name` exported by `mod`, recording the import it needs. */
  ref(mod, name) {
    const style = this.styleOf(mod);
    if (mod === 'axios') {
      this.namedImport(mod, 'default', 'axios');
      return name === 'default' ? 'axios' : `axios.${name}`;
    }
    if (mod === 'express' && name === 'default') {
      this.namedImport(mod, 'default', 'express');
      return 'express';
    }
    if (mod === 'fastify' && name === 'default') {
      this.namedImport(mod, 'default', 'Fastify');
      return 'Fastify';
    }
    if (style === 'namespace' || style === 'default') {
      this.namespaceLocal(mod);
      return `${NS_NAME[mod]}.${name}`;
    }
    return this.namedImport(mod, name, mod === 'timers/promises' ? `${name}Async` : name);
  }
  /** A type reference (`import type` is not used: a value import may carry types too). */
  typeRef(mod, name) {
    return this.ref(mod, name);
  }
  namespaceLocal(mod) {
    if (!this.named.has(mod)) this.named.set(mod, new Map());
    this.named.get(mod).set('*', NS_NAME[mod]);
  }
  namedImport(mod, name, preferredLocal = name) {
    if (!this.named.has(mod)) this.named.set(mod, new Map());
    const m = this.named.get(mod);
    if (m.has(name)) return m.get(name);
    let local = preferredLocal;
    if (this.locals.has(local))
      local = `${preferredLocal}${cap(NS_NAME[mod] ?? mod.replace(/\W/g, ''))}`;
    this.locals.add(local);
    m.set(name, local);
    return local;
  }
  /** A module-scope declaration emitted once per file (keyed). */
  module(key, code) {
    if (!this.moduleDecls.has(key))
      this.moduleDecls.set(key, typeof code === 'function' ? code() : code);
    return key;
  }
  name(base) {
    const n = (this.used.get(base) ?? 0) + 1;
    this.used.set(base, n);
    return n === 1 ? base : `${base}${n}`;
  }
  noun() {
    return this.rng.pick(NOUNS);
  }
  verb() {
    return this.rng.pick(VERBS);
  }
  fn(verb = this.verb(), noun = this.noun(), suffix = '') {
    return this.name(`${verb}${cap(noun)}${suffix}`);
  }
  renderImports() {
    const lines = [];
    const mods = [...this.named.keys()].sort();
    for (const mod of mods) {
      const spec = `${this.prefix.get(mod) ?? ''}${mod}`;
      const m = this.named.get(mod);
      if (m.has('*')) {
        const style = this.style.get(mod);
        lines.push(
          style === 'default' && (NODE_MODULES.has(mod) || mod === 'pg')
            ? `import ${m.get('*')} from '${spec}';`
            : `import * as ${m.get('*')} from '${spec}';`,
        );
      }
      const def = m.get('default');
      const named = [...m.entries()]
        .filter(([k]) => k !== '*' && k !== 'default')
        .map(([k, v]) => (k === v ? k : `${k} as ${v}`));
      if (def && named.length) lines.push(`import ${def}, { ${named.join(', ')} } from '${spec}';`);
      else if (def) lines.push(`import ${def} from '${spec}';`);
      else if (named.length) lines.push(`import { ${named.join(', ')} } from '${spec}';`);
    }
    return lines.join('\n');
  }
  /** Renders the file; `blocks` are `{ text, leaks }`. Returns the text and, per leaky block, its lines. */
  render(header, blocks) {
    const head = [`// ${header}`, this.renderImports(), ...this.moduleDecls.values()].filter(
      Boolean,
    );
    let line = head.reduce((n, part) => n + part.split('\n').length + 1, 1); // +1: the blank line
    const leaks = [];
    for (const b of blocks) {
      const n = b.text.split('\n').length;
      for (const kind of b.leaks) leaks.push({ kind, from: line, to: line + n - 1 });
      line += n + 1;
    }
    return { text: [...head, ...blocks.map((b) => b.text)].join('\n\n') + '\n', leaks };
  }
}

// ---------------------------------------------------------------------------------------------
// Blocks: each returns top-level code. `leak` selects the leaky variant and records its kind.
// ---------------------------------------------------------------------------------------------
const pad = (code, n) =>
  code
    .split('\n')
    .map((l) => (l ? ' '.repeat(n) + l : l))
    .join('\n');

function pureBlock(f) {
  const r = f.rng;
  const noun = f.noun();
  const N = cap(noun);
  const kind = r.int(0, 7);
  const T = f.name(`${N}Row`);
  switch (kind) {
    case 0: {
      const name = f.fn('summarize', noun, 's');
      return `export interface ${T} {
  id: string;
  amount: number;
  createdAt: Date;
  tags: readonly string[];
}

export function ${name}(rows: readonly ${T}[]): { total: number; byTag: Record<string, number>; latest?: Date } {
  let total = 0;
  const byTag: Record<string, number> = {};
  let latest: Date | undefined;
  for (const row of rows) {
    total += row.amount;
    for (const tag of row.tags) {
      byTag[tag] = (byTag[tag] ?? 0) + row.amount;
    }
    if (!latest || row.createdAt > latest) {
      latest = row.createdAt;
    }
  }
  return { total: Math.round(total * 100) / 100, byTag, latest };
}`;
    }
    case 1: {
      const name = f.fn('validate', noun);
      return `export type ${T} = { name: string; email: string; age?: number };

export function ${name}(input: unknown): ${T} {
  if (typeof input !== 'object' || input === null) {
    throw new TypeError('${noun} must be an object');
  }
  const record = input as Record<string, unknown>;
  const name = String(record.name ?? '').trim();
  const email = String(record.email ?? '').toLowerCase();
  if (name.length === 0 || name.length > ${r.int(40, 120)}) {
    throw new RangeError(\`invalid ${noun} name: \${name}\`);
  }
  if (!/^[^@\\s]+@[^@\\s]+$/.test(email)) {
    throw new RangeError(\`invalid ${noun} email: \${email}\`);
  }
  const age = record.age === undefined ? undefined : Number(record.age);
  if (age !== undefined && (!Number.isInteger(age) || age < 0)) {
    throw new RangeError('invalid age');
  }
  return { name, email, age };
}`;
    }
    case 2: {
      const name = f.fn('paginate', noun, 's');
      return `export function ${name}<T>(items: readonly T[], page: number, size = ${r.pick([10, 20, 25, 50])}): { items: T[]; page: number; pages: number } {
  const pages = Math.max(1, Math.ceil(items.length / size));
  const current = Math.min(Math.max(1, Math.floor(page)), pages);
  const start = (current - 1) * size;
  return { items: items.slice(start, start + size), page: current, pages };
}`;
    }
    case 3: {
      const name = f.fn('format', noun);
      return `export function ${name}(value: number, currency = '${r.pick(['EUR', 'USD', 'GBP'])}'): string {
  const sign = value < 0 ? '-' : '';
  const abs = Math.abs(value);
  const [whole, fraction = '00'] = abs.toFixed(2).split('.');
  const grouped = whole.replace(/\\B(?=(\\d{3})+(?!\\d))/g, ',');
  switch (currency) {
    case 'EUR':
      return \`\${sign}\${grouped}.\${fraction} €\`;
    case 'GBP':
      return \`\${sign}£\${grouped}.\${fraction}\`;
    default:
      return \`\${sign}$\${grouped}.\${fraction}\`;
  }
}`;
    }
    case 4: {
      const name = f.name(`${N}Index`);
      return `export class ${name}<V extends { id: string }> {
  readonly #byId = new Map<string, V>();
  #version = 0;

  constructor(initial: Iterable<V> = []) {
    for (const item of initial) {
      this.#byId.set(item.id, item);
    }
  }

  get size(): number {
    return this.#byId.size;
  }

  upsert(item: V): number {
    this.#byId.set(item.id, item);
    return ++this.#version;
  }

  remove(id: string): boolean {
    const removed = this.#byId.delete(id);
    if (removed) this.#version++;
    return removed;
  }

  find(predicate: (item: V) => boolean): V[] {
    const out: V[] = [];
    for (const item of this.#byId.values()) {
      if (predicate(item)) out.push(item);
    }
    return out.sort((a, b) => a.id.localeCompare(b.id));
  }
}`;
    }
    case 5: {
      const name = f.fn('group', noun, 'sBy');
      return `export function ${name}<T, K extends PropertyKey>(items: Iterable<T>, key: (item: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const item of items) {
    const k = key(item);
    const bucket = groups.get(k);
    if (bucket) {
      bucket.push(item);
    } else {
      groups.set(k, [item]);
    }
  }
  return groups;
}`;
    }
    case 6: {
      const name = f.fn('retry', noun);
      return `export async function ${name}<T>(operation: (attempt: number) => Promise<T>, attempts = ${r.int(2, 5)}): Promise<T> {
  let lastError: unknown;
  for (let attempt = 1; attempt <= attempts; attempt++) {
    try {
      return await operation(attempt);
    } catch (error) {
      lastError = error;
      const delay = Math.min(1000, 2 ** attempt * ${r.int(10, 50)});
      await new Promise<void>((resolve) => {
        setTimeout(resolve, delay);
      });
    }
  }
  throw lastError instanceof Error ? lastError : new Error(String(lastError));
}`;
    }
    default: {
      const name = f.fn('parse', noun, 'Query');
      return `export function ${name}(query: Record<string, string | undefined>): { q: string; limit: number; sort: 'asc' | 'desc'; fields: string[] } {
  const q = (query.q ?? '').slice(0, 200);
  const limit = Math.min(${r.int(50, 500)}, Math.max(1, Number.parseInt(query.limit ?? '20', 10) || 20));
  const sort = query.sort === 'desc' ? 'desc' : 'asc';
  const fields = (query.fields ?? '')
    .split(',')
    .map((field) => field.trim())
    .filter((field) => /^[a-z_]+$/i.test(field));
  return { q, limit, sort, fields };
}`;
    }
  }
}

// --- fs ----------------------------------------------------------------------------------------
function fsHandleBlock(f, leak) {
  const open = f.ref('fs/promises', 'open');
  const name = f.fn('read', f.noun(), 'Header');
  if (leak) {
    f.leaks.push('fs-handle-early-return');
    return `export async function ${name}(filePath: string, size = 512): Promise<string> {
  const handle = await ${open}(filePath, 'r');
  const buffer = Buffer.alloc(size);
  const { bytesRead } = await handle.read(buffer, 0, size, 0);
  if (bytesRead === 0) {
    return '';
  }
  await handle.close();
  return buffer.subarray(0, bytesRead).toString('utf8');
}`;
  }
  if (f.rng.chance(0.4)) {
    return `export async function ${name}(filePath: string, size = 512): Promise<string> {
  await using handle = await ${open}(filePath, 'r');
  const buffer = Buffer.alloc(size);
  const { bytesRead } = await handle.read(buffer, 0, size, 0);
  return buffer.subarray(0, bytesRead).toString('utf8');
}`;
  }
  return `export async function ${name}(filePath: string, size = 512): Promise<string> {
  const handle = await ${open}(filePath, 'r');
  try {
    const buffer = Buffer.alloc(size);
    const { bytesRead } = await handle.read(buffer, 0, size, 0);
    if (bytesRead === 0) {
      return '';
    }
    return buffer.subarray(0, bytesRead).toString('utf8');
  } finally {
    await handle.close();
  }
}`;
}

function fsSyncBlock(f, leak) {
  const openSync = f.ref('fs', 'openSync');
  const readSync = f.ref('fs', 'readSync');
  const closeSync = f.ref('fs', 'closeSync');
  const fstatSync = f.ref('fs', 'fstatSync');
  const name = f.fn('read', f.noun(), 'Sync');
  if (leak) {
    f.leaks.push('fs-fd-exception-path');
    return `export function ${name}(filePath: string): Buffer {
  const fd = ${openSync}(filePath, 'r');
  const { size } = ${fstatSync}(fd);
  const buffer = Buffer.alloc(size);
  ${readSync}(fd, buffer, 0, size, 0);
  ${closeSync}(fd);
  return buffer;
}`;
  }
  return `export function ${name}(filePath: string): Buffer {
  const fd = ${openSync}(filePath, 'r');
  try {
    const { size } = ${fstatSync}(fd);
    const buffer = Buffer.alloc(size);
    let offset = 0;
    while (offset < size) {
      const read = ${readSync}(fd, buffer, offset, size - offset, offset);
      if (read === 0) break;
      offset += read;
    }
    return buffer;
  } finally {
    ${closeSync}(fd);
  }
}`;
}

function fsPlainBlock(f) {
  const readFile = f.ref('fs/promises', 'readFile');
  const writeFile = f.ref('fs/promises', 'writeFile');
  const mkdir = f.ref('fs/promises', 'mkdir');
  const join = f.ref('path', 'join');
  const noun = f.noun();
  const name = f.fn('save', noun);
  return `export async function ${name}(dir: string, id: string, data: unknown): Promise<string> {
  await ${mkdir}(dir, { recursive: true });
  const target = ${join}(dir, \`\${id}.json\`);
  let previous: unknown = null;
  try {
    previous = JSON.parse(await ${readFile}(target, 'utf8')) as unknown;
  } catch {
    previous = null;
  }
  const merged = previous && typeof previous === 'object' ? { ...previous, ...(data as object) } : data;
  await ${writeFile}(target, JSON.stringify(merged, null, 2) + '\\n', 'utf8');
  return target;
}`;
}

function streamBlock(f, leak) {
  const createReadStream = f.ref('fs', 'createReadStream');
  const createWriteStream = f.ref('fs', 'createWriteStream');
  const noun = f.noun();
  const name = f.fn('compress', noun);
  if (leak) {
    f.leaks.push('pipe-no-error-propagation');
    const createGzip = f.ref('zlib', 'createGzip');
    return `export function ${name}(source: string, target: string): void {
  ${createReadStream}(source).pipe(${createGzip}()).pipe(${createWriteStream}(target));
}`;
  }
  const pipeline = f.ref('stream/promises', 'pipeline');
  const createGzip = f.ref('zlib', 'createGzip');
  return `export async function ${name}(source: string, target: string, signal?: AbortSignal): Promise<void> {
  await ${pipeline}(${createReadStream}(source), ${createGzip}({ level: ${f.rng.int(1, 9)} }), ${createWriteStream}(target), { signal });
}`;
}

function writeStreamBlock(f, leak) {
  const createWriteStream = f.ref('fs', 'createWriteStream');
  const finished = f.ref('stream/promises', 'finished');
  const noun = f.noun();
  const name = f.fn('write', noun, 'Csv');
  if (leak) {
    f.leaks.push('write-stream-never-ended');
    return `export function ${name}(target: string, rows: readonly string[][]): number {
  const out = ${createWriteStream}(target, { flags: 'w' });
  let count = 0;
  for (const row of rows) {
    out.write(row.map((cell) => JSON.stringify(cell)).join(',') + '\\n');
    count++;
  }
  return count;
}`;
  }
  return `export async function ${name}(target: string, rows: readonly string[][]): Promise<number> {
  const out = ${createWriteStream}(target, { flags: 'w' });
  let count = 0;
  try {
    for (const row of rows) {
      out.write(row.map((cell) => JSON.stringify(cell)).join(',') + '\\n');
      count++;
    }
  } finally {
    out.end();
  }
  await ${finished}(out);
  return count;
}`;
}

function readlineBlock(f) {
  const createInterface = f.ref('readline', 'createInterface');
  const createReadStream = f.ref('fs', 'createReadStream');
  const name = f.fn('count', f.noun(), 'Lines');
  return `export async function ${name}(filePath: string, pattern: RegExp): Promise<number> {
  const input = ${createReadStream}(filePath, { encoding: 'utf8' });
  const lines = ${createInterface}({ input, crlfDelay: Infinity });
  let matches = 0;
  try {
    for await (const line of lines) {
      if (pattern.test(line)) matches++;
    }
  } finally {
    lines.close();
    input.destroy();
  }
  return matches;
}`;
}

function watchBlock(f, leak) {
  const watch = f.ref('fs', 'watch');
  const C = f.name(`${cap(f.noun())}Watcher`);
  const FSWatcher = f.ref('fs', 'FSWatcher');
  if (leak) {
    f.leaks.push('owned-field-not-disposed');
    return `export class ${C} {
  readonly #watcher: ${FSWatcher};
  readonly #changes: string[] = [];

  constructor(dir: string) {
    this.#watcher = ${watch}(dir, { recursive: false }, (_event, file) => {
      if (file) this.#changes.push(String(file));
    });
  }

  drain(): string[] {
    return this.#changes.splice(0, this.#changes.length);
  }
}`;
  }
  return `export class ${C} {
  readonly #watcher: ${FSWatcher};
  readonly #changes: string[] = [];
  #closed = false;

  constructor(dir: string) {
    this.#watcher = ${watch}(dir, { recursive: false }, (_event, file) => {
      if (file) this.#changes.push(String(file));
    });
  }

  drain(): string[] {
    return this.#changes.splice(0, this.#changes.length);
  }

  [Symbol.dispose](): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#watcher.close();
  }
}`;
}

// --- child_process -----------------------------------------------------------------------------
function spawnBlock(f, leak) {
  const spawn = f.ref('child_process', 'spawn');
  const name = f.fn('run', f.noun(), 'Tool');
  if (leak) {
    f.leaks.push('child-no-error-handler');
    return `export function ${name}(command: string, args: readonly string[]): Promise<number> {
  return new Promise((resolve) => {
    const child = ${spawn}(command, args, { stdio: 'inherit' });
    child.on('exit', (code) => resolve(code ?? 1));
  });
}`;
  }
  return `export function ${name}(command: string, args: readonly string[], signal?: AbortSignal): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = ${spawn}(command, args, { stdio: ['ignore', 'pipe', 'inherit'], signal });
    let output = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      output += chunk;
    });
    child.once('error', reject);
    child.once('close', (code) => {
      if (code !== 0 && output.length > 0) {
        reject(new Error(output.slice(-500)));
        return;
      }
      resolve(code ?? 1);
    });
  });
}`;
}

function execFileBlock(f, leak) {
  const execFile = f.ref('child_process', 'execFile');
  const promisify = f.ref('util', 'promisify');
  f.module('execFileAsync', `const execFileAsync = ${promisify}(${execFile});`);
  const name = f.fn('read', f.noun(), 'Revision');
  if (leak) {
    const execSync = f.ref('child_process', 'execSync');
    f.leaks.push('exec-sync-no-timeout');
    const express = f.ref('express', 'default');
    f.module('router', `export const router = ${express}.Router();`);
    return `router.get('/${f.noun()}/revision', (_req, res) => {
  const revision = ${execSync}('git rev-parse HEAD', { encoding: 'utf8' }).trim();
  res.json({ revision });
});`;
  }
  return `export async function ${name}(cwd: string): Promise<string> {
  const { stdout } = await execFileAsync('git', ['rev-parse', 'HEAD'], { cwd, timeout: ${f.rng.pick([2000, 5000, 10000])} });
  return stdout.trim();
}`;
}

function forkWorkerBlock(f) {
  const Worker = f.ref('worker_threads', 'Worker');
  const name = f.fn('compute', f.noun(), 'InWorker');
  return `export async function ${name}(script: URL, payload: unknown): Promise<unknown> {
  const worker = new ${Worker}(script, { workerData: payload });
  try {
    return await new Promise((resolve, reject) => {
      worker.once('message', resolve);
      worker.once('error', reject);
      worker.once('exit', (code) => {
        if (code !== 0) reject(new Error(\`worker exited with \${code}\`));
      });
    });
  } finally {
    await worker.terminate();
  }
}`;
}

// --- net / http --------------------------------------------------------------------------------
function netProbeBlock(f) {
  const connect = f.ref('net', 'connect');
  const name = f.fn('probe', f.noun(), 'Port');
  return `export function ${name}(host: string, port: number, timeoutMs = ${f.rng.pick([500, 1000, 2000])}): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = ${connect}({ host, port });
    const done = (ok: boolean): void => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}`;
}

function httpServerBlock(f, leak) {
  const createServer = f.ref('http', 'createServer');
  const Server = f.ref('http', 'Server');
  const name = f.fn('start', f.noun(), 'Server');
  if (leak) {
    f.leaks.push('listener-on-process-per-request');
    return `export function ${name}(port: number): Promise<${Server}> {
  const server = ${createServer}((req, res) => {
    process.once('SIGTERM', () => {
      res.end();
    });
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ path: req.url, at: Date.now() }));
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, () => resolve(server));
  });
}`;
  }
  return `export function ${name}(port: number): Promise<${Server}> {
  const server = ${createServer}((req, res) => {
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ path: req.url, at: Date.now() }));
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, () => {
      server.off('error', reject);
      resolve(server);
    });
  });
}`;
}

function httpAgentBlock(f, leak) {
  const Agent = f.ref('https', 'Agent');
  const request = f.ref('https', 'request');
  const name = f.fn('ping', f.noun(), 'Endpoint');
  if (!leak)
    f.module(
      'httpsAgent',
      `const keepAliveAgent = new ${Agent}({ keepAlive: true, maxSockets: ${f.rng.int(4, 32)} });`,
    );
  else f.leaks.push('per-call-agent');
  return `export function ${name}(url: string): Promise<number> {
${leak ? `  const keepAliveAgent = new ${Agent}({ keepAlive: true });\n` : ''}  return new Promise((resolve, reject) => {
    const req = ${request}(url, { method: 'HEAD', agent: keepAliveAgent }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.once('error', reject);
    req.end();
  });
}`;
}

// --- clients -----------------------------------------------------------------------------------
function undiciBlock(f, leak) {
  const Pool = f.ref('undici', 'Pool');
  f.module(
    'undiciPool',
    `const upstream = new ${Pool}(process.env.UPSTREAM_URL ?? 'http://localhost:3000', { connections: ${f.rng.int(4, 64)} });`,
  );
  const noun = f.noun();
  const name = f.fn('fetch', noun, 'Remote');
  if (leak) {
    f.leaks.push('response-body-not-consumed');
    return `export async function ${name}(id: string): Promise<unknown> {
  const { statusCode, body } = await upstream.request({ path: \`/${noun}s/\${encodeURIComponent(id)}\`, method: 'GET' });
  if (statusCode !== 200) {
    throw new Error(\`upstream answered \${statusCode}\`);
  }
  return body.json();
}`;
  }
  return `export async function ${name}(id: string, signal?: AbortSignal): Promise<unknown> {
  const { statusCode, body } = await upstream.request({ path: \`/${noun}s/\${encodeURIComponent(id)}\`, method: 'GET', signal });
  if (statusCode !== 200) {
    await body.dump();
    throw new Error(\`upstream answered \${statusCode}\`);
  }
  return body.json();
}`;
}

function undiciAgentBlock(f, leak) {
  const Agent = f.ref('undici', 'Agent');
  const request = f.ref('undici', 'request');
  const name = f.fn('post', f.noun(), 'Hook');
  if (leak) {
    f.leaks.push('per-call-client');
  } else {
    f.module(
      'undiciAgent',
      `const dispatcher = new ${Agent}({ keepAliveTimeout: ${f.rng.int(1, 30) * 1000} });`,
    );
  }
  return `export async function ${name}(url: string, payload: unknown): Promise<number> {
${leak ? `  const dispatcher = new ${Agent}({ keepAliveTimeout: 10_000 });\n` : ''}  const response = await ${request}(url, { method: 'POST', body: JSON.stringify(payload), dispatcher });
  await response.body.text();
  return response.statusCode;
}`;
}

function fetchBlock(f, leak) {
  const noun = f.noun();
  const name = f.fn('load', noun, 'Json');
  if (leak) {
    f.leaks.push('fetch-body-not-consumed');
    return `export async function ${name}<T>(url: string, signal?: AbortSignal): Promise<T> {
  const response = await fetch(url, { signal, headers: { accept: 'application/json' } });
  if (!response.ok) {
    throw new Error(\`GET \${url}: \${response.status}\`);
  }
  return (await response.json()) as T;
}`;
  }
  return `export async function ${name}<T>(url: string, signal?: AbortSignal): Promise<T> {
  const response = await fetch(url, { signal, headers: { accept: 'application/json' } });
  if (!response.ok) {
    await response.body?.cancel();
    throw new Error(\`GET \${url}: \${response.status}\`);
  }
  return (await response.json()) as T;
}`;
}

function forwardSignalBlock(f, leak) {
  const setTimeoutP = f.ref('timers/promises', 'setTimeout');
  const name = f.fn('poll', f.noun(), 'Status');
  if (leak) f.leaks.push('signal-not-forwarded');
  return `export async function ${name}(url: string, signal: AbortSignal): Promise<string> {
  for (let attempt = 0; attempt < ${f.rng.int(3, 10)}; attempt++) {
    const response = await fetch(url${leak ? '' : ', { signal }'});
    const body = (await response.json()) as { status?: string };
    if (body.status === 'done') {
      return body.status;
    }
    await ${setTimeoutP}(${f.rng.pick([250, 500, 1000])}, undefined, { signal });
  }
  return 'pending';
}`;
}

function pgBlock(f, leak) {
  const style = f.styleOf('pg');
  const PoolT = style === 'named' ? f.ref('pg', 'Pool') : (f.namespaceLocal('pg'), 'pg.Pool');
  if (style !== 'named') f.style.set('pg', 'default');
  f.module(
    'pgPool',
    `export const db = new ${PoolT}({ connectionString: process.env.DATABASE_URL, max: ${f.rng.int(5, 20)} });`,
  );
  const noun = f.noun();
  const name = f.fn('save', noun, 'Batch');
  if (leak) {
    f.leaks.push('pool-client-release-not-in-finally');
    return `export async function ${name}(rows: ReadonlyArray<{ id: string; value: number }>): Promise<number> {
  const client = await db.connect();
  await client.query('BEGIN');
  for (const row of rows) {
    await client.query('INSERT INTO ${noun}s (id, value) VALUES ($1, $2) ON CONFLICT (id) DO UPDATE SET value = $2', [row.id, row.value]);
  }
  await client.query('COMMIT');
  client.release();
  return rows.length;
}`;
  }
  return `export async function ${name}(rows: ReadonlyArray<{ id: string; value: number }>): Promise<number> {
  const client = await db.connect();
  try {
    await client.query('BEGIN');
    for (const row of rows) {
      await client.query('INSERT INTO ${noun}s (id, value) VALUES ($1, $2) ON CONFLICT (id) DO UPDATE SET value = $2', [row.id, row.value]);
    }
    await client.query('COMMIT');
    return rows.length;
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  } finally {
    client.release();
  }
}`;
}

function pgQueryBlock(f) {
  pgBlockModuleOnly(f);
  const noun = f.noun();
  const name = f.fn('find', noun, 'ById');
  return `export async function ${name}(id: string): Promise<Record<string, unknown> | undefined> {
  const result = await db.query<Record<string, unknown>>('SELECT * FROM ${noun}s WHERE id = $1 LIMIT 1', [id]);
  return result.rows[0];
}`;
}
function pgBlockModuleOnly(f) {
  const style = f.styleOf('pg');
  const PoolT = style === 'named' ? f.ref('pg', 'Pool') : (f.namespaceLocal('pg'), 'pg.Pool');
  if (style !== 'named') f.style.set('pg', 'default');
  f.module(
    'pgPool',
    `export const db = new ${PoolT}({ connectionString: process.env.DATABASE_URL, max: ${f.rng.int(5, 20)} });`,
  );
}

function redisBlock(f, leak) {
  const Redis = f.ref('ioredis', 'Redis');
  const noun = f.noun();
  const name = f.fn('cached', noun);
  if (leak) {
    f.leaks.push('per-call-client');
    return `export async function ${name}<T>(key: string, load: () => Promise<T>): Promise<T> {
  const redis = new ${Redis}(process.env.REDIS_URL ?? 'redis://localhost:6379');
  const hit = await redis.get(\`${noun}:\${key}\`);
  if (hit !== null) {
    return JSON.parse(hit) as T;
  }
  const value = await load();
  await redis.set(\`${noun}:\${key}\`, JSON.stringify(value), 'EX', ${f.rng.int(30, 3600)});
  return value;
}`;
  }
  f.module(
    'redis',
    `const redis = new ${Redis}(process.env.REDIS_URL ?? 'redis://localhost:6379', { lazyConnect: true });`,
  );
  return `export async function ${name}<T>(key: string, load: () => Promise<T>): Promise<T> {
  const hit = await redis.get(\`${noun}:\${key}\`);
  if (hit !== null) {
    return JSON.parse(hit) as T;
  }
  const value = await load();
  await redis.set(\`${noun}:\${key}\`, JSON.stringify(value), 'EX', ${f.rng.int(30, 3600)});
  return value;
}`;
}

function axiosBlock(f, leak) {
  const axios = f.ref('axios', 'default');
  const noun = f.noun();
  const name = f.fn('get', noun, 's');
  if (leak) {
    f.leaks.push('per-call-client');
    return `export async function ${name}(page: number): Promise<unknown[]> {
  const api = ${axios}.create({ baseURL: process.env.API_URL, timeout: 5000 });
  const { data } = await api.get<unknown[]>('/${noun}s', { params: { page } });
  return data;
}`;
  }
  f.module(
    'axiosApi',
    `const api = ${axios}.create({ baseURL: process.env.API_URL, timeout: ${f.rng.pick([2000, 5000, 10000])} });`,
  );
  return `export async function ${name}(page: number, signal?: AbortSignal): Promise<unknown[]> {
  const { data } = await api.get<unknown[]>('/${noun}s', { params: { page }, signal });
  return Array.isArray(data) ? data : [];
}`;
}

// --- events / timers ---------------------------------------------------------------------------
function listenerBlock(f, leak) {
  const EventEmitter = f.ref('events', 'EventEmitter');
  const name = f.fn('wait', f.noun(), 'Event');
  if (leak) {
    f.leaks.push('listener-not-removed');
    return `export function ${name}(emitter: InstanceType<typeof ${EventEmitter}>, event: string, signal: AbortSignal): Promise<unknown> {
  return new Promise((resolve, reject) => {
    signal.addEventListener('abort', () => reject(signal.reason));
    emitter.once(event, resolve);
  });
}`;
  }
  return `export function ${name}(emitter: InstanceType<typeof ${EventEmitter}>, event: string, signal: AbortSignal): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const onAbort = (): void => {
      emitter.off(event, onEvent);
      reject(signal.reason);
    };
    const onEvent = (value: unknown): void => {
      signal.removeEventListener('abort', onAbort);
      resolve(value);
    };
    signal.addEventListener('abort', onAbort, { once: true });
    emitter.once(event, onEvent);
  });
}`;
}

function onceBlock(f) {
  const once = f.ref('events', 'once');
  const name = f.fn('await', f.noun(), 'Ready');
  return `export async function ${name}(target: { once(event: string, listener: (...args: unknown[]) => void): unknown } & NodeJS.EventEmitter, timeoutMs: number): Promise<void> {
  await ${once}(target, 'ready', { signal: AbortSignal.timeout(timeoutMs) });
}`;
}

function abortTimerBlock(f, leak) {
  const name = f.fn('fetch', f.noun(), 'WithDeadline');
  if (leak) {
    f.leaks.push('abort-timer-not-cleared');
    return `export async function ${name}(url: string, ms: number): Promise<string> {
  const controller = new AbortController();
  setTimeout(() => controller.abort(), ms);
  const response = await fetch(url, { signal: controller.signal });
  return response.text();
}`;
  }
  return `export async function ${name}(url: string, ms: number): Promise<string> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), ms);
  try {
    const response = await fetch(url, { signal: controller.signal });
    return await response.text();
  } finally {
    clearTimeout(timer);
  }
}`;
}

function intervalClassBlock(f, leak) {
  const C = f.name(`${cap(f.noun())}Poller`);
  if (leak) {
    f.leaks.push('interval-never-cleared');
    return `export class ${C} {
  #timer: NodeJS.Timeout | undefined;
  #ticks = 0;

  constructor(private readonly tick: () => Promise<void>, private readonly everyMs = ${f.rng.int(1, 60) * 1000}) {}

  start(): void {
    this.#timer = setInterval(() => {
      this.#ticks++;
      void this.tick().catch(() => undefined);
    }, this.everyMs);
  }

  get ticks(): number {
    return this.#ticks;
  }
}`;
  }
  return `export class ${C} {
  #timer: NodeJS.Timeout | undefined;
  #ticks = 0;

  constructor(private readonly tick: () => Promise<void>, private readonly everyMs = ${f.rng.int(1, 60) * 1000}) {}

  start(): void {
    if (this.#timer) return;
    this.#timer = setInterval(() => {
      this.#ticks++;
      void this.tick().catch(() => undefined);
    }, this.everyMs);
    this.#timer.unref();
  }

  get ticks(): number {
    return this.#ticks;
  }

  stop(): void {
    clearInterval(this.#timer);
    this.#timer = undefined;
  }

  [Symbol.dispose](): void {
    this.stop();
  }
}`;
}

function serviceClassBlock(f, leak) {
  const Redis = f.ref('ioredis', 'Redis');
  const style = f.styleOf('pg');
  const PoolT = style === 'named' ? f.ref('pg', 'Pool') : (f.namespaceLocal('pg'), 'pg.Pool');
  if (style !== 'named') f.style.set('pg', 'default');
  const noun = f.noun();
  const C = f.name(`${cap(noun)}Service`);
  const variant = leak
    ? f.rng.pick(['forget-owned', 'dispose-injected', 'sync-dispose-async'])
    : 'clean';
  if (leak) f.leaks.push(`class-${variant}`);
  const release =
    variant === 'forget-owned'
      ? `    await this.redis.ping();`
      : variant === 'dispose-injected'
        ? `    await this.#pool.end();\n    await this.redis.quit();`
        : `    await this.#pool.end();`;
  const disposeMethod =
    variant === 'sync-dispose-async'
      ? `  [Symbol.dispose](): void {
    if (this.#disposed) return;
    this.#disposed = true;
    void this.#pool.end();
  }`
      : `  async [Symbol.asyncDispose](): Promise<void> {
    if (this.#disposed) return;
    this.#disposed = true;
${release}
  }`;
  return `export class ${C} {
  readonly #pool: ${PoolT};
  #disposed = false;

  constructor(private readonly redis: ${Redis}, connectionString: string) {
    this.#pool = new ${PoolT}({ connectionString, max: ${f.rng.int(2, 10)} });
  }

  async get(id: string): Promise<unknown> {
    const cached = await this.redis.get(\`${noun}:\${id}\`);
    if (cached) return JSON.parse(cached) as unknown;
    const { rows } = await this.#pool.query('SELECT * FROM ${noun}s WHERE id = $1', [id]);
    const row: unknown = rows[0];
    if (row !== undefined) {
      await this.redis.set(\`${noun}:\${id}\`, JSON.stringify(row), 'EX', 60);
    }
    return row;
  }

${disposeMethod}
}`;
}

function cacheBlock(f, leak) {
  const noun = f.noun();
  const cacheName = f.name(`${noun}Cache`);
  const name = f.fn('remember', noun);
  if (leak) {
    f.leaks.push('unbounded-cache');
    return `const ${cacheName} = new Map<string, { value: unknown; at: number }>();

export function ${name}(key: string, compute: () => unknown): unknown {
  const hit = ${cacheName}.get(key);
  if (hit) return hit.value;
  const value = compute();
  ${cacheName}.set(key, { value, at: Date.now() });
  return value;
}`;
  }
  return `const ${cacheName} = new Map<string, { value: unknown; at: number }>();
const ${cacheName}Limit = ${f.rng.pick([100, 500, 1000])};

export function ${name}(key: string, compute: () => unknown): unknown {
  const hit = ${cacheName}.get(key);
  if (hit && Date.now() - hit.at < 60_000) return hit.value;
  const value = compute();
  ${cacheName}.set(key, { value, at: Date.now() });
  if (${cacheName}.size > ${cacheName}Limit) {
    const oldest = ${cacheName}.keys().next().value;
    if (oldest !== undefined) ${cacheName}.delete(oldest);
  }
  return value;
}`;
}

function pairedBlock(f, leak) {
  const name = f.fn('measure', f.noun());
  if (leak) {
    f.leaks.push('paired-call-not-in-finally');
    return `export async function ${name}<T>(label: string, work: () => Promise<T>): Promise<T> {
  console.time(label);
  const result = await work();
  console.timeEnd(label);
  return result;
}`;
  }
  return `export async function ${name}<T>(label: string, work: () => Promise<T>): Promise<T> {
  console.time(label);
  try {
    return await work();
  } finally {
    console.timeEnd(label);
  }
}`;
}

function finalizerBlock(f, leak) {
  const closeSync = f.ref('fs', 'closeSync');
  const openSync = f.ref('fs', 'openSync');
  const C = f.name(`${cap(f.noun())}File`);
  if (leak) {
    const Socket = f.ref('net', 'Socket');
    f.leaks.push('managed-finalizer');
    return `const socketRegistry = new FinalizationRegistry<${Socket}>((socket) => {
  socket.destroy();
});

export function track${C}(owner: object, socket: ${Socket}): void {
  socketRegistry.register(owner, socket);
}`;
  }
  return `const ${C}Registry = new FinalizationRegistry<number>((fd) => {
  try {
    ${closeSync}(fd);
  } catch {
    // already closed
  }
});

export class ${C} {
  readonly fd: number;
  #closed = false;

  constructor(path: string) {
    this.fd = ${openSync}(path, 'r');
    ${C}Registry.register(this, this.fd, this);
  }

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    ${C}Registry.unregister(this);
    ${closeSync}(this.fd);
  }
}`;
}

function disposableStackBlock(f) {
  const open = f.ref('fs/promises', 'open');
  const name = f.fn('copy', f.noun(), 'Range');
  return `export async function ${name}(source: string, target: string, length: number): Promise<number> {
  await using stack = new AsyncDisposableStack();
  const input = stack.use(await ${open}(source, 'r'));
  const output = stack.use(await ${open}(target, 'w'));
  const buffer = Buffer.alloc(Math.min(length, 64 * 1024));
  let copied = 0;
  while (copied < length) {
    const { bytesRead } = await input.read(buffer, 0, Math.min(buffer.length, length - copied), copied);
    if (bytesRead === 0) break;
    await output.write(buffer, 0, bytesRead);
    copied += bytesRead;
  }
  return copied;
}`;
}

// --- handlers ----------------------------------------------------------------------------------
function expressRoutesBlock(f, leak) {
  const express = f.ref('express', 'default');
  f.module('router', `export const router = ${express}.Router();`);
  const noun = f.noun();
  const out = [];
  const n = f.rng.int(2, 4);
  let leaked = !leak;
  for (let i = 0; i < n; i++) {
    const method = f.rng.pick(['get', 'post', 'put', 'delete']);
    const path = `/${noun}s${i ? `/:id${i > 1 ? `/${f.verb()}` : ''}` : ''}`;
    if (!leaked && f.rng.chance(0.6)) {
      leaked = true;
      const which = f.rng.pick(['pipe', 'client', 'listener']);
      if (which === 'pipe') {
        const createReadStream = f.ref('fs', 'createReadStream');
        f.leaks.push('pipe-to-response');
        out.push(`router.get('${path}/download', (req, res) => {
  res.setHeader('content-type', 'application/octet-stream');
  ${createReadStream}(\`/var/data/${noun}s/\${req.params.id}.bin\`).pipe(res);
});`);
      } else if (which === 'client') {
        const Pool = f.ref('undici', 'Pool');
        f.leaks.push('per-call-client');
        out.push(`router.${method}('${path}', async (req, res, next) => {
  try {
    const pool = new ${Pool}(process.env.SEARCH_URL ?? 'http://search:9200');
    const { body } = await pool.request({ path: '/${noun}s/_search', method: 'POST', body: JSON.stringify({ q: req.query.q }) });
    res.json(await body.json());
  } catch (error) {
    next(error);
  }
});`);
      } else {
        f.leaks.push('listener-on-process-per-call');
        out.push(`router.${method}('${path}', (req, res) => {
  process.on('unhandledRejection', (reason) => {
    console.error('${noun} request failed', req.path, reason);
  });
  res.status(202).json({ accepted: true });
});`);
      }
      continue;
    }
    const body = f.rng.pick([
      `  const limit = Math.min(100, Number(req.query.limit ?? 20));
  const items = Array.from({ length: limit }, (_, index) => ({ id: \`\${req.params.id ?? 'all'}-\${index}\`, index }));
  res.json({ items, count: items.length });`,
      `  if (!req.body || typeof req.body !== 'object') {
    res.status(400).json({ error: 'body required' });
    return;
  }
  const payload = { ...(req.body as Record<string, unknown>), updatedAt: new Date().toISOString() };
  res.status(200).json(payload);`,
      `  const id = String(req.params.id ?? '');
  if (!/^[\\w-]+$/.test(id)) {
    res.status(404).end();
    return;
  }
  res.setHeader('cache-control', 'no-store');
  res.json({ id, ok: true });`,
    ]);
    out.push(`router.${method}('${path}', (req, res) => {
${body}
});`);
  }
  if (!leaked) {
    // leak requested but not placed: place the listener variant
    f.leaks.push('listener-on-process-per-call');
    out.push(`router.post('/${noun}s/hook', (req, res) => {
  process.on('warning', (warning) => {
    console.warn('${noun}', req.ip, warning.message);
  });
  res.status(204).end();
});`);
  }
  return out.join('\n\n');
}

function expressAsyncRouteBlock(f) {
  const express = f.ref('express', 'default');
  f.module('router', `export const router = ${express}.Router();`);
  const noun = f.noun();
  const pipeline = f.ref('stream/promises', 'pipeline');
  const createReadStream = f.ref('fs', 'createReadStream');
  return `router.get('/${noun}s/:id/export', async (req, res, next) => {
  try {
    res.setHeader('content-type', 'text/csv');
    await ${pipeline}(${createReadStream}(\`/var/exports/${noun}-\${req.params.id}.csv\`), res);
  } catch (error) {
    next(error);
  }
});`;
}

function fastifyBlock(f, leak) {
  const FastifyInstance = f.ref('fastify', 'FastifyInstance');
  const noun = f.noun();
  const name = f.fn('register', noun, 'Routes');
  const spawn = leak ? f.ref('child_process', 'spawn') : null;
  if (leak) f.leaks.push('child-per-request-no-wait');
  return `export async function ${name}(app: ${FastifyInstance}): Promise<void> {
  app.get('/${noun}s', async (request, reply) => {
    const query = request.query as { page?: string };
    const page = Math.max(1, Number(query.page ?? 1));
    reply.header('x-page', String(page));
    return { page, items: [] as string[] };
  });

  app.post('/${noun}s/:id/${f.verb()}', async (request, reply) => {
    const { id } = request.params as { id: string };
${leak ? `    ${spawn}('convert', [\`/tmp/\${id}.png\`, \`/tmp/\${id}.webp\`]);\n` : ''}    reply.code(202);
    return { id, queued: true };
  });

  app.addHook('onClose', async () => {
    await Promise.resolve();
  });
}`;
}

function testFileBlocks(f, leak) {
  const describe = f.ref('vitest', 'describe');
  const it = f.ref('vitest', 'it');
  const expect = f.ref('vitest', 'expect');
  const beforeAll = f.ref('vitest', 'beforeAll');
  const afterAll = f.ref('vitest', 'afterAll');
  const createServer = f.ref('http', 'createServer');
  const AddressInfo = f.ref('net', 'AddressInfo');
  const noun = f.noun();
  if (leak) f.leaks.push('test-server-not-closed');
  return `${describe}('${noun} api', () => {
  let server: ReturnType<typeof ${createServer}>;
  let baseUrl = '';

  ${beforeAll}(async () => {
    server = ${createServer}((_req, res) => {
      res.end(JSON.stringify({ ok: true }));
    });
    await new Promise<void>((resolve) => server.listen(0, resolve));
    const address = server.address() as ${AddressInfo};
    baseUrl = \`http://127.0.0.1:\${address.port}\`;
  });
${
  leak
    ? ''
    : `
  ${afterAll}(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });
`
}
  ${it}('answers ok', async () => {
    const response = await fetch(\`\${baseUrl}/${noun}s\`);
    ${expect}(response.status).toBe(200);
    ${expect}(await response.json()).toEqual({ ok: true });
  });

  ${it}('answers for every ${noun}', async () => {
    for (const id of ['a', 'b', 'c']) {
      const response = await fetch(\`\${baseUrl}/${noun}s/\${id}\`);
      ${expect}(await response.text()).toContain('ok');
    }
  });
});`;
}

// ---------------------------------------------------------------------------------------------
// File kinds
// ---------------------------------------------------------------------------------------------
function transformBlock(f) {
  const Transform = f.ref('stream', 'Transform');
  const Readable = f.ref('stream', 'Readable');
  const pipeline = f.ref('stream/promises', 'pipeline');
  const createWriteStream = f.ref('fs', 'createWriteStream');
  const noun = f.noun();
  const C = f.name(`${cap(noun)}Serializer`);
  const name = f.fn('export', noun, 'Lines');
  return `export class ${C} extends ${Transform} {
  #count = 0;

  constructor() {
    super({ writableObjectMode: true });
  }

  override _transform(record: unknown, _encoding: BufferEncoding, callback: (error?: Error | null, data?: string) => void): void {
    this.#count++;
    try {
      callback(null, JSON.stringify(record) + '\\n');
    } catch (error) {
      callback(error as Error);
    }
  }

  get count(): number {
    return this.#count;
  }
}

export async function ${name}(records: Iterable<unknown>, target: string, signal?: AbortSignal): Promise<number> {
  const serializer = new ${C}();
  await ${pipeline}(${Readable}.from(records), serializer, ${createWriteStream}(target), { signal });
  return serializer.count;
}`;
}

function heartbeatBlock(f, leak) {
  const setIntervalT = f.ref('timers', 'setInterval');
  const clearIntervalT = f.ref('timers', 'clearInterval');
  const noun = f.noun();
  const name = f.fn('start', noun, 'Heartbeat');
  if (leak) {
    const express = f.ref('express', 'default');
    f.module('router', `export const router = ${express}.Router();`);
    f.leaks.push('interval-per-request');
    return `router.get('/${noun}s/live', (req, res) => {
  res.setHeader('content-type', 'text/event-stream');
  ${setIntervalT}(() => {
    res.write(\`data: \${Date.now()}\\n\\n\`);
  }, ${f.rng.pick([1000, 5000, 15000])});
});`;
  }
  return `export function ${name}(send: (at: number) => void, everyMs = ${f.rng.pick([1000, 5000, 15000])}): () => void {
  const timer = ${setIntervalT}(() => send(Date.now()), everyMs);
  timer.unref();
  return () => ${clearIntervalT}(timer);
}`;
}

const KINDS = [
  ['util', 30, { blocks: [], pure: [5, 9] }],
  [
    'express',
    10,
    {
      blocks: [
        expressRoutesBlock,
        expressAsyncRouteBlock,
        axiosBlock,
        redisBlock,
        pgQueryBlock,
        fetchBlock,
      ],
      pure: [2, 4],
    },
  ],
  [
    'fastify',
    6,
    { blocks: [fastifyBlock, undiciBlock, pgQueryBlock, redisBlock, fetchBlock], pure: [2, 4] },
  ],
  ['repo', 7, { blocks: [pgBlock, pgQueryBlock, cacheBlock, pairedBlock], pure: [2, 4] }],
  [
    'client',
    8,
    {
      blocks: [
        undiciBlock,
        undiciAgentBlock,
        axiosBlock,
        fetchBlock,
        forwardSignalBlock,
        abortTimerBlock,
        httpAgentBlock,
      ],
      pure: [1, 3],
    },
  ],
  [
    'files',
    9,
    {
      blocks: [
        fsHandleBlock,
        fsSyncBlock,
        fsPlainBlock,
        streamBlock,
        writeStreamBlock,
        readlineBlock,
        watchBlock,
        disposableStackBlock,
        finalizerBlock,
        transformBlock,
      ],
      pure: [1, 3],
    },
  ],
  ['proc', 5, { blocks: [spawnBlock, execFileBlock, forkWorkerBlock, fsPlainBlock], pure: [2, 3] }],
  [
    'net',
    5,
    {
      blocks: [netProbeBlock, httpServerBlock, httpAgentBlock, listenerBlock, onceBlock],
      pure: [2, 3],
    },
  ],
  [
    'services',
    8,
    {
      blocks: [serviceClassBlock, intervalClassBlock, watchBlock, cacheBlock, finalizerBlock],
      pure: [1, 3],
    },
  ],
  [
    'events',
    6,
    {
      blocks: [
        listenerBlock,
        onceBlock,
        abortTimerBlock,
        intervalClassBlock,
        pairedBlock,
        forwardSignalBlock,
        heartbeatBlock,
      ],
      pure: [2, 3],
    },
  ],
  ['test', 4, { blocks: [], pure: [0, 1] }],
];
const LEAKY_FILE_RATE = 0.15;

function generateFile(index) {
  const rng = new Rng(hashSeed(SEED, 'file', index));
  const kind = rng.weighted(KINDS.map(([k, w]) => [k, w]));
  const spec = KINDS.find(([k]) => k === kind)[2];
  const f = new FileBuilder(rng);
  const leaky = kind !== 'util' && rng.chance(LEAKY_FILE_RATE);
  const blocks = [];
  const add = (make) => {
    const before = f.leaks.length;
    const text = make();
    blocks.push({ text, leaks: f.leaks.slice(before) });
  };
  if (kind === 'test') {
    add(() => testFileBlocks(f, leaky));
  } else if (spec.blocks.length) {
    const count = rng.int(3, 6);
    const chosen = [];
    for (let i = 0; i < count; i++) chosen.push(rng.pick(spec.blocks));
    const leakAt = leaky ? rng.int(0, count - 1) : -1;
    chosen.forEach((block, i) => add(() => block(f, i === leakAt)));
  }
  const [lo, hi] = spec.pure;
  const pureCount = rng.int(lo, hi);
  for (let i = 0; i < pureCount; i++)
    blocks.splice(rng.int(0, blocks.length), 0, { text: pureBlock(f), leaks: [] });
  const fileName = kind === 'test' ? `${kind}-${index}.test.ts` : `${kind}-${index}.ts`;
  const { text, leaks } = f.render(`generated ${kind} file #${index}`, blocks);
  return { fileName, text, leaks };
}

// ---------------------------------------------------------------------------------------------
// Examples replication: rename locally declared identifiers (checker-exact) and shuffle
// top-level functions, per replica.
// ---------------------------------------------------------------------------------------------
function listFiles(dir, out = []) {
  if (!existsSync(dir)) return out;
  for (const entry of readdirSync(dir).sort()) {
    if (entry === 'node_modules' || entry.startsWith('.')) continue;
    const p = join(dir, entry);
    if (statSync(p).isDirectory()) listFiles(p, out);
    else out.push(p);
  }
  return out;
}

let examplesCache;
function loadExamples() {
  if (examplesCache) return examplesCache;
  const dir = join(root, 'examples');
  const files = listFiles(dir).filter(
    (p) => /\.(m|c)?[jt]sx?$|\.json$/.test(p) && !p.endsWith('package-lock.json'),
  );
  const sources = files.filter((p) => /\.(m|c)?tsx?$/.test(p) && !p.endsWith('.d.ts'));
  let program;
  if (sources.length) {
    const require = createRequire(import.meta.url);
    const ts = require('typescript');
    program = {
      ts,
      program: ts.createProgram([...sources, ...files.filter((p) => p.endsWith('.d.ts'))], {
        allowJs: true,
        noEmit: true,
        target: ts.ScriptTarget.ES2022,
        module: ts.ModuleKind.NodeNext,
        moduleResolution: ts.ModuleResolutionKind.NodeNext,
        skipLibCheck: true,
        types: ['node'],
      }),
    };
  }
  examplesCache = { dir, files, program };
  return examplesCache;
}

function renameAndShuffle(ts, program, path, replica) {
  const sf = program.getSourceFile(path);
  const text = sf.text;
  const checker = program.getTypeChecker();
  const rng = new Rng(hashSeed(SEED, 'example', relative(root, path), replica));
  const suffix = rng.pick(['Alt', 'V', 'X', 'Local', 'Impl', 'Next']) + replica;
  const edits = []; // [start, end, text]
  const renamed = new Map(); // symbol -> new name
  const isRenamable = (sym) => {
    const decl = sym.declarations?.[0];
    if (!decl || decl.getSourceFile() !== sf) return false;
    if (ts.isImportSpecifier(decl) || ts.isImportClause(decl) || ts.isNamespaceImport(decl))
      return false;
    if (!(
      ts.isVariableDeclaration(decl) ||
      ts.isFunctionDeclaration(decl) ||
      ts.isParameter(decl) ||
      ts.isClassDeclaration(decl)
    ))
      return false;
    if (!ts.isIdentifier(decl.name)) return false;
    // exported names are imported by other example files: keep them
    let stmt = decl;
    while (stmt && !ts.isSourceFile(stmt.parent ?? sf)) stmt = stmt.parent;
    const mods = stmt && ts.canHaveModifiers?.(stmt) ? ts.getModifiers(stmt) : undefined;
    if (
      mods?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword) &&
      stmt === (ts.isVariableDeclaration(decl) ? decl.parent.parent : decl)
    )
      return false;
    if (
      ts.isParameter(decl) &&
      decl.parent &&
      ts.isConstructorDeclaration(decl.parent) &&
      ts.getModifiers(decl)?.length
    )
      return false; // parameter properties
    return true;
  };
  const visit = (node) => {
    if (ts.isIdentifier(node)) {
      const parent = node.parent;
      if (parent && ts.isPropertyAccessExpression(parent) && parent.name === node) return;
      if (parent && ts.isPropertyAssignment(parent) && parent.name === node) return;
      let sym;
      if (parent && ts.isShorthandPropertyAssignment(parent))
        sym = checker.getShorthandAssignmentValueSymbol(parent);
      else sym = checker.getSymbolAtLocation(node);
      if (sym && isRenamable(sym)) {
        if (!renamed.has(sym)) renamed.set(sym, `${node.text}${suffix}`);
        const newName = renamed.get(sym);
        if (parent && ts.isShorthandPropertyAssignment(parent))
          edits.push([node.getStart(sf), node.end, `${node.text}: ${newName}`]);
        else if (
          parent &&
          ts.isBindingElement(parent) &&
          parent.name === node &&
          !parent.propertyName &&
          ts.isObjectBindingPattern(parent.parent)
        )
          edits.push([node.getStart(sf), node.end, `${node.text}: ${newName}`]);
        else edits.push([node.getStart(sf), node.end, newName]);
      }
      return;
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  // shuffle runs of adjacent top-level function declarations (hoisted, so order is free)
  const stmts = sf.statements;
  const moves = [];
  let run = [];
  const flush = () => {
    if (run.length > 1) moves.push(run);
    run = [];
  };
  for (const s of stmts) {
    if (ts.isFunctionDeclaration(s) && s.body) run.push(s);
    else flush();
  }
  flush();
  const apply = (start, end) => {
    const inside = edits.filter(([s, e]) => s >= start && e <= end).sort((a, b) => b[0] - a[0]);
    let out = text.slice(start, end);
    for (const [s, e, t] of inside) out = out.slice(0, s - start) + t + out.slice(e - start);
    return out;
  };
  let out = '';
  let pos = 0;
  for (const group of moves) {
    const start = group[0].getFullStart();
    const end = group[group.length - 1].end;
    out += apply(pos, start);
    out += rng.shuffle(group.map((s) => apply(s.getFullStart(), s.end))).join('');
    pos = end;
  }
  out += apply(pos, text.length);
  const note = `// replica ${replica} of examples/${relative(join(root, 'examples'), path)}\n`;
  if (out.startsWith('#!')) {
    const nl = out.indexOf('\n') + 1;
    return out.slice(0, nl) + note + out.slice(nl);
  }
  return note + out;
}

/**
 * The planted leaks of an examples/ file: every `// leak...` comment, as the line range of the
 * top-level statement that holds it (a report anywhere in that statement counts as expected).
 */
function leakMarks(text, rel) {
  const marks = [...text.matchAll(/\/\/\s*leak\b:?\s*([^\n]*)/gi)];
  if (!marks.length) return [];
  const ts = createRequire(import.meta.url)('typescript');
  const sf = ts.createSourceFile(rel, text, ts.ScriptTarget.Latest, true);
  const lineOf = (pos) => sf.getLineAndCharacterOfPosition(pos).line + 1;
  return marks.map((m) => {
    const stmt =
      sf.statements.find((st) => st.getStart(sf) <= m.index && m.index < st.end) ??
      sf.statements.find((st) => st.getFullStart() <= m.index && m.index < st.end);
    const line = lineOf(m.index);
    return {
      kind: m[1].trim() || 'leak',
      from: stmt ? lineOf(stmt.getStart(sf)) : line,
      to: stmt ? lineOf(stmt.end) : line + 1,
    };
  });
}

function writeExampleReplica(dest, replica) {
  const { dir, files, program } = loadExamples();
  let lines = 0;
  const written = [];
  for (const p of files) {
    const rel = relative(dir, p);
    // one program for the whole corpus: project files stay out, type stubs are copied once to
    // the corpus root by scaffold()
    if (
      rel === 'package.json' ||
      /(^|\/)tsconfig[^/]*\.json$/.test(rel) ||
      /eslint\.config/.test(rel) ||
      rel.endsWith('.d.ts')
    )
      continue;
    let text = readFileSync(p, 'utf8');
    if (
      program &&
      /\.(m|c)?tsx?$/.test(p) &&
      !p.endsWith('.d.ts') &&
      program.program.getSourceFile(p)
    ) {
      try {
        text = renameAndShuffle(program.ts, program.program, p, replica);
      } catch (error) {
        console.warn(`generate: could not vary ${rel}: ${error.message}`);
      }
    }
    const target = join(dest, rel);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, text);
    written.push({ rel, leaks: leakMarks(text, rel) });
    lines += text.split('\n').length;
  }
  return { lines, written };
}

// ---------------------------------------------------------------------------------------------
// Project scaffolding (tsconfig, stubs for packages not installed)
// ---------------------------------------------------------------------------------------------
const TSCONFIG = {
  compilerOptions: {
    target: 'ES2022',
    lib: ['ES2023', 'ESNext.Disposable'],
    module: 'NodeNext',
    moduleResolution: 'NodeNext',
    strict: true,
    skipLibCheck: true,
    esModuleInterop: true,
    types: ['node'],
    noEmit: true,
  },
  include: ['**/*.ts', '**/*.tsx', '**/*.mts', '**/*.cts'],
};

const EXPRESS_STUB = `// Minimal stand-in for @types/express (not installed in this repository).
declare module 'express' {
  import type { IncomingMessage, ServerResponse, Server } from 'node:http';
  export interface Request extends IncomingMessage {
    params: Record<string, string>;
    query: Record<string, string | string[] | undefined>;
    body: unknown;
    path: string;
    ip?: string;
  }
  export interface Response extends ServerResponse {
    status(code: number): this;
    json(body: unknown): this;
    send(body?: unknown): this;
  }
  export type NextFunction = (error?: unknown) => void;
  export type Handler = (req: Request, res: Response, next: NextFunction) => unknown;
  export interface Router {
    use(...handlers: Array<Handler | Router | string>): this;
    get(path: string, ...handlers: Handler[]): this;
    post(path: string, ...handlers: Handler[]): this;
    put(path: string, ...handlers: Handler[]): this;
    delete(path: string, ...handlers: Handler[]): this;
  }
  export interface Application extends Router {
    listen(port: number, callback?: () => void): Server;
  }
  interface Express {
    (): Application;
    Router(): Router;
    json(): Handler;
  }
  const express: Express;
  export default express;
}
`;
const FASTIFY_STUB = `// Minimal stand-in for fastify's types (not installed in this repository).
declare module 'fastify' {
  import type { IncomingMessage, ServerResponse } from 'node:http';
  export interface FastifyRequest {
    params: unknown;
    query: unknown;
    body: unknown;
    headers: Record<string, string | string[] | undefined>;
    raw: IncomingMessage;
  }
  export interface FastifyReply {
    code(status: number): this;
    header(name: string, value: string): this;
    send(payload?: unknown): this;
    raw: ServerResponse;
  }
  export type RouteHandler = (request: FastifyRequest, reply: FastifyReply) => unknown;
  export interface FastifyInstance {
    get(path: string, handler: RouteHandler): this;
    post(path: string, handler: RouteHandler): this;
    addHook(name: string, hook: (...args: never[]) => unknown): this;
    register(plugin: (app: FastifyInstance) => Promise<void>): this;
    listen(options: { port: number; host?: string }): Promise<string>;
    close(): Promise<void>;
  }
  export default function Fastify(options?: Record<string, unknown>): FastifyInstance;
}
`;

function scaffold(dest) {
  mkdirSync(join(dest, 'types'), { recursive: true });
  writeFileSync(join(dest, 'tsconfig.json'), JSON.stringify(TSCONFIG, null, 2) + '\n');
  writeFileSync(join(dest, 'types', 'express.d.ts'), EXPRESS_STUB);
  writeFileSync(join(dest, 'types', 'fastify.d.ts'), FASTIFY_STUB);
  // the examples' own stubs win over ours (same file name = same module); the generated code
  // sticks to what both provide
  const { dir, files } = loadExamples();
  for (const p of files.filter((x) => x.endsWith('.d.ts'))) {
    writeFileSync(join(dest, 'types', basename(p)), readFileSync(p));
  }
  void dir;
}

// ---------------------------------------------------------------------------------------------
// The big function (superlinearity check)
// ---------------------------------------------------------------------------------------------
function bigFunction(thousands) {
  const rng = new Rng(hashSeed(SEED, 'big', thousands));
  const target = thousands * 1000;
  const lines = [];
  let statements = 0;
  let i = 0;
  while (statements < target) {
    i++;
    const k = rng.int(0, 7);
    switch (k) {
      case 0:
        lines.push(
          `  const fh${i} = await open(paths[${i} % paths.length], 'r');`,
          `  try {`,
          `    const { bytesRead: n${i} } = await fh${i}.read(buffer, 0, 64, 0);`,
          `    total += n${i};`,
          `  } finally {`,
          `    await fh${i}.close();`,
          `  }`,
        );
        statements += 5;
        break;
      case 1:
        lines.push(
          `  const fd${i} = openSync(paths[${i} % paths.length], 'r');`,
          `  try {`,
          `    total += readSync(fd${i}, buffer, 0, 16, 0);`,
          `  } finally {`,
          `    closeSync(fd${i});`,
          `  }`,
        );
        statements += 4;
        break;
      case 2:
        lines.push(
          `  const onData${i} = (chunk: unknown): void => {`,
          `    total += String(chunk).length;`,
          `  };`,
          `  emitter.on('data', onData${i});`,
          `  if (total > ${i * 7}) {`,
          `    emitter.off('data', onData${i});`,
          `  } else {`,
          `    emitter.removeListener('data', onData${i});`,
          `  }`,
        );
        statements += 6;
        break;
      case 3:
        lines.push(
          `  const timer${i} = setTimeout(() => controller.abort(), ${100 + i});`,
          `  try {`,
          `    const response${i} = await fetch(urls[${i} % urls.length], { signal: controller.signal });`,
          `    total += (await response${i}.text()).length;`,
          `  } finally {`,
          `    clearTimeout(timer${i});`,
          `  }`,
        );
        statements += 5;
        break;
      case 4:
        lines.push(
          `  await pipeline(createReadStream(paths[${i} % paths.length]), createGzip(), createWriteStream(\`\${paths[0]}.${i}.gz\`), { signal });`,
          `  for (let j${i} = 0; j${i} < ${rng.int(2, 9)}; j${i}++) {`,
          `    total += j${i} * ${i};`,
          `    if (total % 7 === 0) continue;`,
          `    items.push(String(j${i}));`,
          `  }`,
        );
        statements += 5;
        break;
      case 5:
        lines.push(
          `  const client${i} = await db.connect();`,
          `  try {`,
          `    const result${i} = await client${i}.query('SELECT ${i} AS n');`,
          `    total += result${i}.rowCount ?? 0;`,
          `  } finally {`,
          `    client${i}.release();`,
          `  }`,
        );
        statements += 5;
        break;
      case 6:
        lines.push(
          `  const child${i} = spawn('true', ['${i}'], { signal });`,
          `  child${i}.once('error', (error) => items.push(error.message));`,
          `  await once(child${i}, 'exit');`,
          `  if (items.length > ${i}) items.length = 0;`,
        );
        statements += 4;
        break;
      default:
        lines.push(
          `  const value${i} = items.length > 0 ? items[items.length - 1] : '${i}';`,
          `  switch (value${i}.length % 3) {`,
          `    case 0:`,
          `      total += ${i};`,
          `      break;`,
          `    case 1:`,
          `      total -= 1;`,
          `      break;`,
          `    default:`,
          `      items.push(value${i}.toUpperCase());`,
          `  }`,
        );
        statements += 7;
    }
  }
  return `// generated: one function of ~${target} statements, for the superlinearity check
import { closeSync, createReadStream, createWriteStream, openSync, readSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { spawn } from 'node:child_process';
import { EventEmitter, once } from 'node:events';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import pg from 'pg';

const db = new pg.Pool();

export async function migrateEverything(paths: string[], urls: string[], signal: AbortSignal): Promise<number> {
  const emitter = new EventEmitter();
  const controller = new AbortController();
  const buffer = Buffer.alloc(64);
  const items: string[] = [];
  let total = 0;
${lines.join('\n')}
  return total + items.length;
}
`;
}

// ---------------------------------------------------------------------------------------------
// Drivers
// ---------------------------------------------------------------------------------------------
function fingerprint(extra) {
  const h = createHash('sha256');
  h.update(readFileSync(fileURLToPath(import.meta.url)));
  for (const p of listFiles(join(root, 'examples'))) h.update(p).update(readFileSync(p));
  h.update(JSON.stringify(extra));
  return h.digest('hex').slice(0, 16);
}

/** Generates `.corpus/scale-<scale>` unless an up-to-date copy exists. Returns its summary. */
export function generateScale(scale, { quick = false, force = false } = {}) {
  const dest = join(corpusRoot, quick ? `quick-scale-${scale}` : `scale-${scale}`);
  const targetLines = scale * (quick ? QUICK_LINES_PER_SCALE : LINES_PER_SCALE);
  const stamp = fingerprint({ scale, quick, targetLines });
  const manifestPath = join(dest, 'manifest.json');
  if (!force && existsSync(manifestPath)) {
    const m = JSON.parse(readFileSync(manifestPath, 'utf8'));
    if (m.stamp === stamp) return { dir: dest, ...m };
  }
  rmSync(dest, { recursive: true, force: true });
  scaffold(dest);
  let lines = 0;
  let exampleLines = 0;
  let replicas = 0;
  const { files: exampleFiles } = loadExamples();
  const exampleLeaks = {};
  if (exampleFiles.length) {
    const target = targetLines * EXAMPLE_SHARE;
    while (exampleLines < target) {
      const r = writeExampleReplica(join(dest, `ex-${replicas}`), replicas);
      for (const w of r.written)
        if (w.leaks.length) exampleLeaks[`ex-${replicas}/${w.rel}`] = w.leaks;
      replicas++;
      exampleLines += r.lines;
      if (r.lines === 0) break;
    }
  }
  lines += exampleLines;
  const leaky = { ...exampleLeaks };
  let files = 0;
  let generatedLines = 0;
  mkdirSync(join(dest, 'gen'), { recursive: true });
  for (let i = 0; lines < targetLines; i++) {
    const { fileName, text, leaks } = generateFile(i);
    writeFileSync(join(dest, 'gen', fileName), text);
    const n = text.split('\n').length;
    lines += n;
    generatedLines += n;
    files++;
    if (leaks.length) leaky[`gen/${fileName}`] = leaks;
  }
  const manifest = {
    stamp,
    scale,
    quick,
    lines,
    exampleLines,
    exampleReplicas: replicas,
    generatedFiles: files,
    generatedLines,
    leakyFiles: leaky,
  };
  writeFileSync(manifestPath, JSON.stringify(manifest, null, 2) + '\n');
  return { dir: dest, ...manifest };
}

/** Generates `.corpus/big/big-<k>.ts` for each size in BIG_SIZES. */
export function generateBig({ force = false } = {}) {
  const dest = join(corpusRoot, 'big');
  const stamp = fingerprint({ big: BIG_SIZES });
  const manifestPath = join(dest, 'manifest.json');
  if (
    !force &&
    existsSync(manifestPath) &&
    JSON.parse(readFileSync(manifestPath, 'utf8')).stamp === stamp
  ) {
    return { dir: dest, ...JSON.parse(readFileSync(manifestPath, 'utf8')) };
  }
  rmSync(dest, { recursive: true, force: true });
  const files = {};
  // A few ordinary files are linted first in the same program, so one-time costs (JIT warm-up,
  // the type checker resolving lib types) land on them and not on big.ts.
  const warmup = [];
  for (let i = 0; warmup.length < 3; i++) {
    const g = generateFile(i);
    if (!g.leaks.length && !g.fileName.includes('test') && !g.fileName.startsWith('util'))
      warmup.push(g.text);
  }
  for (const k of BIG_SIZES) {
    const text = bigFunction(k);
    scaffold(join(dest, `${k}k`));
    warmup.forEach((w, i) => writeFileSync(join(dest, `${k}k`, `0-warmup-${i}.ts`), w));
    writeFileSync(join(dest, `${k}k`, 'big.ts'), text);
    files[`${k}k/big.ts`] = { statements: k * 1000, lines: text.split('\n').length };
  }
  const manifest = { stamp, files };
  writeFileSync(manifestPath, JSON.stringify(manifest, null, 2) + '\n');
  return { dir: dest, ...manifest };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const { values } = parseArgs({
    options: {
      scale: { type: 'string', multiple: true },
      big: { type: 'boolean', default: false },
      quick: { type: 'boolean', default: false },
      force: { type: 'boolean', default: false },
    },
  });
  const all = !values.scale && !values.big;
  const scales = (values.scale ?? (all ? SCALES.map(String) : [])).map(Number);
  for (const s of scales) {
    if (![1, 2, 4].includes(s)) throw new Error(`--scale must be 1, 2 or 4 (got ${s})`);
    const t0 = performance.now();
    const m = generateScale(s, { quick: values.quick, force: values.force });
    console.log(
      `${relative(root, m.dir)}: ${m.lines} lines (${m.exampleReplicas} example replicas, ${m.exampleLines} lines; ${m.generatedFiles} generated files, ${m.generatedLines} lines), ${Object.keys(m.leakyFiles).length} files with planted leaks [${Math.round(performance.now() - t0)} ms]`,
    );
  }
  if (values.big || all) {
    const m = generateBig({ force: values.force });
    console.log(
      `${relative(root, m.dir)}: ${Object.entries(m.files)
        .map(([k, v]) => `${k} (${v.statements} statements, ${v.lines} lines)`)
        .join(', ')}`,
    );
  }
}
