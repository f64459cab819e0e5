import rule from '../../src/rules/no-leaked-listener.js';
import { jsRuleTester, ruleTester } from '../rule-tester.js';

ruleTester.run('no-leaked-listener', rule, {
  valid: [
    // A protocol client that removes its abort listener in \`finally\`.
    `
export async function call(socket: { request(m: string): Promise<string>; cancel(): void }, method: string, signal: AbortSignal) {
  const onAbort = () => socket.cancel();
  signal.addEventListener('abort', onAbort);
  try {
    return await socket.request(method);
  } finally {
    signal.removeEventListener('abort', onAbort);
  }
}`,
    // Registered with \`{ signal }\` of a controller aborted when the call ends.
    `
export async function relay(url: string, signal: AbortSignal) {
  const local = new AbortController();
  signal.addEventListener('abort', () => local.abort(), { signal: local.signal });
  try {
    return await fetch(url, { signal: local.signal });
  } finally {
    local.abort();
  }
}`,
    // A cancellable sleep: removed by the timer when it fires, and the timer cleared on abort.
    `
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}`,
    // A subscription helper returns the way to unsubscribe.
    `
export function onAbort(signal: AbortSignal, fn: () => void): () => void {
  signal.addEventListener('abort', fn);
  return () => signal.removeEventListener('abort', fn);
}`,
    // Process-level handlers installed once: in main(), at the top level, in a setup function.
    `
function main() {
  process.on('SIGINT', () => process.exit(130));
}
main();
process.on('unhandledRejection', (reason) => console.error(reason));
export function installShutdown(close: () => Promise<void>) {
  process.once('SIGTERM', () => void close());
}`,
    // A long-lived object that listens to the signal it was built with, for its whole life.
    `
export class Poller {
  constructor(options: { signal: AbortSignal }) {
    options.signal.addEventListener('abort', () => this.stop());
  }
  stop() {}
}`,
    // Listeners on objects created and owned here.
    `
import { EventEmitter } from 'node:events';
export function collect(): string[] {
  const emitter = new EventEmitter();
  const seen: string[] = [];
  emitter.on('item', (x: string) => seen.push(x));
  emitter.emit('item', 'a');
  return seen;
}`,
    // A WebSocket server whose heartbeat is cleared when the connection closes.
    `
import { WebSocketServer } from 'ws';
const wss = new WebSocketServer({ port: 8080 });
wss.on('connection', (ws) => {
  const heartbeat = setInterval(() => ws.ping(), 30_000);
  ws.on('close', () => clearInterval(heartbeat));
});`,
    // Field (axios): combining signals; a sibling unsubscribe closure removes every listener.
    `
export function anySignal(signals: AbortSignal[]): AbortSignal & { unsubscribe?: () => void } {
  const controller = new AbortController();
  const onAbort = () => controller.abort();
  const unsubscribe = () => {
    signals.forEach((signal) => signal.removeEventListener('abort', onAbort));
  };
  signals.forEach((signal) => signal.addEventListener('abort', onAbort));
  return Object.assign(controller.signal, { unsubscribe });
}`,
    // Field (bullmq): the listener is also the timer's callback, so it always runs, and removes itself.
    `
export function pause(ms: number, controller?: AbortController): Promise<void> {
  return new Promise((resolve) => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const done = () => {
      controller?.signal.removeEventListener('abort', done);
      clearTimeout(timer);
      resolve();
    };
    timer = setTimeout(done, ms);
    controller?.signal.addEventListener('abort', done);
  });
}`,
    // Field (fastify): a server that lives until the signal it was started with aborts.
    `
export class HttpServer {
  listen(options: { port: number; signal?: AbortSignal }) {
    if (options.signal) {
      const onAbort = () => this.close();
      options.signal.addEventListener('abort', onAbort, { once: true });
    }
  }
  close() {}
}`,
    // Field (graphile-worker, temporal-sdk, serverless, webpack-dev-server): a loop over the
    // signal names, in setup code that runs once.
    `
export class Runtime {
  shutdownSignals = ['SIGINT', 'SIGTERM'] as const;
  onSignal = () => this.shutdown();
  protected setupShutdownHook(): void {
    for (const signal of this.shutdownSignals) {
      process.on(signal, this.onSignal);
    }
  }
  shutdown() {}
}
export async function serve(stop: () => Promise<void>) {
  ['SIGINT', 'SIGTERM'].forEach((signal) => {
    process.on(signal, () => void stop());
  });
}`,
    // Field (medusa): shutdown handlers installed when the server starts listening (once).
    `
import http from 'node:http';
export function start(port: number) {
  const server = http.createServer();
  server.listen(port).on('listening', () => {
    const shutdown = () => server.close(() => process.exit(0));
    process.on('SIGTERM', shutdown);
    process.on('SIGINT', shutdown);
  });
}`,
    // Field (medusa): a cluster worker starts its server when the primary's message arrives;
    // that start adds the shutdown handlers, once per worker.
    `
import http from 'node:http';
async function startServer(port: number) {
  const server = http.createServer().listen(port);
  const shutdown = () => server.close(() => process.exit(0));
  process.on('SIGTERM', shutdown);
}
export async function start(port: number, clustered: boolean) {
  if (clustered) {
    process.on('message', async () => {
      await startServer(port);
    });
    return;
  }
  await startServer(port);
}`,
    // Field (openai-node, node-redis): the listener is kept where a later cleanup removes it.
    `
export class Stream {
  #listeners: { signal: AbortSignal; listener: () => void }[] = [];
  controller = new AbortController();
  listenForAbort(signal: AbortSignal) {
    const listener = () => console.log('aborted');
    signal.addEventListener('abort', listener, { once: true });
    this.#listeners.push({ signal, listener });
  }
  removeAll() {
    for (const { signal, listener } of this.#listeners.splice(0)) signal.removeEventListener('abort', listener);
  }
}
export function enqueue(entry: { abort?: { signal: AbortSignal; listener: () => void } }, signal: AbortSignal) {
  entry.abort = { signal, listener: () => console.log('cancel') };
  signal.addEventListener('abort', entry.abort.listener, { once: true });
}`,
    // Removal with the very function registered.
    `
export class Tracker {
  #onExit = () => this.flush();
  track() {}
  flush() {}
  attach() { process.on('exit', this.#onExit); }
  detach() { process.off('exit', this.#onExit); }
}`,
  ],
  invalid: [
    {
      // The retry helper: one more 'abort' listener on the caller's signal per attempt.
      code: `
export async function retry<T>(fn: () => Promise<T>, { signal }: { signal?: AbortSignal } = {}): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await fn();
    } catch (error) {
      if (attempt === 3) throw error;
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(resolve, 2 ** attempt * 100);
        signal?.addEventListener('abort', () => {
          clearTimeout(timer);
          reject(signal.reason);
        });
      });
    }
  }
}`,
      output: null,
      errors: [{ messageId: 'neverRemoved', line: 10, column: 9, suggestions: [] }],
    },
    {
      // Issue 10 item 15: the caller's signal forwarded to a controller of the download's own;
      // the listener is removed once the download is done, on every path.
      code: `
export async function download(url: string, signal: AbortSignal): Promise<ArrayBuffer> {
  const controller = new AbortController();
  signal.addEventListener('abort', () => controller.abort(signal.reason), { once: true });
  const res = await fetch(url, { signal: controller.signal });
  return res.arrayBuffer();
}`,
      output: null,
      errors: [
        {
          messageId: 'neverRemoved',
          line: 4,
          column: 3,
          suggestions: [
            {
              messageId: 'removeAfterWork',
              output: `
export async function download(url: string, signal: AbortSignal): Promise<ArrayBuffer> {
  const controller = new AbortController();
  const onAbort = () => controller.abort(signal.reason);
  signal.addEventListener('abort', onAbort, { once: true });
  try {
    const res = await fetch(url, { signal: controller.signal });
    return await res.arrayBuffer();
  } finally {
    signal.removeEventListener('abort', onAbort);
  }
}`,
            },
          ],
        },
      ],
    },
    {
      // Removed on success only: a rejected request leaves the listener on the signal.
      code: `
export async function request(url: string, signal: AbortSignal) {
  const onAbort = () => console.warn('request aborted', url);
  signal.addEventListener('abort', onAbort);
  const res = await fetch(url);
  signal.removeEventListener('abort', onAbort);
  return res;
}`,
      output: null,
      errors: [
        {
          messageId: 'notExceptionSafe',
          line: 4,
          column: 3,
          suggestions: [
            {
              messageId: 'removeInFinally',
              output: `
export async function request(url: string, signal: AbortSignal) {
  const onAbort = () => console.warn('request aborted', url);
  signal.addEventListener('abort', onAbort);
  try {
    const res = await fetch(url);
    return res;
  } finally {
    signal.removeEventListener('abort', onAbort);
  }
}`,
            },
          ],
        },
      ],
    },
    {
      // An early return before the removal.
      code: `
export function stream(source: { read(): string | null }, signal: AbortSignal): string[] {
  const onAbort = () => console.warn('aborted');
  signal.addEventListener('abort', onAbort);
  const out: string[] = [];
  const first = source.read();
  if (first === null) return out;
  out.push(first);
  signal.removeEventListener('abort', onAbort);
  return out;
}`,
      output: null,
      errors: [
        {
          messageId: 'leaks',
          line: 4,
          column: 3,
          suggestions: [
            {
              messageId: 'removeInFinally',
              output: `
export function stream(source: { read(): string | null }, signal: AbortSignal): string[] {
  const onAbort = () => console.warn('aborted');
  signal.addEventListener('abort', onAbort);
  try {
    const out: string[] = [];
    const first = source.read();
    if (first === null) return out;
    out.push(first);
    return out;
  } finally {
    signal.removeEventListener('abort', onAbort);
  }
}`,
            },
          ],
        },
      ],
    },
    {
      // A request handler adds a process listener per request.
      code: `
import express from 'express';
const app = express();
app.get('/report', (req, res) => {
  process.on('exit', () => console.log('unfinished report', req.url));
  res.send('ok');
});`,
      output: null,
      errors: [{ messageId: 'neverRemoved', line: 5, column: 3, suggestions: [] }],
    },
    {
      // A job runner: every job adds a SIGTERM listener and an abort listener on the
      // runner's long-lived signal.
      code: `
export class JobRunner {
  readonly #shutdown = new AbortController();
  drain(jobs: string[]) {
    for (const job of jobs) void this.#run(job);
  }
  async #run(job: string): Promise<void> {
    process.once('SIGTERM', () => this.#shutdown.abort());
    this.#shutdown.signal.addEventListener('abort', () => console.log('cancelled', job));
  }
}`,
      output: null,
      errors: [
        { messageId: 'neverRemoved', line: 8, column: 5, suggestions: [] },
        { messageId: 'neverRemoved', line: 9, column: 5, suggestions: [] },
      ],
    },
    {
      // Only the listener itself removes it: when the signal never aborts, it stays.
      code: `
export function watchAbort(signal: AbortSignal, log: (s: string) => void) {
  const onAbort = () => {
    signal.removeEventListener('abort', onAbort);
    log('aborted');
  };
  signal.addEventListener('abort', onAbort);
}`,
      output: null,
      errors: [{ messageId: 'neverRemoved', line: 7, column: 3, suggestions: [] }],
    },
    {
      // Removal with a fresh function removes nothing.
      code: `
export function stop() {
  process.off('exit', () => console.log('bye'));
}
export class Widget {
  onUnload() {}
  destroy() {
    window.removeEventListener('beforeunload', this.onUnload.bind(this));
  }
}`,
      output: null,
      errors: [
        { messageId: 'freshRemoval', line: 3, column: 23 },
        { messageId: 'freshRemoval', line: 8, column: 48 },
      ],
    },
    {
      // once() registered a wrapper; off() is given the raw handler.
      code: `
import { EventEmitter } from 'node:events';
const bus = new EventEmitter();
export function subscribe(handler: (tick: number) => void) {
  bus.once('tick', (tick: number) => handler(tick));
  return () => bus.off('tick', handler);
}`,
      output: null,
      errors: [{ messageId: 'differentReference', line: 6, column: 32 }],
    },
    {
      // A per-connection heartbeat nothing clears.
      code: `
import { WebSocketServer } from 'ws';
const wss = new WebSocketServer({ port: 8080 });
wss.on('connection', (ws) => {
  setInterval(() => ws.ping(), 30_000);
});`,
      output: null,
      errors: [
        {
          messageId: 'intervalNotCleared',
          line: 5,
          column: 3,
          suggestions: [
            {
              messageId: 'clearOnClose',
              output: `
import { WebSocketServer } from 'ws';
const wss = new WebSocketServer({ port: 8080 });
wss.on('connection', (ws) => {
  const heartbeat = setInterval(() => ws.ping(), 30_000);
  ws.on('close', () => clearInterval(heartbeat));
});`,
            },
          ],
        },
      ],
    },
  ],
});

ruleTester.run('no-leaked-listener (strict)', rule, {
  valid: [
    // Even strict leaves run-once functions alone.
    `
export function main() {
  process.on('SIGINT', () => process.exit(130));
}`,
    // Field LL-6 (jest, winston): a module flag keeps the hook to one per process.
    {
      options: [{ strict: true }],
      code: `
let restoreCursorInstalled = false;
export function startWatch(out: NodeJS.WriteStream) {
  if (!restoreCursorInstalled) {
    restoreCursorInstalled = true;
    process.on('exit', () => out.write('\\u001b[?25h'));
  }
}`,
    },
    // Field LL-6: the handler is stored on the object, added only when none is, and removed
    // by a sibling method.
    {
      options: [{ strict: true }],
      code: `
export class RejectionReporter {
  private handler?: (reason: unknown) => void;
  watch(report: (reason: unknown) => void) {
    if (!this.handler) {
      this.handler = (reason) => report(reason);
      process.on('unhandledRejection', this.handler);
    }
  }
  unwatch() {
    if (this.handler) process.removeListener('unhandledRejection', this.handler);
    this.handler = undefined;
  }
}`,
    },
    // Field LL-8 (npm-cli): an on()/off() pair of methods over one handler field.
    {
      options: [{ strict: true }],
      code: `
export class MetricsSink {
  #onMetric = (name: string, value: number) => this.record(name, value);
  constructor() {
    this.on();
  }
  on() {
    process.on('metric', this.#onMetric);
  }
  off() {
    process.off('metric', this.#onMetric);
  }
  record(name: string, value: number) {
    return [name, value];
  }
}`,
    },
  ],
  invalid: [
    {
      options: [{ strict: true }],
      code: `
export function trackExit(log: (s: string) => void) {
  process.on('exit', () => log('exiting'));
}`,
      output: null,
      errors: [{ messageId: 'neverRemoved', line: 3, column: 3, suggestions: [] }],
    },
    {
      // A flag of the function's own: every call has a fresh one, so every call adds a hook.
      options: [{ strict: true }],
      code: `
export function trackExit(log: (s: string) => void) {
  let installed = false;
  if (!installed) {
    installed = true;
    process.on('exit', () => log('exiting'));
  }
}`,
      output: null,
      errors: [{ messageId: 'neverRemoved', line: 6, column: 5, suggestions: [] }],
    },
    {
      // A handler field added per call with no method that removes it.
      options: [{ strict: true }],
      code: `
export class ExitLogger {
  #onExit = () => this.flush();
  attach() {
    process.on('exit', this.#onExit);
  }
  flush() {
    return 0;
  }
}`,
      output: null,
      errors: [{ messageId: 'neverRemoved', line: 5, column: 5, suggestions: [] }],
    },
  ],
});

jsRuleTester.run('no-leaked-listener (JavaScript)', rule, {
  valid: [
    `
export function sub(signal, fn) {
  signal.addEventListener('abort', fn);
  return () => signal.removeEventListener('abort', fn);
}`,
  ],
  invalid: [
    {
      code: `
export async function runTask(task, { signal }) {
  signal.addEventListener('abort', () => task.cancel());
  return task.start();
}`,
      output: null,
      errors: [
        {
          messageId: 'neverRemoved',
          line: 3,
          column: 3,
          suggestions: [
            {
              messageId: 'removeAfterWork',
              output: `
export async function runTask(task, { signal }) {
  const onAbort = () => task.cancel();
  signal.addEventListener('abort', onAbort);
  try {
    return await task.start();
  } finally {
    signal.removeEventListener('abort', onAbort);
  }
}`,
            },
          ],
        },
      ],
    },
  ],
});
