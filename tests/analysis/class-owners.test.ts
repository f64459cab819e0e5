import { describe, expect, it } from 'vitest';

import type { ClassOwner, FieldRecord, Holding } from '../../src/analysis/engine/class-owners.js';
import { owners } from './class-owner-probe.js';

/** `acquisition:pg.Pool`, `parameter:constructor`, `mixed:undici.Agent`, `injected:Inject`, … */
function describeHolding(holds: Holding): string {
  switch (holds.kind) {
    case 'acquisition':
      return `acquisition:${holds.entry.id}`;
    case 'parameter':
      return `parameter:${holds.where}${holds.type ? `:${holds.type.id}` : ''}${
        holds.decorators.length > 0 ? `@${holds.decorators.join('@')}` : ''
      }`;
    case 'injected':
      return `injected@${holds.decorators.join('@')}`;
    case 'mixed':
      return `mixed:${holds.received.kind}+${holds.acquired.entry.id}`;
    default:
      return holds.kind;
  }
}

function field(owner: ClassOwner | undefined, key: string): FieldRecord {
  const found = owner?.fields.get(key);
  if (found === undefined) throw new Error(`no field ${key}`);
  return found;
}

const holds = (owner: ClassOwner | undefined, key: string): string[] =>
  field(owner, key).assignments.map((a) => `${a.where}:${describeHolding(a.holds)}`);

/** `close:method:end`, `#cleanup:function:clearInterval`, … */
const releases = (owner: ClassOwner | undefined, key: string): string[] =>
  field(owner, key).releases.map(
    (r) => `${r.member?.key ?? 'init'}:${r.how}:${r.verb}${r.inClosure ? ':closure' : ''}`,
  );

/** For each release method: its name, whether it is guarded, and the members it reaches. */
const releaseMethods = (owner: ClassOwner | undefined): string[] =>
  (owner?.releaseMethods() ?? []).map(
    (m) => `${m.name}${m.guarded ? ' (guarded)' : ''} → ${m.reaches.map((r) => r.key).join(', ')}`,
  );

/** Whether some release method (with its helpers) releases `key`. */
function releasedOnDispose(owner: ClassOwner | undefined, key: string): boolean {
  const reached = new Set((owner?.releaseMethods() ?? []).flatMap((m) => m.reaches));
  return field(owner, key).releases.some((r) => r.member !== null && reached.has(r.member));
}

describe('an SDK wrapper holding an undici Agent', () => {
  const code = `
import { Agent, request, type Dispatcher } from 'undici';

export interface GitHubOptions { token: string; agent?: Dispatcher }

export class GitHubClient {
  readonly #agent: Dispatcher;
  readonly #ownsAgent: boolean;
  #refresh = setInterval(() => void this.refreshToken(), 50 * 60_000);
  #closed = false;

  constructor(private readonly options: GitHubOptions) {
    this.#ownsAgent = options.agent === undefined;
    this.#agent = options.agent ?? new Agent({ keepAliveTimeout: 10_000, connections: 16 });
    process.on('beforeExit', this.#onBeforeExit);
  }

  #onBeforeExit = () => void this.close();

  async refreshToken(): Promise<void> {}

  async repo(name: string) {
    const { body } = await request(\`https://api.github.com/repos/\${name}\`, { dispatcher: this.#agent });
    return body.json();
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    clearInterval(this.#refresh);
    process.off('beforeExit', this.#onBeforeExit);
    if (this.#ownsAgent) await this.#agent.close();
  }
}`;
  const owner = owners(code).get('GitHubClient');

  it('records what each field holds', () => {
    expect(holds(owner, '#agent')).toEqual(['constructor:mixed:parameter+undici.Agent']);
    expect(holds(owner, '#refresh')).toEqual(['initializer:acquisition:setInterval']);
    expect(holds(owner, 'options')).toEqual(['parameter:parameter:constructor']);
    expect(holds(owner, '#closed')).toEqual(['initializer:unknown', 'method:unknown']);
  });

  it('finds the release method, its guard flag and what it releases', () => {
    expect(releaseMethods(owner)).toEqual(['close (guarded) → close']);
    expect(releases(owner, '#refresh')).toEqual(['close:function:clearInterval']);
    expect(releases(owner, '#agent')).toEqual(['close:method:close']);
    expect(releasedOnDispose(owner, '#agent')).toBe(true);
  });

  it('records the process listener and that close() removes it with the same reference', () => {
    expect(owner?.listeners).toHaveLength(1);
    const listener = owner!.listeners[0];
    expect(listener.target).toEqual({ kind: 'global', name: 'process' });
    expect(listener.handler).toEqual({ kind: 'field', key: '#onBeforeExit', bound: false });
    expect(listener.member?.kind).toBe('constructor');
    const close = owner!.releaseMethods()[0];
    expect(owner!.removedIn(listener, close.reaches)).toBe(true);
  });
});

describe('a pg connection manager', () => {
  const code = `
import pg from 'pg';

export class Database {
  private readonly pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
  private listener?: pg.PoolClient;

  async listen(channel: string, onNotify: (payload: string) => void): Promise<void> {
    this.listener ??= await this.pool.connect();
    this.listener.on('notification', (message) => onNotify(message.payload ?? ''));
    await this.listener.query(\`LISTEN \${channel}\`);
  }

  #releaseListener(): void {
    const listener = this.listener;
    this.listener = undefined;
    listener?.release();
  }

  async end(): Promise<void> {
    this.#releaseListener();
    const pool = this.pool;
    await pool.end();
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.end();
  }
}`;
  const owner = owners(code).get('Database');

  it('knows a connection taken from the pool field (through the catalog method)', () => {
    expect(holds(owner, 'pool')).toEqual(['initializer:acquisition:pg.Pool']);
    expect(holds(owner, 'listener')).toEqual([
      'method:acquisition:pg.PoolClient',
      'method:cleared',
    ]);
    expect(field(owner, 'listener').optional).toBe(true);
    expect(field(owner, 'listener').assignments[0]?.lazy).toBe(true);
  });

  it('follows helpers and local aliases of fields', () => {
    expect(releaseMethods(owner)).toEqual([
      'end → end, #releaseListener',
      '[Symbol.asyncDispose] → [Symbol.asyncDispose], end, #releaseListener',
    ]);
    expect(releases(owner, 'pool')).toEqual(['end:method:end']);
    expect(releases(owner, 'listener')).toEqual(['#releaseListener:method:release']);
    expect(releasedOnDispose(owner, 'listener')).toBe(true);
  });

  it('sees that the alias-then-clear release is idempotent and the pool end is not', () => {
    expect(field(owner, 'listener').releases[0]?.idempotent).toBe(true);
    expect(field(owner, 'pool').releases[0]?.idempotent).toBe(false);
    expect(owner?.releaseMethods().every((m) => !m.guarded)).toBe(true);
  });

  it('records the listener on its own field (it dies with the field)', () => {
    expect(owner?.listeners.map((l) => l.target)).toEqual([{ kind: 'field', key: 'listener' }]);
  });
});

describe('a NestJS-style service with injected dependencies', () => {
  const code = `
import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { InjectRepository } from '@nestjs/typeorm';
import { Redis } from 'ioredis';
import { Pool } from 'pg';
import type { Repository } from 'typeorm';
import { User } from './user.entity';

export const CACHE = Symbol('CACHE');

@Injectable()
export class UsersService implements OnModuleDestroy {
  @Inject(CACHE) private readonly cache!: Map<string, User>;
  private readonly redis: Redis;
  private readonly audit = new Pool({ max: 1 });

  constructor(
    @InjectRepository(User) private readonly users: Repository<User>,
    private readonly pool: Pool,
    private readonly moduleRef: ModuleRef,
  ) {
    this.redis = this.moduleRef.get(Redis, { strict: false });
  }

  async onModuleDestroy(): Promise<void> {
    await this.audit.end();
  }
}`;
  const owner = owners(code).get('UsersService');

  it('records the class decorators', () => {
    expect(owner?.decorators).toEqual(['Injectable']);
  });

  it('tells injected, looked-up and owned fields apart', () => {
    expect(holds(owner, 'cache')).toEqual(['initializer:injected@Inject']);
    expect(holds(owner, 'users')).toEqual(['parameter:parameter:constructor@InjectRepository']);
    expect(holds(owner, 'pool')).toEqual(['parameter:parameter:constructor:pg.Pool']);
    expect(holds(owner, 'redis')).toEqual(['constructor:container']);
    expect(holds(owner, 'audit')).toEqual(['initializer:acquisition:pg.Pool']);
  });

  it('counts the framework teardown hook as a release method', () => {
    expect(releaseMethods(owner)).toEqual(['onModuleDestroy → onModuleDestroy']);
    expect(releasedOnDispose(owner, 'audit')).toBe(true);
  });
});

describe('a WebSocket room holding intervals and listeners', () => {
  const code = `
import type { EventEmitter } from 'node:events';
import type { WebSocket } from 'ws';

export class Room {
  readonly #clients = new Set<WebSocket>();
  #heartbeat: NodeJS.Timeout | undefined;

  constructor(readonly name: string, private readonly bus: EventEmitter) {
    this.#heartbeat = setInterval(() => this.#ping(), 30_000);
    setInterval(() => this.#sweep(), 60_000).unref();
    bus.on('broadcast', this.#onBroadcast);
    bus.on('shutdown', () => this.close());
    process.on('SIGTERM', this.close.bind(this));
  }

  #onBroadcast = (message: string) => {
    for (const client of this.#clients) client.send(message);
  };

  join(ws: WebSocket): void {
    this.#clients.add(ws);
    ws.on('close', () => this.#clients.delete(ws));
  }

  #ping(): void {
    this.#clients.forEach((ws) => ws.ping());
  }

  #sweep(): void {}

  close(): void {
    clearInterval(this.#heartbeat);
    this.#heartbeat = undefined;
    this.bus.off('broadcast', this.#onBroadcast);
    this.#clients.forEach((ws) => ws.terminate());
    this.#clients.clear();
  }
}`;
  const owner = owners(code).get('Room');

  it('records the collection, its elements and the loop that releases them', () => {
    expect(holds(owner, '#clients')).toEqual(['initializer:collection']);
    expect(field(owner, '#clients').elements.map((e) => describeHolding(e.holds))).toEqual([
      'parameter:method',
    ]);
    expect(releases(owner, '#clients')).toEqual(['close:loop:forEach']);
  });

  it('records the interval in a field and the one whose handle is dropped', () => {
    expect(holds(owner, '#heartbeat')).toEqual([
      'constructor:acquisition:setInterval',
      'method:cleared',
    ]);
    expect(releases(owner, '#heartbeat')).toEqual(['close:function:clearInterval']);
    expect(field(owner, '#heartbeat').releases[0]?.idempotent).toBe(false);
    expect(owner?.unkeptTimers.map((t) => t.node.loc.start.line)).toEqual([11]);
  });

  it('records each listener, its emitter and whether close() takes it back', () => {
    const close = owner!.releaseMethods()[0];
    const summary = owner!.listeners.map((l) => ({
      target: l.targetText,
      event: l.event,
      handler: l.handler.kind,
      removed: owner!.removedIn(l, close.reaches),
    }));
    expect(summary).toEqual([
      { target: 'bus', event: 'broadcast', handler: 'field', removed: true },
      { target: 'bus', event: 'shutdown', handler: 'inline', removed: false },
      { target: 'process', event: 'SIGTERM', handler: 'field', removed: false },
      { target: 'ws', event: 'close', handler: 'inline', removed: false },
    ]);
    // The constructor parameter kept in a field is that field's emitter.
    expect(owner!.listeners[0]?.target).toEqual({ kind: 'field', key: 'bus' });
    expect(owner!.listeners[2]?.handler).toEqual({ kind: 'field', key: 'close', bound: true });
    expect(owner!.listeners[3]?.member?.key).toBe('join');
  });
});

describe('a native-addon wrapper with a FinalizationRegistry', () => {
  const code = `
import binding from './build/Release/image.node';

const registry = new FinalizationRegistry((handle: number) => binding.free(handle));

export class NativeImage {
  #handle: number;

  constructor(path: string) {
    this.#handle = binding.load(path);
    registry.register(this, this.#handle, this);
  }

  get width(): number {
    return binding.width(this.#handle);
  }

  [Symbol.dispose](): void {
    if (this.#handle === 0) return;
    registry.unregister(this);
    binding.free(this.#handle);
    this.#handle = 0;
  }
}

export class LeakyImage {
  static readonly #registry = new FinalizationRegistry((handle: number) => binding.free(handle));
  readonly handle = binding.load('x');
  constructor() {
    LeakyImage.#registry.register(this, this.handle);
  }
  close(): void {
    binding.free(this.handle);
  }
}`;
  const found = owners(code);

  it('records the registration, its token and the unregister in dispose', () => {
    const image = found.get('NativeImage');
    expect(image?.registrations).toHaveLength(1);
    expect(image?.registrations[0]?.registry).toBe('registry');
    expect(image?.registrations[0]?.token?.type).toBe('ThisExpression');
    expect(image?.unregisters.map((u) => u.member?.key)).toEqual(['[Symbol.dispose]']);
    expect(releaseMethods(image)).toEqual(['[Symbol.dispose] (guarded) → [Symbol.dispose]']);
  });

  it('finds a static registry, and a registration without a token', () => {
    const leaky = found.get('LeakyImage');
    expect(leaky?.registrations.map((r) => [r.registry, r.token])).toEqual([
      ['LeakyImage.#registry', null],
    ]);
    expect(leaky?.unregisters).toEqual([]);
  });

  it('does not take a native handle for a resource', () => {
    expect(holds(found.get('NativeImage'), '#handle')).toEqual([
      'constructor:unknown',
      'method:unknown',
    ]);
  });
});

describe('plain JavaScript: a server class', () => {
  const code = `
const http = require('node:http');

class StatusServer {
  constructor(port) {
    this.port = port;
    this.sockets = new Set();
    this.server = http.createServer((req, res) => res.end('ok'));
    this.server.on('connection', (socket) => {
      this.sockets.add(socket);
      socket.once('close', () => this.sockets.delete(socket));
    });
  }

  start() {
    this.server.listen(this.port);
  }

  stop() {
    for (const socket of [...this.sockets]) socket.destroy();
    return new Promise((resolve) => this.server.close(resolve));
  }
}

module.exports = { StatusServer };`;
  const owner = owners(code, { parser: 'js' }).get('StatusServer');

  it('records fields assigned in the constructor', () => {
    expect(holds(owner, 'server')).toEqual(['constructor:acquisition:http.createServer']);
    expect(holds(owner, 'port')).toEqual(['constructor:parameter:constructor']);
    expect(field(owner, 'sockets').elements.map((e) => describeHolding(e.holds))).toEqual([
      'unknown',
    ]);
  });

  it('sees releases in a loop and in a callback of the release method', () => {
    expect(releases(owner, 'sockets')).toEqual(['stop:loop:for-of']);
    expect(releases(owner, 'server')).toEqual(['stop:method:close:closure']);
    expect(releasedOnDispose(owner, 'server')).toBe(true);
  });
});

describe('ownership moves', () => {
  it('a DisposableStack field releases what it took', () => {
    const owner = owners(`
import { watch } from 'node:fs';
export class ConfigWatcher {
  readonly #stack = new DisposableStack();
  readonly #watcher = this.#stack.use(watch('config', () => this.reload()));
  readonly #timer: NodeJS.Timeout;
  constructor() {
    this.#timer = setInterval(() => this.reload(), 60_000);
    this.#stack.defer(() => clearInterval(this.#timer));
  }
  reload() {}
  [Symbol.dispose]() {
    this.#stack.dispose();
  }
}`).get('ConfigWatcher');
    expect(holds(owner, '#watcher')).toEqual(['initializer:acquisition:fs.watch']);
    expect(releases(owner, '#watcher')).toEqual(['init:stack:#stack']);
    expect(releases(owner, '#timer')).toEqual(['constructor:function:clearInterval:closure']);
    expect(releases(owner, '#stack')).toEqual(['[Symbol.dispose]:method:dispose']);
  });

  it('a reassignment after a release, and a lazy one', () => {
    const owner = owners(`
import net from 'node:net';
export class Tunnel {
  socket = net.connect(4000);
  timer?: NodeJS.Timeout;
  reconnect() {
    this.socket.destroy();
    this.socket = net.connect(4000);
  }
  redial() {
    this.socket = net.connect(4001);
  }
  start() {
    this.timer ??= setInterval(() => this.reconnect(), 5_000);
  }
  restart() {
    if (this.timer) return;
    this.timer = setInterval(() => this.reconnect(), 5_000);
  }
}`).get('Tunnel');
    const socket = field(owner, 'socket').assignments;
    expect(socket.map((a) => [a.where, a.releasedBefore, a.lazy])).toEqual([
      ['initializer', false, false],
      ['method', true, false],
      ['method', false, false],
    ]);
    expect(field(owner, 'timer').assignments.map((a) => a.lazy)).toEqual([true, true]);
  });

  it('reads fields through an alias of the instance', () => {
    const owner = owners(`
import net from 'node:net';
export class Sentinel {
  readonly _self: Sentinel;
  #socket = net.connect(4000);
  #timer = setInterval(() => {}, 1_000);
  constructor() {
    this._self = this;
  }
  close() {
    this._self.#socket.end();
  }
  stop() {
    const self = this;
    clearInterval(self.#timer);
  }
}`).get('Sentinel');
    expect(releases(owner, '#socket')).toEqual(['close:method:end']);
    expect(releases(owner, '#timer')).toEqual(['stop:function:clearInterval']);
  });

  it('a start() guarded by a flag it flips is lazy', () => {
    const owner = owners(`
export class Poller {
  #stopped = true;
  #interval?: NodeJS.Timeout;
  #other?: NodeJS.Timeout;
  start() {
    if (!this.#stopped) return;
    this.#stopped = false;
    this.#interval = setInterval(() => {}, 1_000);
  }
  again() {
    if (!this.#stopped) return;
    this.#other = setInterval(() => {}, 1_000);
  }
}`).get('Poller');
    expect(field(owner, '#interval').assignments.map((a) => a.lazy)).toEqual([true]);
    // The flag is not flipped here, so a second call runs again.
    expect(field(owner, '#other').assignments.map((a) => a.lazy)).toEqual([false]);
  });

  it('a constructor parameter the file fills with what it made is transferred', () => {
    const found = owners(`
import { Pool } from 'pg';
export class Owned {
  constructor(private readonly pool: Pool) {}
}
export class Lent {
  constructor(private readonly pool: Pool) {}
}
export const shared = new Pool();
export function open(): Owned {
  const pool = new Pool();
  return new Owned(pool);
}
export function wrap(): Lent {
  new Lent(new Pool());
  return new Lent(shared);
}`);
    const transferred = (name: string): boolean[] =>
      field(found.get(name), 'pool').assignments.map(
        (a) => a.holds.kind === 'parameter' && a.holds.transferred,
      );
    expect(transferred('Owned')).toEqual([true]);
    expect(transferred('Lent')).toEqual([false]);
  });

  it('a mixed default and a plain injected one', () => {
    const owner = owners(`
import { Pool } from 'pg';
import Redis from 'ioredis';
export class Jobs {
  private readonly pool: Pool;
  private readonly redis: Redis;
  constructor(pool?: Pool, redisUrl?: string) {
    this.pool = pool ? pool : new Pool();
    const redis = new Redis(redisUrl ?? 'redis://localhost');
    this.redis = redis;
  }
}`).get('Jobs');
    expect(holds(owner, 'pool')).toEqual(['constructor:mixed:parameter+pg.Pool']);
    expect(holds(owner, 'redis')).toEqual(['constructor:acquisition:ioredis.Redis']);
  });

  it('a class expression, its base and a same-file disposable class', () => {
    const found = owners(`
import { EventEmitter } from 'node:events';
import net from 'node:net';
import { Transform } from 'node:stream';
class Lease { socket = net.connect(4000); close() { this.socket.end(); } }
class Dialog { close() {} }
class Lock { [Symbol.dispose]() {} }
export const Pool = class extends EventEmitter {
  lease = new Lease();
  dialog = new Dialog();
  lock = new Lock();
};
export class Upper extends Transform {}
export class Child extends Lease {}`);
    const pool = found.get('Pool');
    expect(pool?.base).toBe('plain');
    expect(holds(pool, 'lease')).toEqual(['initializer:acquisition:class:Lease']);
    // A close() alone (a dialog) is no resource; a dispose symbol is.
    expect(holds(pool, 'dialog')).toEqual(['initializer:unknown']);
    expect(holds(pool, 'lock')).toEqual(['initializer:acquisition:class:Lock']);
    expect(found.get('Upper')?.base).toBe('other');
    expect(found.get('Child')?.base).toBe('local');
    expect(found.get('Lease')?.base).toBe('none');
  });

  it('user resources and configured release method names', () => {
    const owner = owners(
      `
import { openQueue } from './queue';
export class Consumer {
  queue = openQueue('jobs');
  teardown() { this.queue.release(); }
}`,
      {
        extra: [
          {
            id: 'queue',
            label: 'queue',
            kind: 'other',
            acquire: { via: 'call', from: [{ module: 'file', path: ['openQueue'] }] },
            releaseMethods: ['release'],
          },
        ],
      },
    ).get('Consumer');
    expect(holds(owner, 'queue')).toEqual(['initializer:acquisition:queue']);
    expect(owner?.releaseMethods()).toEqual([]);
    expect(owner?.releaseMethods(['teardown']).map((m) => m.name)).toEqual(['teardown']);
  });
});

describe('with type information', () => {
  it('a field holding a value whose type is disposable', () => {
    const owner = owners(
      `
class Lock implements Disposable {
  [Symbol.dispose](): void {}
}
declare function acquireLock(name: string): Lock;
export class Job {
  readonly lock = acquireLock('nightly');
}`,
      { typed: true },
    ).get('Job');
    expect(holds(owner, 'lock')).toEqual(['initializer:acquisition:type:Lock']);
  });
});

describe('odd classes', () => {
  it('reads every shape of member without failing', () => {
    const found = owners(`
abstract class Base<T> {
  [key: string]: unknown;
  static #count = 0;
  static { Base.#count += 1; }
  accessor label = 'x';
  abstract open(): void;
  overload(a: string): void;
  overload(a: number): void;
  overload(a: unknown): void {}
  ['computed' + 1]() {}
  get size() { return 0; }
  set size(v) {}
  declare readonly x: T;
  helper = function (this: unknown) { (this as any).y = 1; };
  constructor(...rest: unknown[]) {
    const self = this;
    [this.a] = [rest];
    ({ b: this.b } = { b: 1 });
    this['c'] = 3;
    class Inner { constructor() { this.d = 4; } d: number; }
    void self;
  }
  a: unknown; b: unknown; c: unknown;
}
export default class {}`);
    const base = found.get('Base');
    // A function-valued field is a method: \`this\` in it is the instance.
    expect([...(base?.fields.keys() ?? [])].sort()).toEqual(['a', 'b', 'c', 'label', 'x', 'y']);
    expect(base?.releaseMethods()).toEqual([]);
    // The nested class's `this` is its own.
    expect(found.get('Inner')?.fields.get('d')?.assignments).toHaveLength(1);
    expect(base?.fields.has('d')).toBe(false);
    expect(found.has('(anonymous)')).toBe(true);
  });

  it('looks values up in a container', () => {
    const owner = owners(`
import { container } from 'tsyringe';
import { Pool } from 'pg';
export class Reports {
  readonly pool = container.resolve(Pool);
  readonly cache = inject(CACHE);
  readonly other = registry.get('pool');
}`).get('Reports');
    expect(holds(owner, 'pool')).toEqual(['initializer:container']);
    expect(holds(owner, 'cache')).toEqual(['initializer:container']);
    expect(holds(owner, 'other')).toEqual(['initializer:unknown']);
  });
});
