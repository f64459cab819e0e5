/**
 * `child_process`: every asynchronous spawn returns a `ChildProcess`. `kill()` is the release
 * the catalog knows; that the exit must also be awaited is `child-process-lifecycle`'s concern.
 */
import type { ResourceEntry } from './types.js';

const childProcess = {
  label: 'child process',
  kind: 'child-process',
  releaseMethods: ['kill'],
  disposable: 'sync',
  typePackage: 'child_process',
  typeNames: ['ChildProcess'],
} as const;

export const CHILD_PROCESS_ENTRIES: readonly ResourceEntry[] = [
  {
    ...childProcess,
    id: 'child_process.spawn',
    acquire: { via: 'call', from: [{ module: 'child_process', path: ['spawn'] }] },
  },
  {
    ...childProcess,
    id: 'child_process.exec',
    acquire: { via: 'call', from: [{ module: 'child_process', path: ['exec'] }] },
  },
  {
    ...childProcess,
    id: 'child_process.execFile',
    acquire: { via: 'call', from: [{ module: 'child_process', path: ['execFile'] }] },
  },
  {
    ...childProcess,
    id: 'child_process.fork',
    acquire: { via: 'call', from: [{ module: 'child_process', path: ['fork'] }] },
  },
];
