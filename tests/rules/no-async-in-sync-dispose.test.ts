import rule from '../../src/rules/no-async-in-sync-dispose.js';
import { typedRuleTester } from '../rule-tester.js';

typedRuleTester.run('no-async-in-sync-dispose', rule, {
  valid: [
    // Async disposal done right.
    `
import { Pool } from 'pg';
export class Database implements AsyncDisposable {
  readonly pool = new Pool();
  async [Symbol.asyncDispose](): Promise<void> {
    await this.pool.end();
  }
}`,
    // A sync dispose that only does sync work (a timer, a sync close, a listener removal).
    `
import { closeSync, openSync } from 'node:fs';
export class Lock implements Disposable {
  readonly #fd = openSync('app.lock', 'wx');
  readonly #heartbeat = setInterval(() => {}, 1_000);
  constructor() {
    process.on('exit', this.#release);
  }
  #release = () => closeSync(this.#fd);
  [Symbol.dispose](): void {
    clearInterval(this.#heartbeat);
    process.off('exit', this.#release);
    this.#release();
  }
}`,
    // Both: the sync path does sync work, the async path awaits.
    `
import { createWriteStream } from 'node:fs';
export class Log implements Disposable, AsyncDisposable {
  readonly out = createWriteStream('app.log');
  [Symbol.dispose](): void {
    this.out.destroy();
  }
  async [Symbol.asyncDispose](): Promise<void> {
    await new Promise<void>((resolve) => this.out.end(resolve));
  }
}`,
    // An async close() is async by design, and a close() that returns its promise is awaitable.
    `
import { Pool } from 'pg';
export class Store {
  readonly pool = new Pool();
  async close(): Promise<void> {
    await this.pool.end();
  }
  dispose2() {
    return this.pool.end();
  }
  shutdown(): Promise<void> {
    return this.pool.end();
  }
}`,
    // A callback handed to a sync API is not a promise; nested functions are not the method's work.
    `
import { Server } from 'node:http';
export class Api {
  readonly server = new Server();
  close(): void {
    this.server.close(() => console.log('closed'));
    queueMicrotask(async () => {
      await Promise.resolve();
    });
  }
}`,
    // A sync child process that is the release itself, not a wait for async work.
    `
import { execFileSync } from 'node:child_process';
export class Container implements Disposable {
  constructor(readonly id: string) {}
  [Symbol.dispose](): void {
    execFileSync('docker', ['rm', '-f', this.id]);
  }
}`,
  ],
  invalid: [
    {
      // A sync dispose that ends a pg pool: using moves on while the pool is still ending.
      code: `
import { Pool } from 'pg';
export class Database implements Disposable {
  readonly pool = new Pool();
  [Symbol.dispose](): void {
    this.pool.end();
  }
}`,
      errors: [
        {
          messageId: 'asyncWork',
          line: 6,
          column: 5,
          data: {
            method: 'Database[Symbol.dispose]()',
            work: 'this.pool.end()',
            fix: '`async [Symbol.asyncDispose]()`',
          },
          suggestions: [
            {
              messageId: 'suggestAsync',
              output: `
import { Pool } from 'pg';
export class Database implements AsyncDisposable {
  readonly pool = new Pool();
  async [Symbol.asyncDispose](): Promise<void> {
    await this.pool.end();
  }
}`,
            },
          ],
        },
      ],
      output: null,
    },
    {
      // async [Symbol.dispose](): using never waits for it.
      code: `
export class Session {
  async [Symbol.dispose]() {
    await fetch('https://auth.internal/logout', { method: 'POST' });
  }
}`,
      errors: [
        {
          messageId: 'asyncDispose',
          line: 3,
          column: 10,
          suggestions: [
            {
              messageId: 'suggestAsync',
              output: `
export class Session {
  async [Symbol.asyncDispose]() {
    await fetch('https://auth.internal/logout', { method: 'POST' });
  }
}`,
            },
          ],
        },
      ],
      output: null,
    },
    {
      // close(): void that fires a flush and a .then chain; typed: flush() returns a promise.
      code: `
export class Telemetry {
  flush(): Promise<void> {
    return Promise.resolve();
  }
  close(): void {
    // push what is buffered
    void this.flush();
    this.flush().then(() => console.log('flushed'));
  }
}`,
      errors: [
        {
          messageId: 'asyncWork',
          line: 8,
          column: 10,
          suggestions: [
            {
              messageId: 'suggestAsync',
              output: `
export class Telemetry {
  flush(): Promise<void> {
    return Promise.resolve();
  }
  async close(): Promise<void> {
    // push what is buffered
    await this.flush();
    await this.flush().then(() => console.log('flushed'));
  }
}`,
            },
          ],
        },
        {
          messageId: 'asyncWork',
          line: 9,
          column: 5,
          suggestions: [
            {
              messageId: 'suggestAsync',
              output: `
export class Telemetry {
  flush(): Promise<void> {
    return Promise.resolve();
  }
  async close(): Promise<void> {
    // push what is buffered
    await this.flush();
    await this.flush().then(() => console.log('flushed'));
  }
}`,
            },
          ],
        },
      ],
      output: null,
    },
    {
      // Blocking on the async work with Atomics.wait: no mechanical fix.
      code: `
import { Worker } from 'node:worker_threads';
export class Pool implements Disposable {
  readonly #done = new Int32Array(new SharedArrayBuffer(4));
  readonly #worker = new Worker('./w.js', { workerData: this.#done });
  [Symbol.dispose](): void {
    this.#worker.postMessage('stop');
    Atomics.wait(this.#done, 0, 0, 5_000);
  }
}`,
      errors: [{ messageId: 'blocking', line: 8, column: 5, suggestions: [] }],
      output: null,
    },
    {
      // A disposable object literal in a test: reported, no suggestion (its using must change too).
      code: `
import { rm } from 'node:fs/promises';
export function tempDir(path: string) {
  return {
    path,
    [Symbol.dispose]() {
      rm(path, { recursive: true, force: true });
    },
  };
}`,
      errors: [{ messageId: 'asyncWork', line: 7, column: 7, suggestions: [] }],
      output: null,
    },
  ],
});

typedRuleTester.run('no-async-in-sync-dispose (what syntax proves)', rule, {
  valid: [
    // A call whose type is unknown (an unresolved import) is not provably a promise.
    `
import { connect } from './db';
export class Repo implements Disposable {
  readonly conn = connect();
  [Symbol.dispose](): void {
    this.conn.close();
  }
}`,
  ],
  invalid: [
    {
      // What syntax proves: an async method of the class, an undici agent's close().
      code: `
import { Agent } from 'undici';
export class Client {
  readonly agent = new Agent();
  async #drain() {}
  dispose() {
    this.#drain();
    this.agent.close();
  }
}`,
      errors: [
        {
          messageId: 'asyncWork',
          line: 7,
          column: 5,
          suggestions: [
            {
              messageId: 'suggestAsync',
              output: `
import { Agent } from 'undici';
export class Client {
  readonly agent = new Agent();
  async #drain() {}
  async dispose() {
    await this.#drain();
    await this.agent.close();
  }
}`,
            },
          ],
        },
        {
          messageId: 'asyncWork',
          line: 8,
          column: 5,
          suggestions: [
            {
              messageId: 'suggestAsync',
              output: `
import { Agent } from 'undici';
export class Client {
  readonly agent = new Agent();
  async #drain() {}
  async dispose() {
    await this.#drain();
    await this.agent.close();
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

typedRuleTester.run('no-async-in-sync-dispose (JavaScript)', rule, {
  valid: [
    {
      code: `
class Cache {
  async close() {
    await this.flush();
  }
  async flush() {}
}`,
      filename: 'cache.js',
    },
  ],
  invalid: [
    {
      filename: 'queue.js',
      code: `
class Queue {
  constructor(redis) {
    this.redis = redis;
  }
  [Symbol.dispose]() {
    new Promise((resolve) => setTimeout(resolve, 10)).then(() => this.redis.quit());
  }
}`,
      errors: [
        {
          messageId: 'asyncWork',
          line: 7,
          column: 5,
          suggestions: [
            {
              messageId: 'suggestAsync',
              output: `
class Queue {
  constructor(redis) {
    this.redis = redis;
  }
  async [Symbol.asyncDispose]() {
    await new Promise((resolve) => setTimeout(resolve, 10)).then(() => this.redis.quit());
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
