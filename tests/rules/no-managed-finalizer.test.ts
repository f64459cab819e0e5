import rule from '../../src/rules/no-managed-finalizer.js';
import { jsRuleTester, ruleTester } from '../rule-tester.js';

ruleTester.run('no-managed-finalizer', rule, {
  valid: [
    // A native-addon wrapper: the finalizer frees the handle through the addon; dispose unregisters.
    `
import binding from './build/Release/image.node';
const registry = new FinalizationRegistry((handle: number) => binding.free(handle));
export class NativeImage implements Disposable {
  #handle: number;
  constructor(path: string) {
    this.#handle = binding.load(path);
    registry.register(this, this.#handle, this);
  }
  [Symbol.dispose](): void {
    if (this.#handle === 0) return;
    registry.unregister(this);
    binding.free(this.#handle);
    this.#handle = 0;
  }
}`,
    // The addon's own release method named close, given the handle: a native free.
    `
import addon from './sqlite.node';
const finalizer = new FinalizationRegistry<bigint>((db) => addon.close(db));
export class Database {
  readonly #db: bigint;
  constructor(file: string) {
    this.#db = addon.open(file);
    finalizer.register(this, this.#db, this);
  }
  close(): void {
    finalizer.unregister(this);
    addon.close(this.#db);
  }
}`,
    // Closing a raw descriptor (a number) is freeing a native handle.
    `
import { closeSync, openSync } from 'node:fs';
const descriptors = new FinalizationRegistry<number>((fd) => closeSync(fd));
export function track(owner: object, path: string): number {
  const fd = openSync(path, 'r');
  descriptors.register(owner, fd);
  return fd;
}`,
    // Bookkeeping only: the callback drops a dead entry from a cache.
    `
const cache = new Map<string, WeakRef<object>>();
const cleanup = new FinalizationRegistry<string>((key) => {
  if (cache.get(key)?.deref() === undefined) cache.delete(key);
});
export function remember(key: string, value: object): void {
  cache.set(key, new WeakRef(value));
  cleanup.register(value, key);
}`,
    // A configured native release, named like a JS one: the addon object's close() frees C memory.
    {
      code: `
import type { NativeBuffer } from './ffi';
const buffers = new FinalizationRegistry<NativeBuffer>((buffer) => buffer.close());
export const track = (owner: object, buffer: NativeBuffer) => buffers.register(owner, buffer);`,
      options: [{ nativeReleases: ['close'] }],
    },
    // A class that registers itself but has no release method: the finalizer is its only cleanup.
    `
import binding from './image.node';
const registry = new FinalizationRegistry((handle: number) => binding.free(handle));
export class Thumbnail {
  readonly handle = binding.load('t.png');
  constructor() {
    registry.register(this, this.handle);
  }
}`,
    // Unregistered by a helper the release method calls.
    `
import binding from './image.node';
export class Frame {
  static readonly #registry = new FinalizationRegistry((ptr: number) => binding.free(ptr));
  #ptr = binding.alloc(1024);
  constructor() {
    Frame.#registry.register(this, this.#ptr, this);
  }
  #forget() {
    Frame.#registry.unregister(this);
  }
  close() {
    this.#forget();
    binding.free(this.#ptr);
  }
}`,
    // A WeakRef to a plain object, not a resource.
    `
export const latest = new WeakRef({ id: 1 });`,
    // register() of something that is not a FinalizationRegistry.
    `
import { events } from './bus';
export class Listener {
  constructor() {
    events.register(this, 'user.created');
  }
  close() {}
}`,
  ],
  invalid: [
    {
      // A pooling agent that closed idle clients in a finalizer.
      code: `
import { Client } from 'undici';
const clients = new Map<string, WeakRef<Client>>();
const registry = new FinalizationRegistry<{ origin: string; client: Client }>((held) => {
  clients.delete(held.origin);
  held.client.close();
});
export function clientFor(owner: object, origin: string): Client {
  const client = new Client(origin);
  registry.register(owner, { origin, client });
  return client;
}`,
      errors: [
        {
          messageId: 'managedCleanup',
          line: 6,
          column: 3,
          data: { verb: 'closes', target: 'held.client' },
        },
      ],
      output: null,
    },
    {
      // A request whose abort listener is removed only when the request is collected.
      code: `
const listeners = new FinalizationRegistry<{ signal: AbortSignal; onAbort: () => void }>(
  ({ signal, onAbort }) => signal.removeEventListener('abort', onAbort),
);
export class Request {
  constructor(signal: AbortSignal) {
    const onAbort = () => this.cancel();
    signal.addEventListener('abort', onAbort);
    listeners.register(this, { signal, onAbort });
  }
  cancel() {}
}`,
      errors: [
        {
          messageId: 'managedCleanup',
          line: 3,
          column: 28,
          data: { verb: 'removes a listener from', target: 'signal' },
        },
      ],
      output: null,
    },
    {
      // A timer cleared and a temp file deleted by a named cleanup function.
      code: `
import { unlinkSync } from 'node:fs';
function cleanup(held: { timer: NodeJS.Timeout; path: string }) {
  clearInterval(held.timer);
  unlinkSync(held.path);
}
const temps = new FinalizationRegistry(cleanup);
export function tempFile(owner: object, path: string) {
  temps.register(owner, { timer: setInterval(() => {}, 1000), path });
}`,
      errors: [
        {
          messageId: 'managedCleanup',
          line: 4,
          column: 3,
          data: { verb: 'clears', target: 'held.timer' },
        },
        {
          messageId: 'managedCleanup',
          line: 5,
          column: 3,
          data: { verb: 'deletes', target: 'held.path' },
        },
      ],
      output: null,
    },
    {
      // A pool of dispatchers held only weakly: evicted by GC, never closed.
      code: `
import { Pool } from 'undici';
const pools = new Map<string, WeakRef<Pool>>();
export function poolFor(origin: string): Pool {
  const existing = pools.get(origin)?.deref();
  if (existing) return existing;
  const pool = new Pool(origin, { connections: 4 });
  pools.set(origin, new WeakRef(pool));
  return pool;
}`,
      errors: [
        {
          messageId: 'weakResource',
          line: 8,
          column: 21,
          data: { label: 'undici pool', source: 'new Pool()', line: '7' },
        },
      ],
      output: null,
    },
    {
      // The GC.SuppressFinalize rule: dispose frees the handle but the finalizer will free it again.
      code: `
import binding from './image.node';
const registry = new FinalizationRegistry((handle: number) => binding.free(handle));
export class NativeImage {
  #handle = binding.load('a.png');
  constructor() {
    registry.register(this, this.#handle, this);
  }
  [Symbol.dispose](): void {
    // free it now
    binding.free(this.#handle);
  }
}`,
      errors: [
        {
          messageId: 'missingUnregister',
          line: 9,
          column: 4,
          data: {
            methods: '`NativeImage[Symbol.dispose]()`',
            registry: 'registry',
            line: '7',
          },
          suggestions: [
            {
              messageId: 'suggestUnregister',
              output: `
import binding from './image.node';
const registry = new FinalizationRegistry((handle: number) => binding.free(handle));
export class NativeImage {
  #handle = binding.load('a.png');
  constructor() {
    registry.register(this, this.#handle, this);
  }
  [Symbol.dispose](): void {
    registry.unregister(this);
    // free it now
    binding.free(this.#handle);
  }
}`,
            },
          ],
        },
      ],
      output: null,
    },
    {
      // No token: nothing can unregister it. The suggestion adds one and the unregister.
      code: `
import binding from './image.node';
export class Canvas {
  static readonly #registry = new FinalizationRegistry((ptr: number) => binding.free(ptr));
  readonly ptr = binding.alloc(4096);
  constructor() {
    Canvas.#registry.register(this, this.ptr);
  }
  close() {
    binding.free(this.ptr);
  }
}`,
      errors: [
        {
          messageId: 'noUnregisterToken',
          line: 7,
          column: 5,
          suggestions: [
            {
              messageId: 'suggestUnregister',
              output: `
import binding from './image.node';
export class Canvas {
  static readonly #registry = new FinalizationRegistry((ptr: number) => binding.free(ptr));
  readonly ptr = binding.alloc(4096);
  constructor() {
    Canvas.#registry.register(this, this.ptr, this);
  }
  close() {
    Canvas.#registry.unregister(this);
    binding.free(this.ptr);
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

jsRuleTester.run('no-managed-finalizer (JavaScript)', rule, {
  valid: [
    // Field MF-1: a weak listener. The finalizer unlinks a listener that reaches the controller
    // only through a WeakRef from the caller's longer-lived signal; there is no explicit end.
    `
const unlinkWhenCollected = new FinalizationRegistry(({ signal, onAbort }) => {
  signal.removeEventListener('abort', onAbort);
});
export class Job {
  constructor(parentSignal) {
    this.controller = new AbortController();
    const ref = new WeakRef(this.controller);
    const onAbort = () => ref.deref()?.abort(parentSignal.reason);
    parentSignal.addEventListener('abort', onAbort, { once: true });
    unlinkWhenCollected.register(this.controller, { signal: parentSignal, onAbort }, onAbort);
    this.controller.signal.addEventListener(
      'abort',
      () => unlinkWhenCollected.unregister(onAbort),
      { once: true },
    );
  }
}`,
    // The same, with the listener built by a local factory that holds the WeakRef.
    `
const finalizer = new FinalizationRegistry(({ signal, abort }) => {
  signal.removeEventListener('abort', abort);
});
function buildAbort(ref) {
  return abort;
  function abort() {
    const controller = ref.deref();
    if (controller !== undefined) {
      finalizer.unregister(abort);
      controller.abort();
    }
  }
}
export function follow(signal) {
  const controller = new AbortController();
  const abort = buildAbort(new WeakRef(controller));
  signal.addEventListener('abort', abort, { once: true });
  finalizer.register(controller, { signal, abort }, abort);
  return controller;
}`,
    `
const native = require('./build/Release/codec.node');
const registry = new FinalizationRegistry((ptr) => native.release(ptr));
class Codec {
  constructor() {
    this.ptr = native.create();
    registry.register(this, this.ptr, this);
  }
  destroy() {
    registry.unregister(this);
    native.release(this.ptr);
  }
}
module.exports = { Codec };`,
  ],
  invalid: [
    {
      code: `
const sockets = new FinalizationRegistry((socket) => socket.destroy());
module.exports = (owner, socket) => sockets.register(owner, socket);`,
      errors: [
        {
          messageId: 'managedCleanup',
          line: 2,
          column: 54,
          data: { verb: 'destroys', target: 'socket' },
        },
      ],
      output: null,
    },
  ],
});
