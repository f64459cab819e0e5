/**
 * The resource catalog: data only, one file per domain, and the schema of user-added
 * resources. It imports nothing from rules or analysis; matching call sites against it lives
 * in `src/analysis/match.ts`, user options become entries in `src/analysis/user-resources.ts`.
 */
import { CHILD_PROCESS_ENTRIES } from './child-process.js';
import { CLIENT_ENTRIES } from './clients.js';
import { EVENT_ENTRIES } from './events.js';
import { FS_ENTRIES } from './fs.js';
import { NET_HTTP_ENTRIES } from './net-http.js';
import { STACK_ENTRIES } from './stacks.js';
import { TIMER_ENTRIES } from './timers.js';
import type { ResourceEntry } from './types.js';
import { UNDICI_ENTRIES } from './undici.js';
import { WORKER_ENTRIES } from './workers.js';

export type * from './types.js';
export { LISTENER_METHODS, RECEIVER_METHODS } from './events.js';
export {
  DEFAULT_RELEASE_METHODS,
  releaseMethodsSchema,
  resourceSpecifierSchema,
  type ResourceSpecifier,
} from './options.js';

export const CATALOG: readonly ResourceEntry[] = [
  ...FS_ENTRIES,
  ...CHILD_PROCESS_ENTRIES,
  ...NET_HTTP_ENTRIES,
  ...UNDICI_ENTRIES,
  ...CLIENT_ENTRIES,
  ...TIMER_ENTRIES,
  ...EVENT_ENTRIES,
  ...WORKER_ENTRIES,
  ...STACK_ENTRIES,
];

const byId = new Map(CATALOG.map((entry) => [entry.id, entry]));

/** The catalog entry with this id (`pg.Pool`, `fs.createWriteStream`). */
export function catalogEntry(id: string): ResourceEntry | undefined {
  return byId.get(id);
}
