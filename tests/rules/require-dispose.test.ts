import rule from '../../src/rules/require-dispose.js';
import { jsRuleTester, ruleTester, typedRuleTester } from '../rule-tester.js';

ruleTester.run('require-dispose', rule, {
  valid: [
    // Issue 10 item 3: waiting for the stream to open rejects only when the stream fails,
    // and a failed stream has destroyed itself (autoDestroy).
    `
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
export async function openLog(path: string) {
  const out = createWriteStream(path, { flags: 'a' });
  await once(out, 'open');
  return out;
}`,
    `
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
export async function writeReport(path: string, text: string) {
  const out = createWriteStream(path);
  await once(out, 'open');
  out.write(text);
  out.end();
}`,
    // Issue 10 item 3: the stream made from the handle closes it when it ends (autoClose),
    // and pipeline destroys the stream on failure.
    `
import { open } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import type { ServerResponse } from 'node:http';
export async function sendFile(path: string, res: ServerResponse) {
  const fh = await open(path);
  const { size } = await fh.stat();
  res.setHeader('content-length', size);
  await pipeline(fh.createReadStream(), res);
}`,
    // The CLI reads a file through a handle it closes in finally.
    `
import { open } from 'node:fs/promises';
export async function head(path: string): Promise<string> {
  const fh = await open(path, 'r');
  try {
    const { buffer } = await fh.read(Buffer.alloc(64), 0, 64, 0);
    return buffer.toString();
  } finally {
    await fh.close();
  }
}`,
    // await using releases on every path.
    `
import fs from 'node:fs/promises';
export async function size(path: string) {
  await using fh = await fs.open(path);
  return (await fh.stat()).size;
}`,
    // Returned to the caller, who owns it now.
    `
import { createWriteStream } from 'node:fs';
export function logFile(path: string) {
  const out = createWriteStream(path, { flags: 'a' });
  out.on('error', (err) => console.error(err));
  return out;
}`,
    // Stored on the instance: the class owns it (dispose-owned-fields checks the class).
    `
import { createWriteStream, type WriteStream } from 'node:fs';
export class AuditLog {
  private out?: WriteStream;
  open(path: string) {
    this.out = createWriteStream(path);
  }
}`,
    // Handed to pipeline, which ends and destroys it.
    `
import { createWriteStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
export async function save(body: NodeJS.ReadableStream, path: string) {
  const out = createWriteStream(path);
  await pipeline(body, out);
}`,
    // Issue 17 (1): pipeline under another name is still pipeline; a `finally { file.end() }`
    // here would end the file before the copy is done (ERR_STREAM_PREMATURE_CLOSE).
    `
import { createWriteStream } from 'node:fs';
import { pipeline as pcb } from 'node:stream';
export function save(src: NodeJS.ReadableStream, dest: string, cb: (err: Error | null) => void) {
  const file = createWriteStream(dest);
  pcb(src, file, cb);
}`,
    `
import { createWriteStream } from 'node:fs';
import { pipeline as pump } from 'stream/promises';
export async function save(src: NodeJS.ReadableStream, dest: string) {
  const file = createWriteStream(dest);
  await pump(src, file);
}`,
    `
import { createWriteStream } from 'node:fs';
import * as streams from 'node:stream';
export async function save(src: NodeJS.ReadableStream, dest: string) {
  const file = createWriteStream(dest);
  await streams.promises.pipeline(src, file);
}`,
    `
import { createWriteStream } from 'node:fs';
import { finished as done } from 'node:stream';
export function save(src: NodeJS.ReadableStream, dest: string, cb: (err?: Error | null) => void) {
  const file = createWriteStream(dest);
  src.pipe(file);
  done(file, cb);
}`,
    // Piped into: the source ends it.
    `
import * as fs from 'fs';
export function copy(src: string, dest: string) {
  const out = fs.createWriteStream(dest);
  fs.createReadStream(src).pipe(out);
}`,
    // Read streams close themselves when fully consumed (autoClose).
    `
import { createReadStream } from 'node:fs';
import type { ServerResponse } from 'node:http';
export function send(res: ServerResponse, path: string) {
  const stream = createReadStream(path);
  stream.on('data', (chunk) => res.write(chunk));
}`,
    // Module scope lives as long as the process.
    `
import { createWriteStream } from 'node:fs';
export const accessLog = createWriteStream('access.log', { flags: 'a' });`,
    // A descriptor closed with closeSync in finally.
    `
const fs = require('fs');
function touch(path) {
  const fd = fs.openSync(path, 'a');
  try {
    fs.futimesSync(fd, new Date(), new Date());
  } finally {
    fs.closeSync(fd);
  }
}`,
    // pg: a pooled connection released in finally (Express handler).
    `
import { Pool } from 'pg';
const pool = new Pool();
export async function getUser(req: { params: { id: string } }, res: { json(v: unknown): void }) {
  const client = await pool.connect();
  try {
    const { rows } = await client.query('select * from users where id = $1', [req.params.id]);
    res.json(rows[0]);
  } finally {
    client.release();
  }
}`,
    // Guarded release in finally of a conditionally acquired handle.
    `
import { open, type FileHandle } from 'node:fs/promises';
export async function maybeRead(path?: string) {
  let fh: FileHandle | undefined;
  try {
    if (path) fh = await open(path);
    return fh ? await fh.readFile('utf8') : '';
  } finally {
    await fh?.close();
  }
}`,
    // Process exit carries no obligation.
    `
import { openSync, closeSync } from 'node:fs';
export function main(args: string[]) {
  const fd = openSync(args[0], 'w');
  if (args.length > 2) process.exit(2);
  closeSync(fd);
}`,
    // for await over a directory closes it.
    `
import { opendir } from 'node:fs/promises';
export async function list(dir: string) {
  const names: string[] = [];
  const d = await opendir(dir);
  for await (const entry of d) names.push(entry.name);
  return names;
}`,
    // Passing to an unknown callee hands it over (recommended).
    `
import { createWriteStream } from 'node:fs';
import { attach } from './logger';
export function setup(path: string) {
  const out = createWriteStream(path);
  attach(out);
}`,
    // Exception paths turned off: only normal paths count.
    {
      code: `
import { open } from 'node:fs/promises';
export async function first(path: string) {
  const fh = await open(path);
  const data = await fh.readFile('utf8');
  await fh.close();
  return data;
}`,
      options: [{ exceptionPaths: false }],
    },
    // Callback form: the connection goes to the callback (corpus false report).
    `
import pg from 'pg';
const pool = new pg.Pool();
export function legacy(id: string, cb: (err: Error | null, rows?: unknown[]) => void) {
  pool.connect((err, client, release) => {
    if (err) return cb(err);
    client!.query('select $1::int', [id], (qerr, result) => {
      release();
      cb(qerr, result?.rows);
    });
  });
}`,
    // Acquired inside try, released in finally; the catch's next(err) is covered by finally.
    `
const { Pool } = require('pg');
const pool = new Pool();
app.get('/count', async function (req, res, next) {
  let client;
  try {
    client = await pool.connect();
    const r = await client.query('select count(*) from t');
    res.json(r.rows[0]);
  } catch (err) {
    next(err);
  } finally {
    if (client) client.release();
  }
});`,
    // The open is the first throwable of an outer try/finally: ESLint forks to the finally
    // there, on a path where open() threw and nothing was acquired.
    `
import { open } from 'node:fs/promises';
export async function readSecond(path: string) {
  const timer = setTimeout(() => {}, 1000);
  try {
    const fh = await open(path);
    try {
      return await fh.readFile('utf8');
    } finally {
      await fh.close();
    }
  } finally {
    clearTimeout(timer);
  }
}`,
    // A user-named function that is not the fs one is not a resource.
    `
function open(path: string) { return { path }; }
export function f() { const h = open('x'); return h.path.length; }`,
  ],
  invalid: [
    {
      // \`autoClose: false\`: the stream leaves the handle open, so it still leaks.
      code: `
import { open } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import type { ServerResponse } from 'node:http';
export async function sendFile(path: string, res: ServerResponse) {
  const fh = await open(path);
  await pipeline(fh.createReadStream({ autoClose: false }), res);
}`,
      errors: [
        {
          messageId: 'leaks',
          line: 6,
          column: 20,
          suggestions: [
            {
              messageId: 'suggestTryFinally',
              output: `
import { open } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import type { ServerResponse } from 'node:http';
export async function sendFile(path: string, res: ServerResponse) {
  const fh = await open(path);
  try {
    await pipeline(fh.createReadStream({ autoClose: false }), res);
  } finally {
    await fh.close();
  }
}`,
            },
          ],
        },
      ],
      output: null,
    },
    {
      // Issue 10 item 13: only returned values that may be promises get \`await\`; without
      // types, a call may be one and a property read is not.
      code: `
import { opendir } from 'node:fs/promises';
export async function firstEntry(path: string) {
  const dir = await opendir(path);
  const entry = await dir.read();
  if (!entry) return null;
  if (entry.isDirectory()) return firstEntry(entry.name);
  return entry.name;
}`,
      errors: [
        {
          // Issue 10 item 5: one report names every leaking exit.
          messageId: 'leaksOnPaths',
          line: 4,
          column: 21,
          data: {
            name: 'dir',
            label: 'directory handle',
            source: 'opendir()',
            line: '4',
            exitLines: '6, 7 and 8',
            release: '`await dir.close()`',
            fix: '`try { … } finally { await dir.close(); }`',
          },
          suggestions: [
            {
              messageId: 'suggestTryFinally',
              output: `
import { opendir } from 'node:fs/promises';
export async function firstEntry(path: string) {
  const dir = await opendir(path);
  try {
    const entry = await dir.read();
    if (!entry) return null;
    if (entry.isDirectory()) return await firstEntry(entry.name);
    return entry.name;
  } finally {
    await dir.close();
  }
}`,
            },
          ],
        },
      ],
      output: null,
    },
    {
      // The discarded form: the stream is never ended.
      code: `
import { createWriteStream } from 'node:fs';
export function report(path: string, line: string) {
  createWriteStream(path).write(line);
}`,
      errors: [
        {
          messageId: 'discarded',
          line: 4,
          column: 3,
          // A write stream has no [Symbol.dispose] in @types/node: `using` is not advised.
          data: {
            label: 'write stream',
            source: 'createWriteStream()',
            line: '4',
            fix: '`.end()`',
          },
        },
      ],
      output: null,
    },
    {
      // Early return on the error path leaks the handle (Express handler).
      code: `
import { open } from 'node:fs/promises';
export async function handler(req: { query: { file: string } }, res: { status(n: number): { end(): void }; send(b: string): void }) {
  const fh = await open(req.query.file);
  const stat = await fh.stat();
  if (stat.size > 1_000_000) {
    return res.status(413).end();
  }
  res.send(await fh.readFile('utf8'));
  await fh.close();
}`,
      errors: [
        {
          messageId: 'leaks',
          line: 4,
          column: 20,
          suggestions: [
            {
              messageId: 'suggestTryFinally',
              output: `
import { open } from 'node:fs/promises';
export async function handler(req: { query: { file: string } }, res: { status(n: number): { end(): void }; send(b: string): void }) {
  const fh = await open(req.query.file);
  try {
    const stat = await fh.stat();
    if (stat.size > 1_000_000) {
      return await res.status(413).end();
    }
    res.send(await fh.readFile('utf8'));
  } finally {
    await fh.close();
  }
}`,
            },
          ],
        },
      ],
      output: null,
    },
    {
      // Not exception safe: a throwing read skips the close. Moving \`text\` into a \`try\`
      // would hide it from the \`return\`, so there is no suggestion.
      code: `
import { open } from 'node:fs/promises';
export async function firstLine(path: string) {
  const fh = await open(path);
  const text = await fh.readFile('utf8');
  await fh.close();
  return text.split('\\n')[0];
}`,
      errors: [{ messageId: 'notExceptionSafe', line: 4, column: 20, suggestions: [] }],
      output: null,
    },
    {
      // Not exception safe, and the work between can move into \`try\`.
      code: `
import { open } from 'node:fs/promises';
export async function appendLine(path: string, line: string) {
  const fh = await open(path, 'a');
  await fh.appendFile(line + '\\n');
  await fh.sync();
  await fh.close();
}`,
      errors: [
        {
          messageId: 'notExceptionSafe',
          line: 4,
          column: 20,
          suggestions: [
            {
              messageId: 'suggestTryFinally',
              output: `
import { open } from 'node:fs/promises';
export async function appendLine(path: string, line: string) {
  const fh = await open(path, 'a');
  try {
    await fh.appendFile(line + '\\n');
    await fh.sync();
  } finally {
    await fh.close();
  }
}`,
            },
          ],
        },
      ],
      output: null,
    },
    {
      // Never closed at all: the job runner writes and walks away.
      code: `
import fs from 'node:fs';
export function writeReport(path: string, rows: string[]) {
  const out = fs.createWriteStream(path);
  for (const row of rows) out.write(row + '\\n');
}`,
      errors: [
        {
          messageId: 'leaks',
          line: 4,
          column: 15,
          suggestions: [
            {
              messageId: 'suggestTryFinally',
              output: `
import fs from 'node:fs';
export function writeReport(path: string, rows: string[]) {
  const out = fs.createWriteStream(path);
  try {
    for (const row of rows) out.write(row + '\\n');
  } finally {
    out.end();
  }
}`,
            },
          ],
        },
      ],
      output: null,
    },
    {
      // Acquired per iteration, closed only on the happy path of the loop body.
      code: `
import { open } from 'node:fs/promises';
export async function sizes(paths: string[]) {
  const out: number[] = [];
  for (const p of paths) {
    const fh = await open(p);
    if (p.endsWith('.tmp')) continue;
    out.push((await fh.stat()).size);
    await fh.close();
  }
  return out;
}`,
      errors: [
        {
          messageId: 'leaksInLoop',
          line: 6,
          column: 22,
          data: {
            name: 'fh',
            label: 'file handle',
            source: 'open()',
            line: '6',
            exitLine: '5',
            fix: '`await using fh = …`',
          },
          suggestions: [
            {
              messageId: 'suggestTryFinally',
              output: `
import { open } from 'node:fs/promises';
export async function sizes(paths: string[]) {
  const out: number[] = [];
  for (const p of paths) {
    const fh = await open(p);
    try {
      if (p.endsWith('.tmp')) continue;
      out.push((await fh.stat()).size);
    } finally {
      await fh.close();
    }
  }
  return out;
}`,
            },
          ],
        },
      ],
      output: null,
    },
    {
      // A pooled connection not released when the query throws.
      code: `
import pg from 'pg';
const pool = new pg.Pool();
export async function count() {
  const client = await pool.connect();
  const { rows } = await client.query('select count(*) from jobs');
  client.release();
  return rows[0];
}`,
      errors: [
        {
          messageId: 'notExceptionSafe',
          line: 5,
          column: 24,
          // A pg pool client is not disposable: `try`/`finally`, never `using`.
          data: {
            name: 'client',
            label: 'pg pool client',
            source: 'pool.connect()',
            line: '5',
            callLine: '6',
            release: '`client.release()`',
            fix: '`try { … } finally { client.release(); }`',
          },
          suggestions: [],
        },
      ],
      output: null,
    },
    {
      // Strict: an unknown callee does not take ownership.
      code: `
import { createWriteStream } from 'node:fs';
import { attach } from './logger';
export function setup(path: string) {
  const out = createWriteStream(path);
  attach(out);
}`,
      options: [{ unknownCalleesTakeOwnership: false }],
      errors: [
        {
          messageId: 'leaks',
          line: 5,
          column: 15,
          suggestions: [
            {
              messageId: 'suggestTryFinally',
              output: `
import { createWriteStream } from 'node:fs';
import { attach } from './logger';
export function setup(path: string) {
  const out = createWriteStream(path);
  try {
    attach(out);
  } finally {
    out.end();
  }
}`,
            },
          ],
        },
      ],
      output: null,
    },
    {
      // A descriptor leaked on the early return.
      code: `
const { openSync, closeSync, readSync } = require('fs');
function magic(path) {
  const fd = openSync(path, 'r');
  const buf = Buffer.alloc(4);
  if (readSync(fd, buf, 0, 4, 0) < 4) return null;
  closeSync(fd);
  return buf;
}`,
      errors: [
        {
          messageId: 'leaks',
          line: 4,
          column: 14,
          data: {
            name: 'fd',
            label: 'file descriptor',
            source: 'openSync()',
            line: '4',
            exitLine: '6',
            release: '`closeSync(fd)`',
            fix: '`try { … } finally { closeSync(fd); }`',
          },
        },
      ],
      output: null,
    },
    {
      // Issue 17, 4: \`log\` is a hoisted function declaration called before the handle is
      // opened; moved into \`try\` it would be out of scope there. No suggestion.
      code: `
import { open } from 'node:fs/promises';
export async function head(path: string) {
  log();
  const fh = await open(path);
  await fh.read(Buffer.alloc(4), 0, 4, 0);
  function log() {
    console.log('reading', path);
  }
}`,
      errors: [{ messageId: 'leaks', line: 5, column: 20, suggestions: [] }],
      output: null,
    },
    {
      // Issue 17, 4: a closure declared before reads \`header\`; moved into \`try\`, \`report()\`
      // would meet "header is not defined". No suggestion.
      code: `
import { open } from 'node:fs/promises';
export async function check(path: string) {
  const report = () => header.length;
  const fh = await open(path);
  const header = await fh.readFile();
  report();
  await fh.close();
}`,
      errors: [{ messageId: 'notExceptionSafe', line: 5, column: 20, suggestions: [] }],
      output: null,
    },
    {
      // Issue 17, 2: a comment between the body and the release moves with the body.
      code: `
import { open } from 'node:fs/promises';
export async function check(path: string) {
  const fh = await open(path); // opened once
  const header = await fh.readFile();
  console.log(header.length);
  // done reading
  await fh.close();
}`,
      errors: [
        {
          messageId: 'notExceptionSafe',
          line: 4,
          column: 20,
          suggestions: [
            {
              messageId: 'suggestTryFinally',
              output: `
import { open } from 'node:fs/promises';
export async function check(path: string) {
  const fh = await open(path); // opened once
  try {
    const header = await fh.readFile();
    console.log(header.length);
    // done reading
  } finally {
    await fh.close();
  }
}`,
            },
          ],
        },
      ],
      output: null,
    },
    {
      // A helper declared at the end and called only after the acquisition moves with the body.
      code: `
import { open } from 'node:fs/promises';
export async function head(path: string) {
  const fh = await open(path);
  log(await fh.read(Buffer.alloc(4), 0, 4, 0));
  function log(value: unknown) {
    console.log(value);
  }
}`,
      errors: [
        {
          messageId: 'leaks',
          line: 4,
          column: 20,
          suggestions: [
            {
              messageId: 'suggestTryFinally',
              output: `
import { open } from 'node:fs/promises';
export async function head(path: string) {
  const fh = await open(path);
  try {
    log(await fh.read(Buffer.alloc(4), 0, 4, 0));
    function log(value: unknown) {
      console.log(value);
    }
  } finally {
    await fh.close();
  }
}`,
            },
          ],
        },
      ],
      output: null,
    },
  ],
});

jsRuleTester.run('require-dispose (JavaScript)', rule, {
  valid: [
    // Issue 17 (1): a renamed pipeline through require is still pipeline.
    `
const { createWriteStream } = require('node:fs');
const { pipeline: copy } = require('node:stream');
function save(src, dest, cb) {
  const file = createWriteStream(dest);
  copy(src, file, cb);
}`,
    `
const fs = require('fs');
const streamPromises = require('stream/promises');
async function save(src, dest) {
  const file = fs.createWriteStream(dest);
  await streamPromises.pipeline(src, file);
}`,
    `
const fsp = require('node:fs/promises');
async function read(p) {
  const fh = await fsp.open(p);
  try { return await fh.readFile(); } finally { await fh.close(); }
}`,
  ],
  invalid: [
    {
      code: `
const fsp = require('node:fs/promises');
async function read(p) {
  const fh = await fsp.open(p);
  return fh.readFile();
}`,
      errors: [
        {
          messageId: 'leaks',
          line: 4,
          column: 20,
          // JavaScript runs as written: `await using` is not advised where Node 20 cannot parse it.
          data: {
            name: 'fh',
            label: 'file handle',
            source: 'fsp.open()',
            line: '4',
            exitLine: '5',
            release: '`await fh.close()`',
            fix: '`try { … } finally { await fh.close(); }`',
          },
          suggestions: [
            {
              messageId: 'suggestTryFinally',
              // The returned promise must settle before the handle closes.
              output: `
const fsp = require('node:fs/promises');
async function read(p) {
  const fh = await fsp.open(p);
  try {
    return await fh.readFile();
  } finally {
    await fh.close();
  }
}`,
            },
          ],
        },
      ],
      output: null,
    },
  ],
});

typedRuleTester.run('require-dispose (typed)', rule, {
  valid: [
    // Field (mongodb, typed run): chained setters of a socket held in a union alias return the
    // socket itself (\`this\`), not a new one.
    `
import type { Socket } from 'node:net';
import type { TLSSocket } from 'node:tls';
type Wire = Socket | TLSSocket;
export function tune(wire: Wire, idleMs: number) {
  wire.setKeepAlive(true, 300_000);
  wire.setNoDelay(true);
  wire.setTimeout(idleMs);
}`,
    // \`x?.on()\` on an optional client returns the client (or undefined): not an acquisition.
    `
class Client implements AsyncDisposable {
  on(event: string, fn: () => void): this { return this; }
  async [Symbol.asyncDispose]() {}
}
export function watch(client: Client | undefined, onClose: () => void) {
  client?.on('close', onClose);
}`,
    // A method returning \`this\` on a union receiver returns the receiver, not a new server
    // (field: a dev server's HTTP or HTTP/2 server, listeners added and removed).
    `
import type { Server } from 'node:http';
import type { Http2SecureServer } from 'node:http2';
type AnyServer = Server | Http2SecureServer;
export function bind(server: AnyServer, onError: (e: Error) => void, onListening: () => void) {
  server.on('error', onError);
  server.on('listening', onListening);
  server.off('error', onError);
  server.off('listening', onListening);
  server.listen(0);
}`,
    // Issue 10 item 10: a disposable handed to a registry is the registry's to release.
    {
      code: `
declare function subscribe(topic: string): Disposable;
declare const subscriptions: { add(d: Disposable): void };
export function watchTopic(topic: string) {
  const sub = subscribe(topic);
  subscriptions.add(sub);
}`,
      filename: 'registry.ts',
    },
    // A user class with [Symbol.dispose] released through using.
    `
class Lock { [Symbol.dispose]() {} }
export function critical() {
  using lock = new Lock();
  return 1;
}`,
    // Node's own disposables are decided by the catalog (corpus false reports):
    // an Immediate, a hash stream, a pipe's destination, a server adopted by a stack.
    `
import { createHash } from 'node:crypto';
import { createServer } from 'node:http';
import { createReadStream } from 'node:fs';
export function misc(path: string) {
  setImmediate(() => {});
  const hash = createHash('sha256');
  createReadStream(path).pipe(process.stdout);
  using stack = new DisposableStack();
  stack.adopt(createServer(), (s) => s.close());
  return hash.digest('hex');
}`,
    // super.destroy() is the release, not an acquisition.
    `
import { Readable } from 'node:stream';
class Source extends Readable {
  override _destroy(err: Error | null, cb: (e?: Error | null) => void) { cb(err); }
  stop() { super.destroy(); }
}
export { Source };`,
    // A client handed out by a getter-shaped method stays with its owner.
    `
import type { PoolClient } from 'pg';
class Tx {
  constructor(private client: PoolClient) {}
  getClient() { return this.client; }
}
export function peek(tx: Tx) {
  const c = tx.getClient();
  return c.processID;
}`,
    // A test double is require-test-cleanup's business.
    `
import { vi } from 'vitest';
export function spy(target: { run(): void }) {
  const s = vi.spyOn(target, 'run');
  return s.mock.calls.length;
}`,
    // A getter-shaped call hands out something it keeps.
    `
class Lock { [Symbol.dispose]() {} }
const locks = new Map<string, Lock>();
function getLock(key: string) { return locks.get(key)!; }
export function peek() {
  const lock = getLock('a');
  return lock;
}`,
  ],
  invalid: [
    {
      // Issue 10 item 10: @types/node declares the global Disposable interfaces; a project's
      // function returning one is still a resource, found in a file that releases nothing.
      code: `
declare function lockRow(id: string): Disposable;
declare function openSession(): Promise<AsyncDisposable>;
export async function audit(id: string) {
  const lock = lockRow(id);
  const session = await openSession();
  console.log(lock, session);
}`,
      filename: 'audit.ts',
      errors: [
        {
          messageId: 'leaks',
          line: 5,
          column: 16,
          data: {
            name: 'lock',
            label: '`Disposable`',
            source: 'lockRow()',
            line: '5',
            exitLine: '8',
            release: '`lock[Symbol.dispose]()`',
            fix: '`using lock = …`',
          },
        },
        { messageId: 'leaks', line: 6, column: 25 },
      ],
      output: `
declare function lockRow(id: string): Disposable;
declare function openSession(): Promise<AsyncDisposable>;
export async function audit(id: string) {
  using lock = lockRow(id);
  await using session = await openSession();
  console.log(lock, session);
}`,
    },
    {
      // Issue 10 items 9 and 10: a library session that implements Symbol.asyncDispose.
      code: `
interface Session extends AsyncDisposable {
  run(query: string): Promise<unknown[]>;
  close(): Promise<void>;
}
declare const driver: { session(): Session };
export async function countUsers() {
  const session = driver.session();
  const rows = await session.run('MATCH (u:User) RETURN count(u)');
  return rows.length;
}`,
      filename: 'graph.ts',
      errors: [{ messageId: 'leaks', line: 8, column: 19 }],
      output: `
interface Session extends AsyncDisposable {
  run(query: string): Promise<unknown[]>;
  close(): Promise<void>;
}
declare const driver: { session(): Session };
export async function countUsers() {
  await using session = driver.session();
  const rows = await session.run('MATCH (u:User) RETURN count(u)');
  return rows.length;
}`,
    },
    {
      // Issue 10 item 10: a disposable result that is dropped.
      code: `
class Lease { [Symbol.dispose]() {} }
declare function lease(name: string): Lease;
export function touch(name: string) {
  lease(name);
  new Lease();
}`,
      filename: 'lease.ts',
      errors: [
        { messageId: 'discarded', line: 5, column: 3 },
        { messageId: 'discarded', line: 6, column: 3 },
      ],
      output: null,
    },
    {
      // Issue 10 item 12: \`await using\` disposes when the function leaves, so a returned
      // promise that reads the handle is awaited first.
      code: `
import { open } from 'node:fs/promises';
export async function readText(path: string, fallback: string) {
  const fh = await open(path);
  if ((await fh.stat()).size === 0) return fallback;
  return fh.readFile('utf8');
}`,
      errors: [{ messageId: 'leaksOnPaths', line: 4, column: 20 }],
      output: `
import { open } from 'node:fs/promises';
export async function readText(path: string, fallback: string) {
  await using fh = await open(path);
  if ((await fh.stat()).size === 0) return fallback;
  return await fh.readFile('utf8');
}`,
    },
    {
      // Issue 10 item 12: a conditional of promises is awaited as a whole.
      code: `
import { open } from 'node:fs/promises';
export async function readPart(path: string, all: boolean) {
  const fh = await open(path);
  return all ? fh.readFile('utf8') : fh.read(Buffer.alloc(16), 0, 16, 0).then(() => '');
}`,
      errors: [{ messageId: 'leaks', line: 4, column: 20 }],
      output: `
import { open } from 'node:fs/promises';
export async function readPart(path: string, all: boolean) {
  await using fh = await open(path);
  return await (all ? fh.readFile('utf8') : fh.read(Buffer.alloc(16), 0, 16, 0).then(() => ''));
}`,
    },
    {
      // Issue 10 item 12: a function that is not async cannot wait for the returned promise,
      // so neither \`using\` nor \`try\`/\`finally\` keeps behaviour: no fix.
      code: `
class Session {
  [Symbol.dispose]() {}
  query(sql: string): Promise<number> { return Promise.resolve(sql.length); }
}
export function count(sql: string) {
  const session = new Session();
  return session.query(sql);
}`,
      errors: [{ messageId: 'leaks', line: 7, column: 19, suggestions: [] }],
      output: null,
    },
    {
      // Issue 10 items 13 and 14: a write stream has no \`[Symbol.dispose]\` in its type, so
      // the message advises \`try\`/\`finally\`; the returned string is not awaited.
      code: `
import { createWriteStream } from 'node:fs';
export function save(path: string, lines: string[]) {
  const out = createWriteStream(path);
  for (const line of lines) out.write(line);
  if (lines.length === 0) return 'empty';
  out.end();
  return path;
}`,
      errors: [
        {
          messageId: 'leaks',
          line: 4,
          column: 15,
          data: {
            name: 'out',
            label: 'write stream',
            source: 'createWriteStream()',
            line: '4',
            exitLine: '6',
            release: '`out.end()`',
            fix: '`try { … } finally { out.end(); }`',
          },
          suggestions: [
            {
              messageId: 'suggestTryFinally',
              output: `
import { createWriteStream } from 'node:fs';
export function save(path: string, lines: string[]) {
  const out = createWriteStream(path);
  try {
    for (const line of lines) out.write(line);
    if (lines.length === 0) return 'empty';
  } finally {
    out.end();
  }
  return path;
}`,
            },
          ],
        },
      ],
      output: null,
    },
    {
      // A pool imported from the app's db module: the type says \`connect()\` lends a client.
      code: `
import type { Pool } from 'pg';
declare const pool: Pool;
export async function activeUsers() {
  const client = await pool.connect();
  const { rows } = await client.query('select * from users where active');
  if (rows.length === 0) return [];
  client.release();
  return rows;
}`,
      errors: [
        {
          messageId: 'leaks',
          line: 5,
          column: 24,
          suggestions: [],
        },
      ],
      output: null,
    },
    {
      // The project's own helper returns a FileHandle: the caller owns it.
      code: `
import { open, type FileHandle } from 'node:fs/promises';
async function openLog(name: string): Promise<FileHandle> {
  return open(\`/var/log/\${name}\`, 'a');
}
export async function append(name: string, line: string) {
  const log = await openLog(name);
  await log.appendFile(line);
}`,
      errors: [{ messageId: 'leaks', line: 7, column: 21 }],
      output: `
import { open, type FileHandle } from 'node:fs/promises';
async function openLog(name: string): Promise<FileHandle> {
  return open(\`/var/log/\${name}\`, 'a');
}
export async function append(name: string, line: string) {
  await using log = await openLog(name);
  await log.appendFile(line);
}`,
    },
    {
      // The type proves the handle is AsyncDisposable: autofix to await using.
      code: `
import { open } from 'node:fs/promises';
export async function read(path: string) {
  const fh = await open(path);
  console.log(await fh.readFile('utf8'));
}`,
      errors: [{ messageId: 'leaks', line: 4, column: 20 }],
      output: `
import { open } from 'node:fs/promises';
export async function read(path: string) {
  await using fh = await open(path);
  console.log(await fh.readFile('utf8'));
}`,
    },
    {
      // A disposable the catalog does not know, found by its type.
      code: `
class Lock { [Symbol.dispose]() {} }
export function critical(work: () => void) {
  const lock = new Lock();
  work();
}`,
      errors: [{ messageId: 'leaks', line: 4, column: 16 }],
      output: `
class Lock { [Symbol.dispose]() {} }
export function critical(work: () => void) {
  using lock = new Lock();
  work();
}`,
    },
  ],
});

// Issue 10 item 9: sockets, watchers and readline interfaces opened in a function.
ruleTester.run('require-dispose (sockets, watchers, readline)', rule, {
  valid: [
    // A CLI command's prompt over stdin, answered in a callback that does not close it: the
    // command ends with the CLI's \`process.exit()\` (field: pm2). Reported with \`processStdin\`.
    `
const readline = require('readline');
function publish(done) {
  const rl = readline.createInterface({ input: process.stdin, output: process.stdout });
  rl.question('Publish? [Y/N] ', (answer) => done(answer === 'Y'));
}
module.exports = { publish };`,
    // Connected with a 'connect' listener that throws when something answers, and destroyed by
    // itself on ECONNREFUSED (field: webpack-dev-server's IPC check).
    `
import net from 'node:net';
export function ensureFree(path: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = new net.Socket();
    socket.on('error', (error: Error & { code?: string }) => {
      if (error.code === 'ECONNREFUSED') resolve();
      else reject(error);
    });
    socket.connect({ path }, () => {
      throw new Error(\`\${path} is in use\`);
    });
  });
}`,
    // Strict too: a CLI's main runs once per process.
    {
      code: `
import { createInterface } from 'node:readline/promises';
export async function main() {
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  console.log(await rl.question('Name? '));
}
if (import.meta.url === \`file://\${process.argv[1]}\`) void main();`,
      options: [{ processStdin: true }],
    },
    // Returned, stored, passed on: someone else closes it.
    `
import net from 'node:net';
export function dial(port: number) {
  const socket = net.connect(port);
  socket.setNoDelay(true);
  return socket;
}`,
    `
import { createConnection, type Socket } from 'node:net';
export class Link {
  private socket?: Socket;
  open(port: number) {
    this.socket = createConnection(port);
  }
}`,
    `
import tls from 'node:tls';
import { Client } from './protocol.js';
export function secure(host: string) {
  const socket = tls.connect({ host, port: 443 });
  return new Client(socket);
}`,
    // Wired into its event flow: it works on after the function and ends with the peer.
    `
import net from 'node:net';
export function forward(port: number, onLine: (s: string) => void) {
  const socket = net.connect(port);
  socket.setEncoding('utf8');
  socket.on('data', onLine);
  socket.on('error', (err) => console.error(err));
  socket.write('HELLO\\n');
}`,
    `
import net from 'node:net';
export function tail(port: number, onEnd: () => void) {
  net.connect(port).on('error', console.error).on('close', onEnd);
}`,
    `
import dgram from 'node:dgram';
export function listen(port: number, onMessage: (m: Buffer) => void) {
  const socket = dgram.createSocket('udp4');
  socket.on('message', onMessage);
  socket.bind(port);
}`,
    // Closed in the callback that ends its work.
    `
import dgram from 'node:dgram';
export function ping(host: string, port: number) {
  const socket = dgram.createSocket('udp4');
  socket.send('ping', port, host, () => socket.close());
}`,
    `
import net from 'node:net';
export function probe(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port);
    socket.once('connect', () => {
      socket.end();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}`,
    // Closed on every path.
    `
import net from 'node:net';
import { once } from 'node:events';
export async function send(port: number, line: string) {
  const socket = net.connect(port);
  try {
    await once(socket, 'connect');
    socket.write(line);
  } finally {
    socket.end();
  }
}`,
    // Readline: read to the end (the loop closes it), or waited on until it closes.
    `
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
export async function firstMatch(path: string, re: RegExp) {
  const rl = createInterface({ input: createReadStream(path), crlfDelay: Infinity });
  for await (const line of rl) {
    if (re.test(line)) return line;
  }
  return null;
}`,
    `
import { createReadStream } from 'node:fs';
import readline from 'node:readline';
import { once } from 'node:events';
export async function count(path: string) {
  let n = 0;
  const rl = readline.createInterface({ input: createReadStream(path) });
  rl.on('line', () => n++);
  await once(rl, 'close');
  return n;
}`,
    `
import { createInterface } from 'node:readline/promises';
export async function ask(question: string) {
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  try {
    return await rl.question(question);
  } finally {
    rl.close();
  }
}`,
    // A CLI's main runs once per process: its terminal reader lives as long as the process.
    `
import { createInterface } from 'node:readline/promises';
async function main() {
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  const name = await rl.question('Name? ');
  console.log(\`Hello \${name}\`);
}
main();`,
    // A REPL: the 'line' listener owns it, and 'close' ends the process.
    `
import readline from 'node:readline';
export function repl(evaluate: (s: string) => string) {
  const rl = readline.createInterface({ input: process.stdin, output: process.stdout });
  rl.on('line', (line) => console.log(evaluate(line)));
  rl.on('close', () => process.exit(0));
}`,
    // A watcher whose listener watches on, or that is closed when it fires.
    `
import { watch } from 'node:fs';
export function follow(path: string, onChange: () => void) {
  const watcher = watch(path);
  watcher.on('change', onChange);
}`,
    `
import fs from 'node:fs';
export function watchConfig(path: string, reload: () => void) {
  fs.watch(path, () => reload());
}`,
    `
import fs from 'node:fs';
export function nextChange(path: string): Promise<void> {
  return new Promise((resolve) => {
    const watcher = fs.watch(path, () => {
      watcher.close();
      resolve();
    });
  });
}`,
  ],
  invalid: [
    {
      // A prompt that never closes its interface: the process hangs on stdin (strict: at
      // default a CLI command that leaves it open usually ends with `process.exit()`).
      options: [{ processStdin: true }],
      code: `
import { createInterface } from 'node:readline/promises';
export async function confirm(question: string) {
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  const answer = await rl.question(question);
  return answer.trim().toLowerCase() === 'y';
}`,
      errors: [
        {
          messageId: 'leaks',
          line: 4,
          column: 14,
          suggestions: [
            {
              messageId: 'suggestTryFinally',
              output: `
import { createInterface } from 'node:readline/promises';
export async function confirm(question: string) {
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  try {
    const answer = await rl.question(question);
    return answer.trim().toLowerCase() === 'y';
  } finally {
    rl.close();
  }
}`,
            },
          ],
        },
      ],
      output: null,
    },
    {
      // One line read from a socket's readline, and the interface left open on the socket.
      code: `
import { createInterface } from 'node:readline';
import { once } from 'node:events';
import type { Socket } from 'node:net';
export async function readGreeting(socket: Socket) {
  const rl = createInterface({ input: socket });
  const [line] = await once(rl, 'line');
  return line;
}`,
      errors: [
        {
          messageId: 'leaks',
          line: 6,
          column: 14,
          suggestions: [
            {
              messageId: 'suggestTryFinally',
              output: `
import { createInterface } from 'node:readline';
import { once } from 'node:events';
import type { Socket } from 'node:net';
export async function readGreeting(socket: Socket) {
  const rl = createInterface({ input: socket });
  try {
    const [line] = await once(rl, 'line');
    return line;
  } finally {
    rl.close();
  }
}`,
            },
          ],
        },
      ],
      output: null,
    },
    {
      // A port probe that connects and never closes: the socket stays open.
      code: `
import net from 'node:net';
import { once } from 'node:events';
export async function isUp(port: number) {
  const socket = net.connect(port);
  await once(socket, 'connect');
  return true;
}`,
      errors: [
        {
          messageId: 'leaks',
          line: 5,
          column: 18,
          suggestions: [
            {
              messageId: 'suggestTryFinally',
              output: `
import net from 'node:net';
import { once } from 'node:events';
export async function isUp(port: number) {
  const socket = net.connect(port);
  try {
    await once(socket, 'connect');
    return true;
  } finally {
    socket.end();
  }
}`,
            },
          ],
        },
      ],
      output: null,
    },
    {
      // A UDP datagram sent, and the socket left open: it keeps the process alive. The fix is
      // to close it in the send's callback; a `finally` would close it before the datagram
      // leaves (`send` looks the address up first), so no suggestion writes one.
      code: `
import { createSocket } from 'node:dgram';
export function notify(host: string, port: number, msg: string) {
  const socket = createSocket('udp4');
  socket.send(msg, port, host);
}`,
      errors: [
        {
          messageId: 'leaks',
          line: 4,
          column: 18,
          data: {
            name: 'socket',
            label: 'UDP socket',
            source: 'createSocket()',
            line: '4',
            release: '`socket.close()`',
            fix: '`socket.send(…, () => socket.close())`',
            exitLine: '6',
          },
          suggestions: [],
        },
      ],
      output: null,
    },
    {
      // The same in an async function that does other work after the send.
      code: `
import dgram from 'node:dgram';
export async function announce(port: number, render: () => Promise<string>) {
  const socket = dgram.createSocket('udp4');
  socket.setBroadcast(true);
  socket.send(await render(), port, '255.255.255.255');
  await new Promise((resolve) => setTimeout(resolve, 10));
}`,
      errors: [{ messageId: 'leaks', line: 4, column: 18, suggestions: [] }],
      output: null,
    },
    {
      // A line written and the socket left open. The suggestion ends it (`end()` flushes the
      // pending write; `destroy()` would discard it).
      code: `
import net from 'node:net';
import { once } from 'node:events';
export async function sendLine(port: number, line: string) {
  const socket = net.connect(port);
  await once(socket, 'connect');
  socket.write(\`\${line}\\n\`);
}`,
      errors: [
        {
          messageId: 'leaks',
          line: 5,
          column: 18,
          suggestions: [
            {
              messageId: 'suggestTryFinally',
              output: `
import net from 'node:net';
import { once } from 'node:events';
export async function sendLine(port: number, line: string) {
  const socket = net.connect(port);
  try {
    await once(socket, 'connect');
    socket.write(\`\${line}\\n\`);
  } finally {
    socket.end();
  }
}`,
            },
          ],
        },
      ],
      output: null,
    },
    {
      // Waits for one change and returns with the watcher still open.
      code: `
import { watch } from 'node:fs';
import { once } from 'node:events';
export async function waitForChange(path: string) {
  const watcher = watch(path);
  await once(watcher, 'change');
}`,
      errors: [
        {
          messageId: 'leaks',
          line: 5,
          column: 19,
          suggestions: [
            {
              messageId: 'suggestTryFinally',
              output: `
import { watch } from 'node:fs';
import { once } from 'node:events';
export async function waitForChange(path: string) {
  const watcher = watch(path);
  try {
    await once(watcher, 'change');
  } finally {
    watcher.close();
  }
}`,
            },
          ],
        },
      ],
      output: null,
    },
  ],
});

// Issue 10 items 9 and 10: a binding given another value while it still holds a resource.
ruleTester.run('require-dispose (assigned again)', rule, {
  valid: [
    // Opened one of two ways into one binding, handed to a writer on success, closed (through a
    // type assertion) in \`finally\` when anything threw (field: node-tar's replace).
    `
import fs from 'node:fs';
declare function appendAt(fd: number, at: number, files: string[]): void;
export function append(file: string, files: string[]) {
  let failed = true;
  let fd;
  try {
    try {
      fd = fs.openSync(file, 'r+');
    } catch (er) {
      if ((er as NodeJS.ErrnoException).code !== 'ENOENT') throw er;
      fd = fs.openSync(file, 'w+');
    }
    const { size } = fs.fstatSync(fd);
    if (size % 512 !== 0) throw new Error('not an archive');
    failed = false;
    appendAt(fd, size, files);
  } finally {
    if (failed) {
      try {
        fs.closeSync(fd as number);
      } catch {}
    }
  }
}`,
    // Set to null after the close: the `finally` sees that nothing is left to close.
    `
import { openSync, closeSync, writeSync } from 'node:fs';
export function save(path: string, text: string) {
  let fd: number | null = openSync(path, 'w');
  try {
    writeSync(fd, text);
    closeSync(fd);
    fd = null;
  } finally {
    if (fd !== null) closeSync(fd);
  }
}`,
    // Closed before the next file is opened into the same binding.
    `
import { openSync, closeSync, writeSync } from 'node:fs';
export function split(paths: string[], chunks: string[]) {
  let fd = openSync(paths[0], 'w');
  try {
    for (let i = 0; i < chunks.length; i++) {
      writeSync(fd, chunks[i]);
      closeSync(fd);
      fd = openSync(paths[i + 1], 'w');
    }
  } finally {
    closeSync(fd);
  }
}`,
    // Handed on, then the binding cleared.
    `
import { open, type FileHandle } from 'node:fs/promises';
export class Store {
  handle?: FileHandle;
  async attach(path: string) {
    let fh: FileHandle | undefined = await open(path, 'a');
    this.handle = fh;
    fh = undefined;
    return fh;
  }
}`,
    // Moved out through another binding: the value lives on in \`kept\`.
    `
import { openSync, closeSync } from 'node:fs';
export function take(path: string) {
  let fd: number | null = openSync(path, 'r');
  try {
    const kept = fd;
    fd = null;
    return kept;
  } finally {
    if (fd !== null) closeSync(fd);
  }
}`,
    // The new value takes the old one in.
    `
import { createReadStream } from 'node:fs';
import { createGunzip } from 'node:zlib';
import type { Readable } from 'node:stream';
export function source(path: string, gzipped: boolean) {
  let stream: Readable = createReadStream(path);
  if (gzipped) stream = stream.pipe(createGunzip());
  return stream;
}`,
  ],
  invalid: [
    {
      // Cleared before the close: the guarded close in \`finally\` never runs.
      code: `
import { openSync, closeSync, writeSync } from 'node:fs';
export function save(path: string, text: string) {
  let fd: number | null = openSync(path, 'w');
  try {
    writeSync(fd, text);
    fd = null;
  } finally {
    if (fd !== null) closeSync(fd);
  }
}`,
      errors: [
        {
          messageId: 'overwritten',
          line: 4,
          column: 27,
          data: {
            name: 'fd',
            label: 'file descriptor',
            source: 'openSync()',
            line: '4',
            release: '`closeSync(fd)`',
            writeLine: '7',
          },
          suggestions: [
            {
              messageId: 'suggestReleaseBefore',
              output: `
import { openSync, closeSync, writeSync } from 'node:fs';
export function save(path: string, text: string) {
  let fd: number | null = openSync(path, 'w');
  try {
    writeSync(fd, text);
    closeSync(fd);
    fd = null;
  } finally {
    if (fd !== null) closeSync(fd);
  }
}`,
            },
          ],
        },
      ],
      output: null,
    },
    {
      // A second file opened into the binding: the first descriptor is lost.
      code: `
import fs from 'node:fs';
export function copyHeader(from: string, to: string) {
  let fd = fs.openSync(from, 'r');
  const header = Buffer.alloc(16);
  fs.readSync(fd, header);
  fd = fs.openSync(to, 'w');
  try {
    fs.writeSync(fd, header);
  } finally {
    fs.closeSync(fd);
  }
}`,
      // No suggestion: \`closeSync\` is not in scope as a name.
      errors: [{ messageId: 'overwritten', line: 4, column: 12, suggestions: [] }],
      output: null,
    },
  ],
});

typedRuleTester.run('require-dispose (typed, assigned again)', rule, {
  valid: [
    // A library session ended by its own method in \`finally\` (its asyncDispose does the same).
    `
import type { MongoClient } from 'mongodb';
export async function transfer(client: MongoClient, work: () => Promise<void>) {
  const session = client.startSession();
  try {
    await session.withTransaction(work);
  } finally {
    await session.endSession();
  }
}`,
    `
class Lease { [Symbol.dispose]() {} }
declare function lease(name: string): Lease;
export function swap(a: string, b: string) {
  let held = lease(a);
  held[Symbol.dispose]();
  held = lease(b);
  held[Symbol.dispose]();
}`,
  ],
  invalid: [
    {
      // Issue 10 item 10: a \`let\` reassigned while it holds a disposable leaks the first one.
      code: `
class Lease { [Symbol.dispose]() {} }
declare function lease(name: string): Lease;
export function swap(a: string, b: string) {
  let held = lease(a);
  held = lease(b);
  held[Symbol.dispose]();
}`,
      errors: [
        {
          messageId: 'overwritten',
          line: 5,
          column: 14,
          suggestions: [
            {
              messageId: 'suggestReleaseBefore',
              output: `
class Lease { [Symbol.dispose]() {} }
declare function lease(name: string): Lease;
export function swap(a: string, b: string) {
  let held = lease(a);
  held[Symbol.dispose]();
  held = lease(b);
  held[Symbol.dispose]();
}`,
            },
          ],
        },
      ],
      output: null,
    },
  ],
});

// A `throw` of the function's own between the acquisition and the hand-off: the message names
// the `throw` (not an `await`), and the suggestion releases the value before it.
ruleTester.run('require-dispose (throw before hand-off)', rule, {
  valid: [
    // Released before the throw: nothing leaks.
    `
import * as fs from 'node:fs';
declare function upload(out: fs.WriteStream, url: string): Promise<void>;
export async function save(url: string, path: string, size: number) {
  const out = fs.createWriteStream(path);
  if (size > 1e6) {
    out.destroy();
    throw new Error('too large');
  }
  await upload(out, url);
}`,
  ],
  invalid: [
    {
      // A size check that throws after the file is opened and before the upload takes it.
      code: `
import * as fs from 'node:fs';
declare function upload(out: fs.WriteStream, url: string): Promise<void>;
export async function save(url: string, path: string, size: number) {
  const out = fs.createWriteStream(path);
  if (size > 1e6) throw new Error('too large');
  await upload(out, url);
}`,
      errors: [
        {
          messageId: 'throwsBeforeHandOff',
          line: 5,
          column: 15,
          suggestions: [
            {
              messageId: 'suggestReleaseBeforeThrow',
              output: `
import * as fs from 'node:fs';
declare function upload(out: fs.WriteStream, url: string): Promise<void>;
export async function save(url: string, path: string, size: number) {
  const out = fs.createWriteStream(path);
  if (size > 1e6) { out.end(); throw new Error('too large'); }
  await upload(out, url);
}`,
            },
          ],
        },
      ],
      output: null,
    },
    {
      // In a block, with a comment that stays.
      code: `
import { openSync, closeSync } from 'node:fs';
declare function startUpload(fd: number, url: string): void;
export function begin(url: string, path: string, size: number) {
  const fd = openSync(path, 'r');
  if (size > 1e6) {
    // The service refuses larger files.
    throw new RangeError(\`\${path} is too large\`);
  }
  startUpload(fd, url);
}`,
      errors: [
        {
          messageId: 'throwsBeforeHandOff',
          line: 5,
          column: 14,
          suggestions: [
            {
              messageId: 'suggestReleaseBeforeThrow',
              output: `
import { openSync, closeSync } from 'node:fs';
declare function startUpload(fd: number, url: string): void;
export function begin(url: string, path: string, size: number) {
  const fd = openSync(path, 'r');
  if (size > 1e6) {
    // The service refuses larger files.
    closeSync(fd);
    throw new RangeError(\`\${path} is too large\`);
  }
  startUpload(fd, url);
}`,
            },
          ],
        },
      ],
      output: null,
    },
    {
      // Without the release function in scope (only \`fs.closeSync\` would reach it): no suggestion.
      code: `
import { openSync } from 'node:fs';
declare function startUpload(fd: number, url: string): void;
export function begin(url: string, path: string, size: number) {
  const fd = openSync(path, 'r');
  if (size > 1e6) throw new RangeError('too large');
  startUpload(fd, url);
}`,
      errors: [{ messageId: 'throwsBeforeHandOff', line: 5, column: 14, suggestions: [] }],
      output: null,
    },
    {
      // The error names the stream: releasing it first could change what it says.
      code: `
import * as fs from 'node:fs';
declare function upload(out: fs.WriteStream, url: string): Promise<void>;
export async function save(url: string, path: string, size: number) {
  const out = fs.createWriteStream(path);
  if (size > 1e6) throw new Error(\`too large for \${String(out.path)}\`);
  await upload(out, url);
}`,
      errors: [{ messageId: 'throwsBeforeHandOff', line: 5, column: 15, suggestions: [] }],
      output: null,
    },
  ],
});

// A file resource dropped in a statement of its own: the suggestion releases it in place.
ruleTester.run('require-dispose (dropped)', rule, {
  valid: [
    `
import fs from 'node:fs';
export function touch(path: string) {
  fs.closeSync(fs.openSync(path, 'w'));
}`,
  ],
  invalid: [
    {
      // Creates an empty file and leaves its descriptor open (field: medusa's clear-project).
      code: `
import fs from 'node:fs';
export function touch(path: string) {
  fs.openSync(path, 'w');
}`,
      errors: [
        {
          messageId: 'discarded',
          line: 4,
          column: 3,
          suggestions: [
            {
              messageId: 'suggestReleaseDropped',
              output: `
import fs from 'node:fs';
export function touch(path: string) {
  fs.closeSync(fs.openSync(path, 'w'));
}`,
            },
          ],
        },
      ],
      output: null,
    },
    {
      code: `
import { openSync, closeSync } from 'node:fs';
export function touch(path: string) {
  openSync(path, 'a'); // make sure it exists
}
export function create(path: string) {
  closeSync(openSync(path, 'wx'));
}`,
      errors: [
        {
          messageId: 'discarded',
          line: 4,
          column: 3,
          suggestions: [
            {
              messageId: 'suggestReleaseDropped',
              output: `
import { openSync, closeSync } from 'node:fs';
export function touch(path: string) {
  closeSync(openSync(path, 'a')); // make sure it exists
}
export function create(path: string) {
  closeSync(openSync(path, 'wx'));
}`,
            },
          ],
        },
      ],
      output: null,
    },
    {
      // Without `closeSync` in scope there is nothing to call it by: no suggestion.
      code: `
import { openSync } from 'node:fs';
export function touch(path: string) {
  openSync(path, 'a');
}`,
      errors: [{ messageId: 'discarded', line: 4, column: 3, suggestions: [] }],
      output: null,
    },
    {
      // An empty write stream: ended in place, the file is created and closed.
      code: `
import { createWriteStream } from 'node:fs';
export function reset(path: string) {
  createWriteStream(path, { flags: 'w' });
}`,
      errors: [
        {
          messageId: 'discarded',
          line: 4,
          column: 3,
          suggestions: [
            {
              messageId: 'suggestReleaseDropped',
              output: `
import { createWriteStream } from 'node:fs';
export function reset(path: string) {
  createWriteStream(path, { flags: 'w' }).end();
}`,
            },
          ],
        },
      ],
      output: null,
    },
  ],
});

// Issue 10 item 6: resources that pass through a function. A same-file wrapper that returns
// an acquisition hands it to each caller; a parameter the function releases at the end of its
// body is its own, so an early return that skips the release leaks it (`ownedParameters`).
const owning = [{ ownedParameters: true }] as const;

ruleTester.run('require-dispose (wrappers and given resources)', rule, {
  valid: [
    {
      name: 'a wrapper hands its handle on by returning it; the caller closes it in finally',
      code: `
import fs from 'node:fs';
function openLog(path: string) {
  return fs.promises.open(path, 'a');
}
export async function append(path: string, line: string) {
  const log = await openLog(path);
  try {
    await log.appendFile(line);
  } finally {
    await log.close();
  }
}`,
    },
    {
      name: 'a wrapper that caches its stream per path acquires nothing per call',
      code: `
import { createWriteStream, type WriteStream } from 'node:fs';
const streams = new Map<string, WriteStream>();
function streamFor(path: string) {
  const known = streams.get(path);
  if (known) return known;
  const out = createWriteStream(path, { flags: 'a' });
  streams.set(path, out);
  return out;
}
export function log(path: string, line: string) {
  const out = streamFor(path);
  out.write(line);
}`,
    },
    {
      name: 'a lazy singleton wrapper acquires nothing per call',
      code: `
import { createWriteStream, type WriteStream } from 'node:fs';
let shared: WriteStream | undefined;
function auditLog() {
  return (shared ??= createWriteStream('audit.log', { flags: 'a' }));
}
export function audit(line: string) {
  auditLog().write(line);
}`,
    },
    {
      name: "a wrapper that wires the socket to a 'data' listener hands it to its event flow",
      code: `
import net from 'node:net';
function listenTo(port: number) {
  const socket = net.connect(port);
  socket.on('data', (chunk) => console.log(chunk.length));
  return socket;
}
export function watch(port: number) {
  const socket = listenTo(port);
  socket.write('SUBSCRIBE\\r\\n');
}`,
    },
    {
      name: "the caller wires the wrapper's socket to a 'data' listener",
      code: `
import net from 'node:net';
const dial = (port: number) => net.connect(port);
export function subscribe(port: number) {
  const socket = dial(port);
  socket.on('data', (chunk) => console.log(chunk.length));
  socket.write('SUBSCRIBE\\r\\n');
}`,
    },
    {
      name: 'a wrapper of a wrapper returns what it gets',
      code: `
import { createWriteStream } from 'node:fs';
function openReport(path: string) {
  return createWriteStream(path);
}
export function report(path: string) {
  return openReport(path);
}`,
    },
    {
      name: 'a borrower never releases the client it is given',
      options: owning,
      code: `
export async function rowsOf(client, sql) {
  const { rows } = await client.query(sql);
  if (rows.length === 0) return [];
  return rows;
}`,
    },
    {
      name: 'a socket destroyed only in a branch: a borrower giving up on it, not its owner',
      options: owning,
      code: `
export function onData(socket, chunk) {
  if (!chunk) {
    socket.destroy();
    return;
  }
  socket.write(chunk);
}`,
    },
    {
      name: 'released in finally: every path',
      options: owning,
      code: `
export async function count(client) {
  try {
    const r = await client.query('SELECT 1');
    if (r.rowCount === 0) return 0;
    return r.rowCount;
  } finally {
    client.release();
  }
}`,
    },
    {
      name: 'the early path hands the client on to another function (strict callees too)',
      options: [{ ownedParameters: true, unknownCalleesTakeOwnership: false }],
      code: `
declare function fail(client: unknown, err: Error): Promise<void>;
export async function finish(client, err?: Error) {
  if (err) return fail(client, err);
  client.release();
}`,
    },
    {
      name: 'an early return under a test of its state: nothing may be left to release',
      options: owning,
      code: `
export function close(socket) {
  if (socket.destroyed) return;
  socket.destroy();
}
export function shutdown(ws, code) {
  if (ws.readyState !== 1) return;
  ws.close(code);
}`,
    },
    {
      name: 'an HTTP response ended at the end of a handler is not a resource it owns',
      options: owning,
      code: `
import type { ServerResponse } from 'node:http';
export function send(res: ServerResponse, body?: string) {
  if (!body) return;
  res.write(body);
  res.end();
}
export function reply(req, res) {
  if (req.cached) return res.send(req.cached);
  res.end();
}`,
    },
    {
      name: 'released later by a timer on the early path: handed to the callback',
      options: owning,
      code: `
export function finish(stream, keep) {
  if (keep) {
    setTimeout(() => stream.destroy(), 1000);
    return;
  }
  stream.destroy();
}`,
    },
    {
      name: 'parameters are followed only with ownedParameters (strict)',
      code: `
import type { PoolClient } from 'pg';
export async function finishJob(client: PoolClient, id: number) {
  const { rowCount } = await client.query('UPDATE jobs SET done = true WHERE id = $1', [id]);
  if (rowCount === 0) return false;
  client.release();
  return true;
}`,
    },
  ],
  invalid: [
    {
      name: 'a file handle from a same-file wrapper, left open on an early return',
      code: `
import fs from 'node:fs';
function openLog(path: string) {
  return fs.promises.open(path, 'a');
}
export async function append(path: string, line: string) {
  const log = await openLog(path);
  if (!line) return;
  await log.appendFile(line);
  await log.close();
}`,
      errors: [
        {
          messageId: 'leaks',
          line: 7,
          column: 21,
          data: {
            name: 'log',
            label: 'file handle',
            source: 'openLog()',
            line: '7',
            exitLine: '8',
            release: '`await log.close()`',
            fix: '`await using log = …`',
          },
          suggestions: [
            {
              messageId: 'suggestTryFinally',
              output: `
import fs from 'node:fs';
function openLog(path: string) {
  return fs.promises.open(path, 'a');
}
export async function append(path: string, line: string) {
  const log = await openLog(path);
  try {
    if (!line) return;
    await log.appendFile(line);
  } finally {
    await log.close();
  }
}`,
            },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'a pool client from an async getClient() wrapper, not released on an early return',
      code: `
import { Pool } from 'pg';
const pool = new Pool();
async function getClient() {
  return pool.connect();
}
export async function userCount(org: string) {
  const client = await getClient();
  const { rows } = await client.query('SELECT count(*) FROM users WHERE org = $1', [org]);
  if (rows.length === 0) return 0;
  client.release();
  return Number(rows[0].count);
}`,
      errors: [
        {
          messageId: 'leaks',
          line: 8,
          column: 24,
          data: {
            name: 'client',
            label: 'pg pool client',
            source: 'getClient()',
            line: '8',
            exitLine: '10',
            release: '`client.release()`',
            fix: '`try { … } finally { client.release(); }`',
          },
          suggestions: [],
        },
      ],
      output: null,
    },
    {
      name: 'a wrapper that sets its stream up before returning it still hands it over',
      code: `
import { createWriteStream } from 'node:fs';
function openReport(path: string) {
  const out = createWriteStream(path);
  out.write('id,total\\n');
  return out;
}
export function report(path: string, rows: string[]) {
  const out = openReport(path);
  if (rows.length === 0) return;
  for (const row of rows) out.write(row);
  out.end();
}`,
      errors: [
        {
          messageId: 'leaks',
          line: 9,
          column: 15,
          data: {
            name: 'out',
            label: 'write stream',
            source: 'openReport()',
            line: '9',
            exitLine: '10',
            release: '`out.end()`',
            fix: '`try { … } finally { out.end(); }`',
          },
          suggestions: [
            {
              messageId: 'suggestTryFinally',
              output: `
import { createWriteStream } from 'node:fs';
function openReport(path: string) {
  const out = createWriteStream(path);
  out.write('id,total\\n');
  return out;
}
export function report(path: string, rows: string[]) {
  const out = openReport(path);
  try {
    if (rows.length === 0) return;
    for (const row of rows) out.write(row);
  } finally {
    out.end();
  }
}`,
            },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'a file handle it is given and closes at the end, left open on an early return',
      options: owning,
      code: `
import type { FileHandle } from 'node:fs/promises';
export async function writeAndClose(fh: FileHandle, chunks: string[]) {
  if (chunks.length === 0) return false;
  for (const chunk of chunks) await fh.write(chunk);
  await fh.close();
  return true;
}`,
      errors: [
        {
          messageId: 'leaksGiven',
          line: 3,
          column: 37,
          data: {
            name: 'fh',
            label: 'file handle',
            release: 'await fh.close()',
            releaseLine: '6',
            exitLine: '4',
          },
          suggestions: [
            {
              messageId: 'suggestReleaseGiven',
              output: `
import type { FileHandle } from 'node:fs/promises';
export async function writeAndClose(fh: FileHandle, chunks: string[]) {
  if (chunks.length === 0) { await fh.close(); return false; }
  for (const chunk of chunks) await fh.write(chunk);
  await fh.close();
  return true;
}`,
            },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'a pool client it is given and releases at the end, kept on one path',
      options: owning,
      code: `
import type { PoolClient } from 'pg';
export async function finishJob(client: PoolClient, id: number) {
  const { rowCount } = await client.query('UPDATE jobs SET done = true WHERE id = $1', [id]);
  if (rowCount === 0) {
    return false;
  }
  client.release();
  return true;
}`,
      errors: [
        {
          messageId: 'leaksGiven',
          line: 3,
          column: 33,
          data: {
            name: 'client',
            label: 'pg pool client',
            release: 'client.release()',
            releaseLine: '8',
            exitLine: '6',
          },
          suggestions: [
            {
              messageId: 'suggestReleaseGiven',
              output: `
import type { PoolClient } from 'pg';
export async function finishJob(client: PoolClient, id: number) {
  const { rowCount } = await client.query('UPDATE jobs SET done = true WHERE id = $1', [id]);
  if (rowCount === 0) {
    client.release();
    return false;
  }
  client.release();
  return true;
}`,
            },
          ],
        },
      ],
      output: null,
    },
  ],
});

jsRuleTester.run('require-dispose (wrappers and given resources, JavaScript)', rule, {
  valid: [],
  invalid: [
    {
      name: 'untyped: a client it releases at the end of its body, kept on an early return',
      options: owning,
      code: `
export async function markDone(client, id) {
  const { rowCount } = await client.query('UPDATE jobs SET done = true WHERE id = $1', [id]);
  if (rowCount === 0) return false;
  client.release();
  return true;
}`,
      errors: [
        {
          messageId: 'leaksGiven',
          line: 2,
          column: 32,
          data: {
            name: 'client',
            label: 'resource',
            release: 'client.release()',
            releaseLine: '5',
            exitLine: '4',
          },
          suggestions: [
            {
              messageId: 'suggestReleaseGiven',
              output: `
export async function markDone(client, id) {
  const { rowCount } = await client.query('UPDATE jobs SET done = true WHERE id = $1', [id]);
  if (rowCount === 0) { client.release(); return false; }
  client.release();
  return true;
}`,
            },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'untyped: a write stream from a same-file wrapper, left open on an early return',
      code: `
const fs = require('node:fs');
const openOutput = (path) => fs.createWriteStream(path);
function writeAll(path, lines) {
  const out = openOutput(path);
  if (lines.length === 0) return false;
  for (const line of lines) out.write(line);
  out.end();
  return true;
}
module.exports = { writeAll };`,
      errors: [
        {
          messageId: 'leaks',
          line: 5,
          column: 15,
          data: {
            name: 'out',
            label: 'write stream',
            source: 'openOutput()',
            line: '5',
            exitLine: '6',
            release: '`out.end()`',
            fix: '`try { … } finally { out.end(); }`',
          },
          suggestions: [
            {
              messageId: 'suggestTryFinally',
              output: `
const fs = require('node:fs');
const openOutput = (path) => fs.createWriteStream(path);
function writeAll(path, lines) {
  const out = openOutput(path);
  try {
    if (lines.length === 0) return false;
    for (const line of lines) out.write(line);
  } finally {
    out.end();
  }
  return true;
}
module.exports = { writeAll };`,
            },
          ],
        },
      ],
      output: null,
    },
  ],
});

typedRuleTester.run('require-dispose (given resources, typed)', rule, {
  valid: [
    {
      name: 'typed: a ServerResponse ended at the end is no file handle',
      options: owning,
      code: `
import type { ServerResponse } from 'node:http';
type Reply = ServerResponse;
export function send(res: Reply, body?: string) {
  if (!body) return;
  res.end(body);
}`,
    },
  ],
  invalid: [
    {
      name: 'typed: a FileHandle through a local alias, left open on an early return',
      options: owning,
      code: `
import type { FileHandle } from 'node:fs/promises';
type Handle = FileHandle;
export async function finish(fh: Handle, text: string) {
  if (!text) return;
  await fh.writeFile(text);
  await fh.close();
}`,
      errors: [
        {
          messageId: 'leaksGiven',
          line: 4,
          column: 30,
          data: {
            name: 'fh',
            label: 'file handle',
            release: 'await fh.close()',
            releaseLine: '7',
            exitLine: '5',
          },
          suggestions: [
            {
              messageId: 'suggestReleaseGiven',
              output: `
import type { FileHandle } from 'node:fs/promises';
type Handle = FileHandle;
export async function finish(fh: Handle, text: string) {
  if (!text) { await fh.close(); return; }
  await fh.writeFile(text);
  await fh.close();
}`,
            },
          ],
        },
      ],
      output: null,
    },
  ],
});

ruleTester.run('require-dispose (release in a catch or finally)', rule, {
  valid: [
    // A `continue` in a `try` runs its `finally` on the way to the next iteration; ESLint's
    // code paths jump straight to the loop, which made the rule's own try/finally suggestion
    // (and code written that way) look leaking.
    `
import { open } from 'node:fs/promises';
export async function sizes(paths: string[]) {
  const out: number[] = [];
  for (const p of paths) {
    const fh = await open(p);
    try {
      if (p.endsWith('.tmp')) continue;
      out.push((await fh.stat()).size);
    } finally {
      await fh.close();
    }
  }
  return out;
}`,
    // A labelled `break` out of both loops runs the inner `finally` too.
    `
import { open } from 'node:fs/promises';
export async function firstBig(paths: string[]) {
  let found = '';
  outer: for (const dir of paths) {
    for (const p of [dir]) {
      const fh = await open(p);
      try {
        if ((await fh.stat()).size > 1e6) {
          found = p;
          break outer;
        }
      } finally {
        await fh.close();
      }
    }
  }
  return found;
}`,
  ],
  invalid: [
    {
      // An `await` that may reject between the open and the hand-off: the handle is closed in a
      // `catch` that rethrows, so the caller sees the same error (issue 10 item 15).
      code: `
import { open, type FileHandle } from 'node:fs/promises';
declare function register(fh: FileHandle): void;
declare function checkQuota(user: string): Promise<void>;
export async function openForUser(user: string, path: string) {
  const fh = await open(path, 'a');
  // The quota service may be down.
  await checkQuota(user);
  register(fh);
}`,
      output: null,
      errors: [
        {
          messageId: 'notExceptionSafeHandOff',
          line: 6,
          column: 20,
          suggestions: [
            {
              messageId: 'suggestReleaseInCatch',
              output: `
import { open, type FileHandle } from 'node:fs/promises';
declare function register(fh: FileHandle): void;
declare function checkQuota(user: string): Promise<void>;
export async function openForUser(user: string, path: string) {
  const fh = await open(path, 'a');
  // The quota service may be down.
  try {
    await checkQuota(user);
  } catch (error) {
    await fh.close();
    throw error;
  }
  register(fh);
}`,
            },
          ],
        },
      ],
    },
    {
      // The statement before the hand-off declares what the hand-off reads, and a file
      // handle's close is not one to run twice: no change can keep both.
      code: `
import { open, type FileHandle } from 'node:fs/promises';
declare function register(fh: FileHandle, quota: number): void;
declare function quotaOf(user: string): Promise<number>;
export async function openForUser(user: string, path: string) {
  const fh = await open(path, 'a');
  const quota = await quotaOf(user);
  register(fh, quota);
}`,
      output: null,
      errors: [{ messageId: 'notExceptionSafeHandOff', line: 6, column: 20, suggestions: [] }],
    },
  ],
});
