/**
 * Field cases: shapes met while linting public Node and TypeScript projects, rewritten in
 * our own words (same shape, not the projects' code). Each names where it was seen.
 *
 * - valid: shapes the rules already stay silent on, and must keep doing so;
 * - invalid: real leaks the rules found there.
 *
 * Shapes the rules still get wrong (false reports, missed leaks) are in `field-pending.md`;
 * when a rule is fixed, its case moves here.
 */
import consumeResponseBody from '../../src/rules/consume-response-body.js';
import noPerCallClient from '../../src/rules/no-per-call-client.js';
import preferPipeline from '../../src/rules/prefer-pipeline.js';
import preferUsing from '../../src/rules/prefer-using.js';
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
      errors: [{ messageId: 'notExceptionSafeHandOff', line: 13, column: 15 }],
      output: null,
    },
  ],
});

ruleTester.run('field: prefer-using', preferUsing, {
  valid: [
    {
      name: 'actions/toolkit cache downloadUtils.ts: a numeric descriptor closed in finally cannot be `using`',
      code: `
import * as fs from 'node:fs';
export async function writeSegments(path: string, next: () => Promise<Buffer | null>): Promise<void> {
  const fd = fs.openSync(path, 'w');
  try {
    for (let chunk = await next(); chunk; chunk = await next()) fs.writeSync(fd, chunk);
  } finally {
    fs.closeSync(fd);
  }
}
`,
    },
    {
      name: 'bullmq src/postgres: a pg pool client released in finally (pg clients have no [Symbol.dispose])',
      code: `
import { Pool } from 'pg';
const pool = new Pool();
export async function migrate(run: (client: unknown) => Promise<void>): Promise<void> {
  const client = await pool.connect();
  try {
    await run(client);
  } finally {
    client.release();
  }
  setTimeout(() => console.log('ready'), 0);
}
`,
    },
  ],
  invalid: [],
});

ruleTester.run('field: prefer-pipeline', preferPipeline, {
  valid: [
    {
      name: 'actions/toolkit artifact download (variant): a tee with its own error listener feeding an in-memory hash',
      code: `
import * as crypto from 'node:crypto';
import * as stream from 'node:stream';
export function digestOf(body: stream.Readable): Promise<string> {
  return new Promise((resolve, reject) => {
    const hash = crypto.createHash('sha256');
    const tee = new stream.PassThrough();
    tee.on('error', reject);
    tee.pipe(hash);
    stream.pipeline(body, tee, (err) => (err ? reject(err) : resolve(hash.digest('hex'))));
  });
}
`,
    },
    {
      name: 'actions/toolkit artifact download-artifact.ts (FP-5): an error listener chained on the tee initializer',
      code: `
import * as crypto from 'node:crypto';
import * as stream from 'node:stream';
export function digestBody(timer: NodeJS.Timeout): Promise<string> {
  return new Promise((resolve, reject) => {
    const hash = crypto.createHash('sha256');
    const tee = new stream.PassThrough().on('error', reject);
    tee.pipe(hash);
    tee.on('end', () => resolve(hash.read() as string));
  });
}
`,
    },
    {
      name: 'actions/toolkit artifact blob-upload.ts (FP-4): a borrowed body tapped into an in-memory hash while the upload consumes it',
      code: `
import * as crypto from 'node:crypto';
import type { Readable } from 'node:stream';
export async function uploadWithDigest(
  content: Readable,
  upload: (body: Readable) => Promise<void>,
): Promise<string> {
  const hash = crypto.createHash('sha256');
  content.pipe(hash);
  await upload(content);
  hash.end();
  return hash.digest('hex');
}
`,
    },
    {
      name: 'actions/toolkit artifact blob-upload.ts (FP-4): the hash encoding set on the pipe result',
      code: `
import * as crypto from 'node:crypto';
import * as stream from 'node:stream';
export function digestOf(tee: stream.PassThrough): string {
  const hash = crypto.createHash('sha256');
  tee.pipe(hash).setEncoding('hex');
  return 'x';
}
`,
    },
    {
      name: 'winston transports/file.js (FP-8): a long-lived buffer lent by the caller, re-piped into each new file that is returned to it',
      code: `
import fs from 'node:fs';
import { EventEmitter } from 'node:events';
export class RotatingFile extends EventEmitter {
  createStream(source, fullpath) {
    const dest = fs
      .createWriteStream(fullpath, { flags: 'a' })
      .on('error', (err) => this.emit('warn', err))
      .on('open', () => {
        this.emit('open', fullpath);
        source.pipe(dest);
      });
    return dest;
  }
}
`,
    },
    {
      name: 'multer lib/make-middleware.js (FP-2): the request body piped into busboy, errors handled, the request unpiped and drained by hand',
      code: `
import busboy from 'busboy';
export function parseForm(req, res, next) {
  const parser = busboy({ headers: req.headers });
  let finished = false;
  function finish(err) {
    if (finished) return;
    finished = true;
    req.unpipe(parser);
    req.resume();
    next(err);
  }
  parser.on('field', (name, value) => {
    req.body[name] = value;
  });
  parser.on('error', finish);
  parser.on('close', () => finish());
  req.pipe(parser);
}
`,
    },
    {
      name: 'busboy README (FP-2): the request body piped into the parser, whose errors go to next',
      code: `
import busboy from 'busboy';
export function parseForm(req, res, next) {
  const parser = busboy({ headers: req.headers });
  parser.on('error', next);
  parser.on('close', () => next());
  req.pipe(parser);
}
`,
    },
    {
      name: 'http-proxy (FP-2): the request body piped into the upstream request, upstream errors answered, upstream destroyed on abort',
      filename: 'forward.js',
      code: `
const http = require('http');
function forward(req, res, options, onError) {
  const upstream = http.request(options);
  req.on('error', onError);
  upstream.on('error', onError);
  req.on('aborted', () => upstream.destroy());
  req.pipe(upstream);
}
module.exports = { forward };
`,
    },
    {
      name: 'http-proxy web-incoming.js: the request body piped upstream (module picked by protocol), both sides with error handlers',
      filename: 'proxy.js',
      code: `
const http = require('http');
const https = require('https');
function forward(req, res, options, onError) {
  const upstream = (options.secure ? https : http).request(options);
  req.on('error', onError);
  upstream.on('error', onError);
  req.on('aborted', () => upstream.destroy());
  (options.buffer || req).pipe(upstream);
}
module.exports = { forward };
`,
    },
    {
      name: 'multer storage/memory.js: a file part piped into an in-memory concat sink',
      filename: 'memory.js',
      code: `
const concat = require('concat-stream');
function MemoryStorage() {}
MemoryStorage.prototype.handleFile = function (req, file, cb) {
  file.stream.pipe(concat({ encoding: 'buffer' }, (data) => cb(null, { buffer: data, size: data.length })));
};
module.exports = () => new MemoryStorage();
`,
    },
    {
      name: 'formidable src/Formidable.js: the request body piped into a decompressor chosen by content-encoding',
      filename: 'form.js',
      code: `
const { createGunzip, createInflate } = require('zlib');
const { PassThrough } = require('stream');
function parseBody(req, onData, onEnd) {
  let pipe;
  switch (req.headers['content-encoding']) {
    case 'gzip':
      pipe = createGunzip();
      break;
    case 'deflate':
      pipe = createInflate();
      break;
    default:
      pipe = new PassThrough();
  }
  pipe.on('data', onData).on('end', onEnd);
  req.pipe(pipe);
}
module.exports = { parseBody };
`,
    },
    {
      name: 'bullmq src/classes/child.ts: child stdio forwarded to the parent stdio (default options)',
      code: `
import { fork } from 'node:child_process';
export function startChild(file: string) {
  const child = fork(file, [], { stdio: 'pipe' });
  child.on('error', (err) => console.error(err));
  child.stdout?.pipe(process.stdout);
  child.stderr?.pipe(process.stderr);
  return child;
}
`,
    },
  ],
  invalid: [
    {
      name: 'http-proxy web-incoming.js: the upstream response piped into the client response; a client that disconnects mid-body leaves the upstream socket open',
      filename: 'proxy.js',
      code: `
const http = require('http');
function proxyWeb(req, res, target, server) {
  const proxyReq = http.request(target);
  proxyReq.on('error', (err) => server.emit('error', err, req, res));
  req.on('aborted', () => proxyReq.destroy());
  proxyReq.on('response', (proxyRes) => {
    res.writeHead(proxyRes.statusCode, proxyRes.headers);
    proxyRes.on('end', () => server.emit('end', req, res, proxyRes));
    proxyRes.pipe(res);
  });
  proxyReq.end();
}
module.exports = { proxyWeb };
`,
      errors: [
        {
          messageId: 'preferPipeline',
          line: 10,
          column: 14,
          suggestions: [
            {
              messageId: 'usePipeline',
              output: `
const http = require('http');
const { pipeline } = require('stream');
function proxyWeb(req, res, target, server) {
  const proxyReq = http.request(target);
  proxyReq.on('error', (err) => server.emit('error', err, req, res));
  req.on('aborted', () => proxyReq.destroy());
  proxyReq.on('response', (proxyRes) => {
    res.writeHead(proxyRes.statusCode, proxyRes.headers);
    proxyRes.on('end', () => server.emit('end', req, res, proxyRes));
    pipeline(proxyRes, res, (err) => {
      if (err) console.error(err);
    });
  });
  proxyReq.end();
}
module.exports = { proxyWeb };
`,
            },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'http-proxy ws-incoming.js (MISS-3): the upstream response to an upgrade request piped into the raw client socket; a client that goes away leaves the upstream response open',
      filename: 'ws-incoming.js',
      code: `
const http = require('http');
function proxyUpgrade(req, socket, target, onError) {
  const proxyReq = http.request(target);
  proxyReq.on('error', onError);
  proxyReq.on('response', (res) => {
    if (!res.upgrade) {
      socket.write(\`HTTP/\${res.httpVersion} \${res.statusCode} \${res.statusMessage}\\r\\n\\r\\n\`);
      res.pipe(socket);
    }
  });
  proxyReq.end();
}
module.exports = { proxyUpgrade };
`,
      errors: [
        {
          messageId: 'preferPipeline',
          line: 9,
          column: 11,
          suggestions: [
            {
              messageId: 'usePipeline',
              output: `
const http = require('http');
const { pipeline } = require('stream');
function proxyUpgrade(req, socket, target, onError) {
  const proxyReq = http.request(target);
  proxyReq.on('error', onError);
  proxyReq.on('response', (res) => {
    if (!res.upgrade) {
      socket.write(\`HTTP/\${res.httpVersion} \${res.statusCode} \${res.statusMessage}\\r\\n\\r\\n\`);
      pipeline(res, socket, (err) => {
        if (err) console.error(err);
      });
    }
  });
  proxyReq.end();
}
module.exports = { proxyUpgrade };
`,
            },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'winston transports/file.js: a rotated log gzipped with an unguarded pipe chain; a failed write leaves the read stream open',
      filename: 'compress.js',
      code: `
const fs = require('fs');
const zlib = require('zlib');
function compressLog(src, dest, callback) {
  fs.access(src, fs.constants.F_OK, (err) => {
    if (err) return callback();
    const gzip = zlib.createGzip();
    const inp = fs.createReadStream(src);
    const out = fs.createWriteStream(dest);
    out.on('finish', () => fs.unlink(src, callback));
    inp.pipe(gzip).pipe(out);
  });
}
module.exports = { compressLog };
`,
      errors: [
        {
          messageId: 'preferPipelineCreated',
          line: 11,
          column: 9,
          suggestions: [
            {
              messageId: 'usePipeline',
              output: `
const fs = require('fs');
const zlib = require('zlib');
const { pipeline } = require('stream');
function compressLog(src, dest, callback) {
  fs.access(src, fs.constants.F_OK, (err) => {
    if (err) return callback();
    const gzip = zlib.createGzip();
    const inp = fs.createReadStream(src);
    const out = fs.createWriteStream(dest);
    out.on('finish', () => fs.unlink(src, callback));
    pipeline(inp, gzip, out, (error) => {
      if (error) console.error(error);
    });
  });
}
module.exports = { compressLog };
`,
            },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'actions/toolkit artifact upload/stream.ts: a file stream piped into the upload stream; the file stays open when the upload stream is destroyed',
      code: `
import * as fs from 'node:fs';
import { Transform } from 'node:stream';
export async function fileUploadStream(sourcePath: string, chunkSize: number): Promise<Transform> {
  const upload = new Transform({ highWaterMark: chunkSize, transform: (c, _e, cb) => cb(null, c) });
  const file = fs.createReadStream(sourcePath, { highWaterMark: chunkSize });
  file.on('error', (err) => {
    console.error('reading the file for upload failed', err);
    upload.destroy(new Error('file read failed'));
  });
  file.pipe(upload);
  return upload;
}
`,
      errors: [
        {
          messageId: 'preferPipelineCreated',
          line: 11,
          column: 8,
          suggestions: [
            {
              messageId: 'usePipeline',
              output: `
import * as fs from 'node:fs';
import { Transform, pipeline } from 'node:stream';
export async function fileUploadStream(sourcePath: string, chunkSize: number): Promise<Transform> {
  const upload = new Transform({ highWaterMark: chunkSize, transform: (c, _e, cb) => cb(null, c) });
  const file = fs.createReadStream(sourcePath, { highWaterMark: chunkSize });
  file.on('error', (err) => {
    console.error('reading the file for upload failed', err);
    upload.destroy(new Error('file read failed'));
  });
  pipeline(file, upload, (err) => {
    if (err) console.error(err);
  });
  return upload;
}
`,
            },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'actions/toolkit artifact download-artifact.ts: a response piped into a tee and the tee into a file; neither is destroyed when the next one fails',
      code: `
import * as fs from 'node:fs';
import * as stream from 'node:stream';
import type { IncomingMessage } from 'node:http';
export function saveBody(response: IncomingMessage, filePath: string, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => response.destroy(new Error('stalled')), timeoutMs);
    const onError = (error: Error) => {
      clearTimeout(timer);
      reject(error);
    };
    const passThrough = new stream.PassThrough();
    passThrough.on('data', () => timer.refresh());
    passThrough.on('error', onError);
    response.pipe(passThrough);
    const out = fs.createWriteStream(filePath);
    passThrough.pipe(out).on('close', () => {
      clearTimeout(timer);
      resolve();
    }).on('error', onError);
  });
}
`,
      errors: [
        {
          messageId: 'preferPipeline',
          line: 15,
          column: 14,
          suggestions: [
            {
              messageId: 'usePipeline',
              output: `
import * as fs from 'node:fs';
import * as stream from 'node:stream';
import type { IncomingMessage } from 'node:http';
export function saveBody(response: IncomingMessage, filePath: string, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => response.destroy(new Error('stalled')), timeoutMs);
    const onError = (error: Error) => {
      clearTimeout(timer);
      reject(error);
    };
    const passThrough = new stream.PassThrough();
    passThrough.on('data', () => timer.refresh());
    passThrough.on('error', onError);
    stream.pipeline(response, passThrough, (err) => {
      if (err) console.error(err);
    });
    const out = fs.createWriteStream(filePath);
    passThrough.pipe(out).on('close', () => {
      clearTimeout(timer);
      resolve();
    }).on('error', onError);
  });
}
`,
            },
          ],
        },
        {
          messageId: 'preferPipelineCreated',
          line: 17,
          column: 17,
          suggestions: [],
        },
      ],
      output: null,
    },
    {
      name: 'multer storage/disk.js: an upload part piped into a file; an aborted upload leaves the file descriptor open',
      filename: 'disk.js',
      code: `
const fs = require('fs');
const path = require('path');
function DiskStorage(dir) {
  this.dir = dir;
}
DiskStorage.prototype.handleFile = function (req, file, cb) {
  const finalPath = path.join(this.dir, file.originalname);
  const outStream = fs.createWriteStream(finalPath);
  file.stream.pipe(outStream);
  outStream.on('error', cb);
  outStream.on('finish', () => cb(null, { path: finalPath, size: outStream.bytesWritten }));
};
module.exports = DiskStorage;
`,
      errors: [
        {
          messageId: 'preferPipeline',
          line: 10,
          column: 15,
          suggestions: [
            {
              messageId: 'usePipeline',
              output: `
const fs = require('fs');
const path = require('path');
const { pipeline } = require('stream');
function DiskStorage(dir) {
  this.dir = dir;
}
DiskStorage.prototype.handleFile = function (req, file, cb) {
  const finalPath = path.join(this.dir, file.originalname);
  const outStream = fs.createWriteStream(finalPath);
  pipeline(file.stream, outStream, (err) => {
    if (err) console.error(err);
  });
  outStream.on('error', cb);
  outStream.on('finish', () => cb(null, { path: finalPath, size: outStream.bytesWritten }));
};
module.exports = DiskStorage;
`,
            },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'actions/toolkit http-client index.ts: a request body stream piped into the request; a failed request leaves the body stream open',
      code: `
import * as http from 'node:http';
export function send(
  options: http.RequestOptions,
  data: string | NodeJS.ReadableStream | null,
  onResult: (err?: Error, res?: http.IncomingMessage) => void,
): void {
  const req = http.request(options, (res) => onResult(undefined, res));
  req.on('error', (err) => onResult(err));
  if (data && typeof data !== 'string') {
    data.on('close', () => req.end());
    data.pipe(req);
  } else {
    req.end(data ?? undefined);
  }
}
`,
      errors: [
        {
          messageId: 'preferPipeline',
          line: 12,
          column: 10,
          suggestions: [
            {
              messageId: 'usePipeline',
              output: `
import * as http from 'node:http';
import { pipeline } from 'node:stream';
export function send(
  options: http.RequestOptions,
  data: string | NodeJS.ReadableStream | null,
  onResult: (err?: Error, res?: http.IncomingMessage) => void,
): void {
  const req = http.request(options, (res) => onResult(undefined, res));
  req.on('error', (err) => onResult(err));
  if (data && typeof data !== 'string') {
    data.on('close', () => req.end());
    pipeline(data, req, (err) => {
      if (err) console.error(err);
    });
  } else {
    req.end(data ?? undefined);
  }
}
`,
            },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'node-tar src/list.ts with node:fs streams: a parser error leaves the file read stream open',
      code: `
import fs from 'node:fs';
import { Writable } from 'node:stream';
export function listFile(file: string, parser: Writable): Promise<void> {
  return new Promise((resolve, reject) => {
    parser.on('error', reject);
    parser.on('finish', resolve);
    fs.stat(file, (er, stat) => {
      if (er) return reject(er);
      const stream = fs.createReadStream(file, { end: stat.size });
      stream.on('error', reject);
      stream.pipe(parser);
    });
  });
}
`,
      errors: [
        {
          messageId: 'preferPipelineCreated',
          line: 12,
          column: 14,
          suggestions: [
            {
              messageId: 'usePipeline',
              output: `
import fs from 'node:fs';
import { Writable, pipeline } from 'node:stream';
export function listFile(file: string, parser: Writable): Promise<void> {
  return new Promise((resolve, reject) => {
    parser.on('error', reject);
    parser.on('finish', resolve);
    fs.stat(file, (er, stat) => {
      if (er) return reject(er);
      const stream = fs.createReadStream(file, { end: stat.size });
      stream.on('error', reject);
      pipeline(stream, parser, (err) => {
        if (err) console.error(err);
      });
    });
  });
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

ruleTester.run('field: no-per-call-client', noPerCallClient, {
  valid: [
    {
      name: 'hackathon-starter config/nodemailer.js: a non-pooled SMTP transport per message is not a shared client',
      code: `
const nodemailer = require('nodemailer');
exports.sendMail = (settings) => {
  const transporter = nodemailer.createTransport({ host: process.env.SMTP_HOST, port: 465, secure: true });
  return transporter.sendMail(settings.mailOptions);
};`,
    },
    {
      name: 'hackathon-starter app.js: mongoose connects once at module scope',
      filename: 'app.js',
      code: `
const mongoose = require('mongoose');
const express = require('express');
mongoose.connect(process.env.MONGODB_URI);
const app = express();
app.get('/health', (req, res) => res.send(mongoose.connection.readyState === 1 ? 'ok' : 'down'));
module.exports = app;
`,
    },
  ],
  invalid: [
    {
      name: 'hackathon-starter controllers/ai.js: a MongoDB client built, connected and closed on every request',
      filename: 'ai.js',
      code: `
const { MongoClient } = require('mongodb');
exports.getDashboard = async (req, res) => {
  const client = new MongoClient(process.env.MONGODB_URI);
  let files = [];
  try {
    await client.connect();
    files = await client.db().collection('chunks').distinct('fileName');
  } catch (err) {
    console.log(err);
  } finally {
    await client.close();
  }
  res.render('dashboard', { files });
};
`,
      errors: [
        {
          messageId: 'perCallClientReleased',
          line: 4,
          column: 18,
          suggestions: [],
        },
      ],
      output: null,
    },
  ],
});

ruleTester.run('field: consume-response-body', consumeResponseBody, {
  valid: [
    {
      name: 'node-gyp lib/download.js (FP-3): the body wrapped into a local under a test on res.body, returned',
      code: `
const { Readable } = require('stream');
async function download(url, opts) {
  const res = await fetch(url, opts);
  const body = res.body ? Readable.fromWeb(res.body) : Readable.from([]);
  return { status: res.status, body };
}
module.exports = { download };`,
    },
    {
      name: 'hackathon-starter controllers/contact.js: the JSON body read on the only path',
      filename: 'contact.js',
      code: `
async function verifyCaptcha(url, token) {
  const resp = await fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ event: { token } }),
  });
  const data = await resp.json();
  return { valid: data.tokenProperties?.valid === true, score: data.riskAnalysis?.score ?? null };
}
module.exports = { verifyCaptcha };
`,
    },
    {
      name: 'hackathon-starter controllers/ai.js: the error body read (errors swallowed) before throwing, the body returned otherwise',
      filename: 'chat.js',
      code: `
const callChatApi = async (body, apiKey) => {
  const response = await fetch('https://api.example.com/v1/chat/completions', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: \`Bearer \${apiKey}\` },
    body: JSON.stringify(body),
  });
  if (!response.ok) {
    const errData = await response.json().catch(() => ({}));
    throw new Error(errData.error?.message ?? \`API Error: \${response.status}\`);
  }
  return response.json();
};
module.exports = { callChatApi };
`,
    },
    {
      name: 'hackathon-starter controllers/api.js (Facebook): the body read on both branches inside try/catch',
      filename: 'profile.js',
      code: `
exports.getProfile = async (req, res, next) => {
  try {
    const response = await fetch(\`https://graph.example.com/\${req.user.id}?fields=id,name\`);
    if (!response.ok) {
      const error = await response.json();
      throw new Error(error.message || 'Failed to fetch the profile');
    }
    const profile = await response.json();
    res.render('profile', { profile });
  } catch (error) {
    next(error);
  }
};
`,
    },
    {
      name: 'hackathon-starter controllers/api.js (NYT): a header read first, then the body read as text or JSON',
      filename: 'books.js',
      code: `
exports.getBooks = async (req, res, next) => {
  try {
    const response = await fetch(process.env.BOOKS_URL);
    const contentType = response.headers.get('content-type') || '';
    if (!response.ok) {
      const text = await response.text();
      throw new Error(\`Books API \${response.status}: \${text.slice(0, 200)}\`);
    }
    if (!contentType.includes('application/json')) {
      const text = await response.text();
      throw new Error('Books API did not return JSON: ' + text.slice(0, 200));
    }
    const data = await response.json();
    res.render('books', { books: data.results });
  } catch (error) {
    next(error);
  }
};
`,
    },
    {
      name: 'hackathon-starter controllers/api.js (GIPHY): the error body read in a nested try before throwing',
      filename: 'gifs.js',
      code: `
exports.getGifs = async (req, res, next) => {
  try {
    const response = await fetch(\`https://api.example.com/gifs?q=\${encodeURIComponent(req.query.q)}\`);
    if (!response.ok) {
      try {
        console.error('gif API error', response.status, await response.text());
      } catch (e) {
        console.error('gif API error, body unreadable', response.status, e);
      }
      throw new Error(\`gif API \${response.status}\`);
    }
    const data = await response.json();
    res.render('gifs', { gifs: data.data });
  } catch (error) {
    next(error);
  }
};
`,
    },
    {
      name: 'node-gyp lib/download.js: the body wrapped into a Node stream and returned to the caller',
      filename: 'download.js',
      code: `
const { Readable } = require('stream');
async function download(url, opts) {
  let res;
  try {
    res = await fetch(url, opts);
  } catch (err) {
    throw err.cause ?? err;
  }
  const body = res.body ? Readable.fromWeb(res.body) : Readable.from([]);
  return { status: res.status, url: res.url, body };
}
module.exports = { download };
`,
    },
    {
      name: 'actions/toolkit github utils.ts: a fetch wrapper returns the response to its caller',
      code: `
import { ProxyAgent } from 'undici';
export function proxiedFetch(proxyUrl: string): typeof fetch {
  const dispatcher = new ProxyAgent(proxyUrl);
  const wrapped: typeof fetch = async (url, opts) => {
    return fetch(url, { ...opts, dispatcher } as RequestInit);
  };
  return wrapped;
}
`,
    },
  ],
  invalid: [
    {
      name: 'hackathon-starter controllers/api.js: polling a PDF URL with GET and never reading or cancelling the body',
      filename: 'lob.js',
      code: `
exports.waitForPdf = async (letters, letter) => {
  let attempts = 0;
  while (attempts < 3) {
    const res = await fetch(letter.url, { method: 'GET' });
    if (res.ok) break;
    attempts += 1;
    await new Promise((resolve) => setTimeout(resolve, 5000));
    Object.assign(letter, await letters.get(letter.id));
  }
  return letter.url;
};
`,
      errors: [
        {
          messageId: 'unreadInLoop',
          line: 5,
          column: 23,
          suggestions: [],
        },
      ],
      output: null,
    },
  ],
});
