/** Worker threads and readline interfaces: both keep the event loop alive until closed. */
import type { ResourceEntry } from './types.js';

/**
 * A readline interface closes itself when its input ends (a file, a child's output): one read
 * line by line (`'line'`) or waited on (`'close'`) is its input's business. Over the terminal
 * the input never ends, so an interface that is not closed keeps the process alive, except
 * in code that runs once per process.
 */
const READLINE = {
  liveEvents: ['line', 'close', 'history', 'SIGINT'],
  closeEvents: ['close'],
  processLifetimeOver: ['stdin'],
} as const satisfies Partial<ResourceEntry>;

export const WORKER_ENTRIES: readonly ResourceEntry[] = [
  {
    id: 'worker_threads.Worker',
    label: 'worker thread',
    kind: 'worker',
    acquire: { via: 'new', from: [{ module: 'worker_threads', path: ['Worker'] }] },
    releaseMethods: ['terminate'],
    asyncRelease: true,
    typePackage: 'worker_threads',
    typeNames: ['Worker'],
  },
  {
    id: 'readline.createInterface',
    label: 'readline interface',
    kind: 'readline',
    acquire: {
      via: 'either',
      from: [
        { module: 'readline', path: ['createInterface'] },
        { module: 'readline', path: ['Interface'] },
      ],
    },
    releaseMethods: ['close'],
    ...READLINE,
    typePackage: 'readline',
    typeNames: ['Interface'],
  },
  {
    id: 'readline/promises.createInterface',
    label: 'readline interface',
    kind: 'readline',
    acquire: { via: 'call', from: [{ module: 'readline', path: ['promises', 'createInterface'] }] },
    releaseMethods: ['close'],
    ...READLINE,
    typePackage: 'readline/promises',
    typeNames: ['Interface'],
  },
];
