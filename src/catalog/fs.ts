/** `fs` and `fs/promises`: descriptors, handles, streams, directories, watchers. */
import type { ResourceEntry } from './types.js';

const closeCalls = [
  { fn: { module: 'fs', path: ['close'] }, argIndex: 0 },
  { fn: { module: 'fs', path: ['closeSync'] }, argIndex: 0 },
] as const;

export const FS_ENTRIES: readonly ResourceEntry[] = [
  {
    id: 'fs.open',
    label: 'file descriptor',
    kind: 'file-descriptor',
    acquire: { via: 'call', from: [{ module: 'fs', path: ['open'] }] },
    callbackResult: 1,
    releaseMethods: [],
    releaseCalls: closeCalls,
  },
  {
    id: 'fs.openSync',
    label: 'file descriptor',
    kind: 'file-descriptor',
    acquire: { via: 'call', from: [{ module: 'fs', path: ['openSync'] }] },
    releaseMethods: [],
    releaseCalls: closeCalls,
  },
  {
    id: 'fs.promises.open',
    label: 'file handle',
    kind: 'file-handle',
    acquire: { via: 'call', from: [{ module: 'fs', path: ['promises', 'open'] }] },
    releaseMethods: ['close'],
    asyncRelease: true,
    asyncAcquire: true,
    // `filehandle[Symbol.asyncDispose]()` closes it (Node 18.18 / 20.4 and later).
    disposable: 'async',
    // The stream closes the handle when it ends or is destroyed (`autoClose`).
    handOffMethods: ['createReadStream', 'createWriteStream'],
    typePackage: 'fs/promises',
    typeNames: ['FileHandle'],
  },
  {
    id: 'fs.createReadStream',
    label: 'read stream',
    kind: 'file-stream',
    acquire: { via: 'call', from: [{ module: 'fs', path: ['createReadStream'] }] },
    releaseMethods: ['destroy', 'close'],
    selfReleasing: true,
    typePackage: 'fs',
    typeNames: ['ReadStream'],
  },
  {
    id: 'fs.createWriteStream',
    label: 'write stream',
    kind: 'file-stream',
    acquire: { via: 'call', from: [{ module: 'fs', path: ['createWriteStream'] }] },
    releaseMethods: ['end', 'destroy', 'close'],
    typePackage: 'fs',
    typeNames: ['WriteStream'],
  },
  {
    id: 'fs.promises.opendir',
    label: 'directory handle',
    kind: 'directory',
    acquire: { via: 'call', from: [{ module: 'fs', path: ['promises', 'opendir'] }] },
    releaseMethods: ['close'],
    asyncRelease: true,
    asyncAcquire: true,
    typePackage: 'fs',
    typeNames: ['Dir'],
  },
  {
    id: 'fs.opendir',
    label: 'directory handle',
    kind: 'directory',
    acquire: { via: 'call', from: [{ module: 'fs', path: ['opendir'] }] },
    callbackResult: 1,
    releaseMethods: ['close', 'closeSync'],
  },
  {
    id: 'fs.opendirSync',
    label: 'directory handle',
    kind: 'directory',
    acquire: { via: 'call', from: [{ module: 'fs', path: ['opendirSync'] }] },
    releaseMethods: ['closeSync', 'close'],
    typePackage: 'fs',
    typeNames: ['Dir'],
  },
  {
    id: 'fs.watch',
    label: 'file watcher',
    kind: 'watcher',
    acquire: { via: 'call', from: [{ module: 'fs', path: ['watch'] }] },
    releaseMethods: ['close'],
    // `watcher.on('change', …)` watches on after the function: the listener owns it.
    liveEvents: ['change', 'close'],
    closeEvents: ['close'],
    typePackage: 'fs',
    typeNames: ['FSWatcher'],
  },
];
