/**
 * The leak finder: the one entry point every lifecycle rule asks.
 *
 * A rule states which catalog entries it owns and what releases and hands them on
 * (`LeakSpec`); the finder gates the file, finds the acquisitions (catalog first, then types),
 * runs the ownership engine on ESLint's code paths once the file is walked, and hands the
 * rule one `Finding` per leak with everything its report needs: the resource, where it was
 * acquired, the exit or throwing call that leaks it, the release to call. Message text stays
 * in the rule's `meta.messages`; a finding carries only names, lines and code.
 *
 * A lifecycle rule then reads: select entries → state its spec → `createLeakFinder` → report.
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import { CATALOG } from '../../catalog/index.js';
import type { ResourceEntry } from '../../catalog/types.js';
import { acquisitionText, exitText, releaseWords, type ReleaseWords } from '../fixes/describe.js';
import { fileMayAcquire, findAcquisition } from '../resolve/match.js';
import { typedDisposal, type TypedDisposal } from '../types/typed-disposal.js';
import { createOwnershipTracker, type TrackSpec, type Verdict } from './ownership.js';
import { releaseSpec } from './release.js';

export type Acquisition = TSESTree.CallExpression | TSESTree.NewExpression;

type Context = Readonly<TSESLint.RuleContext<string, readonly unknown[]>>;

export interface LeakSpec {
  /** Whether the rule owns resources of this entry (catalog, user or typed entries). */
  owns: (entry: ResourceEntry) => boolean;
  /** User entries from the rule's options (`entriesFromOptions`), tried before the catalog. */
  extra?: readonly ResourceEntry[];
  /**
   * Ask the type checker for disposables the catalog does not know, in files with type
   * information. `worthAsking` is a cheap text test: a file it rejects is not asked about.
   */
  byType?: { worthAsking: (text: string) => boolean };
  /** Passing the value to a function the engine does not know hands it over. */
  unknownCalleeTakesOwnership: boolean;
  /** Also report releases that a throw between acquisition and release would skip. */
  exceptionPaths: boolean;
  /** More uses that release than the entry's own release vocabulary. */
  isRelease?: (ref: TSESTree.Identifier, entry: ResourceEntry) => boolean;
}

/** What a report needs to name: all of it data, none of it prose. */
export interface FindingWords extends ReleaseWords {
  /** The binding (`fh`), or `''` for a dropped value. */
  name: string;
  /** The catalog label (`file handle`). */
  label: string;
  /** The acquiring code (`fs.promises.open()`). */
  source: string;
  /** Where it was acquired. */
  line: string;
}

export type LeakVerdict = Extract<
  Verdict,
  { kind: 'leaks' } | { kind: 'not-exception-safe' } | { kind: 'discarded' }
>;

export interface Finding {
  node: Acquisition;
  entry: ResourceEntry;
  verdict: LeakVerdict;
  words: FindingWords;
  /** `the function returns at line 9` and the like, for `leaks` verdicts. */
  exit?: string;
  /** The type-aware helpers of this file, when it has type information. */
  typed: TypedDisposal | null;
}

/**
 * The entries a file must import or name before a rule owning `owned` has anything to find
 * in it: those entries, and the ones they are acquired from (`pool.connect()` needs a pool).
 */
export function gateFor(owned: readonly ResourceEntry[]): readonly ResourceEntry[] {
  return [
    ...owned,
    ...CATALOG.filter((entry) =>
      owned.some((o) => o.acquireMethod?.receiverIds.includes(entry.id) === true),
    ),
  ];
}

const gates = new WeakMap<LeakSpec['owns'], readonly ResourceEntry[]>();

function gateOf(spec: LeakSpec): readonly ResourceEntry[] {
  let gate = gates.get(spec.owns);
  if (gate === undefined) {
    gate = gateFor(CATALOG.filter(spec.owns));
    gates.set(spec.owns, gate);
  }
  const extra = spec.extra ?? [];
  return extra.length === 0 ? gate : [...extra, ...gate];
}

/** A callback-form acquisition (`pool.connect((err, client) => …)`) hands the resource on. */
function hasCallback(node: Acquisition): boolean {
  const last = node.arguments[node.arguments.length - 1];
  return last?.type === 'ArrowFunctionExpression' || last?.type === 'FunctionExpression';
}

/**
 * The finder's listeners for a rule: spread them (with `mergeListeners` when the rule listens
 * to the same nodes), and `onFinding` is called for every leak once the file is walked.
 * Returns `{}` for files that cannot hold what the rule owns.
 */
export function createLeakFinder(
  context: Context,
  spec: LeakSpec,
  onFinding: (finding: Finding) => void,
): TSESLint.RuleListener {
  const sourceCode = context.sourceCode;
  const typed = spec.byType ? typedDisposal(context) : null;
  if (
    !fileMayAcquire(sourceCode, gateOf(spec)) &&
    !(typed && spec.byType?.worthAsking(sourceCode.text))
  )
    return {};

  const tracker = createOwnershipTracker(context);
  const found: { node: Acquisition; entry: ResourceEntry }[] = [];

  const consider = (node: Acquisition): void => {
    if (hasCallback(node)) return;
    const entry = findAcquisition(sourceCode, node, spec.extra);
    if (entry) {
      if (spec.owns(entry)) found.push({ node, entry });
      return;
    }
    const byType = typed?.entryFor(node);
    if (byType && spec.owns(byType)) found.push({ node, entry: byType });
  };

  const trackSpec = (entry: ResourceEntry): TrackSpec => {
    const base = releaseSpec(sourceCode, entry, spec);
    const more = spec.isRelease;
    return more ? { ...base, isRelease: (ref) => base.isRelease(ref) || more(ref, entry) } : base;
  };

  return {
    ...tracker.listeners,
    CallExpression: consider,
    NewExpression: consider,
    'Program:exit'(): void {
      for (const { node, entry } of found) {
        const verdict = tracker.analyze(node, trackSpec(entry));
        if (
          verdict.kind !== 'leaks' &&
          verdict.kind !== 'not-exception-safe' &&
          verdict.kind !== 'discarded'
        )
          continue;
        const name = verdict.kind === 'discarded' ? '' : verdict.name;
        const source = acquisitionText(sourceCode, node);
        onFinding({
          node,
          entry,
          verdict,
          typed,
          words: {
            ...releaseWords(entry, name, source),
            name,
            label: entry.label,
            source,
            line: String(node.loc.start.line),
          },
          ...(verdict.kind === 'leaks' ? { exit: exitText(verdict.exit, verdict.loop) } : {}),
        });
      }
    },
  };
}
