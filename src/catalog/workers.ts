/** Worker threads and readline interfaces: both keep the event loop alive until closed. */
import type { ResourceEntry } from './types.js';

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
    typePackage: 'readline',
    typeNames: ['Interface'],
  },
  {
    id: 'readline/promises.createInterface',
    label: 'readline interface',
    kind: 'readline',
    acquire: { via: 'call', from: [{ module: 'readline', path: ['promises', 'createInterface'] }] },
    releaseMethods: ['close'],
    typePackage: 'readline/promises',
    typeNames: ['Interface'],
  },
];
