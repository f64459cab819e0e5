import tsParser from '@typescript-eslint/parser';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';

import {
  destinationOf,
  perCallSite,
  perCallUse,
  usesOnlyModuleScope,
  type PerCallEnv,
} from '../../src/analysis/lifetime/per-call.js';

/** Runs `fn` on the `new Target(…)` expression of `code` (exactly one) with a real SourceCode. */
function atTarget<T>(
  code: string,
  fn: (env: PerCallEnv, node: TSESTree.NewExpression) => T,
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
      return found === null ? null : { kind: found.kind, where: found.where };
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
      'the handler of `GET /users/:id`',
    ],
    [
      "router.post('/orders', auth, (req, res) => { new Target(); });",
      'the handler of `POST /orders`',
    ],
    ['app.use((req, res, next) => { new Target(); next(); });', 'the middleware'],
    ["app.route('/book').get((req, res) => { new Target(); });", 'the `GET` handler'],
    [
      "app.get('/x', asyncHandler(async (req, res) => { new Target(); }));",
      'the handler of `GET /x`',
    ],
    [
      'http.createServer((req, res) => { new Target(); });',
      'the `http.createServer` request handler',
    ],
    ["server.on('request', (req, res) => { new Target(); });", "the `'request'` handler"],
    ['export const handler = async (event) => { new Target(); };', 'the AWS Lambda `handler`'],
    [
      'export const handler = middy(async (event) => { new Target(); });',
      'the AWS Lambda `handler`',
    ],
    ['exports.handler = async function (event) { new Target(); };', 'the AWS Lambda `handler`'],
    ['export async function POST(request) { new Target(); }', 'the Next.js `POST` route handler'],
    [
      'export const GET = withAuth(async (request) => { new Target(); });',
      'the Next.js `GET` route handler',
    ],
    [
      'export default { async fetch(request, env) { new Target(); } };',
      'the Cloudflare Workers `fetch` handler',
    ],
    [
      'export default { fetch: async (request, env) => { new Target(); } } satisfies ExportedHandler;',
      'the Cloudflare Workers `fetch` handler',
    ],
    [
      "functions.http('hello', (req, res) => { new Target(); });",
      'the Cloud Functions function `hello`',
    ],
    [
      'export const api = onRequest(async (req, res) => { new Target(); });',
      'the Cloud Functions `onRequest` function',
    ],
    [
      "async function show(req, res) { new Target(); }\nrouter.get('/show', show);",
      'the handler of `GET /show`',
    ],
    [
      'export async function listUsers(req, res) { new Target(); }',
      'the request handler `listUsers`',
    ],
    ["class C { @Get(':id') find() { new Target(); } }", 'the NestJS route handler `find()`'],
  ])('%s', (code, where) => {
    expect(site(code)).toEqual({ kind: 'handler', where });
  });

  it('knows the framework from the imports', () => {
    expect(
      site(
        "import Fastify from 'fastify';\nconst f = Fastify();\nf.get('/', async (request, reply) => { new Target(); });",
      ),
    ).toEqual({
      kind: 'handler',
      where: 'the Fastify handler of `GET /`',
    });
    expect(
      site(
        "import { Hono } from 'hono';\nconst app = new Hono();\napp.get('/', (c) => { new Target(); });",
      ),
    ).toEqual({
      kind: 'handler',
      where: 'the Hono handler of `GET /`',
    });
    expect(
      site(
        "import Koa from 'koa';\nconst app = new Koa();\napp.use(async (ctx, next) => { new Target(); });",
      ),
    ).toEqual({
      kind: 'handler',
      where: 'the Koa middleware',
    });
    expect(
      site(
        "fastify.route({ method: 'GET', url: '/', handler: async (request, reply) => { new Target(); } });",
      ),
    ).toEqual({ kind: 'handler', where: 'the Fastify route `handler`' });
  });

  it('knows Next.js pages/api and middleware by file name, Remix loaders by import', () => {
    expect(
      site(
        'export default async function handler(req, res) { new Target(); }',
        'pages/api/users.ts',
      ),
    ).toEqual({
      kind: 'handler',
      where: 'the Next.js API route',
    });
    expect(
      site('export function middleware(request) { new Target(); }', 'src/middleware.ts'),
    ).toEqual({
      kind: 'handler',
      where: 'the Next.js middleware',
    });
    expect(
      site(
        "import { json } from '@remix-run/node';\nexport async function loader() { new Target(); }",
      ),
    ).toEqual({
      kind: 'handler',
      where: 'the Remix `loader`',
    });
  });
});

describe('perCallSite: loops, iterations, listeners, ordinary functions', () => {
  it.each([
    ['for (const x of xs) { new Target(); }', 'loop', 'a `for…of` loop'],
    ['for (let i = 0; i < n; i++) new Target();', 'loop', 'a `for` loop'],
    ['while (more()) { new Target(); }', 'loop', 'a `while` loop'],
    ['do { new Target(); } while (more());', 'loop', 'a `do…while` loop'],
    [
      'async function f() { for await (const x of xs) { new Target(); } }',
      'loop',
      'a `for await…of` loop',
    ],
    ['xs.forEach((x) => { new Target(); });', 'iteration', 'a `.forEach()` callback'],
    ['Array.from(xs, (x) => new Target());', 'iteration', 'an `Array.from()` callback'],
    ['setInterval(() => { new Target(); }, 1000);', 'listener', 'a `setInterval` callback'],
    ["wss.on('connection', (ws) => { new Target(); });", 'listener', "a `'connection'` listener"],
    ["cron.schedule('* * * * *', () => { new Target(); });", 'listener', 'a scheduled job'],
    ['export function getUser(id) { new Target(); }', 'function', 'function `getUser()`'],
    ['class Repo { find(id) { new Target(); } }', 'function', 'method `find()`'],
    ['class Deps { get redis() { return new Target(); } }', 'function', 'getter `redis`'],
    ['const repo = { find(id) { new Target(); } };', 'function', 'method `find()`'],
    [
      'function helper() { new Target(); }\nfunction other() { helper(); }',
      'function',
      'function `helper()`',
    ],
  ])('%s', (code, kind, where) => {
    expect(site(code)).toEqual({ kind, where });
  });

  it('the loop header that runs once is not a loop body', () => {
    expect(site('for (const c = new Target(); c.more(); ) c.next();')).toBeNull();
    expect(site('for (const x of new Target().items()) use(x);')).toBeNull();
  });

  it('an iteration inside a handler is the innermost site', () => {
    expect(site("app.get('/', (req, res) => { ids.map((id) => new Target(id)); });")).toEqual({
      kind: 'iteration',
      where: 'a `.map()` callback',
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
