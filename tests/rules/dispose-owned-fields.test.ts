import rule from '../../src/rules/dispose-owned-fields.js';
import { jsRuleTester, ruleTester, typedRuleTester } from '../rule-tester.js';

ruleTester.run('dispose-owned-fields', rule, {
  valid: [
    // Strict (field, at 80f536c): `start()` returns early unless stopped and flips the flag, so a
    // second call cannot replace the interval.
    {
      code: `
export class Poller {
  #stopped = true;
  #interval?: NodeJS.Timeout;
  start(): void {
    if (!this.#stopped) return;
    this.#stopped = false;
    this.#interval = setInterval(() => this.poll(), 1_000);
  }
  poll(): void {}
  stop(): void {
    this.#stopped = true;
    clearInterval(this.#interval);
  }
}`,
      options: [{ checkAllReassignments: true, requireIdempotent: true }],
    },
    // Strict (field, at 80f536c): a connection wraps the socket it is given and destroys it in
    // its release; the listeners it added to the socket end with the socket.
    {
      code: `
import type { Socket } from 'node:net';
export class Connection {
  constructor(private readonly socket: Socket) {
    socket.on('data', (chunk: Buffer) => this.onData(chunk));
    socket.on('close', () => this.onClose());
  }
  onData(chunk: Buffer) {}
  onClose() {}
  destroy() {
    this.socket.destroy();
  }
}`,
      options: [{ checkInjectedEmitters: true }],
    },
    // Field DF-1: one call's child kept on `this` only so another method can signal it; the
    // call that forks it awaits its end and empties the field in `finally`.
    `
import { fork, type ChildProcess } from 'node:child_process';
export class Task {
  private worker?: ChildProcess;
  constructor(private readonly script: string) {}
  cancel(): void {
    if (this.worker) {
      try {
        this.worker.send('cancel');
      } catch {
        // the worker is already gone
      }
    }
  }
  async run(): Promise<void> {
    try {
      await new Promise<void>((resolve, reject) => {
        this.worker = fork(this.script);
        this.worker.on('error', reject);
        this.worker.on('close', (code) => (code ? reject(new Error(\`exit \${code}\`)) : resolve()));
      });
    } finally {
      this.worker = undefined;
    }
  }
}`,
    // Field DF-2: a detached, unref()ed daemon meant to outlive the process: `unref()` is its release.
    `
import { spawn, type ChildProcess } from 'node:child_process';
export class DaemonLauncher {
  child?: ChildProcess;
  constructor(private readonly command: string) {}
  launch(): void {
    this.child = spawn(this.command, ['--idle-shutdown', '60'], {
      stdio: 'ignore',
      detached: true,
    });
    this.child.on('error', () => {});
    this.child.unref();
  }
}`,
    // Field DF-3: released through an alias of the instance (`const self = this`, a `_self` field).
    `
import { createConnection, type Socket } from 'node:net';
export class Sentinel {
  readonly _self: Sentinel;
  #socket: Socket;
  constructor(port: number) {
    this._self = this;
    this.#socket = createConnection(port);
  }
  close(): void {
    this._self.#socket.end();
  }
  destroy(): void {
    const self = this;
    self.#socket.destroy();
  }
}`,
    // An SDK wrapper that closes the agent it made, clears its interval and removes its listener.
    `
import { Agent, request } from 'undici';
export class BillingClient {
  readonly #agent = new Agent({ keepAliveTimeout: 10_000 });
  readonly #refresh = setInterval(() => void this.refreshToken(), 50 * 60_000);
  constructor() {
    process.on('beforeExit', this.#onExit);
  }
  #onExit = () => void this.close();
  async refreshToken(): Promise<void> {}
  invoice(id: string) {
    return request(\`https://billing.internal/invoices/\${id}\`, { dispatcher: this.#agent });
  }
  async close(): Promise<void> {
    clearInterval(this.#refresh);
    process.off('beforeExit', this.#onExit);
    await this.#agent.close();
  }
}`,
    // Injected through the constructor (TS parameter property): the caller owns it.
    `
import { Pool } from 'pg';
export class UserRepository {
  constructor(private readonly pool: Pool) {}
  find(id: string) {
    return this.pool.query('select * from users where id = $1', [id]);
  }
}`,
    // NestJS: injected by the container, and a field decorated by the framework.
    `
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { WebSocketServer } from '@nestjs/websockets';
import type { Server } from 'socket.io';
import type { Repository } from 'typeorm';
import { User } from './user.entity';
@Injectable()
export class UsersGateway {
  @WebSocketServer() server!: Server;
  constructor(@InjectRepository(User) private readonly users: Repository<User>) {}
}`,
    // Looked up in a container: the container owns it.
    `
import { container } from 'tsyringe';
import { Pool } from 'pg';
export class ReportJob {
  private readonly pool = container.resolve(Pool);
}`,
    // Mixed ownership is no-dispose-injected's concern, never reported here.
    `
import { Agent, type Dispatcher } from 'undici';
export class Crawler {
  readonly #agent: Dispatcher;
  constructor(options: { agent?: Dispatcher } = {}) {
    this.#agent = options.agent ?? new Agent();
  }
}`,
    // A pg connection manager: the pool ends in end(), through an alias; [Symbol.asyncDispose] delegates.
    `
import pg from 'pg';
export class Database {
  private readonly pool = new pg.Pool({ max: 10 });
  private listener?: pg.PoolClient;
  async listen(channel: string) {
    this.listener ??= await this.pool.connect();
    await this.listener.query(\`LISTEN \${channel}\`);
  }
  #releaseListener() {
    const listener = this.listener;
    this.listener = undefined;
    listener?.release();
  }
  async end() {
    if (this.ended) return;
    this.ended = true;
    this.#releaseListener();
    await this.pool.end();
  }
  private ended = false;
  async [Symbol.asyncDispose]() {
    await this.end();
  }
}`,
    // A WebSocket room: sockets in a collection terminated in a loop, the interval cleared.
    `
import { WebSocket } from 'ws';
export class Room {
  readonly #peers = new Set<WebSocket>();
  readonly #heartbeat = setInterval(() => this.#ping(), 30_000);
  connect(url: string) {
    const ws = new WebSocket(url);
    this.#peers.add(ws);
  }
  #ping() {}
  close() {
    clearInterval(this.#heartbeat);
    for (const ws of this.#peers) ws.terminate();
    this.#peers.clear();
  }
}`,
    // Released by a DisposableStack field that is disposed.
    `
import { watch } from 'node:fs';
export class ConfigWatcher implements Disposable {
  readonly #stack = new DisposableStack();
  readonly #watcher = this.#stack.use(watch('config.json', () => this.reload()));
  readonly #poll: NodeJS.Timeout;
  constructor() {
    this.#poll = setInterval(() => this.reload(), 60_000);
    this.#stack.defer(() => clearInterval(this.#poll));
  }
  reload() {}
  [Symbol.dispose]() {
    this.#stack.dispose();
  }
}`,
    // Released on its own lifecycle event.
    `
import { spawn, type ChildProcess } from 'node:child_process';
export class Tail {
  readonly child: ChildProcess;
  readonly #flush: NodeJS.Timeout;
  constructor(file: string) {
    this.child = spawn('tail', ['-f', file]);
    this.#flush = setInterval(() => this.flush(), 1_000);
    this.child.on('exit', () => clearInterval(this.#flush));
  }
  flush() {}
  stop() {
    this.child.kill();
  }
}`,
    // A framework teardown hook is a release method.
    `
import { Injectable, type OnModuleDestroy } from '@nestjs/common';
import { Redis } from 'ioredis';
@Injectable()
export class CacheService implements OnModuleDestroy {
  private readonly redis = new Redis(process.env.REDIS_URL ?? '');
  async onModuleDestroy() {
    await this.redis.quit();
  }
}`,
    // A release method by another name releases the fields.
    `
import { createWriteStream } from 'node:fs';
export class AuditLog {
  private readonly out = createWriteStream('audit.log', { flags: 'a' });
  write(line: string) {
    this.out.write(line + '\\n');
  }
  flushAndClose() {
    this.out.end();
  }
}`,
    // Nothing to release: an axios instance, a one-shot timeout, a plain object.
    `
import axios from 'axios';
export class GitHub {
  private readonly http = axios.create({ baseURL: 'https://api.github.com' });
  private readonly retry = setTimeout(() => this.warm(), 1_000);
  private readonly cache = new Map<string, unknown>();
  warm() {}
}`,
    // A subclass of a class from another module: its base may release what it holds.
    `
import { Pool } from 'pg';
import { BaseRepository } from './base';
export class OrdersRepository extends BaseRepository {
  pool = new Pool();
}`,
    // Reconnect on the old socket's close: it is gone when reconnect() runs.
    `
import net from 'node:net';
export class Tunnel {
  socket = net.connect(4000);
  constructor() {
    this.socket.on('close', () => this.reconnect());
  }
  reconnect() {
    this.socket = net.connect(4000);
    this.socket.on('close', () => this.reconnect());
  }
  close() {
    this.socket.destroy();
  }
}`,
    // Replaced after the old one is released (directly, or by a helper called first).
    `
import { Worker } from 'node:worker_threads';
export class Thumbnailer {
  #worker = new Worker('./thumb.js');
  async restart() {
    await this.#worker.terminate();
    this.#worker = new Worker('./thumb.js');
  }
  async reload() {
    await this.stop();
    this.#worker = new Worker('./thumb.js');
  }
  async stop() {
    await this.#worker.terminate();
  }
}`,
    // A lazy start is not a replacement (by default, a start() in a method is not checked).
    `
export class Poller {
  #timer?: NodeJS.Timeout;
  start() {
    this.#timer ??= setInterval(() => this.poll(), 5_000);
  }
  restart() {
    this.#timer = setInterval(() => this.poll(), 5_000);
  }
  poll() {}
  stop() {
    clearInterval(this.#timer);
    this.#timer = undefined;
  }
}`,
    // Guarded: end() twice would reject, but the flag returns first.
    `
import { Pool } from 'pg';
export class Store {
  #pool = new Pool();
  #closing?: Promise<void>;
  close() {
    return (this.#closing ??= this.#pool.end());
  }
}`,
    // Idempotent by emptying the field after a guarded release.
    `
import { Redis } from 'ioredis';
export class Sessions {
  #redis?: Redis = new Redis();
  async close() {
    const redis = this.#redis;
    this.#redis = undefined;
    await redis?.quit();
  }
}`,
    // A listener on its own resource ends with it; one on itself too.
    `
import { EventEmitter } from 'node:events';
import { createServer, type Server } from 'node:http';
export class Api extends EventEmitter {
  readonly server: Server = createServer();
  constructor() {
    super();
    this.server.on('request', (req, res) => res.end());
    this.on('error', (err) => console.error(err));
  }
  close() {
    this.server.close();
  }
}`,
    // A listener added per call (not per instance) is no-leaked-listener's concern.
    `
export class JobRunner implements Disposable {
  #poller: NodeJS.Timeout | undefined;
  readonly #shutdown = new AbortController();
  start(): void {
    this.#poller ??= setInterval(() => this.#drain(), 1_000);
  }
  #drain(): void {}
  async run(): Promise<void> {
    process.once('SIGTERM', () => this.#shutdown.abort());
  }
  stop(): void {
    clearInterval(this.#poller);
    this.#poller = undefined;
    this.#shutdown.abort();
  }
  [Symbol.dispose](): void {
    this.stop();
  }
}`,
    // A listener added with the signal of a controller the release aborts.
    `
export class Inbox {
  readonly #abort = new AbortController();
  constructor(private readonly port: EventTarget) {
    port.addEventListener('message', (event) => this.receive(event), {
      signal: this.#abort.signal,
    });
  }
  receive(event: Event) {}
  close() {
    this.#abort.abort();
  }
}`,
    // Framework hooks run once: no idempotency demanded of them.
    `
import { Pool } from 'pg';
export class Jobs {
  readonly pool = new Pool();
  async onApplicationShutdown() {
    await this.pool.end();
  }
}`,
    // A listener on an emitter it was given (a sibling that may die with it): strict only.
    `
import { EventEmitter } from 'node:events';
import type { ConnectionPool } from './pool';
export class ClusterSubscriber {
  constructor(private readonly pool: ConnectionPool, private readonly emitter: EventEmitter) {
    this.pool.on('-node', (key: string) => this.reselect(key));
  }
  reselect(key: string) {}
  stop() {}
}`,
    // A subclass whose base (from another module) declares and releases the socket.
    `
import { createConnection } from 'node:net';
import AbstractConnector from './AbstractConnector';
export default class SentinelConnector extends AbstractConnector {
  connect() {
    this.stream = createConnection(26379);
    return this.stream;
  }
  disconnect(): void {
    super.disconnect();
  }
}`,
    // A same-file class with close() but no resources of its own (a UI dialog) is no resource.
    `
class Dialog {
  visible = true;
  close() {
    this.visible = false;
  }
}
export class Menu {
  readonly confirm = new Dialog();
}`,
    // Static fields live as long as the class (module scope).
    `
import { Pool } from 'pg';
export class Db {
  static pool = new Pool();
}`,
    // A native handle (a number) is no resource the catalog knows.
    `
import binding from './image.node';
export class Image {
  #handle = binding.load('x');
}`,
  ],
  invalid: [
    {
      // The class owns a pool and an interval but nothing ever releases them.
      code: `
import { Pool } from 'pg';
export class ReportService {
  private readonly pool = new Pool({ max: 2 });
  private readonly refresh = setInterval(() => this.warm(), 60_000);
  warm() {}
  daily() {
    return this.pool.query('select 1');
  }
}`,
      errors: [
        {
          messageId: 'noReleaseMethod',
          line: 3,
          column: 14,
          data: {
            className: 'ReportService',
            fields:
              '`pool` (pg pool from `new Pool()` at line 4), `refresh` (interval from `setInterval()` at line 5)',
            method: '[Symbol.asyncDispose]()',
          },
        },
      ],
      output: null,
    },
    {
      // close() forgot the interval and the listener it registered (the classic shape).
      code: `
import { EventEmitter } from 'node:events';
export const bus = new EventEmitter();
export class PresenceTracker {
  #sweep = setInterval(() => this.#expire(), 10_000);
  constructor() {
    bus.on('join', this.#onJoin);
  }
  #onJoin = (user: string) => {};
  #expire() {}
  close(): void {
    console.log('closing');
  }
}`,
      errors: [
        {
          messageId: 'notReleased',
          line: 5,
          column: 3,
          suggestions: [
            {
              messageId: 'suggestRelease',
              output: `
import { EventEmitter } from 'node:events';
export const bus = new EventEmitter();
export class PresenceTracker {
  #sweep = setInterval(() => this.#expire(), 10_000);
  constructor() {
    bus.on('join', this.#onJoin);
  }
  #onJoin = (user: string) => {};
  #expire() {}
  close(): void {
    console.log('closing');
    clearInterval(this.#sweep);
  }
}`,
            },
          ],
        },
        {
          messageId: 'listenerKept',
          line: 7,
          column: 5,
          suggestions: [
            {
              messageId: 'suggestRemoveListener',
              output: `
import { EventEmitter } from 'node:events';
export const bus = new EventEmitter();
export class PresenceTracker {
  #sweep = setInterval(() => this.#expire(), 10_000);
  constructor() {
    bus.on('join', this.#onJoin);
  }
  #onJoin = (user: string) => {};
  #expire() {}
  close(): void {
    console.log('closing');
    bus.off('join', this.#onJoin);
  }
}`,
            },
          ],
        },
      ],
      output: null,
    },
    {
      // An async release goes into the async release method, awaited, before its return.
      code: `
import { Agent } from 'undici';
export class Uploader {
  private agent?: Agent;
  private readonly pool = new Agent();
  connect() {
    this.agent = new Agent({ connections: 4 });
  }
  async [Symbol.asyncDispose](): Promise<void> {
    await this.pool.close();
    // done
    return;
  }
}`,
      errors: [
        {
          messageId: 'notReleased',
          line: 7,
          column: 5,
          suggestions: [
            {
              messageId: 'suggestRelease',
              data: { field: 'agent', method: 'Uploader[Symbol.asyncDispose]()' },
              output: `
import { Agent } from 'undici';
export class Uploader {
  private agent?: Agent;
  private readonly pool = new Agent();
  connect() {
    this.agent = new Agent({ connections: 4 });
  }
  async [Symbol.asyncDispose](): Promise<void> {
    await this.pool.close();
    // done
    await this.agent?.close();
    return;
  }
}`,
            },
          ],
        },
      ],
      output: null,
    },
    {
      // The release goes after the comment that ends the last line, and keeps it.
      code: `
import { watch, type FSWatcher } from 'node:fs';
export class Reloader {
  readonly #watcher: FSWatcher;
  readonly #timer = setInterval(() => this.check(), 5_000);
  constructor(dir: string) {
    this.#watcher = watch(dir);
  }
  check() {}
  close(): void {
    clearInterval(this.#timer); // stop polling
  }
}`,
      errors: [
        {
          messageId: 'notReleased',
          line: 7,
          column: 5,
          suggestions: [
            {
              messageId: 'suggestRelease',
              output: `
import { watch, type FSWatcher } from 'node:fs';
export class Reloader {
  readonly #watcher: FSWatcher;
  readonly #timer = setInterval(() => this.check(), 5_000);
  constructor(dir: string) {
    this.#watcher = watch(dir);
  }
  check() {}
  close(): void {
    clearInterval(this.#timer); // stop polling
    this.#watcher.close();
  }
}`,
            },
          ],
        },
      ],
      output: null,
    },
    {
      // A sync release method cannot await the pool's end(): report, no suggestion.
      code: `
import { Pool } from 'pg';
export class Metrics {
  pool = new Pool();
  timer = setInterval(() => {}, 1000);
  [Symbol.dispose]() {
    clearInterval(this.timer);
  }
}`,
      errors: [{ messageId: 'notReleased', line: 4, column: 3, suggestions: [] }],
      output: null,
    },
    {
      // The constructor's socket is dropped when redial() replaces it.
      code: `
import net from 'node:net';
export class Dialer {
  socket = net.connect(4000);
  redial(port: number) {
    this.socket = net.connect(port);
  }
  close() {
    this.socket.destroy();
  }
}`,
      errors: [
        {
          messageId: 'reassigned',
          line: 6,
          column: 5,
          data: {
            method: 'Dialer.redial()',
            field: 'socket',
            label: 'socket',
            line: '4',
            release: '`this.socket.end()`',
          },
          suggestions: [
            {
              // `end()`, not `destroy()`: the old connection's pending writes still go out.
              messageId: 'suggestReleaseFirst',
              output: `
import net from 'node:net';
export class Dialer {
  socket = net.connect(4000);
  redial(port: number) {
    this.socket.end();
    this.socket = net.connect(port);
  }
  close() {
    this.socket.destroy();
  }
}`,
            },
          ],
        },
      ],
      output: null,
    },
    {
      // pg: a second end() rejects with "Called end on pool more than once".
      code: `
import { Pool } from 'pg';
export class Db {
  readonly pool = new Pool();
  async close() {
    await this.pool.end();
  }
}`,
      errors: [
        {
          messageId: 'notIdempotent',
          line: 6,
          column: 11,
          data: {
            method: 'Db.close()',
            call: 'this.pool.end()',
            error: 'Called end on pool more than once',
          },
          suggestions: [
            {
              messageId: 'suggestClosedFlag',
              output: `
import { Pool } from 'pg';
export class Db {
  #closed = false;
  readonly pool = new Pool();
  async close() {
    if (this.#closed) return;
    this.#closed = true;
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
      // An interval started in the constructor whose handle nobody keeps.
      code: `
import type { WebSocket } from 'ws';
export class Lobby {
  readonly sockets = new Set<WebSocket>();
  constructor() {
    setInterval(() => this.sockets.forEach((ws) => ws.ping()), 30_000).unref();
  }
  close() {
    this.sockets.forEach((ws) => ws.close());
  }
}`,
      errors: [
        {
          messageId: 'intervalDropped',
          line: 6,
          column: 5,
          suggestions: [
            {
              messageId: 'suggestKeepInterval',
              output: `
import type { WebSocket } from 'ws';
export class Lobby {
  #interval: ReturnType<typeof setInterval> | undefined;
  readonly sockets = new Set<WebSocket>();
  constructor() {
    this.#interval = setInterval(() => this.sockets.forEach((ws) => ws.ping()), 30_000).unref();
  }
  close() {
    this.sockets.forEach((ws) => ws.close());
    clearInterval(this.#interval);
  }
}`,
            },
          ],
        },
      ],
      output: null,
    },
    {
      // Strict: a listener on an injected emitter, through an inline function that cannot be removed.
      code: `
import type { EventEmitter } from 'node:events';
export class Notifier {
  constructor(private readonly bus: EventEmitter) {
    bus.on('order', (id: string) => this.notify(id));
  }
  notify(id: string) {}
  dispose() {}
}`,
      options: [{ checkInjectedEmitters: true }],
      errors: [
        {
          messageId: 'listenerKept',
          line: 5,
          column: 5,
          data: {
            className: 'Notifier',
            event: "a 'order' listener",
            target: 'bus',
            methods: '`Notifier.dispose()`',
            keep: ' (keep the handler in a field: a new function cannot be removed)',
          },
          suggestions: [],
        },
      ],
      output: null,
    },
    {
      // Strict: any release method that can release twice, and a start() that can run twice.
      code: `
import { createWriteStream, type WriteStream } from 'node:fs';
export class Recorder {
  out?: WriteStream;
  start(path: string) {
    this.out = createWriteStream(path);
  }
  stop() {
    this.out?.end();
  }
}`,
      options: [{ checkAllReassignments: true, requireIdempotent: true }],
      errors: [
        {
          messageId: 'reassigned',
          line: 6,
          column: 5,
          suggestions: [
            {
              messageId: 'suggestReleaseFirst',
              output: `
import { createWriteStream, type WriteStream } from 'node:fs';
export class Recorder {
  out?: WriteStream;
  start(path: string) {
    this.out?.end();
    this.out = createWriteStream(path);
  }
  stop() {
    this.out?.end();
  }
}`,
            },
          ],
        },
        // Restartable (start() makes the stream again): a closed flag would stop every later
        // stop(), so no suggestion.
        { messageId: 'notGuarded', line: 8, column: 3, suggestions: [] },
      ],
      output: null,
    },
    {
      // Issue 10 item 15, strict: a log closed twice ends its stream twice; it is opened once,
      // so a closed flag keeps behaviour.
      code: `
import { createWriteStream } from 'node:fs';
export class AuditLog {
  // Appends, never truncates.
  readonly #out = createWriteStream('audit.log', { flags: 'a' });
  write(line: string) {
    this.#out.write(\`\${line}\\n\`);
  }
  close() {
    this.#out.end();
  }
}`,
      options: [{ requireIdempotent: true }],
      errors: [
        {
          messageId: 'notGuarded',
          line: 9,
          column: 3,
          suggestions: [
            {
              messageId: 'suggestClosedFlag',
              output: `
import { createWriteStream } from 'node:fs';
export class AuditLog {
  #closed = false;
  // Appends, never truncates.
  readonly #out = createWriteStream('audit.log', { flags: 'a' });
  write(line: string) {
    this.#out.write(\`\${line}\\n\`);
  }
  close() {
    if (this.#closed) return;
    this.#closed = true;
    this.#out.end();
  }
}`,
            },
          ],
        },
      ],
      output: null,
    },
    {
      // A hub that opens rooms (each owning a socket) and closes none of them.
      code: `
import net from 'node:net';
class Room {
  readonly upstream = net.connect(7000);
  close() {
    this.upstream.end();
  }
}
export class Hub {
  readonly rooms = new Map<string, Room>();
  open(id: string) {
    this.rooms.set(id, new Room());
  }
  close() {
    this.rooms.clear();
  }
}`,
      errors: [
        {
          messageId: 'notReleased',
          line: 12,
          column: 5,
          data: {
            methods: '`Hub.close()`',
            field: '`rooms` (`Room` entries from `new Room()` at line 12)',
            release: '`for (const item of this.rooms.values()) item.close()`',
          },
          suggestions: [],
        },
      ],
      output: null,
    },
    {
      // User resources and a configured release method name.
      code: `
import { openQueue } from './queue';
export class Consumer {
  queue = openQueue('jobs');
  teardown() {
    console.log('bye');
  }
}`,
      options: [
        {
          releaseMethods: ['teardown'],
          resources: [{ from: 'file', name: 'openQueue', release: ['release'] }],
        },
      ],
      errors: [
        {
          messageId: 'notReleased',
          line: 4,
          column: 3,
          suggestions: [
            {
              messageId: 'suggestRelease',
              output: `
import { openQueue } from './queue';
export class Consumer {
  queue = openQueue('jobs');
  teardown() {
    console.log('bye');
    this.queue.release();
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

jsRuleTester.run('dispose-owned-fields (JavaScript)', rule, {
  valid: [
    // Field DF-4: a release method with a less usual name: `off()` clears the interval `on()` started.
    `
export class Spinner {
  #timer = null;
  #frame = 0;
  on() {
    clearInterval(this.#timer);
    this.#timer = setInterval(() => this.#draw(), 80);
  }
  off() {
    clearInterval(this.#timer);
    this.#timer = null;
  }
  #draw() {
    this.#frame++;
    process.stderr.write(\`\r\${'|/-\\\\'[this.#frame % 4]}\`);
  }
}`,
    `
const http = require('node:http');
class StatusServer {
  constructor(port) {
    this.port = port;
    this.sockets = new Set();
    this.server = http.createServer((req, res) => res.end('ok'));
    this.server.on('connection', (socket) => this.sockets.add(socket));
  }
  stop() {
    for (const socket of this.sockets) socket.destroy();
    return new Promise((resolve) => this.server.close(resolve));
  }
}
module.exports = { StatusServer };`,
  ],
  invalid: [
    {
      // CRLF line endings are kept by the suggestion.
      code: "const { Worker } = require('node:worker_threads');\r\nclass Pool {\r\n  constructor() {\r\n    this.worker = new Worker('./w.js');\r\n    this.timer = setInterval(() => {}, 1000);\r\n  }\r\n  close() {\r\n    clearInterval(this.timer);\r\n  }\r\n}\r\n",
      errors: [
        {
          messageId: 'notReleased',
          line: 4,
          column: 5,
          suggestions: [],
        },
      ],
      output: null,
    },
    {
      code: "const fs = require('node:fs');\r\nclass Tail {\r\n  constructor(file) {\r\n    this.watcher = fs.watch(file);\r\n  }\r\n  close() {\r\n    console.log('x');\r\n  }\r\n}\r\n",
      errors: [
        {
          messageId: 'notReleased',
          line: 4,
          column: 5,
          suggestions: [
            {
              messageId: 'suggestRelease',
              output:
                "const fs = require('node:fs');\r\nclass Tail {\r\n  constructor(file) {\r\n    this.watcher = fs.watch(file);\r\n  }\r\n  close() {\r\n    console.log('x');\r\n    this.watcher.close();\r\n  }\r\n}\r\n",
            },
          ],
        },
      ],
      output: null,
    },
  ],
});

typedRuleTester.run('dispose-owned-fields (typed)', rule, {
  valid: [
    `
class Lock implements Disposable {
  [Symbol.dispose](): void {}
}
declare function acquireLock(name: string): Lock;
export class Job implements Disposable {
  readonly lock = acquireLock('nightly');
  [Symbol.dispose](): void {
    this.lock[Symbol.dispose]();
  }
}`,
  ],
  invalid: [
    {
      code: `
class Lock implements Disposable {
  [Symbol.dispose](): void {}
}
declare function acquireLock(name: string): Lock;
export class Job implements Disposable {
  readonly lock = acquireLock('nightly');
  [Symbol.dispose](): void {}
}`,
      errors: [
        {
          messageId: 'notReleased',
          line: 7,
          column: 12,
          suggestions: [
            {
              messageId: 'suggestRelease',
              output: `
class Lock implements Disposable {
  [Symbol.dispose](): void {}
}
declare function acquireLock(name: string): Lock;
export class Job implements Disposable {
  readonly lock = acquireLock('nightly');
  [Symbol.dispose](): void {
    this.lock[Symbol.dispose]();
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
