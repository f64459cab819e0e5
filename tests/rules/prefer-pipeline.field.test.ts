/**
 * prefer-pipeline, from real projects: shapes met while linting public Node and TypeScript projects,
 * rewritten in our own words (same shape, not the projects' code). Each names where it was
 * seen. Valid: shapes the rule already stays silent on, and must keep doing so; invalid: real
 * leaks it found there. Shapes it still gets wrong are in `field-pending.md`; when the rule is
 * fixed, the case moves here.
 */
import preferPipeline from '../../src/rules/prefer-pipeline.js';
import { ruleTester } from '../rule-tester.js';

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
    {
      name: 'keystone image internal-utils.ts (PP-1): a tee helper splits a borrowed source into two PassThroughs returned in an array',
      code: `
import { PassThrough, type Readable } from 'node:stream';

export function split(source: Readable): [Readable, Readable] {
  const first = new PassThrough();
  const second = new PassThrough();
  source.pipe(first);
  source.pipe(second);
  source.on('error', (err) => {
    first.destroy(err);
    second.destroy(err);
  });
  return [first, second];
}
`,
    },
    {
      name: 'serverless aws/dev and zip-service (PP-2): an archive fed only strings is in memory; nothing of it stays open',
      filename: 'zip-text.js',
      code: `
import { createWriteStream } from 'node:fs';
import archiver from 'archiver';

export function zipText(text, target) {
  const archive = archiver('zip');
  const output = createWriteStream(target);
  return new Promise((resolve, reject) => {
    output.on('close', () => resolve(target));
    output.on('error', reject);
    archive.on('error', reject);
    output.on('open', () => {
      archive.pipe(output);
      archive.append(text, { name: 'index.js' });
      archive.finalize();
    });
  });
}
`,
    },
    {
      name: 'webpack ProfilingPlugin (PP-2): a local Readable subclass whose _read only pushes is an in-memory source',
      filename: 'event-log.js',
      code: `
const { Readable } = require('node:stream');

class EventLog extends Readable {
  _read() {}
  event(e) {
    this.push(JSON.stringify(e) + ',\\n');
  }
}

function openEventLog(fs, path) {
  const log = new EventLog();
  const file = fs.createWriteStream(path);
  log.pipe(file);
  log.push('[\\n');
  return {
    log,
    end(callback) {
      log.push(']');
      log.push(null);
      file.on('close', () => callback());
    },
  };
}

module.exports = { openEventLog };
`,
    },
    {
      name: 'serverless runners/cfn/utils.js (PP-3): a Writable that collects chunks into an array cannot close early',
      filename: 'zip-buffer.js',
      code: `
import { Writable } from 'node:stream';
import archiver from 'archiver';

export async function zipDirectoryToBuffer(dir) {
  const chunks = [];
  const sink = new Writable({
    write(chunk, _encoding, callback) {
      chunks.push(chunk);
      callback();
    },
  });
  const archive = archiver('zip');
  archive.on('error', (err) => {
    throw err;
  });
  archive.pipe(sink);
  archive.directory(dir, false);
  await archive.finalize();
  return Buffer.concat(chunks);
}
`,
    },
    {
      name: 'serverless aws/dev and zip-service (PP-2): a ZipArchive class of archiver fed buffers read beforehand',
      filename: 'zip-files.js',
      code: `
import fs from 'node:fs';
import { ZipArchive } from 'archiver';

export function zipFiles(files, target) {
  const zip = new ZipArchive();
  const output = fs.createWriteStream(target);
  return new Promise((resolve, reject) => {
    output.on('close', () => resolve(target));
    output.on('error', reject);
    zip.on('error', reject);
    output.on('open', () => {
      zip.pipe(output);
      for (const file of files) zip.append(file.data, { name: file.name, mode: file.mode });
      zip.finalize();
    });
  });
}
`,
    },
    {
      name: 'webpack ProfilingPlugin (PP-2): a chrome-trace-event Tracer only pushes the events it is given',
      filename: 'trace.js',
      code: `
const { Tracer } = require('chrome-trace-event');

const createTrace = (fs, outputPath) => {
  const trace = new Tracer();
  const fsStream = fs.createWriteStream(outputPath);
  trace.pipe(fsStream);
  trace.instantEvent({ name: 'TracingStartedInPage', id: 1 });
  return {
    trace,
    end: (callback) => {
      trace.push(']');
      fsStream.on('close', () => callback());
      trace.push(null);
    },
  };
};

module.exports = { createTrace };
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
  pipeline(file, upload, (err: NodeJS.ErrnoException | null) => {
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
    stream.pipeline(response, passThrough, (err: NodeJS.ErrnoException | null) => {
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
    pipeline(data, req, (err: NodeJS.ErrnoException | null) => {
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
      pipeline(stream, parser, (err: NodeJS.ErrnoException | null) => {
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
