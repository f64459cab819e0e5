import rule from '../../src/rules/forward-abort-signal.js';
import { typedRuleTester } from '../rule-tester.js';

typedRuleTester.run('forward-abort-signal', rule, {
  valid: [
    // An HTTP proxy that forwards the client's signal everywhere.
    `
import { setTimeout as sleep } from 'node:timers/promises';
export async function proxy(url: string, signal: AbortSignal): Promise<string> {
  await sleep(100, undefined, { signal });
  const res = await fetch(url, { signal, headers: { accept: 'text/plain' } });
  return res.text();
}`,
    // Explicit opt-out: the audit log must be written even when the request is aborted.
    `
import { writeFile } from 'node:fs/promises';
export async function audit(entry: string, { signal }: { signal?: AbortSignal } = {}) {
  signal?.throwIfAborted();
  await writeFile('/var/log/audit.log', entry, { flag: 'a', signal: undefined });
}`,
    // A combined signal is passed: the call is cancellable.
    `
export async function get(url: string, signal: AbortSignal) {
  const res = await fetch(url, { signal: AbortSignal.any([signal, AbortSignal.timeout(5_000)]) });
  return res.json();
}`,
    // Options passed by name: the rule cannot see into them.
    `
export async function get(url: string, signal: AbortSignal, init: RequestInit) {
  return fetch(url, init);
}`,
    // Cleanup after the abort: the signal is already aborted there.
    `
export async function report(url: string, signal: AbortSignal) {
  try {
    return await fetch(url, { signal });
  } catch (error) {
    await fetch('https://errors.example.com', { method: 'POST', body: String(error) });
    throw error;
  }
}`,
    // No signal in scope.
    `
export async function get(url: string) {
  return fetch(url);
}`,
    // child_process is child-process-lifecycle's: no double report.
    `
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
const run = promisify(execFile);
export async function version(signal: AbortSignal) {
  return run('git', ['--version']);
}`,
    // The demo's transcoder: the child was spawned with the signal, so aborting ends the child
    // and settles the wait on its 'close'.
    `
import { spawn } from 'node:child_process';
import { once } from 'node:events';
export async function transcode(input: string, signal: AbortSignal) {
  const ffmpeg = spawn('ffmpeg', ['-i', input], { signal: AbortSignal.any([signal, AbortSignal.timeout(60_000)]) });
  const [code] = (await once(ffmpeg, 'close')) as [number | null];
  if (code !== 0) throw new Error('ffmpeg failed');
}`,
    // \`this.signal\` that is not an AbortSignal (a POSIX signal name).
    `
export class Killer {
  signal: NodeJS.Signals = 'SIGTERM';
  async notify(url: string) {
    await fetch(url, { method: 'POST', body: this.signal });
  }
}`,
    // A POSIX signal, not an AbortSignal.
    `
export async function stop(url: string, signal: NodeJS.Signals) {
  return fetch(url, { method: 'DELETE', headers: { 'x-signal': signal } });
}`,
    // Field (temporal-sdk): a digest made synchronously in a cancellable function. createHash's
    // options are a stream's, whose \`signal\` would destroy a stream nobody reads from.
    `
import { createHash } from 'node:crypto';
export async function store(payload: Uint8Array, put: (key: string, body: Uint8Array) => Promise<void>, abortSignal: AbortSignal) {
  abortSignal.throwIfAborted();
  const key = createHash('sha256').update(payload).digest('hex');
  await put(key, payload);
}`,
    // A transform stream is cancelled by the pipeline that consumes it.
    `
import { createGzip } from 'node:zlib';
import { createReadStream, createWriteStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
export async function compress(from: string, to: string, signal: AbortSignal) {
  await pipeline(createReadStream(from), createGzip({ level: 9 }), createWriteStream(to), { signal });
}`,
    // Field (mikro-orm): an optional \`signal\` field is a default the class applies itself (each
    // fork inherits it, each query's options get it): its own calls need not pass it.
    `
interface QueryOptions { limit?: number; signal?: AbortSignal }
export class UnitOfWork {
  protected signal?: AbortSignal;
  fork(options: { signal?: AbortSignal } = {}): UnitOfWork {
    const fork = new UnitOfWork();
    fork.signal = options.signal ?? this.signal;
    return fork;
  }
  async find(table: string, options: QueryOptions = {}): Promise<unknown[]> {
    const opts = { ...options, signal: options.signal ?? this.signal };
    return [table, opts];
  }
  async findFresh(table: string): Promise<unknown[]> {
    const fork = this.fork({});
    return fork.find(table, { limit: 10 });
  }
}`,
    // The same with \`AbortSignal | undefined\`, set after construction.
    `
export class Session {
  signal: AbortSignal | undefined = undefined;
  async ping(url: string): Promise<void> {
    await fetch(url, { method: 'HEAD' });
  }
}`,
    {
      // pipeline()'s options are there (with a signal), or held in a variable: left alone.
      code: `
import { pipeline } from 'node:stream/promises';
import { createReadStream, createWriteStream } from 'node:fs';
export async function copy(from: string, to: string, signal: AbortSignal, opts: { end?: boolean; signal?: AbortSignal }) {
  await pipeline(createReadStream(from), createWriteStream(to), { signal });
  await pipeline(createReadStream(from), createWriteStream(to), opts);
}`,
    },
  ],
  invalid: [
    {
      // An upload handler: the caller's signal stops the copy to disk, whatever the pipeline's shape.
      code: `
import { pipeline } from 'node:stream/promises';
import { createWriteStream } from 'node:fs';
import { createGzip } from 'node:zlib';
import type { IncomingMessage } from 'node:http';
export async function saveUpload(req: IncomingMessage, path: string, signal: AbortSignal) {
  await pipeline(req, createWriteStream(path));
  await pipeline(req, createGzip(), createWriteStream(path + '.gz'), { end: true });
}`,
      output: `
import { pipeline } from 'node:stream/promises';
import { createWriteStream } from 'node:fs';
import { createGzip } from 'node:zlib';
import type { IncomingMessage } from 'node:http';
export async function saveUpload(req: IncomingMessage, path: string, signal: AbortSignal) {
  await pipeline(req, createWriteStream(path), { signal });
  await pipeline(req, createGzip(), createWriteStream(path + '.gz'), { end: true, signal });
}`,
      errors: [
        { messageId: 'notForwarded', line: 7, column: 9 },
        { messageId: 'notForwarded', line: 8, column: 9 },
      ],
    },
    {
      // The retry helper: its sleeps and fetches ignore the caller's signal.
      code: `
import { setTimeout as sleep } from 'node:timers/promises';
export async function fetchWithRetry(url: string, { signal, retries = 3 }: { signal?: AbortSignal; retries?: number } = {}) {
  for (let attempt = 0; ; attempt++) {
    const res = await fetch(url);
    if (res.ok || attempt === retries) return res;
    await res.body?.cancel();
    await sleep(2 ** attempt * 100);
  }
}`,
      output: `
import { setTimeout as sleep } from 'node:timers/promises';
export async function fetchWithRetry(url: string, { signal, retries = 3 }: { signal?: AbortSignal; retries?: number } = {}) {
  for (let attempt = 0; ; attempt++) {
    const res = await fetch(url, { signal });
    if (res.ok || attempt === retries) return res;
    await res.body?.cancel();
    await sleep(2 ** attempt * 100, undefined, { signal });
  }
}`,
      errors: [
        { messageId: 'notForwarded', line: 5, column: 23 },
        { messageId: 'notForwarded', line: 8, column: 11 },
      ],
    },
    {
      // Merged into the existing options; a differently named signal is passed by name.
      code: `
import { readFile } from 'node:fs/promises';
export async function loadConfig(path: string, abortSignal: AbortSignal) {
  const text = await readFile(path, { encoding: 'utf8' });
  return JSON.parse(text) as unknown;
}`,
      output: `
import { readFile } from 'node:fs/promises';
export async function loadConfig(path: string, abortSignal: AbortSignal) {
  const text = await readFile(path, { encoding: 'utf8', signal: abortSignal });
  return JSON.parse(text) as unknown;
}`,
      errors: [{ messageId: 'notForwarded', line: 4, column: 22 }],
    },
    {
      // A job runner: events.once and the project's own API that takes \`{ signal }\`.
      code: `
import { once, EventEmitter } from 'node:events';
interface UploadOptions { retries?: number; signal?: AbortSignal }
declare function upload(file: string, options?: UploadOptions): Promise<void>;
export async function runJob(queue: EventEmitter, file: string, signal: AbortSignal) {
  await once(queue, 'ready');
  await upload(file, {
    retries: 2,
  });
}`,
      output: `
import { once, EventEmitter } from 'node:events';
interface UploadOptions { retries?: number; signal?: AbortSignal }
declare function upload(file: string, options?: UploadOptions): Promise<void>;
export async function runJob(queue: EventEmitter, file: string, signal: AbortSignal) {
  await once(queue, 'ready', { signal });
  await upload(file, {
    retries: 2,
    signal,
  });
}`,
      errors: [
        { messageId: 'notForwarded', line: 6, column: 9 },
        { messageId: 'notForwarded', line: 7, column: 9 },
      ],
    },
    {
      // A callee that takes the signal itself as a parameter.
      code: `
declare function poll(url: string, signal?: AbortSignal): Promise<void>;
export async function watch(url: string, signal: AbortSignal) {
  await poll(url);
}`,
      output: `
declare function poll(url: string, signal?: AbortSignal): Promise<void>;
export async function watch(url: string, signal: AbortSignal) {
  await poll(url, signal);
}`,
      errors: [{ messageId: 'notForwarded', line: 4, column: 9 }],
    },
    {
      // A job object carries its own signal; its steps must hear it.
      code: `
export class ExportJob {
  constructor(readonly url: string, readonly signal: AbortSignal) {}
  async run(): Promise<string> {
    const res = await fetch(this.url, { method: 'POST' });
    return res.text();
  }
}`,
      output: `
export class ExportJob {
  constructor(readonly url: string, readonly signal: AbortSignal) {}
  async run(): Promise<string> {
    const res = await fetch(this.url, { method: 'POST', signal: this.signal });
    return res.text();
  }
}`,
      errors: [{ messageId: 'notForwarded', line: 5, column: 23 }],
    },
  ],
});
