/**
 * Cancellation: the timers that abort a controller or race a promise (`no-leaked-abort-timer`),
 * where an `AbortSignal` comes from, and the APIs that accept one (`forward-abort-signal`).
 */
import type { ExportRef, ReleaseCall, ResourceEntry } from './types.js';

const clearCalls: readonly ReleaseCall[] = [
  { fn: { module: 'global', path: ['clearTimeout'] }, argIndex: 0 },
  { fn: { module: 'timers', path: ['clearTimeout'] }, argIndex: 0 },
  { fn: { module: 'global', path: ['clearInterval'] }, argIndex: 0 },
  { fn: { module: 'timers', path: ['clearInterval'] }, argIndex: 0 },
];

/** The timer functions whose callback may abort or reject (`setTimeout`, `setInterval`). */
export const TIMER_STARTERS: readonly ExportRef[] = [
  { module: 'global', path: ['setTimeout'] },
  { module: 'timers', path: ['setTimeout'] },
  { module: 'global', path: ['setInterval'] },
  { module: 'timers', path: ['setInterval'] },
];

/**
 * A timer whose callback aborts a controller: it must be cleared when the work it guards
 * settles, or it keeps the controller, its listeners and the event loop alive until it fires.
 */
export const ABORT_TIMER: ResourceEntry = {
  id: 'abort-timer',
  label: 'abort timer',
  kind: 'timer',
  acquire: { via: 'call', from: TIMER_STARTERS },
  releaseMethods: ['close'],
  releaseCalls: clearCalls,
};

/** `controller.abort()`: the receivers that look like a controller, by name. */
export const CONTROLLER_NAME = /(?:controller|ctrl|^ac$|abort|cancel)/i;

/** `AbortSignal.timeout(ms)` / `AbortSignal.any([...])` and friends: signals made locally. */
export const SIGNAL_FACTORIES: readonly ExportRef[] = [
  { module: 'global', path: ['AbortSignal', 'timeout'] },
  { module: 'global', path: ['AbortSignal', 'any'] },
  { module: 'global', path: ['AbortSignal', 'abort'] },
];

/**
 * APIs that accept an `AbortSignal`, and where: `options` is the index of the options object
 * whose `signal` property takes it. `child_process` spawners are left to
 * `child-process-lifecycle`, which already asks for `signal`.
 */
export interface SignalAcceptor {
  fn: ExportRef;
  /**
   * Index of the options argument that takes `{ signal }`; `'after-streams'` for
   * `stream/promises` `pipeline(...streams, options?)`, whose options follow any number of streams.
   */
  options: number | 'after-streams';
  /** Readable name for messages. */
  label: string;
}

const acceptor = (
  module: string,
  path: string[],
  options: number | 'after-streams',
  label: string,
): SignalAcceptor => ({
  fn: { module, path },
  options,
  label,
});

export const SIGNAL_ACCEPTORS: readonly SignalAcceptor[] = [
  acceptor('global', ['fetch'], 1, 'fetch()'),
  acceptor('undici', ['fetch'], 1, 'undici fetch()'),
  acceptor('undici', ['request'], 1, 'undici request()'),
  acceptor('undici', ['stream'], 1, 'undici stream()'),
  acceptor('timers', ['promises', 'setTimeout'], 2, 'setTimeout() from timers/promises'),
  acceptor('timers', ['promises', 'setInterval'], 2, 'setInterval() from timers/promises'),
  acceptor('timers', ['promises', 'setImmediate'], 1, 'setImmediate() from timers/promises'),
  acceptor('events', ['once'], 2, 'events.once()'),
  acceptor('events', ['on'], 2, 'events.on()'),
  acceptor('events', ['EventEmitter', 'once'], 2, 'events.once()'),
  acceptor('events', ['EventEmitter', 'on'], 2, 'events.on()'),
  acceptor('fs', ['promises', 'readFile'], 1, 'fs/promises readFile()'),
  acceptor('fs', ['promises', 'writeFile'], 2, 'fs/promises writeFile()'),
  acceptor('fs', ['promises', 'appendFile'], 2, 'fs/promises appendFile()'),
  acceptor('fs', ['promises', 'watch'], 1, 'fs/promises watch()'),
  acceptor('stream', ['promises', 'finished'], 1, 'stream finished()'),
  acceptor('stream', ['promises', 'pipeline'], 'after-streams', 'stream pipeline()'),
  acceptor('readline', ['promises', 'Interface', 'question'], 1, 'readline question()'),
];
