import tsParser from '@typescript-eslint/parser';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';

import {
  destinationOf,
  perCallUse,
} from '../../../src/rules/no-per-call-client-utils/destination.js';
import { usesOnlyModuleScope } from '../../../src/rules/no-per-call-client-utils/module-scope.js';
import { perCallSite, type PerCallEnv } from '../../../src/analysis/lifetime/per-call-site.js';
import { siteText } from '../../../src/rules/no-per-call-client-utils/site-text.js';

/** Runs `fn` on the `new Target(…)` expression of `code` (exactly one) with a real SourceCode. */
function atTarget<T>(
  code: string,
  fn: (env: PerCallEnv & { sourceCode: TSESLint.SourceCode }, node: TSESTree.NewExpression) => T,
  filename = 'src/file.ts',
): T {
  const results: T[] = [];
  const rule = {
    meta: { type: 'problem' as const, schema: [] },
    create(context: TSESLint.RuleContext<string, []>) {
      return {
        NewExpression(node: TSESTree.NewExpression) {
          if (node.callee.type === 'Identifier' && node.callee.name === 'Target') {
            results.push(fn({ sourceCode: context.sourceCode, filename: context.filename }, node));
          }
        },
      };
    },
  };
  const linter = new Linter({ configType: 'flat' });
  const messages = linter.verify(
    code,
    [
      {
        files: ['**/*.ts'],
        languageOptions: { parser: tsParser },
        plugins: { probe: { rules: { target: rule as never } } },
        rules: { 'probe/target': 'error' },
      },
    ],
    filename,
  );
  expect(messages.filter((message) => message.fatal)).toEqual([]);
  expect(results).toHaveLength(1);
  return results[0];
}

const site = (code: string, filename?: string) =>
  atTarget(
    code,
    (env, node) => {
      const found = perCallSite(env, node);
      if (found === null) return null;
      const text = siteText(env.sourceCode, found);
      return found.kind === 'handler'
        ? { kind: found.kind, framework: found.framework, text }
        : { kind: found.kind, text };
    },
    filename,
  );

const destination = (code: string) =>
  atTarget(code, (env, node) => {
    const found = perCallSite(env, node);
    return found === null ? 'no site' : destinationOf(env, node, found).kind;
  });

const perCall = (code: string) => atTarget(code, (env, node) => perCallUse(env, node) !== null);

describe('perCallSite: request handlers', () => {
  it.each([
    [
      "app.get('/users/:id', async (req, res) => { new Target(); });",
      'node-http',
      "app.get('/users/:id', …)",
    ],
    [
      "router.post('/orders', auth, (req, res) => { new Target(); });",
      'node-http',
      "router.post('/orders', auth, …)",
    ],
    ['app.use((req, res, next) => { new Target(); next(); });', 'node-http', 'app.use(…)'],
    [
      "app.route('/book').get((req, res) => { new Target(); });",
      'node-http',
      "app.route('/book').get(…)",
    ],
    [
      "app.get('/x', asyncHandler(async (req, res) => { new Target(); }));",
      'node-http',
      "app.get('/x', …)",
    ],
    ['http.createServer((req, res) => { new Target(); });', 'node-http', 'http.createServer(…)'],
    [
      "server.on('request', (req, res) => { new Target(); });",
      'node-http',
      "server.on('request', …)",
    ],
    [
      'export const handler = async (event) => { new Target(); };',
      'aws-lambda',
      'const handler = async (event) => …',
    ],
    [
      'export const handler = middy(async (event) => { new Target(); });',
      'aws-lambda',
      'const handler = middy(…)',
    ],
    [
      'exports.handler = async function (event) { new Target(); };',
      'aws-lambda',
      'exports.handler = async function (event)',
    ],
    [
      'export async function POST(request) { new Target(); }',
      'next',
      'async function POST(request)',
    ],
    [
      'export const GET = withAuth(async (request) => { new Target(); });',
      'next',
      'const GET = withAuth(…)',
    ],
    [
      'export default { async fetch(request, env) { new Target(); } };',
      'cloudflare-workers',
      'async fetch(request, env)',
    ],
    [
      'export default { fetch: async (request, env) => { new Target(); } } satisfies ExportedHandler;',
      'cloudflare-workers',
      'fetch: async (request, env) => …',
    ],
    [
      "functions.http('hello', (req, res) => { new Target(); });",
      'google-cloud-functions',
      "functions.http('hello', …)",
    ],
    [
      'export const api = onRequest(async (req, res) => { new Target(); });',
      'google-cloud-functions',
      'const api = onRequest(…)',
    ],
    [
      "async function show(req, res) { new Target(); }\nrouter.get('/show', show);",
      'node-http',
      'async function show(req, res)',
    ],
    [
      'export async function listUsers(req, res) { new Target(); }',
      'node-http',
      'async function listUsers(req, res)',
    ],
    ["class C { @Get(':id') find() { new Target(); } }", 'nestjs', 'find()'],
  ])('%s', (code, framework, text) => {
    expect(site(code)).toEqual({ kind: 'handler', framework, text });
  });

  it('knows the framework from the imports', () => {
    expect(
      site(
        "import Fastify from 'fastify';\nconst f = Fastify();\nf.get('/', async (request, reply) => { new Target(); });",
      ),
    ).toEqual({
      kind: 'handler',
      framework: 'fastify',
      text: "f.get('/', …)",
    });
    expect(
      site(
        "import { Hono } from 'hono';\nconst app = new Hono();\napp.get('/', (c) => { new Target(); });",
      ),
    ).toEqual({
      kind: 'handler',
      framework: 'hono',
      text: "app.get('/', …)",
    });
    expect(
      site(
        "import Koa from 'koa';\nconst app = new Koa();\napp.use(async (ctx, next) => { new Target(); });",
      ),
    ).toEqual({
      kind: 'handler',
      framework: 'koa',
      text: 'app.use(…)',
    });
    expect(
      site(
        "fastify.route({ method: 'GET', url: '/', handler: async (request, reply) => { new Target(); } });",
      ),
    ).toEqual({
      kind: 'handler',
      framework: 'fastify',
      text: 'handler: async (request, reply) => …',
    });
  });

  it('knows Next.js pages/api and middleware by file name, Remix loaders by import', () => {
    expect(
      site(
        'export default async function handler(req, res) { new Target(); }',
        'pages/api/users.ts',
      ),
    ).toEqual({
      kind: 'handler',
      framework: 'next',
      text: 'async function handler(req, res)',
    });
    expect(
      site('export function middleware(request) { new Target(); }', 'src/middleware.ts'),
    ).toEqual({
      kind: 'handler',
      framework: 'next',
      text: 'function middleware(request)',
    });
    expect(
      site(
        "import { json } from '@remix-run/node';\nexport async function loader() { new Target(); }",
      ),
    ).toEqual({
      kind: 'handler',
      framework: 'remix',
      text: 'async function loader()',
    });
  });
});

describe('perCallSite: loops, iterations, listeners, ordinary functions', () => {
  it.each([
    ['for (const x of xs) { new Target(); }', 'loop', 'for (const x of xs)'],
    ['for (let i = 0; i < n; i++) new Target();', 'loop', 'for (let i = 0; i < n; i++)'],
    ['while (more()) { new Target(); }', 'loop', 'while (more())'],
    ['do { new Target(); } while (more());', 'loop', 'do … while (more())'],
    [
      'async function f() { for await (const x of xs) { new Target(); } }',
      'loop',
      'for await (const x of xs)',
    ],
    ['xs.forEach((x) => { new Target(); });', 'iteration', 'xs.forEach(…)'],
    ['Array.from(xs, (x) => new Target());', 'iteration', 'Array.from(xs, …)'],
    ['setInterval(() => { new Target(); }, 1000);', 'listener', 'setInterval(…, 1000)'],
    ["wss.on('connection', (ws) => { new Target(); });", 'listener', "wss.on('connection', …)"],
    [
      "cron.schedule('* * * * *', () => { new Target(); });",
      'listener',
      "cron.schedule('* * * * *', …)",
    ],
    ['export function getUser(id) { new Target(); }', 'function', 'function getUser(id)'],
    [
      'export async function total(id: string): Promise<number> { new Target(); return 1; }',
      'function',
      'async function total(id: string)',
    ],
    [
      'export const sync = async (id: string): Promise<void> => { new Target(); };',
      'function',
      'const sync = async (id: string) => …',
    ],
    ['class Repo { find(id) { new Target(); } }', 'function', 'find(id)'],
    ['class Deps { get redis() { return new Target(); } }', 'function', 'get redis()'],
    ['const repo = { find(id) { new Target(); } };', 'function', 'find(id)'],
    [
      'function helper() { new Target(); }\nfunction other() { helper(); }',
      'function',
      'function helper()',
    ],
  ])('%s', (code, kind, text) => {
    expect(site(code)).toEqual({ kind, text });
  });

  it('the loop header that runs once is not a loop body', () => {
    expect(site('for (const c = new Target(); c.more(); ) c.next();')).toBeNull();
    expect(site('for (const x of new Target().items()) use(x);')).toBeNull();
  });

  it('an iteration inside a handler is the innermost site', () => {
    expect(site("app.get('/', (req, res) => { ids.map((id) => new Target(id)); });")).toEqual({
      kind: 'iteration',

      text: 'ids.map(…)',
    });
  });
});

describe('perCallSite: code that runs once', () => {
  it.each([
    ['const t = new Target();'],
    ['class C { field = new Target(); }'],
    ['class C { static field = new Target(); }'],
    ['class C { constructor() { this.t = new Target(); } }'],
    ['class C { static { C.t = new Target(); } }'],
    ['(async () => { const t = new Target(); })();'],
    ['async function main() { new Target(); }\nmain();'],
    ['async function purge() { new Target(); }\nawait purge();'],
    ['function bootstrapApp() { new Target(); }'],
    ['export async function startServer() { new Target(); }'],
    ["describe('x', () => { it('y', () => { new Target(); }); });"],
    ['beforeEach(() => { new Target(); });'],
    ['fastify.register(async (instance) => { new Target(); });'],
    ['export default fp(async (fastify) => { new Target(); });'],
    ['app.listen(3000, () => { new Target(); });'],
    ["program.command('sync').action(async () => { new Target(); });"],
    ['new Promise((resolve) => { resolve(new Target()); });'],
    ["process.once('SIGTERM', () => { new Target(); });"],
    [
      'async function helper() { new Target(); }\nasync function main() { await helper(); }\nmain();',
    ],
    ["import { it } from 'vitest';\nexport function helper() { new Target(); }"],
    [
      "export function helper() { new Target(); }\ndescribe('x', () => { it('y', () => helper()); });",
    ],
  ])('%s', (code) => {
    expect(site(code)).toBeNull();
  });
});

describe('destinationOf', () => {
  it.each([
    ['let t; export function get() { if (!t) t = new Target(); return t; }', 'kept'],
    ['let t; export function get() { return (t ??= new Target()); }', 'kept'],
    ['export function get() { return globalThis.t ?? (globalThis.t = new Target()); }', 'kept'],
    ['class C { get t() { return (this._t ??= new Target()); } }', 'kept'],
    ['class C { static get() { if (!C.i) C.i = new Target(); return C.i; } }', 'kept'],
    ['const cache = new Map(); export function get(k) { cache.set(k, new Target(k)); }', 'kept'],
    ['const all = []; for (const x of xs) all.push(new Target(x));', 'kept'],
    ['export function f(deps) { const t = deps.t ?? new Target(); return t.go(); }', 'fallback'],
    ['export function createT(url) { return new Target(url); }', 'returned'],
    ['export function createDb(url) { return drizzle(new Target(url)); }', 'returned'],
    ['export function makeRepo() { const t = new Target(); return new Repo(t); }', 'returned'],
    ['export function deps() { return { t: new Target() }; }', 'returned'],
    [
      'export function routes(r) { const t = new Target(); r.get("/", () => t.get()); }',
      'captured',
    ],
    ['export function listFiles(k) { const t = new Target(); return list(t, k); }', 'local'],
    ["app.get('/', (req, res) => { res.locals.t = new Target(); });", 'local'],
    ["app.get('/', async (req, res) => { const t = new Target(); return send(t); });", 'local'],
    ["app.get('/', (req, res) => { new Target().ping(); });", 'local'],
    [
      'export async function f(ids) { const t = new Target(); await Promise.all(ids.map((id) => t.get(id))); }',
      'local',
    ],
  ])('%s → %s', (code, kind) => {
    expect(destination(code)).toBe(kind);
  });
});

describe('perCallUse', () => {
  it.each([
    // A value returned from an iteration callback is judged where the iteration's result goes.
    ['export const byRegion = regions.map((region) => new Target({ region }));', false],
    [
      "app.get('/', (req, res) => { const all = regions.map((region) => new Target({ region })); });",
      true,
    ],
    ['class Deps { get redis() { return new Target(); } }', true],
    ['export function createT() { return new Target(); }', false],
    ["app.get('/', (req, res) => { const t = await lru.fetch(k, () => new Target()); });", false],
    [
      "app.get('/', (req, res) => { const t = new Target(); stream.on('end', () => t.close()); });",
      true,
    ],
    ['export function routes(r) { const t = new Target(); r.get("/", () => t.get()); }', false],
    ["app.get('/', async (req, res) => { await using t = new Target(); });", true],
  ])('%s → %s', (code, expected) => {
    expect(perCall(code)).toBe(expected);
  });
});

describe('usesOnlyModuleScope', () => {
  const hoistable = (code: string) =>
    atTarget(code, (env, node) => {
      let top: TSESTree.Node = node;
      while (top.parent && top.parent.type !== 'Program') top = top.parent;
      return usesOnlyModuleScope(env, node, top.range[0]);
    });

  it.each([
    ["import { cfg } from './cfg';\nexport function f() { return new Target(cfg); }", true],
    [
      'const URL = "x";\nexport function f() { return new Target({ url: URL, env: process.env.X }); }',
      true,
    ],
    ['export function f(url) { return new Target({ url }); }', false],
    ['export function f() { const url = "x"; return new Target(url); }', false],
    ['export function f() { return new Target(LATER); }\nconst LATER = 1;', false],
    ['export function f() { return new Target(() => 1); }', false],
    ['export async function f() { return new Target(await token()); }', false],
    ['export function f() { return new Target(helper()); }\nfunction helper() { return 1; }', true],
  ])('%s → %s', (code, expected) => {
    expect(hoistable(code)).toBe(expected);
  });
});
