import rule from '../../src/rules/no-unbounded-collection.js';
import { jsRuleTester, ruleTester } from '../rule-tester.js';

ruleTester.run('no-unbounded-collection', rule, {
  valid: [
    // Filled once at start-up with constant keys, read per request.
    `
import express from 'express';
const handlers = new Map<string, (body: unknown) => unknown>();
handlers.set('resize', resize);
handlers.set('transcode', transcode);
const app = express();
app.post('/jobs/:kind', (req, res) => {
  const handler = handlers.get(req.params.kind);
  res.json(handler?.(req.body));
});`,
    // Weak collections let their keys go.
    `
const metadata = new WeakMap<object, string>();
const visited = new WeakSet<object>();
export function tag(target: object, label: string) {
  if (visited.has(target)) return;
  visited.add(target);
  metadata.set(target, label);
}`,
    // The seed's job tokens: removed (and aborted) when the job is cleaned up.
    `
const tokens = new Map<string, AbortController>();
export function startJob(jobId: string, signal: AbortSignal) {
  const controller = new AbortController();
  signal.addEventListener('abort', () => controller.abort(), { once: true });
  tokens.set(jobId, controller);
  return controller.signal;
}
export function cleanupJob(jobId: string) {
  tokens.get(jobId)?.abort();
  tokens.delete(jobId);
}`,
    // Cleared on a schedule.
    `
const rates = new Map<string, number>();
setInterval(() => rates.clear(), 60_000).unref();
export function hit(ip: string) {
  rates.set(ip, (rates.get(ip) ?? 0) + 1);
  return rates.get(ip)! > 100;
}`,
    // Size-checked: the oldest entry is evicted past the bound.
    `
const MAX = 500;
const recent = new Map<string, string>();
export function remember(key: string, value: string) {
  if (recent.has(key)) return recent.get(key);
  if (recent.size >= MAX) recent.delete(recent.keys().next().value!);
  recent.set(key, value);
  return value;
}`,
    // Replaced wholesale.
    `
let cache = new Map<string, Buffer>();
export function read(path: string) {
  let hit = cache.get(path);
  if (!hit) { hit = load(path); cache.set(path, hit); }
  return hit;
}
export function reset() { cache = new Map(); }`,
    // An LRU cache bounds itself.
    `
import { LRUCache } from 'lru-cache';
const users = new LRUCache<string, object>({ max: 1_000, ttl: 60_000 });
export async function getUser(id: string) {
  const hit = users.get(id);
  if (hit) return hit;
  const user = await fetchUser(id);
  users.set(id, user);
  return user;
}`,
    // Exported or handed to a sweeper: removal may live elsewhere.
    `
export const sessions = new Map<string, object>();
const pending = new Map<string, object>();
startSweeper(pending);
export function track(id: string, s: object) {
  if (!sessions.has(id)) sessions.set(id, s);
  if (!pending.has(id)) pending.set(id, s);
}`,
    // A registry filled by a function meant to run at start-up: no per-call sign.
    `
const plugins: Plugin[] = [];
const routes = new Map<string, Handler>();
export function use(plugin: Plugin) { plugins.push(plugin); }
export function route(path: string, handler: Handler) { routes.set(path, handler); }`,
    // A per-key pool is a registry of shared clients.
    `
import { Pool } from 'pg';
const pools = new Map<string, Pool>();
export function poolFor(database: string) {
  let pool = pools.get(database);
  if (!pool) { pool = new Pool({ database }); pools.set(database, pool); }
  return pool;
}`,
    // Instance fields of a per-request object die with it.
    `
export class RequestContext {
  private readonly spans = new Map<string, number>();
  start(name: string) { this.spans.set(name, Date.now()); }
  get(name: string) { return this.spans.get(name); }
}`,
    // A queue that is drained.
    `
import express from 'express';
const queue: string[] = [];
const app = express();
app.post('/jobs', (req, res) => { queue.push(req.body.id); res.sendStatus(202); });
setInterval(() => { for (const id of queue.splice(0, 10)) run(id); }, 1_000);`,
    // Reset by length.
    `
const buffer: string[] = [];
export function log(line: string) {
  if (buffer.includes(line)) return;
  buffer.push(line);
}
export function flush() { write(buffer.join('\\n')); buffer.length = 0; }`,
    // WebSocket clients removed when they close.
    `
import { WebSocketServer, type WebSocket } from 'ws';
const clients = new Set<WebSocket>();
const wss = new WebSocketServer({ port: 8080 });
wss.on('connection', (ws) => {
  clients.add(ws);
  ws.on('close', () => clients.delete(ws));
});`,
    // An object used as a map with a constant key is a record.
    `
const stats: Record<string, number> = {};
export function count() { stats['requests'] = (stats['requests'] ?? 0) + 1; }`,
    // A test file's collections live as long as the test run.
    {
      code: `
import { it } from 'vitest';
const seen = new Map<string, number>();
function visit(k: string) { if (!seen.has(k)) seen.set(k, 1); }
it('visits', () => visit('a'));`,
      filename: 'cache.test.ts',
    },
    // Memos of computed values keyed by the program's own constants (field: \`ignore\`,
    // ESLint's selector cache, jschardet's tables): they grow with the code, not the traffic.
    `
const regexCache: Record<string, RegExp> = Object.create(null);
export function makeRegex(pattern: string, ignoreCase: boolean) {
  const key = pattern + ignoreCase;
  let regex = regexCache[key];
  if (!regex) {
    regex = new RegExp(pattern, ignoreCase ? 'i' : undefined);
    regexCache[key] = regex;
  }
  return regex;
}
const selectorCache = new Map<string, object>();
export function parseSelector(raw: string) {
  if (selectorCache.has(raw)) return selectorCache.get(raw);
  const parsed = compileSelector(raw);
  selectorCache.set(raw, parsed);
  return parsed;
}`,
    // Caches of files and modules are bounded by the project's files (field: Vitest's
    // FileMap, ESLint's config modification times).
    `
import { promises } from 'node:fs';
class FileMap {
  fsCache = new Map<string, string>();
  async readFileAsync(path: string) {
    const cached = this.fsCache.get(path);
    if (cached != null) return cached;
    const source = await promises.readFile(path, 'utf-8');
    this.fsCache.set(path, source);
    return source;
  }
}
export const files = new FileMap();
const mtimes = new Map<string, number>();
export async function loadConfig(path: string, mtime: number) {
  if (mtimes.get(path) !== mtime) console.log('reloading', path);
  const config = (await import(path)).default;
  mtimes.set(path, mtime);
  return config;
}`,
    // A set that shows each warning once (field: ESLint's deprecation warnings, fatal errors).
    `
const shown = new Set<string>();
export function warnOnce(code: string, message: string) {
  if (shown.has(code)) return;
  shown.add(code);
  process.emitWarning(message, 'DeprecationWarning', code);
}`,
    // Filled in the constructor, once.
    `
class Registry {
  private readonly byName = new Map<string, string>();
  constructor(names: string[]) { for (const n of names) this.byName.set(n, n.toUpperCase()); }
  get(n: string) { return this.byName.get(n); }
}
export const registry = new Registry(['a']);`,
    {
      name: 'jest SnapshotResolver (UC-1): a cache keyed by the configured project root',
      code: `
// One snapshot resolver per configured project root.
type Resolver = { resolvePath(path: string): string };
type ProjectConfig = { rootDir: string; snapshotResolver?: string };

const cache = new Map<string, Resolver>();

export const buildResolver = async (config: ProjectConfig): Promise<Resolver> => {
  const key = config.rootDir;
  const resolver = cache.get(key) ?? (await createResolver(config.snapshotResolver));
  cache.set(key, resolver);
  return resolver;
};

async function createResolver(path: string | undefined): Promise<Resolver> {
  return path ? ((await import(path)) as Resolver) : { resolvePath: (p) => \`\${p}.snap\` };
}
`,
    },
    {
      name: 'jest resolver (UC-1): user resolvers preloaded once per configured path through a module loader',
      code: `
import { requireOrImportModule } from 'jest-util';
type Resolver = (path: string) => string;
const preloaded = new Map<string, Resolver>();
export async function preloadResolver(resolver: string | null): Promise<void> {
  if (resolver == null || preloaded.has(resolver)) return;
  const loaded = await requireOrImportModule<Resolver>(resolver);
  preloaded.set(resolver, loaded);
}
`,
    },
  ],
  invalid: [
    {
      // The classic: a module cache filled on every miss, never evicted.
      code: `
import { db } from './db.js';
const users = new Map<string, { id: string; name: string }>();
export async function getUser(id: string) {
  const cached = users.get(id);
  if (cached) return cached;
  const user = await db.users.findById(id);
  users.set(id, user);
  return user;
}`,
      errors: [{ messageId: 'unboundedCache', line: 3, column: 7 }],
      output: null,
    },
    {
      // Every request appends to a module array.
      code: `
import express from 'express';
const events: unknown[] = [];
const app = express();
app.post('/events', (req, res) => {
  events.push(req.body);
  res.sendStatus(202);
});`,
      errors: [{ messageId: 'unbounded', line: 3, column: 7 }],
      output: null,
    },
    {
      // The seed's dictionary of cancellation sources, never cleaned up.
      code: `
const tokens = new Map<string, AbortController>();
export function startJob(jobId: string) {
  const controller = new AbortController();
  tokens.set(jobId, controller);
  return controller.signal;
}`,
      errors: [{ messageId: 'unboundedResources', line: 2, column: 7 }],
      output: null,
    },
    {
      // The same as a field of the process-wide job runner.
      code: `
export class JobRunner {
  readonly #timers = new Map<string, NodeJS.Timeout>();
  schedule(jobId: string, everyMs: number) {
    this.#timers.set(jobId, setInterval(() => this.poll(jobId), everyMs));
  }
  poll(jobId: string) {}
}
export const runner = new JobRunner();`,
      errors: [{ messageId: 'unboundedResources', line: 3, column: 3 }],
      output: null,
    },
    {
      // A static cache of fetched data on a class.
      code: `
export class Profiles {
  static cache = new Map<string, object>();
  static async get(userId: string) {
    let profile = Profiles.cache.get(userId);
    if (!profile) {
      profile = await fetch(\`https://profiles.internal/\${userId}\`).then((r) => r.json());
      Profiles.cache.set(userId, profile!);
    }
    return profile;
  }
}`,
      errors: [{ messageId: 'unboundedCache', line: 3, column: 3 }],
      output: null,
    },
    {
      // WebSocket clients added per connection and never removed.
      code: `
import { WebSocketServer, type WebSocket } from 'ws';
const clients = new Set<WebSocket>();
const wss = new WebSocketServer({ port: 8080 });
wss.on('connection', (ws) => {
  clients.add(ws);
  ws.on('message', (m) => { for (const c of clients) c.send(m); });
});`,
      errors: [{ messageId: 'unbounded', line: 3, column: 7 }],
      output: null,
    },
    {
      // An object used as a map, keyed by request data.
      code: `
import express from 'express';
const sessions: Record<string, { user: string }> = Object.create(null);
const app = express();
app.post('/login', (req, res) => {
  sessions[req.body.token] = { user: req.body.user };
  res.sendStatus(204);
});`,
      errors: [{ messageId: 'unbounded', line: 3, column: 7 }],
      output: null,
    },
    {
      name: 'a cache keyed by configuration and a per-call id grows with the ids',
      code: `
import { db } from './db.js';
const rows = new Map<string, unknown>();
export async function rowFor(config: { table: string }, id: string) {
  const key = \`\${config.table}:\${id}\`;
  if (rows.has(key)) return rows.get(key);
  const row = await db.find(config.table, id);
  rows.set(key, row);
  return row;
}`,
      errors: [{ messageId: 'unboundedCache', line: 3, column: 7 }],
      output: null,
    },
  ],
});

jsRuleTester.run('no-unbounded-collection (JavaScript)', rule, {
  valid: [
    `
const cache = new Map();
module.exports = { cache };
exports.get = (k) => cache.get(k) ?? cache.set(k, load(k)).get(k);`,
    // Field (webpack): a class method in plain JavaScript, whose AST has no decorators array.
    `
const ids = new Map();
class ChunkGraph {
  getModuleId(module) {
    if (!ids.has(module)) ids.set(module, module.identifier());
    return ids.get(module);
  }
}
module.exports = ChunkGraph;`,
    {
      name: 'serverless resolve-ajv-validate (UC-1): validators cached by the hash of the config schema',
      code: `
const objectHash = require('object-hash');
const validators = {};
const getValidate = async (schema) => {
  const schemaHash = objectHash(schema);
  if (validators[schemaHash]) return validators[schemaHash];
  const dir = await cacheDir();
  validators[schemaHash] = compile(schema, dir);
  return validators[schemaHash];
};
module.exports = { getValidate };`,
    },
  ],
  invalid: [
    {
      code: `
const cache = {};
exports.get = function get(key) {
  if (key in cache) return Promise.resolve(cache[key]);
  return fetchRemote(key).then((value) => {
    cache[key] = value;
    return value;
  });
};`,
      errors: [{ messageId: 'unboundedCache', line: 2, column: 7 }],
      output: null,
    },
  ],
});
