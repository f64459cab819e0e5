import rule from '../../src/rules/prefer-pipeline.js';
import { jsRuleTester, ruleTester, typedRuleTester } from '../rule-tester.js';

ruleTester.run('prefer-pipeline', rule, {
  valid: [
    // An echo server pipes a socket into itself: one duplex, closed as one (corpus false report).
    `
import net from 'node:net';
export const echo = net.createServer((socket) => {
  socket.pipe(socket);
});`,
    {
      name: 'RxJS operators in a service',
      code: `
import { filter, map } from 'rxjs/operators';
import type { Observable } from 'rxjs';

export function evens(numbers$: Observable<number>): Observable<number> {
  return numbers$.pipe(filter((n) => n % 2 === 0), map((n) => n * 2));
}

export function names(users$: Observable<{ name: string }>) {
  return users$.pipe(map((user) => user.name));
}
`,
    },
    {
      name: 'RxJS inside an Express handler: the (req, res) pair is not enough next to an operator call',
      code: `
import { map } from 'rxjs';

app.get('/users', (req, res) => {
  users$.pipe(map(toDto)).subscribe((dto) => res.json(dto));
  req.pipe(map(parseChunk));
});
`,
    },
    {
      name: 'lodash/fp and Effect pipe',
      code: `
import fp from 'lodash/fp';
import { Effect, pipe } from 'effect';

export const slugify = fp.pipe(fp.trim, fp.kebabCase);
export const normalise = fp.pipe(fp.trim);
export const program = pipe(Effect.succeed(1), Effect.map((n) => n + 1));
export const doubled = Effect.succeed(2).pipe(Effect.map((n) => n * 2));
`,
    },
    {
      name: 'web streams have pipeTo/pipeThrough, not pipe',
      code: `
export async function save(url: string, writable: WritableStream<string>) {
  const response = await fetch(url);
  await response.body!.pipeThrough(new TextDecoderStream()).pipeTo(writable);
}
`,
    },
    {
      name: 'stream.pipeline with a callback in an Express handler',
      code: `
import fs from 'node:fs';
import { pipeline } from 'node:stream';

app.get('/download/:name', (req, res, next) => {
  pipeline(fs.createReadStream(\`/srv/files/\${req.params.name}\`), res, (err) => {
    if (err) next(err);
  });
});
`,
    },
    {
      name: 'awaited pipeline from node:stream/promises',
      code: `
import { createReadStream, createWriteStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';

export async function compress(input: string, output: string): Promise<void> {
  await pipeline(createReadStream(input), createGzip(), createWriteStream(output));
}
`,
    },
    {
      name: 'errors handled on both ends and the source destroyed when the response closes',
      code: `
import fs from 'node:fs';

app.get('/download/:name', (req, res, next) => {
  const file = fs.createReadStream(\`/srv/files/\${req.params.name}\`);
  file.on('error', next);
  res.on('close', () => file.destroy());
  file.pipe(res);
});
`,
    },
    {
      name: 'send-style handling with on-finished and destroy',
      code: `
import fs from 'node:fs';
import destroy from 'destroy';
import onFinished from 'on-finished';

export function serve(path: string, res: import('node:http').ServerResponse) {
  const stream = fs.createReadStream(path);
  stream.on('error', (err) => res.destroy(err));
  onFinished(res, () => destroy(stream));
  stream.pipe(res);
}
`,
    },
    {
      name: 'the error listener chained on the initializer counts like a separate statement',
      code: `
import fs from 'node:fs';

app.get('/download/:name', (req, res, next) => {
  const file = fs.createReadStream(\`/srv/files/\${req.params.name}\`).on('error', next);
  res.on('close', () => file.destroy());
  file.pipe(res);
});
`,
    },
    {
      name: 'handled chain: every stream has an error listener, the source is destroyed',
      code: `
import { createReadStream } from 'node:fs';
import { createGzip } from 'node:zlib';

export function sendGzip(path: string, res: import('node:http').ServerResponse) {
  const file = createReadStream(path);
  const gzip = createGzip();
  file.on('error', (err) => gzip.destroy(err));
  gzip.on('error', (err) => res.destroy(err));
  res.once('close', () => file.destroy());
  file.pipe(gzip).pipe(res);
}
`,
    },
    {
      name: 'process stdio in a CLI is skipped by default',
      code: `
import { spawn } from 'node:child_process';
import zlib from 'node:zlib';

process.stdin.pipe(zlib.createGzip()).pipe(process.stdout);

const child = spawn('make', ['build']);
child.stdout.pipe(process.stdout);
child.stderr.pipe(process.stderr);
`,
    },
    {
      name: 'pipe with options (end: false) is a deliberate fan-in, not reported',
      code: `
import fs from 'node:fs';

export function concat(parts: string[], out: fs.WriteStream) {
  for (const part of parts) fs.createReadStream(part).pipe(out, { end: false });
}
`,
    },
    {
      name: 'gulp chains of unknown plugins without types',
      code: `
import gulp from 'gulp';
import babel from 'gulp-babel';

export const build = () => gulp.src('src/*.js').pipe(babel()).pipe(gulp.dest('dist'));
`,
    },
    {
      name: 'a response listener on something that is not an http client request gives no evidence',
      code: `
export function watch(client, sink) {
  client.on('response', (response) => {
    response.pipe(sink);
  });
}
`,
    },
    {
      name: 'no evidence either side: an unknown object with a pipe method',
      code: `
export function run(task, sink) {
  task.pipe(sink);
}
`,
    },
    {
      name: 'hashing a file: the hash never closes early, the read error rejects',
      code: `
import crypto from 'node:crypto';
import fs from 'node:fs';

export function sha256(file: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const hash = crypto.createHash('sha256');
    const input = fs.createReadStream(file);
    input.on('error', reject);
    input.pipe(hash).on('finish', () => resolve(hash.digest('hex')));
  });
}
`,
    },
    {
      name: 'a borrowed body tapped into a PassThrough that is only read in memory',
      code: `
import { PassThrough, type Readable } from 'node:stream';

export function preview(body: Readable, limit: number): Promise<string> {
  return new Promise((resolve) => {
    const tap = new PassThrough();
    let text = '';
    tap.on('data', (chunk: Buffer) => {
      text += chunk.toString('utf8');
      if (text.length >= limit) resolve(text.slice(0, limit));
    });
    tap.on('end', () => resolve(text));
    body.pipe(tap);
  });
}
`,
    },
    {
      name: 'fan-out: a read stream tapped into a hash while the upload consumes it',
      code: `
import crypto from 'node:crypto';
import fs from 'node:fs';

export async function uploadFile(file: string, put: (body: fs.ReadStream) => Promise<void>) {
  const hash = crypto.createHash('sha256');
  const body = fs.createReadStream(file);
  body.pipe(hash);
  await put(body);
  return hash.digest('hex');
}
`,
    },
    {
      name: 'a borrowed source wired into a new gzip stream that is returned to the caller',
      code: `
import type { Readable } from 'node:stream';
import zlib from 'node:zlib';

export function gzipped(input: Readable) {
  return input.pipe(zlib.createGzip());
}

export const gunzipped = (input: Readable) => input.pipe(zlib.createGunzip());
`,
    },
    {
      name: 'a recorder re-pipes its own buffer into each segment file it keeps on this',
      code: `
import fs from 'node:fs';
import { PassThrough } from 'node:stream';

export class Recorder {
  private readonly buffer = new PassThrough();
  private segment?: fs.WriteStream;

  rotate(path: string): void {
    if (this.segment) this.buffer.unpipe(this.segment);
    const segment = fs.createWriteStream(path);
    segment.on('error', (err) => console.warn('segment failed', err));
    this.buffer.pipe(segment);
    this.segment = segment;
  }
}
`,
    },
    {
      name: 'the request body into a decompressor that answers its own errors (types name the handler sides)',
      code: `
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createGunzip } from 'node:zlib';

export function upload(incoming: IncomingMessage, reply: ServerResponse, onChunk: (b: Buffer) => void) {
  const gunzip = createGunzip();
  gunzip.on('error', () => {
    reply.statusCode = 400;
    reply.end('bad gzip body');
  });
  gunzip.on('data', onChunk);
  gunzip.on('end', () => reply.end('ok'));
  incoming.pipe(gunzip);
}
`,
    },
    {
      name: 'echo handler: request and response share one socket and close together',
      code: `
http.createServer((req, res) => {
  res.setHeader('Content-Type', req.headers['content-type'] ?? 'text/plain');
  req.pipe(res);
});
`,
    },
    {
      name: 'odd code does not crash',
      code: `
a.pipe();
a.pipe(...b);
a['pipe'](b);
(0, a.pipe)(b);
new Readable().pipe;
`,
    },
    {
      name: 'an upload piped into a file that is destroyed when the request closes early',
      code: `
import fs from 'node:fs';

app.post('/upload/:name', (req, res) => {
  const file = fs.createWriteStream(\`/srv/uploads/\${req.params.name}\`);
  file.on('error', () => res.status(500).end());
  file.on('finish', () => res.sendStatus(201));
  req.on('close', () => {
    if (!req.complete) file.destroy();
  });
  req.pipe(file);
});
`,
    },
  ],
  invalid: [
    {
      name: 'Express handler piping a file to res',
      code: `
import express from 'express';
import fs from 'node:fs';

const app = express();

app.get('/download/:name', (req, res) => {
  const file = fs.createReadStream(\`/srv/files/\${req.params.name}\`);
  res.setHeader('Content-Type', 'application/octet-stream');
  file.pipe(res);
});
`,
      errors: [
        {
          messageId: 'preferPipelineCreated',
          line: 10,
          column: 8,
          endLine: 10,
          endColumn: 17,
          data: {
            source: 'file',
            subject: '`file`',
            created: '8',
            destination: 'res',
            line: 10,
            streams: 'file, res',
          },
          suggestions: [
            {
              messageId: 'usePipeline',
              data: { streams: 'file, res' },
              output: `
import express from 'express';
import fs from 'node:fs';
import { pipeline } from 'node:stream';

const app = express();

app.get('/download/:name', (req, res) => {
  const file = fs.createReadStream(\`/srv/files/\${req.params.name}\`);
  res.setHeader('Content-Type', 'application/octet-stream');
  pipeline(file, res, (err: NodeJS.ErrnoException | null) => {
    if (err) console.error(err);
  });
});
`,
            },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'an error listener alone does not destroy the file on a client disconnect',
      code: `
import fs from 'node:fs';
import { pipeline } from 'node:stream';

app.get('/report.csv', (req, res, next) => {
  fs.createReadStream('/var/reports/latest.csv').on('error', next).pipe(res);
});
`,
      errors: [
        {
          messageId: 'preferPipeline',
          line: 6,
          column: 68,
          suggestions: [
            {
              messageId: 'usePipeline',
              output: `
import fs from 'node:fs';
import { pipeline } from 'node:stream';

app.get('/report.csv', (req, res, next) => {
  pipeline(fs.createReadStream('/var/reports/latest.csv').on('error', next), res, (err: NodeJS.ErrnoException | null) => {
    if (err) console.error(err);
  });
});
`,
            },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'zlib chain into a typed ServerResponse, file uses un-prefixed builtins',
      code: `
import { createReadStream } from 'fs';
import type { ServerResponse } from 'http';
import { createGzip } from 'zlib';

export function sendCompressed(path: string, res: ServerResponse) {
  res.setHeader('Content-Encoding', 'gzip');
  createReadStream(path).pipe(createGzip()).pipe(res);
}
`,
      errors: [
        {
          messageId: 'preferPipeline',
          line: 8,
          column: 26,
          data: {
            source: 'createReadStream(path)',
            subject: '`createReadStream(path)`',
            destination: 'res',
            line: 8,
            streams: 'createReadStream(path), createGzip(), res',
          },
          suggestions: [
            {
              messageId: 'usePipeline',
              output: `
import { createReadStream } from 'fs';
import type { ServerResponse } from 'http';
import { createGzip } from 'zlib';
import { pipeline } from 'stream';

export function sendCompressed(path: string, res: ServerResponse) {
  res.setHeader('Content-Encoding', 'gzip');
  pipeline(createReadStream(path), createGzip(), res, (err: NodeJS.ErrnoException | null) => {
    if (err) console.error(err);
  });
}
`,
            },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'a long source expression is named "the source stream" in the first sentence',
      code: `
import { createReadStream } from 'fs';
import type { ServerResponse } from 'http';
import { createGzip } from 'zlib';

export function sendLog(name: string, res: ServerResponse) {
  createReadStream(\`/var/log/service/\${name}.log\`).pipe(createGzip()).pipe(res);
}
`,
      errors: [
        {
          messageId: 'preferPipeline',
          line: 7,
          column: 52,
          data: {
            source: 'createReadStream(`/var/log/service/${na…',
            subject: 'the source stream',
            destination: 'res',
            line: 7,
            streams: 'createReadStream(`/var/log/service/${na…, createGzip(), res',
          },
          suggestions: [
            {
              messageId: 'usePipeline',
              output: `
import { createReadStream } from 'fs';
import type { ServerResponse } from 'http';
import { createGzip } from 'zlib';
import { pipeline } from 'stream';

export function sendLog(name: string, res: ServerResponse) {
  pipeline(createReadStream(\`/var/log/service/\${name}.log\`), createGzip(), res, (err: NodeJS.ErrnoException | null) => {
    if (err) console.error(err);
  });
}
`,
            },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'reverse proxy: upstream response into res, and the client request into a proxy request whose errors nothing handles',
      code: `
import http from 'node:http';
import * as stream from 'node:stream';

http
  .createServer((req, res) => {
    const proxy = http.request({ host: 'backend', path: req.url, headers: req.headers }, (upstream) => {
      res.writeHead(upstream.statusCode ?? 502, upstream.headers);
      upstream.pipe(res);
    });
    req.pipe(proxy);
  })
  .listen(8080);
`,
      errors: [
        {
          messageId: 'preferPipeline',
          line: 9,
          column: 16,
          suggestions: [
            {
              messageId: 'usePipeline',
              output: `
import http from 'node:http';
import * as stream from 'node:stream';

http
  .createServer((req, res) => {
    const proxy = http.request({ host: 'backend', path: req.url, headers: req.headers }, (upstream) => {
      res.writeHead(upstream.statusCode ?? 502, upstream.headers);
      stream.pipeline(upstream, res, (err: NodeJS.ErrnoException | null) => {
        if (err) console.error(err);
      });
    });
    req.pipe(proxy);
  })
  .listen(8080);
`,
            },
          ],
        },
        {
          messageId: 'requestBody',
          line: 11,
          column: 9,
          data: {
            source: 'req',
            destination: 'proxy',
            line: 11,
            streams: 'req, proxy',
          },
          suggestions: [
            {
              messageId: 'usePipeline',
              output: `
import http from 'node:http';
import * as stream from 'node:stream';

http
  .createServer((req, res) => {
    const proxy = http.request({ host: 'backend', path: req.url, headers: req.headers }, (upstream) => {
      res.writeHead(upstream.statusCode ?? 502, upstream.headers);
      upstream.pipe(res);
    });
    stream.pipeline(req, proxy, (err: NodeJS.ErrnoException | null) => {
      if (err) console.error(err);
    });
  })
  .listen(8080);
`,
            },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'an upload saved with the request body piped into a file whose errors nothing handles',
      code: `
import fs from 'node:fs';

app.post('/uploads/:name', (req, res) => {
  req.pipe(fs.createWriteStream(\`/srv/uploads/\${req.params.name}\`));
  res.sendStatus(202);
});
`,
      errors: [
        {
          messageId: 'requestBody',
          line: 5,
          column: 7,
          suggestions: [
            {
              messageId: 'usePipeline',
              output: `
import fs from 'node:fs';
import { pipeline } from 'node:stream';

app.post('/uploads/:name', (req, res) => {
  pipeline(req, fs.createWriteStream(\`/srv/uploads/\${req.params.name}\`), (err: NodeJS.ErrnoException | null) => {
    if (err) console.error(err);
  });
  res.sendStatus(202);
});
`,
            },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'relay: the response of https.get is a Node stream even when the destination is unknown',
      code: `
import https from 'node:https';

export function relay(url: string, out) {
  https.get(url, (upstream) => {
    upstream.pipe(out);
  });
}
`,
      errors: [
        {
          messageId: 'preferPipeline',
          line: 6,
          column: 14,
          suggestions: [
            {
              messageId: 'usePipeline',
              output: `
import https from 'node:https';
import { pipeline } from 'node:stream';

export function relay(url: string, out) {
  https.get(url, (upstream) => {
    pipeline(upstream, out, (err: NodeJS.ErrnoException | null) => {
      if (err) console.error(err);
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
    {
      name: 'returned chain: reported, no rewrite (the caller uses the result)',
      code: `
import fs from 'node:fs';
import zlib from 'node:zlib';

export function gzipFile(path: string) {
  return fs.createReadStream(path).pipe(zlib.createGzip());
}
`,
      errors: [{ messageId: 'preferPipeline', line: 6, column: 36, suggestions: [] }],
      output: null,
    },
    {
      name: 'pipeline taken by node:stream/promises: reported, no rewrite',
      code: `
import fs from 'node:fs';
import { pipeline } from 'node:stream/promises';

export async function copy(from: string, to: string) {
  await pipeline(fs.createReadStream(from), fs.createWriteStream(to));
}

export function mirror(from: string, to: string) {
  fs.createReadStream(from).pipe(fs.createWriteStream(to));
}
`,
      errors: [{ messageId: 'preferPipeline', line: 10, column: 29, suggestions: [] }],
      output: null,
    },
    {
      name: 'handlers registered but the source is never destroyed',
      code: `
import { createReadStream } from 'node:fs';
import type { Response } from 'express';

export function stream(path: string, res: Response) {
  const body = createReadStream(path);
  body.on('error', () => res.sendStatus(500));
  res.on('error', () => {});
  body.pipe(res);
}
`,
      errors: [
        {
          messageId: 'preferPipelineCreated',
          line: 9,
          column: 8,
          suggestions: [
            {
              messageId: 'usePipeline',
              output: `
import { createReadStream } from 'node:fs';
import type { Response } from 'express';
import { pipeline } from 'node:stream';

export function stream(path: string, res: Response) {
  const body = createReadStream(path);
  body.on('error', () => res.sendStatus(500));
  res.on('error', () => {});
  pipeline(body, res, (err: NodeJS.ErrnoException | null) => {
    if (err) console.error(err);
  });
}
`,
            },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'hashing a file without a read error listener: the promise never settles',
      code: `
import crypto from 'node:crypto';
import fs from 'node:fs';

export function sha256(file: string): Promise<string> {
  return new Promise((resolve) => {
    const hash = crypto.createHash('sha256');
    fs.createReadStream(file)
      .pipe(hash)
      .on('finish', () => resolve(hash.digest('hex')));
  });
}
`,
      errors: [
        {
          messageId: 'preferPipeline',
          line: 9,
          column: 8,
          endLine: 9,
          endColumn: 18,
          suggestions: [],
        },
      ],
      output: null,
    },
    {
      name: 'a PassThrough handed to another call is not an in-memory sink: it can be destroyed there',
      code: `
import { PassThrough, type Readable } from 'node:stream';

export function countAndSend(body: Readable, send: (s: PassThrough) => Promise<void>): Promise<void> {
  let bytes = 0;
  const tap = new PassThrough();
  tap.on('data', (chunk: Buffer) => {
    bytes += chunk.length;
  });
  body.pipe(tap);
  return send(tap).finally(() => console.log(bytes));
}
`,
      errors: [
        {
          messageId: 'preferPipeline',
          line: 10,
          column: 8,
          suggestions: [
            {
              messageId: 'usePipeline',
              output: `
import { PassThrough, type Readable, pipeline } from 'node:stream';

export function countAndSend(body: Readable, send: (s: PassThrough) => Promise<void>): Promise<void> {
  let bytes = 0;
  const tap = new PassThrough();
  tap.on('data', (chunk: Buffer) => {
    bytes += chunk.length;
  });
  pipeline(body, tap, (err: NodeJS.ErrnoException | null) => {
    if (err) console.error(err);
  });
  return send(tap).finally(() => console.log(bytes));
}
`,
            },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'a download callback returns its pipe: the callback parameter is not lent by a caller of ours',
      code: `
import fs from 'node:fs';
import https from 'node:https';

export function download(url: string, dest: string) {
  https.get(url, (res) => res.pipe(fs.createWriteStream(dest)));
}
`,
      errors: [{ messageId: 'preferPipeline', line: 6, column: 31, suggestions: [] }],
      output: null,
    },
    {
      name: 'a borrowed buffer piped into a file that is neither returned nor kept: the file is lost, the buffer left paused',
      code: `
import fs from 'node:fs';
import { PassThrough } from 'node:stream';

export class Recorder {
  private readonly buffer = new PassThrough();

  save(path: string): void {
    const out = fs.createWriteStream(path);
    out.on('finish', () => console.log('saved', path));
    this.buffer.pipe(out);
  }
}
`,
      errors: [
        {
          messageId: 'preferPipeline',
          line: 11,
          column: 17,
          suggestions: [
            {
              messageId: 'usePipeline',
              output: `
import fs from 'node:fs';
import { PassThrough, pipeline } from 'node:stream';

export class Recorder {
  private readonly buffer = new PassThrough();

  save(path: string): void {
    const out = fs.createWriteStream(path);
    out.on('finish', () => console.log('saved', path));
    pipeline(this.buffer, out, (err: NodeJS.ErrnoException | null) => {
      if (err) console.error(err);
    });
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
      name: 'TCP proxy: each socket piped into the other',
      code: `
import net from 'node:net';

net
  .createServer((client) => {
    const upstream = net.connect(6379, 'redis.internal');
    client.pipe(upstream).pipe(client);
  })
  .listen(6380);
`,
      errors: [
        {
          messageId: 'preferPipeline',
          line: 7,
          column: 12,
          data: {
            source: 'client',
            subject: '`client`',
            destination: 'client',
            line: 7,
            streams: 'client, upstream, client',
          },
          suggestions: [
            {
              messageId: 'usePipeline',
              output: `
import net from 'node:net';
import { pipeline } from 'node:stream';

net
  .createServer((client) => {
    const upstream = net.connect(6379, 'redis.internal');
    pipeline(client, upstream, client, (err: NodeJS.ErrnoException | null) => {
      if (err) console.error(err);
    });
  })
  .listen(6380);
`,
            },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'checkProcessStdio: a CLI gzip of stdin is reported in strict',
      code: `
import zlib from 'node:zlib';

process.stdin.pipe(zlib.createGzip()).pipe(process.stdout);
`,
      options: [{ checkProcessStdio: true }],
      errors: [
        {
          messageId: 'preferPipeline',
          line: 4,
          column: 15,
          suggestions: [
            {
              messageId: 'usePipeline',
              output: `
import zlib from 'node:zlib';
import { pipeline } from 'node:stream';

pipeline(process.stdin, zlib.createGzip(), process.stdout, (err: NodeJS.ErrnoException | null) => {
  if (err) console.error(err);
});
`,
            },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'an existing multi-line named import of node:stream takes pipeline as one more line',
      code: `
import fs from 'node:fs';
import {
  Readable,
  Transform,
} from 'node:stream';

export function exportRows(rows: Readable, toCsv: Transform, path: string) {
  rows.pipe(toCsv).pipe(fs.createWriteStream(path));
}
`,
      errors: [
        {
          messageId: 'preferPipeline',
          line: 9,
          column: 8,
          suggestions: [
            {
              messageId: 'usePipeline',
              output: `
import fs from 'node:fs';
import {
  Readable,
  Transform,
  pipeline,
} from 'node:stream';

export function exportRows(rows: Readable, toCsv: Transform, path: string) {
  pipeline(rows, toCsv, fs.createWriteStream(path), (err: NodeJS.ErrnoException | null) => {
    if (err) console.error(err);
  });
}
`,
            },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'issue 10 item 8: two sockets forwarded in a connection listener, each one left open when the other closes',
      code: `
import net from 'node:net';

export function forward(server: net.Server, target: { port: number; host: string }): void {
  server.on('connection', (socket) => {
    const upstream = net.connect(target.port, target.host);
    socket.on('error', () => {});
    upstream.on('error', () => {});
    socket.pipe(upstream);
    upstream.pipe(socket);
  });
}
`,
      errors: [
        {
          messageId: 'preferPipeline',
          line: 9,
          column: 12,
          suggestions: [
            {
              messageId: 'usePipeline',
              output: `
import net from 'node:net';
import { pipeline } from 'node:stream';

export function forward(server: net.Server, target: { port: number; host: string }): void {
  server.on('connection', (socket) => {
    const upstream = net.connect(target.port, target.host);
    socket.on('error', () => {});
    upstream.on('error', () => {});
    pipeline(socket, upstream, (err: NodeJS.ErrnoException | null) => {
      if (err) console.error(err);
    });
    upstream.pipe(socket);
  });
}
`,
            },
          ],
        },
        {
          messageId: 'preferPipelineCreated',
          line: 10,
          column: 14,
          suggestions: [
            {
              messageId: 'usePipeline',
              output: `
import net from 'node:net';
import { pipeline } from 'node:stream';

export function forward(server: net.Server, target: { port: number; host: string }): void {
  server.on('connection', (socket) => {
    const upstream = net.connect(target.port, target.host);
    socket.on('error', () => {});
    upstream.on('error', () => {});
    socket.pipe(upstream);
    pipeline(upstream, socket, (err: NodeJS.ErrnoException | null) => {
      if (err) console.error(err);
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
    {
      name: 'issue 10 item 8: an upload piped into a file whose errors are answered, but an aborted request leaves the descriptor open',
      code: `
import fs from 'node:fs';
import path from 'node:path';

app.post('/upload/:name', (req, res) => {
  const file = fs.createWriteStream(path.join('/srv/uploads', req.params.name));
  file.on('error', () => res.status(500).end());
  file.on('finish', () => res.sendStatus(201));
  req.pipe(file);
});
`,
      errors: [
        {
          messageId: 'requestAborted',
          line: 9,
          column: 7,
          data: { source: 'req', destination: 'file', line: 9 },
          suggestions: [
            {
              messageId: 'destroyOnAbort',
              output: `
import fs from 'node:fs';
import path from 'node:path';

app.post('/upload/:name', (req, res) => {
  const file = fs.createWriteStream(path.join('/srv/uploads', req.params.name));
  file.on('error', () => res.status(500).end());
  file.on('finish', () => res.sendStatus(201));
  req.pipe(file);
  req.on('close', () => {
    if (!req.complete) file.destroy();
  });
});
`,
            },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'issue 10 item 8: an upstream response body piped into an HTTP/2 stream; a client that resets the stream leaves the upstream open',
      code: `
import http2 from 'node:http2';
import https from 'node:https';

export function serve(upstream: string): http2.Http2Server {
  const server = http2.createServer();
  server.on('stream', (stream, headers) => {
    https.get(upstream + String(headers[':path']), (res) => {
      stream.respond({ ':status': res.statusCode });
      res.pipe(stream);
    });
  });
  return server;
}
`,
      errors: [
        {
          messageId: 'preferPipeline',
          line: 10,
          column: 11,
          data: {
            source: 'res',
            subject: '`res`',
            destination: 'stream',
            line: 10,
            streams: 'res, stream',
          },
          suggestions: [
            {
              messageId: 'usePipeline',
              output: `
import http2 from 'node:http2';
import https from 'node:https';
import { pipeline } from 'node:stream';

export function serve(upstream: string): http2.Http2Server {
  const server = http2.createServer();
  server.on('stream', (stream, headers) => {
    https.get(upstream + String(headers[':path']), (res) => {
      stream.respond({ ':status': res.statusCode });
      pipeline(res, stream, (err: NodeJS.ErrnoException | null) => {
        if (err) console.error(err);
      });
    });
  });
  return server;
}
`,
            },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'issue 10 item 15: a chain whose streams only it sees is autofixed to pipeline(), rethrowing as the unhandled error did',
      code: `
import { createReadStream, createWriteStream } from 'node:fs';
import { createGzip } from 'node:zlib';

export function compress(from: string, to: string): void {
  const source = createReadStream(from);
  source.pipe(createGzip()).pipe(createWriteStream(to));
}
`,
      errors: [{ messageId: 'preferPipelineCreated', line: 7, column: 10, suggestions: [] }],
      output: `
import { createReadStream, createWriteStream } from 'node:fs';
import { createGzip } from 'node:zlib';
import { pipeline } from 'node:stream';

export function compress(from: string, to: string): void {
  const source = createReadStream(from);
  pipeline(source, createGzip(), createWriteStream(to), (err: NodeJS.ErrnoException | null) => {
    if (err) throw err;
  });
}
`,
    },
    {
      name: 'issue 10 item 15: a stream also listened to elsewhere keeps the rewrite a suggestion',
      code: `
import { createReadStream, createWriteStream } from 'node:fs';

export function copy(from: string, to: string, done: () => void): void {
  const target = createWriteStream(to);
  target.on('finish', done);
  createReadStream(from).pipe(target);
}
`,
      errors: [
        {
          messageId: 'preferPipeline',
          line: 7,
          column: 26,
          suggestions: [
            {
              messageId: 'usePipeline',
              output: `
import { createReadStream, createWriteStream } from 'node:fs';
import { pipeline } from 'node:stream';

export function copy(from: string, to: string, done: () => void): void {
  const target = createWriteStream(to);
  target.on('finish', done);
  pipeline(createReadStream(from), target, (err: NodeJS.ErrnoException | null) => {
    if (err) console.error(err);
  });
}
`,
            },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'an archive that reads files lazily is not in memory: its files stay open when the destination fails',
      filename: 'zip-dir.js',
      code: `
import { createWriteStream } from 'node:fs';
import archiver from 'archiver';

export function zipDirectory(dir, target) {
  const archive = archiver('zip');
  const output = createWriteStream(target);
  output.on('error', (err) => console.error(err));
  archive.pipe(output);
  archive.directory(dir, false);
  return archive.finalize();
}
`,
      errors: [
        {
          messageId: 'preferPipelineCreated',
          line: 9,
          column: 11,
          suggestions: [
            {
              messageId: 'usePipeline',
              output: `
import { createWriteStream } from 'node:fs';
import archiver from 'archiver';
import { pipeline } from 'node:stream';

export function zipDirectory(dir, target) {
  const archive = archiver('zip');
  const output = createWriteStream(target);
  output.on('error', (err) => console.error(err));
  pipeline(archive, output, (err) => {
    if (err) console.error(err);
  });
  archive.directory(dir, false);
  return archive.finalize();
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

jsRuleTester.run('prefer-pipeline (JavaScript)', rule, {
  valid: [
    {
      name: 'CommonJS job runner using stream.pipeline',
      filename: 'job.cjs',
      code: `
const { spawn } = require('child_process');
const { pipeline } = require('stream');
const fs = require('fs');

function runJob(job, logPath, done) {
  const child = spawn(job.command, job.args);
  pipeline(child.stdout, fs.createWriteStream(logPath), done);
}
module.exports = { runJob };
`,
    },
  ],
  invalid: [
    {
      name: 'CommonJS job runner piping child stdout to a log file',
      filename: 'job.cjs',
      code: `
'use strict';
const { spawn } = require('child_process');
const fs = require('fs');

function runJob(job, logPath) {
  const child = spawn(job.command, job.args);
  child.stdout.pipe(fs.createWriteStream(logPath));
  return new Promise((resolve) => child.on('exit', resolve));
}
module.exports = { runJob };
`,
      errors: [
        {
          messageId: 'preferPipeline',
          line: 8,
          column: 16,
          data: {
            source: 'child.stdout',
            subject: '`child.stdout`',
            destination: 'fs.createWriteStream(logPath)',
            line: 8,
            streams: 'child.stdout, fs.createWriteStream(logPath)',
          },
          suggestions: [
            {
              messageId: 'usePipeline',
              output: `
'use strict';
const { spawn } = require('child_process');
const fs = require('fs');
const { pipeline } = require('stream');

function runJob(job, logPath) {
  const child = spawn(job.command, job.args);
  pipeline(child.stdout, fs.createWriteStream(logPath), (err) => {
    if (err) console.error(err);
  });
  return new Promise((resolve) => child.on('exit', resolve));
}
module.exports = { runJob };
`,
            },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'websocket proxy: the upstream response of a request whose module is picked by protocol, piped into the client socket',
      filename: 'ws-proxy.cjs',
      code: `
const http = require('http');
const https = require('https');
function proxyWebsocket(req, socket, options, onError) {
  const proxyReq = (options.secure ? https : http).request(options);
  proxyReq.on('error', onError);
  proxyReq.on('response', function (res) {
    if (!res.upgrade) res.pipe(socket);
  });
  proxyReq.end();
}
module.exports = { proxyWebsocket };
`,
      errors: [
        {
          messageId: 'preferPipeline',
          line: 8,
          column: 27,
          suggestions: [
            {
              messageId: 'usePipeline',
              output: `
const http = require('http');
const https = require('https');
const { pipeline } = require('stream');
function proxyWebsocket(req, socket, options, onError) {
  const proxyReq = (options.secure ? https : http).request(options);
  proxyReq.on('error', onError);
  proxyReq.on('response', function (res) {
    if (!res.upgrade) pipeline(res, socket, (err) => {
      if (err) console.error(err);
    });
  });
  proxyReq.end();
}
module.exports = { proxyWebsocket };
`,
            },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'ES module with double quotes and no semicolons keeps its style',
      filename: 'upload.mjs',
      code: `
import fs from "node:fs"
import zlib from "node:zlib"

export function archive(path, out) {
  fs.createReadStream(path).pipe(zlib.createGzip()).pipe(out)
}
`,
      errors: [
        {
          messageId: 'preferPipeline',
          line: 6,
          column: 29,
          suggestions: [
            {
              messageId: 'usePipeline',
              output: `
import fs from "node:fs"
import zlib from "node:zlib"
import { pipeline } from "node:stream"

export function archive(path, out) {
  pipeline(fs.createReadStream(path), zlib.createGzip(), out, (err) => {
    if (err) console.error(err);
  })
}
`,
            },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'CommonJS file that already requires the stream module: only the chain sees its streams, so the rewrite is an autofix that rethrows',
      filename: 'backup.cjs',
      code: `
const fs = require('fs');
const stream = require('stream');

exports.backup = function backup(from, to) {
  fs.createReadStream(from).pipe(fs.createWriteStream(to));
  return stream.Readable.from([]);
};
`,
      errors: [{ messageId: 'preferPipeline', line: 6, column: 29, suggestions: [] }],
      output: `
const fs = require('fs');
const stream = require('stream');

exports.backup = function backup(from, to) {
  stream.pipeline(fs.createReadStream(from), fs.createWriteStream(to), (err) => {
    if (err) throw err;
  });
  return stream.Readable.from([]);
};
`,
    },
    {
      name: 'ES module script without imports gets an import at the top',
      filename: 'download.mjs',
      code: `
export function download(res, file) {
  file.pipe(res);
  return undefined;
}
export const handler = (req, res) => {
  const csv = stringify(rows(req.query));
  csv.pipe(res);
};
`,
      errors: [
        {
          messageId: 'preferPipelineCreated',
          line: 8,
          column: 7,
          data: {
            source: 'csv',
            subject: '`csv`',
            created: '7',
            destination: 'res',
            line: 8,
            streams: 'csv, res',
          },
          suggestions: [
            {
              messageId: 'usePipeline',
              output: `
import { pipeline } from 'node:stream';
export function download(res, file) {
  file.pipe(res);
  return undefined;
}
export const handler = (req, res) => {
  const csv = stringify(rows(req.query));
  pipeline(csv, res, (err) => {
    if (err) console.error(err);
  });
};
`,
            },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'CommonJS restore job: pipeline joins the destructuring require, its callback shadows neither err nor error (autofix: only the chain sees its streams)',
      filename: 'restore.cjs',
      code: `
const fs = require('fs');
const { PassThrough } = require('stream');
const zlib = require('zlib');

function restore(archive, target, done) {
  fs.stat(archive, (err, stats) => {
    if (err) return done(err);
    const error = stats.size === 0 ? new Error(\`\${archive} is empty\`) : null;
    if (error) return done(error);
    fs.createReadStream(archive).pipe(zlib.createGunzip()).pipe(fs.createWriteStream(target));
  });
  return new PassThrough();
}
module.exports = { restore };
`,
      errors: [{ messageId: 'preferPipeline', line: 11, column: 34, suggestions: [] }],
      output: `
const fs = require('fs');
const { PassThrough, pipeline } = require('stream');
const zlib = require('zlib');

function restore(archive, target, done) {
  fs.stat(archive, (err, stats) => {
    if (err) return done(err);
    const error = stats.size === 0 ? new Error(\`\${archive} is empty\`) : null;
    if (error) return done(error);
    pipeline(fs.createReadStream(archive), zlib.createGunzip(), fs.createWriteStream(target), (streamErr) => {
      if (streamErr) throw streamErr;
    });
  });
  return new PassThrough();
}
module.exports = { restore };
`,
    },
  ],
});

typedRuleTester.run('prefer-pipeline (typed)', rule, {
  valid: [
    {
      name: 'a local class whose pipe is not a Node stream pipe',
      code: `
import { createWriteStream } from 'node:fs';

class Recorder {
  private readonly lines: string[] = [];
  pipe(dest: NodeJS.WritableStream): NodeJS.WritableStream {
    for (const line of this.lines) dest.write(line);
    return dest;
  }
}

export function flush(recorder: Recorder, path: string) {
  recorder.pipe(createWriteStream(path));
}
`,
    },
    {
      name: 'the request body of a createServer listener into a decompressor that answers its own errors: the types name the handler sides',
      code: `
import http from 'node:http';
import { createGunzip } from 'node:zlib';

export const server = http.createServer((incoming, reply) => {
  const gunzip = createGunzip();
  gunzip.on('error', () => {
    reply.statusCode = 400;
    reply.end('bad gzip body');
  });
  gunzip.on('end', () => reply.end('ok'));
  gunzip.resume();
  incoming.pipe(gunzip);
});
`,
    },
    {
      name: 'an RxJS-shaped observable with types',
      code: `
type Operator<T, R> = (source: Observable<T>) => Observable<R>;
declare class Observable<T> {
  pipe<R>(op: Operator<T, R>): Observable<R>;
}
declare function scan<T>(fn: (acc: T, value: T) => T): Operator<T, T>;
declare const ticks$: Observable<number>;
declare const res: import('node:http').ServerResponse;

export const total$ = ticks$.pipe(scan((a, b) => a + b));
export const ignored = (op: Operator<number, number>) => ticks$.pipe(op);
void res;
`,
    },
  ],
  invalid: [
    {
      name: 'a stream from a helper into a job sink: only the types show it is a Node stream',
      code: `
import * as fs from 'node:fs';
import type { Writable } from 'node:stream';

interface ExportJob {
  id: string;
  output: Writable;
}

function openReport(id: string) {
  return fs.createReadStream(\`/var/reports/\${id}.csv\`);
}

export function runExport(job: ExportJob): void {
  openReport(job.id).pipe(job.output);
}
`,
      errors: [
        {
          messageId: 'preferPipeline',
          line: 15,
          column: 22,
          data: {
            source: 'openReport(job.id)',
            subject: '`openReport(job.id)`',
            destination: 'job.output',
            line: 15,
            streams: 'openReport(job.id), job.output',
          },
          suggestions: [
            {
              messageId: 'usePipeline',
              output: `
import * as fs from 'node:fs';
import type { Writable } from 'node:stream';
import { pipeline } from 'node:stream';

interface ExportJob {
  id: string;
  output: Writable;
}

function openReport(id: string) {
  return fs.createReadStream(\`/var/reports/\${id}.csv\`);
}

export function runExport(job: ExportJob): void {
  pipeline(openReport(job.id), job.output, (err: NodeJS.ErrnoException | null) => {
    if (err) console.error(err);
  });
}
`,
            },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'an upstream IncomingMessage is not the incoming request: its pipe into a file is reported',
      code: `
import fs from 'node:fs';
import https from 'node:https';

export function download(url: string, path: string, done: (err?: Error) => void) {
  https.get(url, (response) => {
    response.on('error', done);
    response.pipe(fs.createWriteStream(path)).on('finish', () => done());
  });
}
`,
      errors: [{ messageId: 'preferPipeline', line: 8, column: 14, suggestions: [] }],
      output: null,
    },
    {
      name: 'an any-typed receiver falls back to the syntactic evidence',
      code: `
import { createWriteStream } from 'node:fs';

declare const download: any;

export function save(path: string) {
  download.pipe(createWriteStream(path));
}
`,
      errors: [
        {
          messageId: 'preferPipelineCreated',
          line: 7,
          column: 12,
          suggestions: [
            {
              messageId: 'usePipeline',
              output: `
import { createWriteStream } from 'node:fs';
import { pipeline } from 'node:stream';

declare const download: any;

export function save(path: string) {
  pipeline(download, createWriteStream(path), (err: NodeJS.ErrnoException | null) => {
    if (err) console.error(err);
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
