/**
 * Event listeners. A registration is a method call on any emitter or `EventTarget`, so it is
 * described by method names (`LISTENER_METHODS`) rather than by an export; the catalog entry
 * documents the kind. `events.addAbortListener` returns a `Disposable` that removes it.
 */
import type { ExportRef, ResourceEntry } from './types.js';

export const LISTENER_METHODS = {
  /** Register a listener that stays until removed. */
  add: ['on', 'addListener', 'prependListener', 'addEventListener'],
  /** Register a listener removed after its first call (still a leak if it never fires). */
  once: ['once', 'prependOnceListener'],
  /** Remove a listener given the same function. */
  remove: ['off', 'removeListener', 'removeEventListener'],
  /** Remove every listener (of one event, or all). */
  removeAll: ['removeAllListeners'],
} as const;

export const EVENT_ENTRIES: readonly ResourceEntry[] = [
  {
    id: 'events.listener',
    label: 'listener',
    kind: 'listener',
    acquire: { via: 'call', from: [] },
    acquireMethod: { receiverIds: [], method: 'on' },
    releaseMethods: ['off', 'removeListener', 'removeEventListener'],
  },
  {
    id: 'events.addAbortListener',
    label: 'abort listener',
    kind: 'listener',
    acquire: { via: 'call', from: [{ module: 'events', path: ['addAbortListener'] }] },
    releaseMethods: [],
    disposable: 'sync',
  },
];

/**
 * Methods of emitters, streams, sockets and servers that return their receiver, so a chain
 * (`s.on('error', h).pipe(d)`, `createServer(h).listen(port)`) still holds the same value.
 */
export const RECEIVER_METHODS: ReadonlySet<string> = new Set([
  'on',
  'once',
  'addListener',
  'prependListener',
  'prependOnceListener',
  'setMaxListeners',
  'setEncoding',
  'setDefaultEncoding',
  'setTimeout',
  'setKeepAlive',
  'setNoDelay',
  'listen',
  'ref',
  'unref',
  'cork',
  'pause',
  'resume',
]);

/**
 * `events.once(emitter, name)` and `events.on(emitter, name)`: a promise (an async iterator)
 * of the event that rejects when the emitter emits `'error'` first.
 */
export const EVENT_WAITERS: readonly ExportRef[] = [
  { module: 'events', path: ['once'] },
  { module: 'events', path: ['EventEmitter', 'once'] },
  { module: 'events', path: ['on'] },
  { module: 'events', path: ['EventEmitter', 'on'] },
];
