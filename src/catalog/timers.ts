/** Timers: intervals must be cleared; a one-shot timeout releases itself when it fires. */
import type { ReleaseCall, ResourceEntry } from './types.js';

const clearCalls: readonly ReleaseCall[] = [
  { fn: { module: 'global', path: ['clearInterval'] }, argIndex: 0 },
  { fn: { module: 'timers', path: ['clearInterval'] }, argIndex: 0 },
  // Node clears either kind with either function.
  { fn: { module: 'global', path: ['clearTimeout'] }, argIndex: 0 },
  { fn: { module: 'timers', path: ['clearTimeout'] }, argIndex: 0 },
];

export const TIMER_ENTRIES: readonly ResourceEntry[] = [
  {
    id: 'setInterval',
    label: 'interval',
    kind: 'timer',
    acquire: {
      via: 'call',
      from: [
        { module: 'global', path: ['setInterval'] },
        { module: 'timers', path: ['setInterval'] },
      ],
    },
    releaseMethods: ['close'],
    releaseCalls: clearCalls,
    disposable: 'sync',
  },
  {
    id: 'setTimeout',
    label: 'timeout',
    kind: 'timer',
    acquire: {
      via: 'call',
      from: [
        { module: 'global', path: ['setTimeout'] },
        { module: 'timers', path: ['setTimeout'] },
      ],
    },
    releaseMethods: ['close'],
    releaseCalls: clearCalls,
    selfReleasing: true,
    disposable: 'sync',
  },
  {
    id: 'timers/promises.setInterval',
    label: 'interval iterator',
    kind: 'timer',
    acquire: { via: 'call', from: [{ module: 'timers', path: ['promises', 'setInterval'] }] },
    releaseMethods: ['return'],
    asyncRelease: true,
  },
];
