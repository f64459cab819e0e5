/**
 * require-dispose, from real projects: shapes met while linting public Node and TypeScript projects,
 * rewritten in our own words (same shape, not the projects' code). Each names where it was
 * seen. Valid: shapes the rule already stays silent on, and must keep doing so; invalid: real
 * leaks it found there. Shapes it still gets wrong are in `field-pending.md`; when the rule is
 * fixed, the case moves here.
 */
import requireDispose from '../../src/rules/require-dispose.js';
import { ruleTester } from '../rule-tester.js';

ruleTester.run('field: require-dispose', requireDispose, {
  valid: [
    // FP-1 (execa, node-tar, node-gyp): the acquisition throwing into its own catch acquired nothing.
    `
import { openSync, readSync, closeSync } from 'node:fs';
export function readMagic(file) {
  const buf = Buffer.alloc(4);
  try {
    const fd = openSync(file, 'r');
    try {
      readSync(fd, buf, 0, 4, 0);
    } finally {
      closeSync(fd);
    }
  } catch {
    return undefined;
  }
  return buf.toString('hex');
}
`,
    // FP-1 (execa, node-tar, node-gyp): the acquisition throwing into its own catch acquired nothing.
    `
import { openSync, readSync, closeSync } from 'node:fs';
export function readMagic(file) {
  const buf = Buffer.alloc(4);
  try {
    const fd = openSync(file, 'r');
    try {
      readSync(fd, buf, 0, 4, 0);
    } finally {
      closeSync(fd);
    }
  } catch {
    console.log('x');
  }
  return buf.toString('hex');
}
`,
    // FP-1 (execa, node-tar, node-gyp): the acquisition throwing into its own catch acquired nothing.
    `
import fs from 'node:fs';
export function writeEntry(path: string, data: Buffer, onError: (e: unknown) => void) {
  let fd: number;
  try {
    fd = fs.openSync(path, 'w');
  } catch (er) {
    return onError(er);
  }
  try {
    fs.writeSync(fd, data);
  } finally {
    fs.closeSync(fd);
  }
}
`,
    // FP-1 (execa, node-tar, node-gyp): the acquisition throwing into its own catch acquired nothing.
    `
const { openSync, closeSync } = require('fs');
const path = require('path');
function firstReadable(dir, candidates) {
  for (let i = 0; i < candidates.length; i++) {
    const candidate = path.resolve(dir, candidates[i]);
    let fd;
    try {
      fd = openSync(candidate, 'r');
    } catch (err) {
      console.debug('cannot open', candidate, err.message);
      continue;
    }
    closeSync(fd);
    return candidate;
  }
  return undefined;
}
module.exports = { firstReadable };
`,
    // FP-6 (actions/toolkit): another cleanup call in the releasing finally.
    `
import * as fs from 'node:fs';
interface Progress {
  start(): void;
  stop(): void;
  done(): boolean;
  next(): Promise<Buffer>;
}
export async function downloadTo(path: string, progress: Progress): Promise<void> {
  const fd = fs.openSync(path, 'w');
  try {
    progress.start();
    while (!progress.done()) {
      fs.writeSync(fd, await progress.next());
    }
  } finally {
    progress.stop();
    fs.closeSync(fd);
  }
}
`,
    // FP-7 (node-tar): released by a closure declared before the acquisition.
    `
import fs from 'node:fs';
import type { Readable } from 'node:stream';
export function extractFile(path: string, entry: Readable, done: () => void) {
  const finish = () => {
    fs.closeSync(fd);
    done();
  };
  const fd = fs.openSync(path, 'w');
  entry.on('data', (chunk: Buffer) => fs.writeSync(fd, chunk));
  entry.on('end', finish);
}
`,
    // Strict (node-tar write-entry): a method on this keeps the descriptor for the object.
    {
      code: `
import fs from 'node:fs';
export class Entry {
  fd?: number;
  open(path: string) {
    this.onOpen(fs.openSync(path, 'r'));
  }
  onOpen(fd: number) {
    this.fd = fd;
  }
}`,
      options: [{ unknownCalleesTakeOwnership: false }],
    },
    {
      name: 'node-tar src/list.ts: `let fd` opened in try, closed in finally behind a type guard',
      code: `
import fs from 'node:fs';
export function scanArchive(file: string, onChunk: (b: Buffer) => void): void {
  let fd: number | undefined;
  try {
    fd = fs.openSync(file, 'r');
    const { size } = fs.fstatSync(fd);
    const buf = Buffer.allocUnsafe(64 * 1024);
    for (let pos = 0; pos < size; ) {
      const n = fs.readSync(fd, buf, 0, buf.length, pos);
      if (n === 0) break;
      pos += n;
      onChunk(buf.subarray(0, n));
    }
  } finally {
    if (typeof fd === 'number') {
      try {
        fs.closeSync(fd);
      } catch {}
    }
  }
}
`,
    },
    {
      name: 'node-tar src/replace.ts: open, fall back to create, close only when something threw',
      code: `
import fs from 'node:fs';
export function appendEntries(file: string, write: (fd: number, at: number) => void): void {
  let threw = true;
  let fd;
  try {
    try {
      fd = fs.openSync(file, 'r+');
    } catch (er) {
      if ((er as NodeJS.ErrnoException).code !== 'ENOENT') throw er;
      fd = fs.openSync(file, 'w+');
    }
    const { size } = fs.fstatSync(fd);
    threw = false;
    write(fd, size);
  } finally {
    if (threw) {
      try {
        fs.closeSync(fd as number);
      } catch {}
    }
  }
}
`,
    },
    {
      name: 'fs-extra lib/util/utimes.js: close in finally, its own error kept unless one is pending',
      filename: 'utimes.js',
      code: `
const fs = require('node:fs');
function touchSync(path, atime, mtime) {
  const fd = fs.openSync(path, 'r+');
  let error = null;
  try {
    fs.futimesSync(fd, atime, mtime);
  } catch (err) {
    error = err;
  } finally {
    try {
      fs.closeSync(fd);
    } catch (closeErr) {
      if (!error) error = closeErr;
    }
  }
  if (error) throw error;
}
module.exports = { touchSync };
`,
    },
    {
      name: 'execa lib/stdio: a stream factory returns the stream inside an object literal',
      filename: 'stdio.js',
      code: `
import { createReadStream, createWriteStream } from 'node:fs';
export const openers = {
  input: ({ file }) => ({ stream: createReadStream(file) }),
  output: ({ file, append }) => ({ stream: createWriteStream(file, append ? { flags: 'a' } : {}) }),
};
`,
    },
    {
      name: 'node-gyp lib/install.js: a write stream created as the last argument of pipeline',
      filename: 'install.js',
      code: `
const { createWriteStream } = require('fs');
const { pipeline } = require('stream/promises');
const { Transform } = require('stream');
async function downloadLib(url, target, onDigest) {
  const res = await fetch(url);
  if (res.status !== 200) throw new Error(res.status + ' downloading ' + url);
  return pipeline(res.body, new Transform({ transform: (c, e, cb) => { onDigest(c); cb(null, c); } }), createWriteStream(target));
}
module.exports = { downloadLib };
`,
    },
    {
      name: 'actions/toolkit glob: hash a file by piping a read stream created in the pipeline call',
      code: `
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import { pipeline } from 'node:stream/promises';
export async function hashFiles(files: string[]): Promise<string> {
  const result = crypto.createHash('sha256');
  for (const file of files) {
    const hash = crypto.createHash('sha256');
    await pipeline(fs.createReadStream(file), hash);
    result.write(hash.digest());
  }
  result.end();
  return result.digest('hex');
}
`,
    },
    {
      name: 'winston transports/file.js: a read stream consumed by data/close listeners, destroyed on error',
      filename: 'query.js',
      code: `
const fs = require('fs');
function readRows(file, callback) {
  const rows = [];
  let rest = '';
  const stream = fs.createReadStream(file, { encoding: 'utf8' });
  stream.on('error', (err) => {
    if (stream.readable) stream.destroy();
    callback(err.code === 'ENOENT' ? null : err, rows);
  });
  stream.on('data', (data) => {
    const lines = (rest + data).split('\\n');
    rest = lines.pop();
    rows.push(...lines);
  });
  stream.on('close', () => callback(null, rest ? [...rows, rest] : rows));
}
module.exports = { readRows };
`,
    },
    {
      name: 'node-tar src/unpack.ts (variant): a descriptor closed by a closure that the end listener calls',
      code: `
import fs from 'node:fs';
import type { Readable } from 'node:stream';
export function extractTo(path: string, entry: Readable, done: (err?: Error) => void): void {
  const fd = fs.openSync(path, 'w');
  const finish = (err?: Error) => {
    fs.closeSync(fd);
    done(err);
  };
  entry.on('data', (chunk: Buffer) => {
    fs.writeSync(fd, chunk);
  });
  entry.on('error', finish);
  entry.on('end', () => finish());
}
`,
    },
    {
      name: 'pg-boss src/db.ts: a pooled client released in finally after COMMIT or ROLLBACK',
      code: `
import { Pool } from 'pg';
const pool = new Pool();
export async function inTransaction<T>(work: (q: (sql: string) => Promise<unknown>) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const result = await work((sql) => client.query(sql));
    await client.query('COMMIT');
    return result;
  } catch (err) {
    await client.query('ROLLBACK');
    throw err;
  } finally {
    client.release();
  }
}
`,
    },
    {
      name: 'graphile-worker src/helpers.ts: a helper that lends a pooled client to a callback',
      code: `
import type { Pool, PoolClient } from 'pg';
export function withClientFrom(pool: Pool) {
  return async function withClient<T>(callback: (client: PoolClient) => Promise<T>): Promise<T> {
    const client = await pool.connect();
    try {
      return await callback(client);
    } finally {
      client.release();
    }
  };
}
`,
    },
    {
      name: 'graphile-worker src/main.ts: the callback form of pool.connect hands the client to the callback',
      code: `
import { Pool } from 'pg';
const pool = new Pool();
export function listen(onNotify: (payload: string | undefined) => void): void {
  pool.connect((err, client, release) => {
    if (err || !client) return;
    client.on('notification', (msg) => onNotify(msg.payload));
    client.query('LISTEN jobs').catch(() => release(true));
  });
}
`,
    },
    {
      // RD-4 (typeorm, strict): an error-first callback returns on its error before releasing.
      options: [{ ownedParameters: true }],
      code: `
import mysql from 'mysql2';
export function openPool(options: mysql.PoolOptions): Promise<mysql.Pool> {
  const pool = mysql.createPool(options);
  return new Promise((resolve, reject) => {
    pool.getConnection((error, conn) => {
      if (error) return pool.end(() => reject(error));
      conn.release();
      resolve(pool);
    });
  });
}
`,
    },
    {
      // Field, --tests (node-postgres, fastify, fs-extra, actions-toolkit: 17 of 21 reports): a
      // failing query, assertion or await in a test ends the test, and the pool or server is
      // closed by the test's hooks; exception paths are not checked in test files.
      name: 'a pool client released at the end of a test, after awaits that may reject',
      filename: 'stream.test.ts',
      code: `
import assert from 'node:assert';
import { after, it } from 'node:test';
import { Pool } from 'pg';
const pool = new Pool();
after(() => pool.end());
it('streams every row', async () => {
  const client = await pool.connect();
  const { rows } = await client.query('select * from generate_series(1, 10)');
  assert.equal(rows.length, 10);
  client.release();
});
`,
    },
    {
      name: 'a write stream piped to after the request is awaited, in a test',
      filename: 'download.test.ts',
      code: `
import * as fs from 'node:fs';
import { expect, it } from 'vitest';
declare function get(url: string): Promise<{ body: NodeJS.ReadableStream }>;
it('saves the body', () =>
  new Promise<void>(async (resolve) => {
    const file = fs.createWriteStream('/tmp/body.json');
    (await get('https://example.com/data.json')).body.pipe(file).on('close', () => {
      expect(fs.readFileSync('/tmp/body.json', 'utf8')).toContain('{');
      resolve();
    });
  }));
`,
    },
    {
      // Field, --tests (node-postgres pg-query-stream): the suites run only on some runtimes,
      // so `describe` sits in a top-level `if`; the file is a test file all the same.
      name: 'a test file whose suite is under a top-level if',
      filename: 'async-iterator.ts',
      code: `
import assert from 'node:assert';
import pg from 'pg';
if (!process.version.startsWith('v8')) {
  describe('rows', () => {
    it('counts them', async () => {
      const pool = new pg.Pool({ max: 1 });
      const client = await pool.connect();
      const { rows } = await client.query('select 1');
      assert.equal(rows.length, 1);
      client.release();
      await pool.end();
    });
  });
}
`,
    },
  ],
  invalid: [
    {
      // MISS-4 (node-gyp): graceful-fs is a drop-in fs.
      code: `
const { openSync, readSync } = require('graceful-fs');
function readHeader(file) {
  const fd = openSync(file, 'r');
  const buf = Buffer.alloc(16);
  readSync(fd, buf, 0, 16, 0);
  return buf;
}
module.exports = { readHeader };`,
      errors: [{ messageId: 'leaks', line: 4, column: 14 }],
      output: null,
    },
    {
      // MISS-1 (actions/toolkit): a throwing call between the open and the try; the finally proves ownership.
      code: `
import * as fs from 'node:fs';
export async function uploadFile(
  path: string,
  size: number,
  opts: { concurrency?: number },
  send: (s: fs.ReadStream) => Promise<void>,
): Promise<void> {
  const fd = fs.openSync(path, 'r');
  const concurrency = required('concurrency', opts.concurrency);
  try {
    await Promise.all(
      [...new Array(concurrency).keys()].map(() =>
        send(fs.createReadStream(path, { fd, start: 0, end: size - 1, autoClose: false })),
      ),
    );
  } finally {
    fs.closeSync(fd);
  }
}
function required<T>(name: string, value: T | undefined): T {
  if (value === undefined) throw new Error(\`\${name} is required\`);
  return value;
}
`,
      errors: [{ messageId: 'notExceptionSafe', line: 9, column: 14 }],
      output: null,
    },
    {
      // MISS-1 (actions/toolkit): a throwing call between the open and the try; the finally proves ownership.
      code: `
import * as fs from 'node:fs';
export async function uploadFile(
  path: string,
  size: number,
  opts: { concurrency?: number },
  send: (fd: number) => Promise<void>,
): Promise<void> {
  const fd = fs.openSync(path, 'r');
  const concurrency = required('concurrency', opts.concurrency);
  try {
    for (let i = 0; i < concurrency; i++) await send(fd);
  } finally {
    fs.closeSync(fd);
  }
}
function required<T>(name: string, value: T | undefined): T {
  if (value === undefined) throw new Error(\`\${name} is required\`);
  return value;
}
`,
      errors: [{ messageId: 'notExceptionSafe', line: 9, column: 14 }],
      output: null,
    },
    {
      // MISS-2 (actions/toolkit): the request fails before the stream is handed on.
      code: `
import * as fs from 'node:fs';
import { pipeline } from 'node:stream/promises';
import type { Readable } from 'node:stream';
async function saveTo(body: Readable, out: fs.WriteStream): Promise<void> {
  await pipeline(body, out);
}
export async function download(
  url: string,
  path: string,
  get: (u: string) => Promise<Readable>,
): Promise<void> {
  const out = fs.createWriteStream(path);
  const body = await get(url);
  await saveTo(body, out);
}
`,
      errors: [
        {
          messageId: 'notExceptionSafeHandOff',
          line: 13,
          column: 15,
          suggestions: [
            {
              messageId: 'suggestReleaseInCatch',
              output: `
import * as fs from 'node:fs';
import { pipeline } from 'node:stream/promises';
import type { Readable } from 'node:stream';
async function saveTo(body: Readable, out: fs.WriteStream): Promise<void> {
  await pipeline(body, out);
}
export async function download(
  url: string,
  path: string,
  get: (u: string) => Promise<Readable>,
): Promise<void> {
  const out = fs.createWriteStream(path);
  try {
    const body = await get(url);
    await saveTo(body, out);
  } catch (error) {
    out.end();
    throw error;
  }
}
`,
            },
          ],
        },
      ],
      output: null,
    },
  ],
});
