import rule from '../../src/rules/require-test-cleanup.js';
import { jsRuleTester, ruleTester } from '../rule-tester.js';

ruleTester.run('require-test-cleanup', rule, {
  valid: [
    // An HTTP API suite: server, pool, temp dir and interval all released in their matching hook.
    `
import { createServer, type Server } from 'node:http';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Pool } from 'pg';
import request from 'supertest';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.js';

describe('users API', () => {
  let server: Server;
  let pool: Pool;
  let uploads: string;
  let heartbeat: NodeJS.Timeout;

  beforeAll(async () => {
    pool = new Pool({ connectionString: process.env.DATABASE_URL });
    server = createServer(buildApp(pool));
    await new Promise<void>((resolve) => server.listen(0, resolve));
    uploads = await mkdtemp(join(tmpdir(), 'uploads-'));
  });

  beforeEach(() => {
    heartbeat = setInterval(() => pool.query('select 1'), 1_000);
  });

  afterEach(() => {
    clearInterval(heartbeat);
  });

  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    await pool.end();
    await rm(uploads, { recursive: true, force: true });
  });

  it('lists users', async () => {
    const res = await request(server).get('/users');
    expect(res.status).toBe(200);
  });
});`,
    // Fastify: ready() in beforeAll, close() in afterAll; inject needs no port.
    `
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { routes } from '../src/routes.js';

describe('health', () => {
  let app: FastifyInstance;
  beforeAll(async () => {
    app = Fastify();
    app.register(routes);
    await app.ready();
  });
  afterAll(() => app.close());
  it('answers', async () => {
    const res = await app.inject({ method: 'GET', url: '/health' });
    expect(res.statusCode).toBe(200);
  });
});`,
    // supertest against the app: it listens and closes by itself; nothing kept.
    `
import request from 'supertest';
import { describe, it, beforeAll } from 'vitest';
import { createApp } from '../src/app.js';
describe('app', () => {
  let app: ReturnType<typeof createApp>;
  beforeAll(() => { app = createApp(); });
  it('works', () => request(app).get('/').expect(200));
});`,
    // A server that never listens holds no port; supertest listens and closes per request.
    `
import { createServer, type Server } from 'node:http';
import request from 'supertest';
import { beforeAll, it } from 'vitest';
import { handler } from '../src/handler.js';
let server: Server;
beforeAll(() => { server = createServer(handler); });
it('answers', () => request(server).get('/').expect(200));`,
    // MSW: the module-level server listens in beforeAll and closes in afterAll.
    `
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { handlers } from './handlers.js';
const server = setupServer(...handlers);
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());`,
    // The same app made ready before each test (idempotent) and closed once.
    `
import { afterAll, beforeEach, it } from 'vitest';
import { build } from '../src/app.js';
const app = build();
beforeEach(async () => { await app.ready(); });
afterAll(() => app.close());
it('serves', () => {});`,
    // Express: the server listen() returns, closed with a done callback (Jest globals).
    `
import express from 'express';
import type { Server } from 'node:http';
describe('webhooks', () => {
  let server: Server;
  beforeAll((done) => {
    const app = express();
    server = app.listen(0, done);
  });
  afterAll((done) => { server.close(done); });
  it('receives', () => {});
});`,
    // Released by a local helper that the teardown names or calls.
    `
import { createServer, type Server } from 'node:net';
import Redis from 'ioredis';
let server: Server;
let redis: Redis;
async function closeAll() {
  await redis.quit();
  await new Promise((resolve) => server.close(resolve));
}
beforeAll(() => {
  server = createServer();
  redis = new Redis();
});
afterAll(closeAll);
test('ping', async () => {});`,
    `
import { createServer, type Server } from 'node:net';
let server: Server;
function stop() { server.close(); }
beforeAll(() => { server = createServer().listen(0); });
afterAll(async () => { stop(); });
test('ping', async () => {});`,
    // Vitest: a setup hook may return its own cleanup.
    `
import { beforeEach, it } from 'vitest';
import { watch, type FSWatcher } from 'node:fs';
let watcher: FSWatcher;
beforeEach(() => {
  watcher = watch('./fixtures');
  return () => watcher.close();
});
it('sees changes', () => {});`,
    // onTestFinished registered in the hook.
    `
import { beforeEach, it, onTestFinished } from 'vitest';
import { Worker } from 'node:worker_threads';
let worker: Worker;
beforeEach(() => {
  worker = new Worker('./worker.js');
  onTestFinished(() => worker.terminate());
});
it('computes', () => {});`,
    // node:test: before/after from the module.
    `
import { after, before, describe, it } from 'node:test';
import { spawn, type ChildProcess } from 'node:child_process';
describe('cli server', () => {
  let child: ChildProcess;
  before(() => {
    child = spawn(process.execPath, ['server.js']);
  });
  after(() => {
    child.kill();
  });
  it('responds', async () => {});
});`,
    // Kept in a collection and released by iterating it.
    `
import { createServer, type Server } from 'node:http';
import { afterEach, beforeEach, it } from 'vitest';
const servers: Server[] = [];
beforeEach(() => {
  const server = createServer();
  server.listen(0);
  servers.push(server);
});
afterEach(async () => {
  await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
  servers.length = 0;
});
it('serves', () => {});`,
    // A shared setup helper hands the server out: its callers decide.
    `
import { createServer, type Server } from 'node:http';
import { beforeAll } from 'vitest';
export function startServer(handler: Parameters<typeof createServer>[0]) {
  let server: Server | undefined;
  beforeAll(() => { server = createServer(handler).listen(0); });
  return () => server!;
}`,
    // The last test shuts the server down on purpose.
    `
import { createServer, type Server } from 'node:http';
import { beforeAll, it } from 'vitest';
let server: Server;
beforeAll(() => { server = createServer(); });
it('shuts down gracefully', async () => {
  await new Promise((r) => server.close(r));
});`,
    // Created in beforeAll and closed in afterEach: never more than one open.
    `
import { createServer, type Server } from 'node:http';
let server: Server;
beforeAll(() => { server = createServer(); });
afterEach(() => server?.close());
test('x', () => {});`,
    // Released in the afterAll of an enclosing describe.
    `
import { createClient } from 'redis';
describe('cache', () => {
  let redis: ReturnType<typeof createClient>;
  describe('get', () => {
    beforeAll(async () => { redis = createClient(); await redis.connect(); });
    it('hits', () => {});
  });
  afterAll(() => redis.quit());
});`,
    // A temporary directory removed synchronously.
    `
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
let dir = '';
beforeEach(() => { dir = mkdtempSync(tmpdir() + '/x-'); });
afterEach(() => rmSync(dir, { recursive: true, force: true }));
test('writes', () => {});`,
    // Fake timers at the top level: each test file gets its own timers.
    `
import { beforeEach, it, vi } from 'vitest';
beforeEach(() => { vi.useFakeTimers(); });
it('debounces', () => {});`,
    // Fake timers restored in afterEach.
    `
describe('retry', () => {
  beforeEach(() => { jest.useFakeTimers(); });
  afterEach(() => { jest.useRealTimers(); });
  it('backs off', () => {});
});
describe('other', () => { it('runs on real timers', () => {}); });`,
    // Fake timers in the only block of the file: nothing runs after it.
    `
import { describe, beforeEach, it, vi } from 'vitest';
describe('scheduler', () => {
  beforeEach(() => vi.useFakeTimers());
  it('fires', () => {});
});`,
    // Spies are not checked by default: a restoreMocks setting may restore them.
    `
import { beforeEach, describe, it, vi } from 'vitest';
describe('logger', () => {
  beforeEach(() => { vi.spyOn(console, 'error').mockImplementation(() => {}); });
  it('logs', () => {});
});
it('elsewhere', () => {});`,
    // Spies checked, and restored.
    {
      code: `
import { afterEach, beforeEach, describe, it, vi } from 'vitest';
describe('clock', () => {
  let now: ReturnType<typeof vi.spyOn>;
  beforeEach(() => { now = vi.spyOn(Date, 'now').mockReturnValue(0); });
  afterEach(() => { now.mockRestore(); });
  it('is frozen', () => {});
});
describe('logger', () => {
  beforeEach(() => { vi.spyOn(console, 'warn'); });
  afterEach(() => { vi.restoreAllMocks(); });
  it('warns', () => {});
});`,
      options: [{ spies: true }],
    },
    // Not hooks: a local \`before\` and one from the app's own module.
    `
import { createServer } from 'node:http';
import { before } from './lifecycle.js';
function beforeAll(fn: () => void) { fn(); }
let server;
before(() => { server = createServer(); });
beforeAll(() => { server = createServer(); });`,
    // Created in a test body: require-dispose's concern, not this rule's.
    `
import { createServer } from 'node:http';
import { it } from 'vitest';
it('starts', () => {
  const server = createServer();
  server.listen(0);
});`,
    // Handed to the app under test, which closes it with itself.
    `
import { Pool } from 'pg';
import { afterAll, beforeAll, it } from 'vitest';
import { buildApp, type App } from '../src/app.js';
let app: App;
beforeAll(async () => {
  app = await buildApp({ pool: new Pool() });
});
afterAll(() => app.shutdown());
it('works', () => {});`,
    {
      name: 'feathers (TC-1): the framework teardown() closes the server its listen() started',
      code: `
import { feathers } from '@feathersjs/feathers';
import { koa, rest } from '@feathersjs/koa';

describe('orders over REST', () => {
  const app = koa(feathers()).configure(rest());

  before(async () => {
    await app.listen(4123);
  });

  after(() => app.teardown());

  it('answers', async () => {
    const res = await fetch('http://localhost:4123/orders');
    await res.text();
  });
});
`,
    },
    {
      name: 'feathers (TC-2): the server that await app.listen() resolves to, kept in another variable and closed',
      code: `
import type { Server } from 'node:http';
import { feathers } from '@feathersjs/feathers';
import express, { rest } from '@feathersjs/express';

describe('custom methods', () => {
  let app: any;
  let server: Server;

  before(async () => {
    app = express(feathers()).configure(rest());
    server = await app.listen(4321);
  });

  after((done) => server.close(done));

  it('runs', () => {});
});
`,
    },
  ],
  invalid: [
    {
      // The suite's server is never closed: Vitest hangs or warns of open handles.
      code: `
import { createServer, type Server } from 'node:http';
import { Pool } from 'pg';
import { afterAll, beforeAll, describe, it } from 'vitest';
describe('orders API', () => {
  let server: Server;
  let pool: Pool;
  beforeAll(async () => {
    pool = new Pool();
    server = createServer();
    await new Promise<void>((resolve) => server.listen(0, resolve));
  });
  afterAll(async () => {
    await pool.end();
  });
  it('lists orders', () => {});
});`,
      errors: [
        {
          messageId: 'notReleased',
          line: 10,
          column: 14,
          suggestions: [
            {
              messageId: 'addRelease',
              output: `
import { createServer, type Server } from 'node:http';
import { Pool } from 'pg';
import { afterAll, beforeAll, describe, it } from 'vitest';
describe('orders API', () => {
  let server: Server;
  let pool: Pool;
  beforeAll(async () => {
    pool = new Pool();
    server = createServer();
    await new Promise<void>((resolve) => server.listen(0, resolve));
  });
  afterAll(async () => {
    await pool.end();
    server.close();
  });
  it('lists orders', () => {});
});`,
            },
          ],
        },
      ],
      output: null,
    },
    {
      // One server per test, closed once at the end: every test but the last leaks one.
      code: `
import { createServer, type Server } from 'node:http';
let server: Server;
beforeEach(() => { server = createServer().listen(0); });
afterAll(() => server.close());
test('a', () => {});
test('b', () => {});`,
      errors: [
        {
          messageId: 'wrongHook',
          line: 4,
          column: 29,
          suggestions: [
            {
              messageId: 'renameTeardown',
              output: `
import { createServer, type Server } from 'node:http';
let server: Server;
beforeEach(() => { server = createServer().listen(0); });
afterEach(() => server.close());
test('a', () => {});
test('b', () => {});`,
            },
          ],
        },
      ],
      output: null,
    },
    {
      // A pool and a temporary directory without any teardown.
      code: `
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import pg from 'pg';
let pool: pg.Pool;
let dir: string;
beforeAll(async () => {
  pool = new pg.Pool();
  dir = await mkdtemp(tmpdir() + '/jobs-');
});
test('runs', () => {});`,
      errors: [
        {
          messageId: 'notReleased',
          line: 8,
          column: 10,
          suggestions: [
            {
              messageId: 'addTeardown',
              output: `
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import pg from 'pg';
let pool: pg.Pool;
let dir: string;
beforeAll(async () => {
  pool = new pg.Pool();
  dir = await mkdtemp(tmpdir() + '/jobs-');
});
afterAll(async () => {
  await pool.end();
});
test('runs', () => {});`,
            },
          ],
        },
        { messageId: 'notReleased', line: 9, column: 15, suggestions: [] },
      ],
      output: null,
    },
    {
      // Fastify: ready() opens plugins and connections that only close() ends.
      code: `
import type { FastifyInstance } from 'fastify';
import { beforeAll, describe, it } from 'vitest';
import { build } from '../src/app.js';
describe('routes', () => {
  let app: FastifyInstance;
  beforeAll(async () => {
    app = await build();
    await app.ready();
  });
  it('serves', () => {});
});`,
      errors: [
        {
          messageId: 'notReleased',
          line: 9,
          column: 11,
          suggestions: [
            {
              messageId: 'addTeardown',
              output: `
import type { FastifyInstance } from 'fastify';
import { beforeAll, describe, it, afterAll } from 'vitest';
import { build } from '../src/app.js';
describe('routes', () => {
  let app: FastifyInstance;
  beforeAll(async () => {
    app = await build();
    await app.ready();
  });
  afterAll(async () => {
    await app.close();
  });
  it('serves', () => {});
});`,
            },
          ],
        },
      ],
      output: null,
    },
    {
      // Express: the server listen() returns is kept and never closed.
      code: `
import express from 'express';
import type { Server } from 'node:http';
let server: Server;
before(() => {
  const app = express();
  server = app.listen(3000);
});
after(async () => {
  console.log('done');
});
it('handles', () => {});`,
      errors: [
        {
          messageId: 'notReleased',
          line: 7,
          column: 12,
          suggestions: [
            {
              messageId: 'addRelease',
              output: `
import express from 'express';
import type { Server } from 'node:http';
let server: Server;
before(() => {
  const app = express();
  server = app.listen(3000);
});
after(async () => {
  console.log('done');
  server.close();
});
it('handles', () => {});`,
            },
          ],
        },
      ],
      output: null,
    },
    {
      // MSW without close(): its interceptors stay patched into http and fetch.
      code: `
import { setupServer } from 'msw/node';
import { afterEach, beforeAll } from 'vitest';
const server = setupServer();
beforeAll(() => server.listen());
afterEach(() => server.resetHandlers());`,
      errors: [
        {
          messageId: 'notReleased',
          line: 5,
          column: 17,
          suggestions: [
            {
              messageId: 'addTeardown',
              output: `
import { setupServer } from 'msw/node';
import { afterEach, beforeAll, afterAll } from 'vitest';
const server = setupServer();
beforeAll(() => server.listen());
afterAll(() => {
  server.close();
});
afterEach(() => server.resetHandlers());`,
            },
          ],
        },
      ],
      output: null,
    },
    {
      // An interval per test, never cleared; the afterEach exists but does not clear it.
      code: `
import { afterEach, beforeEach, it } from 'vitest';
let poller: NodeJS.Timeout;
beforeEach(() => {
  poller = setInterval(() => {}, 100);
});
afterEach(() => {
  resetState();
});
it('polls', () => {});`,
      errors: [
        {
          messageId: 'notReleased',
          line: 5,
          column: 12,
          suggestions: [
            {
              messageId: 'addRelease',
              output: `
import { afterEach, beforeEach, it } from 'vitest';
let poller: NodeJS.Timeout;
beforeEach(() => {
  poller = setInterval(() => {}, 100);
});
afterEach(() => {
  resetState();
  clearInterval(poller);
});
it('polls', () => {});`,
            },
          ],
        },
      ],
      output: null,
    },
    {
      // A client created in the hook and dropped: nothing can close it.
      code: `
import Redis from 'ioredis';
import { beforeAll, it } from 'vitest';
beforeAll(async () => {
  const redis = new Redis();
  await redis.flushall();
});
it('starts empty', () => {});`,
      errors: [{ messageId: 'dropped', line: 5, column: 17 }],
      output: null,
    },
    {
      // Fake timers left installed: the next describe's tests run on them.
      code: `
import { beforeEach, describe, it, vi } from 'vitest';
describe('debounce', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  it('waits', () => {});
});
describe('fetch', () => {
  it('times out for real', () => {});
});`,
      errors: [
        {
          messageId: 'timersNotRestored',
          line: 5,
          column: 5,
          suggestions: [
            {
              messageId: 'addTeardown',
              output: `
import { beforeEach, describe, it, vi, afterEach } from 'vitest';
describe('debounce', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });
  it('waits', () => {});
});
describe('fetch', () => {
  it('times out for real', () => {});
});`,
            },
          ],
        },
      ],
      output: null,
    },
    {
      // With spies checked: a spy kept and never restored, one never kept.
      code: `
import { beforeEach, describe, it, vi } from 'vitest';
describe('clock', () => {
  let now: ReturnType<typeof vi.spyOn>;
  beforeEach(() => {
    now = vi.spyOn(Date, 'now');
    vi.spyOn(Math, 'random').mockReturnValue(0.5);
  });
  it('is frozen', () => {});
});`,
      options: [{ spies: true }],
      errors: [
        {
          messageId: 'spyNotRestored',
          line: 6,
          column: 11,
          suggestions: [
            {
              messageId: 'addTeardown',
              output: `
import { beforeEach, describe, it, vi, afterEach } from 'vitest';
describe('clock', () => {
  let now: ReturnType<typeof vi.spyOn>;
  beforeEach(() => {
    now = vi.spyOn(Date, 'now');
    vi.spyOn(Math, 'random').mockReturnValue(0.5);
  });
  afterEach(() => {
    now.mockRestore();
  });
  it('is frozen', () => {});
});`,
            },
          ],
        },
        { messageId: 'spyNotRestored', line: 7, column: 5, suggestions: [] },
      ],
      output: null,
    },
    {
      // node:test: the watcher from before() is never closed.
      code: `
import { before, describe, it } from 'node:test';
import { watch, type FSWatcher } from 'node:fs';
describe('reload', () => {
  let watcher: FSWatcher;
  before(() => {
    watcher = watch('./config');
  });
  it('reloads', () => {});
});`,
      errors: [
        {
          messageId: 'notReleased',
          line: 7,
          column: 15,
          suggestions: [
            {
              messageId: 'addTeardown',
              output: `
import { before, describe, it, after } from 'node:test';
import { watch, type FSWatcher } from 'node:fs';
describe('reload', () => {
  let watcher: FSWatcher;
  before(() => {
    watcher = watch('./config');
  });
  after(() => {
    watcher.close();
  });
  it('reloads', () => {});
});`,
            },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'the server that await app.listen() resolves to, kept but closed through neither variable',
      code: `
import type { Server } from 'node:http';
import express from 'express';

describe('health', () => {
  let app: ReturnType<typeof express>;
  let server: Server;

  before(async () => {
    app = express();
    server = await app.listen(4321);
  });

  it('runs', () => {
    expect(server).toBeDefined();
  });
});
`,
      errors: [
        {
          messageId: 'notReleased',
          line: 11,
          column: 20,
          suggestions: [
            {
              messageId: 'addTeardown',
              output: `
import type { Server } from 'node:http';
import express from 'express';

describe('health', () => {
  let app: ReturnType<typeof express>;
  let server: Server;

  before(async () => {
    app = express();
    server = await app.listen(4321);
  });
  after(async () => {
    await app.close();
  });

  it('runs', () => {
    expect(server).toBeDefined();
  });
});
`,
            },
          ],
        },
      ],
      output: null,
    },
  ],
});

jsRuleTester.run('require-test-cleanup (Mocha, JavaScript)', rule, {
  valid: [
    `
const http = require('node:http');
describe('api', function () {
  let server;
  before(function (done) {
    server = http.createServer(require('../app')).listen(0, done);
  });
  after(function (done) {
    server.close(done);
  });
  it('responds', function () {});
});`,
    {
      name: 'parse-server (TC-3): created once, a beforeEach guarded by if (!server), closed in afterAll',
      code: `
const express = require('express');

describe('webhook target', () => {
  let server;

  beforeEach((done) => {
    if (!server) {
      const app = express();
      app.post('/hook', (req, res) => res.json({ ok: true }));
      server = app.listen(4567, undefined, done);
    } else {
      done();
    }
  });

  afterAll((done) => {
    server.close(done);
  });

  it('is reachable', () => {});
});
`,
    },
    {
      name: 'node-express-boilerplate (TC-4): mongoose.createConnection() without a URI opens nothing',
      code: `
const mongoose = require('mongoose');

describe('slug plugin', () => {
  let connection;

  beforeEach(() => {
    connection = mongoose.createConnection();
  });

  it('adds a slug', () => {
    const Post = connection.model('Post', new mongoose.Schema({ title: String }));
    expect(new Post({ title: 'A b' }).title).toBe('A b');
  });
});
`,
    },
    {
      name: 'parse-server ParseHooks.spec.js (TC-3): the guard tests the app set in the same block as the server',
      code: `
const express = require('express');
describe('hooks', () => {
  let server;
  let app;
  beforeEach((done) => {
    if (!app) {
      app = express();
      server = app.listen(4567, undefined, done);
    } else {
      done();
    }
  });
  afterAll((done) => {
    server.close(done);
  });
  it('runs', () => {});
});`,
    },
  ],
  invalid: [
    {
      code: `
const http = require('node:http');
describe('api', function () {
  let server;
  before(function (done) {
    server = http.createServer(require('../app')).listen(0, done);
  });
  it('responds', function () {});
});`,
      errors: [
        {
          messageId: 'notReleased',
          line: 6,
          column: 14,
          suggestions: [
            {
              messageId: 'addTeardown',
              output: `
const http = require('node:http');
describe('api', function () {
  let server;
  before(function (done) {
    server = http.createServer(require('../app')).listen(0, done);
  });
  after(() => {
    server.close();
  });
  it('responds', function () {});
});`,
            },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'a beforeEach guarded by another variable still makes one server per test',
      code: `
const express = require('express');
describe('webhook target', () => {
  let server;
  let ready = false;
  beforeEach((done) => {
    if (!ready) {
      server = express().listen(4567, undefined, done);
    } else {
      done();
    }
  });
  afterAll((done) => {
    server.close(done);
  });
  it('is reachable', () => {});
});`,
      errors: [
        {
          messageId: 'wrongHook',
          line: 8,
          column: 16,
          suggestions: [
            {
              messageId: 'renameTeardown',
              output: `
const express = require('express');
describe('webhook target', () => {
  let server;
  let ready = false;
  beforeEach((done) => {
    if (!ready) {
      server = express().listen(4567, undefined, done);
    } else {
      done();
    }
  });
  afterEach((done) => {
    server.close(done);
  });
  it('is reachable', () => {});
});`,
            },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'mongoose.createConnection(uri) opens a connection that must be closed',
      code: `
const mongoose = require('mongoose');
describe('slug plugin', () => {
  let connection;
  beforeEach(() => {
    connection = mongoose.createConnection(process.env.MONGO_URL);
  });
  it('adds a slug', () => {});
});`,
      errors: [
        {
          messageId: 'notReleased',
          line: 6,
          column: 18,
          suggestions: [
            {
              messageId: 'addTeardown',
              output: `
const mongoose = require('mongoose');
describe('slug plugin', () => {
  let connection;
  beforeEach(() => {
    connection = mongoose.createConnection(process.env.MONGO_URL);
  });
  afterEach(async () => {
    await connection.close();
  });
  it('adds a slug', () => {});
});`,
            },
          ],
        },
      ],
      output: null,
    },
  ],
});
