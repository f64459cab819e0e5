/**
 * What `no-dispose-injected` finds in a class-owner record: a release method (or a helper it
 * calls) that ends a field the class received, or one that may be the caller's
 * (`opts.agent ?? new Agent()`) without a record of who made it.
 *
 * "Received" is judged for precision: values a container or a framework module owns
 * (container lookups, `@InjectRepository()` and friends, constructor parameters of a DI
 * service class) and shared clients passed in (`pool: Pool`) are reported by default; other
 * parameters and token injection (`@Inject(REDIS)`, often a factory nobody else closes) only
 * with `checkAllParameters`. A NestJS `@Module()` class owns the providers it builds.
 */
import type { TSESTree } from '@typescript-eslint/utils';

import {
  isReceived,
  type Acquired,
  type ClassOwner,
  type FieldRecord,
  type FieldRelease,
  type Received,
  type ReleaseMethod,
} from '../../analysis/engine/class-owners.js';
import {
  DI_CLASS_DECORATORS,
  DI_MODULE_DECORATORS,
  ENDING_VERBS,
  MANAGED_INJECTORS,
  TOKEN_INJECTORS,
} from '../../catalog/classes.js';

export type Finding =
  | {
      kind: 'injected';
      field: FieldRecord;
      release: FieldRelease;
      method: ReleaseMethod;
      received: Received;
    }
  | {
      kind: 'mixed';
      field: FieldRecord;
      release: FieldRelease;
      method: ReleaseMethod;
      received: Received;
      acquired: Acquired;
    };

export interface FindOptions {
  names: readonly string[];
  checkAllParameters: boolean;
}

type Status =
  | { kind: 'injected'; received: Received }
  | { kind: 'mixed'; received: Received; acquired: Acquired }
  | null;

const hasAny = (names: readonly string[], list: readonly string[]): boolean =>
  names.some((name) => list.includes(name));

/** Whether releasing `received` is surely wrong (or, with `checkAll`, whether it is received at all). */
function reportable(received: Received, diClass: boolean, checkAll: boolean): boolean {
  // `static async open() { const client = …; return new Store(client) }`: the class's own.
  if (received.kind === 'parameter' && received.transferred) return false;
  if (checkAll || received.kind === 'container') return true;
  if (hasAny(received.decorators, TOKEN_INJECTORS)) return false;
  if (received.kind === 'injected' || hasAny(received.decorators, MANAGED_INJECTORS)) return true;
  if (received.where !== 'constructor' || received.part) return false;
  return diClass || received.type?.client === true;
}

/** What the field holds, for this rule: received (and reportable), mixed, or neither. */
function statusOf(field: FieldRecord, diClass: boolean, checkAll: boolean): Status {
  const holdings = field.assignments.map((a) => a.holds).filter((h) => h.kind !== 'cleared');
  if (holdings.some((h) => h.kind === 'unknown' || h.kind === 'collection')) return null;
  const mixed = holdings.find((h) => h.kind === 'mixed');
  if (mixed?.kind === 'mixed')
    return { kind: 'mixed', received: mixed.received, acquired: mixed.acquired };
  const received = holdings.filter(isReceived);
  const acquired = holdings.find((h) => h.kind === 'acquisition');
  if (received[0] !== undefined && acquired?.kind === 'acquisition')
    return { kind: 'mixed', received: received[0], acquired };
  if (received.length === 0 || received.length !== holdings.length) return null;
  const shown = received.find((r) => reportable(r, diClass, checkAll));
  return shown === undefined ? null : { kind: 'injected', received: shown };
}

/** The calls that end what the field holds: the ending verbs and its catalog entry's own. */
function endsIt(release: FieldRelease, status: NonNullable<Status>): boolean {
  if (release.how !== 'method') return false;
  if (ENDING_VERBS.includes(release.verb)) return true;
  const entry =
    status.kind === 'mixed'
      ? status.acquired.entry
      : status.received.kind === 'parameter'
        ? status.received.type
        : null;
  return entry?.releaseMethods.includes(release.verb) === true;
}

export function findings(owner: ClassOwner, options: FindOptions): Finding[] {
  const checkAll = options.checkAllParameters;
  if (hasAny(owner.decorators, DI_MODULE_DECORATORS) && !checkAll) return [];
  const diClass = hasAny(owner.decorators, DI_CLASS_DECORATORS);
  const out: Finding[] = [];
  const seen = new Set<TSESTree.Node>();
  for (const method of owner.releaseMethods(options.names)) {
    const reached = new Set(method.reaches);
    for (const field of owner.fields.values()) {
      const status = statusOf(field, diClass, checkAll);
      if (status === null) continue;
      for (const release of field.releases) {
        if (release.member === null || !reached.has(release.member) || seen.has(release.node))
          continue;
        if (!endsIt(release, status)) continue;
        // `if (this.#ownsAgent) await this.#agent.close()`: who made it is recorded.
        if (status.kind === 'mixed' && release.guards.some((key) => key !== field.key)) continue;
        seen.add(release.node);
        out.push({ ...status, field, release, method });
      }
    }
  }
  return out;
}
