/**
 * The resource catalog: every entry, and the questions rules ask of it ("does this call acquire
 * a resource, and which?", "does this call release it?"). Entries live in one data file per
 * domain; matching lives in `match.ts`, user specifiers in `options.ts`.
 */
import type { TSESTree } from '@typescript-eslint/utils';

import type { SourceCodeLike } from '../analysis/imports.js';

import { CHILD_PROCESS_ENTRIES } from './child-process.js';
import { CLIENT_ENTRIES } from './clients.js';
import { EVENT_ENTRIES } from './events.js';
import { FS_ENTRIES } from './fs.js';
import { findAcquisitionIn } from './match.js';
import { NET_HTTP_ENTRIES } from './net-http.js';
import { STACK_ENTRIES } from './stacks.js';
import { TIMER_ENTRIES } from './timers.js';
import type { ResourceEntry } from './types.js';
import { UNDICI_ENTRIES } from './undici.js';
import { WORKER_ENTRIES } from './workers.js';

export type * from './types.js';
export { LISTENER_METHODS } from './events.js';
export { fileMayAcquire, findReleaseCall, needsRelease, refMatches } from './match.js';
export {
  DEFAULT_RELEASE_METHODS,
  entriesFromOptions,
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

/**
 * The catalog entry a `call(…)` or `new X(…)` acquires, or `null`. User entries (`extra`, from
 * `entriesFromOptions`) are tried first. Cheap: a lookup by the callee's last name before any
 * import resolution; memoised per node.
 */
export function findAcquisition(
  sourceCode: SourceCodeLike,
  node: TSESTree.CallExpression | TSESTree.NewExpression,
  extra?: readonly ResourceEntry[],
): ResourceEntry | null {
  return findAcquisitionIn(sourceCode, node, CATALOG, extra);
}
