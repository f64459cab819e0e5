/**
 * Paired calls: an `open` whose `close` must run on every path, exceptions included
 * (`require-paired-calls`). Data only; users add their own pairs in the rule's options.
 */

/**
 * How a close finds its open.
 * - `returned`: the open returns a handle and the close is a method of it (`span.end()`), a
 *   call of it (the release function `async-mutex` hands out), or a call that receives it
 *   (`pool.release(resource)`).
 * - `argument`: the close is called on the same receiver with the same first argument
 *   (`console.time(label)` … `console.timeEnd(label)`; no argument: the same receiver).
 */
export type PairMatch = 'returned' | 'argument';

export interface PairSpec {
  /** The opening method or function. A dotted name pins the receiver: `console.time`. */
  open: string;
  /** The closing method(s) or function(s); dotted names pin the receiver too. */
  close: readonly string[];
  match: PairMatch;
  /**
   * Evidence for generic names (`connect`, `acquire`): a handle that is never closed at all
   * is reported only in files importing this package. A handle closed on some paths is
   * always checked.
   */
  package?: string;
  /** Words for messages: `span`, `pool client` (`''`: none). */
  label: string;
  /** The handle is the release function itself (`const release = await mutex.acquire()`). */
  callable?: boolean;
  /** The open (and its close) is this module's export: `fs.watchFile`, not any `watchFile`. */
  module?: string;
  /**
   * An open whose function never closes it is reported too, where it cannot be meant to live
   * as long as the process: started in a class that has a release method, in a promise that
   * settles, in code that runs per request, iteration or event, or in a test. A file that calls
   * the close anywhere is left alone (the key may be kept and closed elsewhere).
   */
  closeUnlessLongLived?: boolean;
}

export const DEFAULT_PAIRS: readonly PairSpec[] = [
  // fs: `watchFile` polls the file's stats, and keeps the process alive, until `unwatchFile`
  // with the same path (there is no method to close: the returned watcher only has `unref`).
  // Started once for the life of the process (a config reloader, a dev script) it is meant to
  // live on; see `closeUnlessLongLived`.
  {
    open: 'watchFile',
    close: ['unwatchFile'],
    match: 'argument',
    module: 'fs',
    label: 'file poller',
    closeUnlessLongLived: true,
  },
  // pg: a client checked out of a pool goes back with `release()`. Where the catalog or the
  // types identify the pool, `require-dispose` owns the client (see the rule's doc).
  { open: 'connect', close: ['release'], match: 'returned', package: 'pg', label: 'pool client' },
  // OpenTelemetry: a span that is never ended is never exported.
  {
    open: 'startSpan',
    close: ['end'],
    match: 'returned',
    package: '@opentelemetry/api',
    label: 'span',
  },
  // The label stays registered, and the next `console.time` with it only warns.
  {
    open: 'console.time',
    close: ['console.timeEnd'],
    match: 'argument',
    label: 'console timer',
  },
  // async-mutex: `acquire()` resolves to the release function; `mutex.release()` also frees it.
  // Resource pools of the same shape (generic-pool, sequelize's) take the resource back with
  // `pool.release(resource)`, or `pool.destroy(resource)` to discard it.
  {
    open: 'acquire',
    close: ['release', 'destroy'],
    match: 'returned',
    package: 'async-mutex',
    label: 'lock',
    callable: true,
  },
];
