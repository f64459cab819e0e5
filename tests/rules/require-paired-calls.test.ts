import tsParser from '@typescript-eslint/parser';
import { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';

import requireDispose from '../../src/rules/require-dispose.js';
import rule, { type Options } from '../../src/rules/require-paired-calls.js';
import { jsRuleTester, ruleTester, typedRuleTester } from '../rule-tester.js';

/** The seed's job runner: a memory monitor and a process manager, paired by job id / pid. */
const jobRunnerPairs: Options = [
  {
    pairs: [
      {
        open: 'startMonitoring',
        close: 'stopMonitoring',
        match: 'argument',
        label: 'memory monitoring',
      },
      { open: 'registerProcess', close: 'unregisterProcess', match: 'argument' },
    ],
  },
];

ruleTester.run('require-paired-calls', rule, {
  valid: [
    // The seed's job runner: monitoring stopped in `finally`, the open inside the `try`.
    {
      code: `
import type { MemoryMonitor } from './monitor.js';
export class JobRunner {
  constructor(private readonly memoryMonitor: MemoryMonitor) {}
  async executeJob(jobId: string, signal: AbortSignal) {
    try {
      this.memoryMonitor?.startMonitoring(jobId);
      for await (const progress of processJob(jobId, signal)) {
        this.memoryMonitor?.updatePeakMemory(jobId);
        console.log(progress);
      }
    } finally {
      const stats = this.memoryMonitor?.stopMonitoring(jobId);
      if (stats) console.info('job %s peak %d MB', jobId, stats.peakMb);
    }
  }
}`,
      options: jobRunnerPairs,
    },
    // The process manager: the pid is unregistered in `finally`, the child killed on abort.
    {
      code: `
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { processManager } from './process-manager.js';
export async function ffmpeg(args: string[], signal: AbortSignal) {
  const child = spawn('ffmpeg', args, { signal });
  const pid = child.pid ?? 0;
  processManager.registerProcess(pid, 'ffmpeg-job');
  try {
    const [code] = await once(child, 'exit');
    return code === 0;
  } finally {
    processManager.unregisterProcess(pid);
  }
}`,
      options: jobRunnerPairs,
    },
    // Opened in one method and closed in another: a design this rule cannot see, left alone.
    {
      code: `
export class Worker {
  constructor(private monitor: { startMonitoring(id: string): void; stopMonitoring(id: string): void }) {}
  onJobStarted(id: string) { this.monitor.startMonitoring(id); }
  onJobFinished(id: string) { this.monitor.stopMonitoring(id); }
}`,
      options: jobRunnerPairs,
    },
    // A different key is a different pair: nothing to judge here.
    {
      code: `
export async function both(monitor: any, a: string, b: string) {
  monitor.startMonitoring(a);
  try { await run(a); } finally { monitor.stopMonitoring(a); }
  monitor.startMonitoring(b);
  monitor.stopMonitoring(b);
}`,
      options: jobRunnerPairs,
    },
    // Closed from a listener: whoever fires it decides, like any callback hand-off.
    `
import type { Request, Response, NextFunction } from 'express';
export function timing(req: Request, res: Response, next: NextFunction) {
  const label = \`\${req.method} \${req.url} \${Date.now()}\`;
  console.time(label);
  res.on('finish', () => console.timeEnd(label));
  next();
}`,
    // A CLI step timed in try/finally.
    `
import { readFile } from 'node:fs/promises';
export async function load(path: string) {
  console.time('load');
  try {
    return JSON.parse(await readFile(path, 'utf8'));
  } finally {
    console.timeEnd('load');
  }
}`,
    // Nothing between the open and the close can throw.
    `
export function tick() {
  console.time('tick');
  console.log('tick');
  console.timeEnd('tick');
}`,
    // Module scope: a script's top level lives as long as the process.
    `
console.time('boot');
await import('./server.js');
console.timeEnd('boot');`,
    // pg: the pool comes from the app's db module; the client goes back in finally.
    `
import type { Request, Response } from 'express';
import { pool } from './db.js';
export async function getUser(req: Request, res: Response) {
  const client = await pool.connect();
  try {
    const { rows } = await client.query('select * from users where id = $1', [req.params.id]);
    res.json(rows[0]);
  } finally {
    client.release();
  }
}`,
    // A transaction helper: the client is handed to the callback and released in finally.
    `
import type { PoolClient } from 'pg';
import { pool } from './db.js';
export async function withTransaction<T>(work: (client: PoolClient) => Promise<T>) {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  } finally {
    client.release();
  }
}`,
    // Returned to the caller, who owns it now.
    `
import { pool } from './db.js';
export async function checkout() {
  const client = await pool.connect();
  await client.query("set statement_timeout = '5s'");
  return client;
}`,
    // \`connect()\` of other clients: nothing says these are pool clients.
    `
import { MongoClient } from 'mongodb';
import { createClient } from 'redis';
export async function open(url: string) {
  const redis = createClient({ url });
  await redis.connect();
  const mongo = await MongoClient.connect(url);
  const db = await connectToDatabase(url);
  return { redis, mongo, db };
}`,
    // Callback form: pg passes the client (and \`done\`) to the callback.
    `
import { pool } from './db.js';
export function legacy(cb: (err: Error | null) => void) {
  pool.connect((err, client, done) => {
    if (err) return cb(err);
    client.query('select 1', (qerr) => { done(); cb(qerr); });
  });
}`,
    // OpenTelemetry: the span is ended in finally, with its status recorded.
    `
import { trace, SpanStatusCode } from '@opentelemetry/api';
const tracer = trace.getTracer('billing');
export async function charge(invoiceId: string) {
  const span = tracer.startSpan('charge', { attributes: { invoiceId } });
  try {
    return await gateway.charge(invoiceId);
  } catch (error) {
    span.recordException(error as Error);
    span.setStatus({ code: SpanStatusCode.ERROR });
    throw error;
  } finally {
    span.end();
  }
}`,
    // startActiveSpan ends in its callback; a span returned or stored is someone else's to end.
    `
import { trace, type Span } from '@opentelemetry/api';
const tracer = trace.getTracer('jobs');
const open = new Map<string, Span>();
export function begin(jobId: string) {
  const span = tracer.startSpan('job');
  open.set(jobId, span);
}
export function child(name: string) {
  return tracer.startSpan(name);
}
export function active() {
  return tracer.startActiveSpan('work', (span) => {
    try { return compute(); } finally { span.end(); }
  });
}`,
    // Without the OpenTelemetry import and without any end(): another tracer's span.
    `
import { tracer } from './tracing.js';
export async function handle(job: string) {
  const span = tracer.startSpan('job');
  await run(job);
  span.finish();
}`,
    // async-mutex: the release function, or the mutex's own release(), in finally.
    `
import { Mutex } from 'async-mutex';
const mutex = new Mutex();
let token: string | undefined;
export async function refreshToken() {
  const release = await mutex.acquire();
  try {
    token = await fetchToken();
  } finally {
    release();
  }
}
export async function refreshAgain() {
  await mutex.acquire();
  try {
    token = await fetchToken();
  } finally {
    mutex.release();
  }
}
export function read() {
  return mutex.runExclusive(() => token);
}`,
    // A generic pool from another library: the resource goes back through the pool.
    `
import { pool } from './browsers.js';
export async function screenshot(url: string) {
  const browser = await pool.acquire();
  try {
    return await browser.screenshot(url);
  } finally {
    await pool.release(browser);
  }
}`,
    // using: the open returns a Disposable that closes itself.
    {
      code: `
export async function job(monitor: any, id: string) {
  using _ = monitor.startMonitoring(id);
  await run(id);
}`,
      options: jobRunnerPairs,
    },
    // In a test, a failing assertion ends the test (field: pg-pool's own suite): normal paths only.
    {
      code: `
const { describe, it } = require('mocha');
const expect = require('expect.js');
const { pool } = require('./pool');
describe('lifecycle hooks', () => {
  it('are called on connect', async () => {
    const client = await pool.connect();
    expect(client.HOOK_CONNECT_COUNT).to.equal(1);
    client.release();
  });
});`,
      filename: 'lifecycle-hooks.test.ts',
    },
    // Without the defaults, console.time is not checked.
    {
      code: `
export async function f() {
  console.time('x');
  await run();
  console.timeEnd('x');
}`,
      options: [{ defaultPairs: false }],
    },
    // Normal paths only: a close skipped by a throw is accepted.
    {
      code: `
import { pool } from './db.js';
export async function count() {
  const client = await pool.connect();
  const { rows } = await client.query('select count(*) from jobs');
  client.release();
  return rows[0];
}`,
      options: [{ exceptionPaths: false }],
    },
    {
      name: 'sequelize (RP-1): pool.acquire(options) handed back with pool.release(connection) or pool.destroy(connection) in finally',
      code: `
interface Pool<C> {
  acquire(options: { type: 'read' | 'write' }): Promise<C>;
  release(connection: C): void;
  destroy(connection: C): Promise<void>;
}

export class Database<C> {
  constructor(private readonly pool: Pool<C>) {}

  async withConnection<T>(
    work: (connection: C) => Promise<T>,
    options: { type: 'read' | 'write'; discard?: boolean } = { type: 'write' },
  ): Promise<T> {
    const connection = await this.pool.acquire(options);
    try {
      return await work(connection);
    } finally {
      if (options.discard) {
        await this.pool.destroy(connection);
      } else {
        this.pool.release(connection);
      }
    }
  }
}
`,
    },
    {
      name: 'sequelize sequelize.js (RP-1): a connection acquired only when none is given, released under the same condition',
      code: `
class Sequelize {
  async query(sql, options) {
    const connection = options.transaction
      ? options.transaction.getConnection()
      : options.connection
        ? options.connection
        : await this.pool.acquire({ type: 'read' });
    const query = new this.dialect.Query(connection, this, options);
    try {
      await this.hooks.runAsync('beforeQuery', options, query);
      return await query.run(sql);
    } finally {
      await this.hooks.runAsync('afterQuery', options, query);
      if (!options.transaction && !options.connection) {
        this.pool.release(connection);
      }
    }
  }
}
module.exports = { Sequelize };
`,
    },
  ],
  invalid: [
    {
      // The seed's job runner without finally: a failed job stays monitored forever.
      code: `
import type { MemoryMonitor } from './monitor.js';
export async function executeJob(memoryMonitor: MemoryMonitor, jobId: string) {
  memoryMonitor.startMonitoring(jobId);
  await transcode(jobId);
  memoryMonitor.stopMonitoring(jobId);
}`,
      options: jobRunnerPairs,
      errors: [
        {
          messageId: 'notExceptionSafe',
          line: 4,
          column: 3,
          suggestions: [
            {
              messageId: 'suggestFinally',
              output: `
import type { MemoryMonitor } from './monitor.js';
export async function executeJob(memoryMonitor: MemoryMonitor, jobId: string) {
  memoryMonitor.startMonitoring(jobId);
  try {
    await transcode(jobId);
  } finally {
    memoryMonitor.stopMonitoring(jobId);
  }
}`,
            },
          ],
        },
      ],
      output: null,
    },
    {
      // A cancelled job returns early: the pid stays registered.
      code: `
import { processManager } from './process-manager.js';
export async function run(pid: number, signal: AbortSignal) {
  processManager.registerProcess(pid);
  if (signal.aborted) return false;
  processManager.unregisterProcess(pid);
  return true;
}`,
      options: jobRunnerPairs,
      errors: [
        {
          messageId: 'notClosed',
          line: 4,
          column: 3,
          suggestions: [
            {
              messageId: 'suggestFinally',
              output: `
import { processManager } from './process-manager.js';
export async function run(pid: number, signal: AbortSignal) {
  processManager.registerProcess(pid);
  try {
    if (signal.aborted) return false;
  } finally {
    processManager.unregisterProcess(pid);
  }
  return true;
}`,
            },
          ],
        },
      ],
      output: null,
    },
    {
      // pg, pool from the db module: a failing query never gives the client back.
      code: `
import type { Request, Response } from 'express';
import { pool } from './db.js';
export async function listJobs(req: Request, res: Response) {
  const client = await pool.connect();
  const result = await client.query('select * from jobs where owner = $1', [req.params.id]);
  client.release();
  res.json(result.rows);
}`,
      errors: [
        {
          messageId: 'notExceptionSafe',
          line: 5,
          column: 24,
          // The result is used after the release: moving it into \`try\` would change scopes.
          suggestions: [],
        },
      ],
      output: null,
    },
    {
      // pg imported here, the pool passed in: a client checked out and never released.
      code: `
import pg from 'pg';
export async function migrate(pool: pg.Pool) {
  const client = await pool.connect();
  await client.query('create table if not exists jobs (id text)');
}`,
      errors: [
        {
          messageId: 'notClosed',
          line: 4,
          column: 24,
          suggestions: [
            {
              messageId: 'suggestFinally',
              output: `
import pg from 'pg';
export async function migrate(pool: pg.Pool) {
  const client = await pool.connect();
  try {
    await client.query('create table if not exists jobs (id text)');
  } finally {
    client.release();
  }
}`,
            },
          ],
        },
      ],
      output: null,
    },
    {
      // OpenTelemetry: the early return leaves the span open (never exported).
      code: `
import { trace } from '@opentelemetry/api';
const tracer = trace.getTracer('api');
export async function lookup(id: string) {
  const span = tracer.startSpan('lookup');
  const cached = cache.get(id);
  if (cached) return cached;
  const value = await db.find(id);
  span.end();
  return value;
}`,
      errors: [{ messageId: 'notClosed', line: 5, column: 16 }],
      output: null,
    },
    {
      // async-mutex: a throwing refresh keeps the lock forever; every later caller hangs.
      code: `
import { Mutex } from 'async-mutex';
const mutex = new Mutex();
export async function refresh() {
  const release = await mutex.acquire();
  await reloadConfig();
  release();
}`,
      errors: [
        {
          messageId: 'notExceptionSafe',
          line: 5,
          column: 25,
          suggestions: [
            {
              messageId: 'suggestFinally',
              output: `
import { Mutex } from 'async-mutex';
const mutex = new Mutex();
export async function refresh() {
  const release = await mutex.acquire();
  try {
    await reloadConfig();
  } finally {
    release();
  }
}`,
            },
          ],
        },
      ],
      output: null,
    },
    {
      // The mutex's own release(), after work that can throw.
      code: `
import { Mutex } from 'async-mutex';
const mutex = new Mutex();
export async function refresh() {
  await mutex.acquire();
  await reloadConfig();
  mutex.release();
}`,
      errors: [
        {
          messageId: 'notExceptionSafe',
          line: 5,
          column: 9,
          suggestions: [
            {
              messageId: 'suggestFinally',
              output: `
import { Mutex } from 'async-mutex';
const mutex = new Mutex();
export async function refresh() {
  await mutex.acquire();
  try {
    await reloadConfig();
  } finally {
    mutex.release();
  }
}`,
            },
          ],
        },
      ],
      output: null,
    },
    {
      // console.time with a per-request label, left registered on the error path.
      code: `
export async function handler(event: { id: string }) {
  console.time(\`job \${event.id}\`);
  const result = await process(event);
  console.timeEnd(\`job \${event.id}\`);
  return result;
}`,
      errors: [{ messageId: 'notExceptionSafe', line: 3, column: 3 }],
      output: null,
    },
    {
      // A close per iteration, skipped by continue.
      code: `
export async function drain(monitor: any, ids: string[]) {
  for (const id of ids) {
    monitor.startMonitoring(id);
    if (!(await claim(id))) continue;
    monitor.stopMonitoring(id);
  }
}`,
      options: jobRunnerPairs,
      errors: [{ messageId: 'notClosed', line: 4, column: 5, suggestions: [] }],
      output: null,
    },
    {
      // In tests, a normal path that skips the release still counts.
      code: `
import { it } from 'vitest';
import { pool } from './db.js';
it('finds the user', async () => {
  const client = await pool.connect();
  const { rows } = await client.query('select 1');
  if (rows.length === 0) return;
  client.release();
});`,
      filename: 'users.test.ts',
      errors: [
        {
          messageId: 'notClosed',
          line: 5,
          column: 24,
          suggestions: [
            {
              messageId: 'suggestFinally',
              output: `
import { it } from 'vitest';
import { pool } from './db.js';
it('finds the user', async () => {
  const client = await pool.connect();
  try {
    const { rows } = await client.query('select 1');
    if (rows.length === 0) return;
  } finally {
    client.release();
  }
});`,
            },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'strict: a pooled connection handed back after the work, with no finally: a throwing work leaves it checked out',
      options: [{ unknownCalleesTakeOwnership: false }],
      code: `
interface Pool<C> {
  acquire(options: { type: 'read' | 'write' }): Promise<C>;
  release(connection: C): void;
}

export async function withConnection<C, T>(pool: Pool<C>, work: (c: C) => Promise<T>): Promise<T> {
  const connection = await pool.acquire({ type: 'read' });
  const result = await work(connection);
  pool.release(connection);
  return result;
}
`,
      errors: [{ messageId: 'notExceptionSafe', line: 8, column: 28, suggestions: [] }],
      output: null,
    },
  ],
});

jsRuleTester.run('require-paired-calls (JavaScript)', rule, {
  valid: [
    `
const { pool } = require('./db');
exports.count = async function count() {
  const client = await pool.connect();
  try {
    return (await client.query('select count(*) from jobs')).rows[0];
  } finally {
    client.release();
  }
};`,
  ],
  invalid: [
    {
      code: `
const { pool } = require('./db');
exports.count = async function count() {
  const client = await pool.connect();
  const { rows } = await client.query('select count(*) from jobs');
  client.release();
  return rows[0];
};`,
      errors: [{ messageId: 'notExceptionSafe', line: 4, column: 24, suggestions: [] }],
      output: null,
    },
  ],
});

typedRuleTester.run('require-paired-calls (typed)', rule, {
  valid: [
    // The type says `connect()` lends a pg client: require-dispose owns it.
    `
import type { Pool } from 'pg';
declare const pool: Pool;
export async function activeUsers() {
  const client = await pool.connect();
  const { rows } = await client.query('select * from users where active');
  client.release();
  return rows;
}`,
  ],
  invalid: [],
});

describe('require-paired-calls and require-dispose', () => {
  const lint = (code: string): string[] => {
    const linter = new Linter({ configType: 'flat' });
    return linter
      .verify(
        code,
        [
          {
            files: ['**/*.ts'],
            languageOptions: { parser: tsParser },
            plugins: {
              l: {
                rules: {
                  'require-dispose': requireDispose as never,
                  'require-paired-calls': rule as never,
                },
              },
            },
            rules: { 'l/require-dispose': 'error', 'l/require-paired-calls': 'error' },
          },
        ],
        'file.ts',
      )
      .map((m) => `${m.line} ${m.ruleId ?? ''}`);
  };

  it('leaves a pool client to require-dispose where the pool is known', () => {
    expect(
      lint(`
import pg from 'pg';
const pool = new pg.Pool();
export async function count() {
  const client = await pool.connect();
  const { rows } = await client.query('select count(*) from jobs');
  client.release();
  return rows[0];
}`),
    ).toEqual(['5 l/require-dispose']);
  });

  it('takes the pool client where the pool comes from another module', () => {
    expect(
      lint(`
import { pool } from './db.js';
export async function count() {
  const client = await pool.connect();
  const { rows } = await client.query('select count(*) from jobs');
  client.release();
  return rows[0];
}`),
    ).toEqual(['4 l/require-paired-calls']);
  });
});

// Issue 10 item 9: `fs.watchFile` polls until `fs.unwatchFile` with the same path. Started for
// the life of the process it is meant to live on; where the code says otherwise, it leaks.
ruleTester.run('require-paired-calls (fs.watchFile)', rule, {
  valid: [
    // A module that reloads itself when edited: it stops watching when it fires.
    `
import fs from 'node:fs';
const file = new URL(import.meta.url).pathname;
fs.watchFile(file, () => {
  fs.unwatchFile(file);
  console.log('reloading');
});`,
    // A config reloader started once: it is meant to poll as long as the process runs.
    `
import { watchFile } from 'node:fs';
import { loadConfig } from './config.js';
export function watchConfig(path: string) {
  watchFile(path, { interval: 2000 }, () => loadConfig(path));
}`,
    // A dev script's watch step, one poller per file of a list (field: mongoose's website script).
    `
const fs = require('fs');
const path = require('path');
function startWatch(files, render) {
  files.forEach((file) => {
    fs.watchFile(path.resolve(file), { interval: 1000 }, (cur, prev) => {
      if (cur.mtime > prev.mtime) render(file);
    });
  });
  fs.watchFile('docs/layout.pug', { interval: 1000 }, () => files.forEach(render));
}
module.exports = { startWatch };`,
    // Stopped by another function of the file, from a path kept in module state.
    `
import fs from 'node:fs';
let watching: string | null = null;
export class Tail {
  start(path: string, onChange: () => void) {
    watching = path;
    fs.watchFile(path, onChange);
  }
  close() {
    stopWatching();
  }
}
function stopWatching() {
  if (watching) fs.unwatchFile(watching);
  watching = null;
}`,
    // A promise that settles when the file changes, and stops watching first.
    `
import fs from 'node:fs';
export function nextChange(path: string): Promise<fs.Stats> {
  return new Promise((resolve) => {
    fs.watchFile(path, (current) => {
      fs.unwatchFile(path);
      resolve(current);
    });
  });
}`,
    // Not the fs export: a plugin context's own watchFile (field: vite).
    `
export function track(ctx: { watchFile(id: string): void }, file: string) {
  return new Promise<void>((resolve) => {
    ctx.watchFile(file);
    resolve();
  });
}`,
    // A class that stops it in close().
    `
import fs from 'node:fs';
export class ConfigWatcher {
  constructor(private readonly file: string, private readonly onChange: () => void) {
    fs.watchFile(this.file, this.onChange);
  }
  close() {
    fs.unwatchFile(this.file, this.onChange);
  }
}`,
    // `persistent: false`: it does not hold the process open.
    `
import fs from 'node:fs';
export function firstChange(path: string): Promise<void> {
  return new Promise((resolve) => {
    fs.watchFile(path, { persistent: false }, () => resolve());
  });
}`,
    // A class without a release method: started for the life of the process.
    `
import fs from 'node:fs';
export class Reloader {
  constructor(file: string, reload: () => void) {
    fs.watchFile(file, reload);
  }
}`,
  ],
  invalid: [
    {
      // close() forgets the poller: the instance is closed and the file is still polled.
      code: `
import fs from 'node:fs';
export class ConfigWatcher {
  constructor(private readonly file: string, private readonly onChange: () => void) {
    fs.watchFile(this.file, this.onChange);
  }
  close() {
    this.closed = true;
  }
  closed = false;
}`,
      errors: [
        {
          messageId: 'unclosedInClass',
          line: 5,
          column: 5,
          suggestions: [
            {
              messageId: 'suggestClose',
              output: `
import fs from 'node:fs';
export class ConfigWatcher {
  constructor(private readonly file: string, private readonly onChange: () => void) {
    fs.watchFile(this.file, this.onChange);
  }
  close() {
    this.closed = true;
    fs.unwatchFile(this.file);
  }
  closed = false;
}`,
            },
          ],
        },
      ],
      output: null,
    },
    {
      // Waits for the file to grow, and polls on for ever after the promise settles.
      code: `
import { watchFile, unwatchFile } from 'node:fs';
export function waitForData(path: string): Promise<void> {
  return new Promise((resolve) => {
    watchFile(path, { interval: 100 }, (current) => {
      if (current.size > 0) {
        resolve();
      }
    });
  });
}`,
      errors: [
        {
          messageId: 'unclosedAfterSettle',
          line: 5,
          column: 5,
          suggestions: [
            {
              messageId: 'suggestClose',
              output: `
import { watchFile, unwatchFile } from 'node:fs';
export function waitForData(path: string): Promise<void> {
  return new Promise((resolve) => {
    watchFile(path, { interval: 100 }, (current) => {
      if (current.size > 0) {
        unwatchFile(path);
        resolve();
      }
    });
  });
}`,
            },
          ],
        },
      ],
      output: null,
    },
    {
      // Each request adds a listener to the poller of the same file, and none is removed.
      code: `
import express from 'express';
import fs from 'node:fs';
const app = express();
app.get('/events', (req, res) => {
  res.setHeader('Content-Type', 'text/event-stream');
  fs.watchFile('status.json', () => res.write('data: changed\\n\\n'));
});`,
      errors: [{ messageId: 'unclosedPerRequest', line: 7, column: 3, suggestions: [] }],
      output: null,
    },
    {
      // Stopped in the same function, but not when the work between throws.
      code: `
import fs from 'node:fs';
export async function measure(path: string, run: () => Promise<void>) {
  let changes = 0;
  const count = () => changes++;
  fs.watchFile(path, { interval: 50 }, count);
  await run();
  fs.unwatchFile(path, count);
  return changes;
}`,
      errors: [
        {
          messageId: 'notExceptionSafe',
          line: 6,
          column: 3,
          suggestions: [
            {
              messageId: 'suggestFinally',
              output: `
import fs from 'node:fs';
export async function measure(path: string, run: () => Promise<void>) {
  let changes = 0;
  const count = () => changes++;
  fs.watchFile(path, { interval: 50 }, count);
  try {
    await run();
  } finally {
    fs.unwatchFile(path, count);
  }
  return changes;
}`,
            },
          ],
        },
      ],
      output: null,
    },
  ],
});

jsRuleTester.run('require-paired-calls (fs.watchFile in tests)', rule, {
  valid: [
    {
      filename: 'watch.test.js',
      code: `
const fs = require('fs');
describe('reload', () => {
  afterEach(() => fs.unwatchFile('fixture.json'));
  it('reloads', () => {
    fs.watchFile('fixture.json', () => {});
  });
});`,
    },
  ],
  invalid: [
    {
      filename: 'watch.test.js',
      code: `
const fs = require('fs');
describe('reload', () => {
  it('reloads', () => {
    fs.watchFile('fixture.json', { interval: 10 }, () => {});
  });
});`,
      errors: [
        {
          messageId: 'unclosedInTest',
          line: 5,
          column: 5,
          suggestions: [
            {
              messageId: 'suggestClose',
              output: `
const fs = require('fs');
describe('reload', () => {
  it('reloads', () => {
    fs.watchFile('fixture.json', { interval: 10 }, () => {});
    fs.unwatchFile('fixture.json');
  });
});`,
            },
          ],
        },
      ],
      output: null,
    },
    {
      // A test with a `done` callback ends when it is called, not at the end of its body.
      filename: 'watch.test.js',
      code: `
const fs = require('fs');
describe('reload', () => {
  it('reloads', (done) => {
    fs.watchFile('fixture.json', { interval: 10 }, () => done());
  });
});`,
      errors: [{ messageId: 'unclosedInTest', line: 5, column: 5, suggestions: [] }],
      output: null,
    },
    {
      // Started in a hook: it belongs in the matching `after` hook, which may not exist yet.
      filename: 'watch.test.js',
      code: `
const fs = require('fs');
describe('reload', () => {
  beforeEach(() => {
    fs.watchFile('fixture.json', { interval: 10 }, () => {});
  });
  it('reloads', () => {});
});`,
      errors: [{ messageId: 'unclosedInTest', line: 5, column: 5, suggestions: [] }],
      output: null,
    },
  ],
});
