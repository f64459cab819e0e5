/**
 * Finalizers: what a `FinalizationRegistry` cleanup callback may do (free a native handle) and
 * what it must not (release a JS-managed resource, which should be released explicitly; the
 * callback may run late or never). Node made "close a FileHandle on garbage collection" an
 * error for the same reason.
 */
import type { ExportRef } from './types.js';

/** Methods that release a JS-managed resource, with the verb a message uses. */
export const MANAGED_RELEASE_METHODS: Readonly<Record<string, string>> = {
  close: 'closes',
  destroy: 'destroys',
  end: 'ends',
  kill: 'kills',
  abort: 'aborts',
  terminate: 'terminates',
  disconnect: 'disconnects',
  dispose: 'disposes of',
  disposeAsync: 'disposes of',
  release: 'releases',
  quit: 'quits',
  '[Symbol.dispose]': 'disposes of',
  '[Symbol.asyncDispose]': 'disposes of',
};

/** Listener removal: a listener whose only removal is a finalizer stays until GC, if ever. */
export const LISTENER_REMOVERS: Readonly<Record<string, string>> = {
  off: 'removes a listener from',
  removeListener: 'removes a listener from',
  removeEventListener: 'removes a listener from',
  removeAllListeners: 'removes the listeners of',
};

/** Function forms that release JS-managed resources or files. */
export const MANAGED_RELEASE_FUNCTIONS: readonly { fn: ExportRef; verb: string }[] = [
  ...['clearInterval', 'clearTimeout', 'clearImmediate'].flatMap((name) => [
    { fn: { module: 'global', path: [name] }, verb: 'clears' },
    { fn: { module: 'timers', path: [name] }, verb: 'clears' },
  ]),
  ...['unlink', 'unlinkSync', 'rm', 'rmSync', 'rmdir', 'rmdirSync'].flatMap((name) => [
    { fn: { module: 'fs', path: [name] }, verb: 'deletes' },
    { fn: { module: 'fs', path: ['promises', name] }, verb: 'deletes' },
  ]),
  { fn: { module: 'global', path: ['process', 'kill'] }, verb: 'kills' },
];
