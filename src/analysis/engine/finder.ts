/**
 * The leak finder: the one entry point every lifecycle rule asks.
 *
 * A rule states which catalog entries it owns and what releases and hands them on
 * (`LeakSpec`); the finder gates the file, finds the acquisitions (the rule's own selection,
 * then the catalog, then types), runs the ownership engine on ESLint's code paths once the
 * file is walked, and hands the rule one `Finding` per leaking value with everything its
 * report needs: the resource, where it was acquired, every exit or throwing call that leaks
 * it, the release to call, whether `using` can be advised. Message text stays in the rule's
 * `meta.messages`; a finding carries only names, lines and code.
 *
 * A lifecycle rule then reads: select entries → state its spec → `createLeakFinder` → report.
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import { CATALOG, LISTENER_METHODS } from '../../catalog/index.js';
import type { ResourceEntry } from '../../catalog/types.js';
import {
  enclosingFunction,
  isFunctionNode,
  literalOption,
  outermostWrapper,
  type FunctionNode,
} from '../../utils/ast/index.js';
import { acquisitionText, exitText, releaseWords, type ReleaseWords } from '../fixes/describe.js';
import { declaratorOf, languageHasUsing } from '../fixes/leak-fixes.js';
import { fileMayAcquire, findAcquisition, needsRelease } from '../resolve/match.js';
import { typedDisposal, type Disposal, type TypedDisposal } from '../types/typed-disposal.js';
import type { LeakExit } from './exit-paths.js';
import {
  createOwnershipTracker,
  type BranchTest,
  type TrackSpec,
  type UseClassifier,
  type Verdict,
} from './ownership.js';
import { callsMethodOn, callsWithListener, listensFor, releasesEntry } from './release.js';

export type { LeakExit } from './exit-paths.js';
export type { BranchTest, TransferHow, Verdict } from './ownership.js';

export type Acquisition = TSESTree.CallExpression | TSESTree.NewExpression;

/** Which binding a use belongs to: the value itself, or its destructured `part` (`body`). */
export type Holder = 'value' | 'part';

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
  /**
   * The rule's own acquisitions, not catalog calls (a `setTimeout` whose callback aborts, a
   * child spawned with a pipe): `entryOf` returns the entry to track a call or `new` with, or
   * `null` to leave it to the catalog. Tracked whatever `owns` says. `worthAsking` is a cheap
   * text test of the file, as for `byType`; without it, files the catalog gate lets in are
   * asked (a same-file wrapper of a catalog acquisition is in such a file).
   */
  select?: {
    worthAsking?: (text: string) => boolean;
    entryOf: (node: Acquisition) => ResourceEntry | null;
  };
  /**
   * A listener for one of the entry's `liveEvents` (`socket.on('data', …)`) hands the value
   * on to its event flow, chained on the acquisition or on a binding.
   */
  liveListenersHandOff?: boolean;
  /**
   * Follow bindings assigned again (`fd = null` before the `finally` that closes it): an
   * assignment reached while the value is held unreleased comes to this callback. Without
   * it such bindings are not followed.
   */
  onOverwritten?(this: void, finding: OverwriteFinding): void;
  /** Passing the value to a function the engine does not know hands it over. */
  unknownCalleeTakesOwnership: boolean;
  /** Also report releases that a throw between acquisition and release would skip. */
  exceptionPaths: boolean;
  /** Explicit `throw` statements that leave the function are exits that leak too. */
  throwPaths?: boolean;
  /**
   * More uses that release than the entry's own release vocabulary. `ref` is a reference (an
   * `Identifier`) of the binding, an alias or the destructured `part`, or the value itself
   * where it is never bound (`(await fetch(u)).json()`).
   */
  isRelease?(this: void, ref: TSESTree.Node, entry: ResourceEntry, holder: Holder): boolean;
  /**
   * Uses that hand the value on to someone who will release it (the engine knows returns,
   * stores, `pipeline`, `DisposableStack`, unknown callees per option). Placed on the path
   * where they happen, a callback's where it is created.
   */
  isHandOff?(this: void, ref: TSESTree.Node, entry: ResourceEntry, holder: Holder): boolean;
  /**
   * The only uses that release, replacing the entry's own vocabulary (and `isRelease`): a
   * child process is released by observing its exit, not by `kill()`.
   */
  releasesOnly?(this: void, ref: TSESTree.Node, entry: ResourceEntry, holder: Holder): boolean;
  /**
   * Called for every acquisition the rule tracks with its verdict, leak or not, before its
   * finding: for rules whose resources carry obligations besides the release.
   */
  onVerdict?(this: void, node: Acquisition, entry: ResourceEntry, verdict: Verdict): void;
  /** Uses that only look at the value (`res.status`): a value never bound and only looked at is dropped. */
  isPeek?(this: void, ref: TSESTree.Node, entry: ResourceEntry, holder: Holder): boolean;
  /**
   * The property holding the resource when the value is destructured (`const { body } =
   * await request(u)`); default: the entry's `releaseOn`.
   */
  part?: string;
  /**
   * A test saying the value holds nothing (`res.status === 204`): exits in its branch do not
   * leak. A `switch` asks with the `case` (its `parent` holds the discriminant).
   */
  holdsNothingWhen?(
    this: void,
    test: BranchTest,
    entry: ResourceEntry,
    names: ReadonlySet<string>,
  ): boolean;
  /**
   * Parameters the rule tracks as resources the function is given: `entryOf` returns the entry
   * of a plain identifier parameter of `fn`, or `null`. Such a value is the caller's until the
   * function releases it on some path: then the function owns it, and `onLeak` hears of every
   * exit that leaves it held (a function that never releases it leaks nothing). Tracked with
   * the same spec as acquisitions, except that passing it to any function hands it on (its
   * ownership is only inferred), and `releasesOnly`, where given, replaces the spec's.
   * `worthAsking` is a cheap text test of the file.
   */
  parameters?: {
    worthAsking: (text: string) => boolean;
    entryOf: (param: TSESTree.Identifier, fn: FunctionNode) => ResourceEntry | null;
    onLeak: (finding: ParameterFinding) => void;
    releasesOnly?(this: void, ref: TSESTree.Node, entry: ResourceEntry, holder: Holder): boolean;
  };
}

/** A parameter the function owns (it releases it on some path) and leaks on others. */
export interface ParameterFinding {
  param: TSESTree.Identifier;
  fn: FunctionNode;
  entry: ResourceEntry;
  /** Every exit that leaves it held, in source order. */
  exits: readonly LeakExit[];
  /** The releases that other paths reach. */
  releases: readonly TSESTree.Node[];
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

/** The verdicts that are findings. */
export type LeakVerdict = Extract<
  Verdict,
  { kind: 'leaks' } | { kind: 'not-exception-safe' } | { kind: 'discarded' }
>;

export interface Finding {
  node: Acquisition;
  entry: ResourceEntry;
  verdict: LeakVerdict;
  words: FindingWords;
  /** Every exit that leaks the value, in source order (`leaks` verdicts; else empty). */
  exits: readonly LeakExit[];
  /**
   * `the function returns at line 9` and the like, for `leaks` verdicts.
   * @deprecated Prose: name `exits` (see `exitLine`) in the rule's own messages instead.
   */
  exit?: string;
  /** The type-aware helpers of this file, when it has type information. */
  typed: TypedDisposal | null;
}

/** A value dropped by an assignment to its binding while still held (`onOverwritten`). */
export interface OverwriteFinding {
  node: Acquisition;
  entry: ResourceEntry;
  verdict: Extract<Verdict, { kind: 'overwritten' }>;
  words: FindingWords;
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

/**
 * One gate array per set of owned entries, whoever asks: rules write `owns` as a closure made
 * per file, and a new array would cost `fileMayAcquire` a new catalog index on every file.
 */
const gates = new Map<string, readonly ResourceEntry[]>();
const withExtra = new WeakMap<
  readonly ResourceEntry[],
  Map<readonly ResourceEntry[], readonly ResourceEntry[]>
>();

const gatesByOwns = new WeakMap<LeakSpec['owns'], readonly ResourceEntry[]>();

function gateOf(spec: LeakSpec): readonly ResourceEntry[] {
  let gate = gatesByOwns.get(spec.owns);
  if (gate === undefined) {
    const owned = CATALOG.filter(spec.owns);
    const key = owned.map((entry) => entry.id).join('\u0000');
    gate = gates.get(key);
    if (gate === undefined) gates.set(key, (gate = gateFor(owned)));
    gatesByOwns.set(spec.owns, gate);
  }
  const extra = spec.extra ?? [];
  if (extra.length === 0) return gate;
  let byGate = withExtra.get(extra);
  if (byGate === undefined)
    withExtra.set(extra, (byGate = new Map<readonly ResourceEntry[], readonly ResourceEntry[]>()));
  let combined = byGate.get(gate);
  if (combined === undefined) byGate.set(gate, (combined = [...extra, ...gate]));
  return combined;
}

/** A callback-form acquisition (`pool.connect((err, client) => …)`) hands the resource on. */
function hasCallback(node: Acquisition): boolean {
  const last = node.arguments[node.arguments.length - 1];
  return last?.type === 'ArrowFunctionExpression' || last?.type === 'FunctionExpression';
}

/** What `node` acquires: the catalog (and `extra`) first, then its type (with `typed`). */
export function acquisitionEntry(
  sourceCode: Readonly<TSESLint.SourceCode>,
  node: Acquisition,
  typed: TypedDisposal | null,
  extra?: readonly ResourceEntry[],
): ResourceEntry | null {
  return findAcquisition(sourceCode, node, extra) ?? typed?.entryFor(node) ?? null;
}

/**
 * How a `using` declaration would dispose of what `node` acquires, or `null` where `using`
 * cannot be advised: the type (with `typed`, where the checker knows it), else the catalog
 * entry, does not say it is disposable; the file's language cannot parse `using` (JavaScript,
 * TypeScript before 5.2); or `await using` would sit outside an async function.
 */
export function usingFor(
  context: Context,
  node: Acquisition,
  entry: ResourceEntry,
  typed: TypedDisposal | null,
): Disposal | null {
  if (!languageHasUsing(context.filename)) return null;
  // The value held: the binding, or the settled value of a dropped `await`.
  const held =
    declaratorOf(node)?.id ?? (node.parent.type === 'AwaitExpression' ? node.parent : node);
  // The type decides where it is known: TS2850 where it lacks `[Symbol.dispose]`.
  const disposal =
    typed && typed.knowsType(held) ? typed.disposalOf(held) : (entry.disposable ?? null);
  if (disposal === 'async' && enclosingFunction(node)?.async !== true) return null;
  return disposal;
}

/** Methods that register a listener that stays (or fires once): `on`, `once`, `addListener`… */
const LIVE_LISTENER_METHODS: readonly string[] = [
  ...LISTENER_METHODS.add,
  ...LISTENER_METHODS.once,
];

/** `ref` registers a listener for one of the entry's `liveEvents`, by name or by method. */
function listensLive(ref: TSESTree.Node, entry: ResourceEntry): boolean {
  return (
    listensFor(ref, entry.liveEvents ?? [], LIVE_LISTENER_METHODS) ||
    callsWithListener(ref, entry.liveCallbacks ?? [])
  );
}

/** Kinds that destroy themselves when they fail (streams' `autoDestroy`). */
const DESTROYED_ON_FAILURE = new Set<ResourceEntry['kind']>(['file-stream', 'socket']);

/**
 * `fh.createReadStream()` without `{ autoClose: false }`: the stream takes the handle over
 * and closes it when it ends or is destroyed (the entry's `handOffMethods`).
 */
function handedToResult(ref: TSESTree.Node, entry: ResourceEntry): boolean {
  const methods = entry.handOffMethods;
  if (!methods || !callsMethodOn(ref, methods, undefined)) return false;
  const call = ref.parent!.parent as TSESTree.CallExpression;
  const autoClose = literalOption(call, 'autoClose');
  return (
    autoClose === null || (autoClose.value.type === 'Literal' && autoClose.value.value === true)
  );
}

/** The engine's spec for one entry: the entry's releases, and the rule's words on top. */
function trackSpecFor(
  sourceCode: Readonly<TSESLint.SourceCode>,
  spec: LeakSpec,
  entry: ResourceEntry,
): TrackSpec {
  const classify = (holder: Holder): UseClassifier => {
    const { isRelease, isHandOff, isPeek, releasesOnly } = spec;
    const base = releasesOnly
      ? (ref: TSESTree.Node): boolean => releasesOnly(ref, entry, holder)
      : releasesEntry(sourceCode, entry, holder);
    const ownHandOff = holder === 'value' && entry.handOffMethods !== undefined;
    const live =
      holder === 'value' && spec.liveListenersHandOff === true ? entry.liveEvents : undefined;
    return {
      isRelease:
        isRelease && !releasesOnly ? (ref) => base(ref) || isRelease(ref, entry, holder) : base,
      ...(isHandOff || ownHandOff || live
        ? {
            isHandOff: (ref) =>
              (ownHandOff && handedToResult(ref, entry)) ||
              (live !== undefined && listensLive(ref, entry)) ||
              (isHandOff?.(ref, entry, holder) ?? false),
          }
        : {}),
      ...(isPeek ? { isPeek: (ref) => isPeek(ref, entry, holder) } : {}),
    };
  };
  const part = spec.part ?? entry.releaseOn;
  const holdsNothingWhen = spec.holdsNothingWhen;
  return {
    ...classify('value'),
    unknownCalleeTakesOwnership: spec.unknownCalleeTakesOwnership,
    exceptionPaths: spec.exceptionPaths,
    throwPaths: spec.throwPaths === true,
    reassignLeaks: spec.onOverwritten !== undefined,
    destroysOnFailure: DESTROYED_ON_FAILURE.has(entry.kind),
    ...(part === undefined ? {} : { part: { name: part, ...classify('part') } }),
    ...(holdsNothingWhen
      ? { holdsNothingWhen: (test, names) => holdsNothingWhen(test, entry, names) }
      : {}),
  };
}

function isFinding(verdict: Verdict): verdict is LeakVerdict {
  return (
    verdict.kind === 'leaks' ||
    verdict.kind === 'not-exception-safe' ||
    verdict.kind === 'discarded'
  );
}

/**
 * The finder's listeners for a rule: spread them (with `mergeListeners` when the rule listens
 * to the same nodes), and `onFinding` is called for every leaking value once the file is
 * walked. Returns `{}` for files that cannot hold what the rule owns.
 */
export function createLeakFinder(
  context: Context,
  spec: LeakSpec,
  onFinding: (finding: Finding) => void,
): TSESLint.RuleListener {
  const sourceCode = context.sourceCode;
  const typed = spec.byType ? typedDisposal(context) : null;
  const text = sourceCode.text;
  const gated = fileMayAcquire(sourceCode, gateOf(spec));
  const select = spec.select;
  // A rule's own selection may be other exports of the modules (`execSync`): their import is
  // the gate then.
  const selects =
    select !== undefined &&
    (select.worthAsking?.(text) ??
      (gated || fileMayAcquire(sourceCode, gateOf(spec), { anyExport: true })));
  const params = spec.parameters?.worthAsking(text) === true ? spec.parameters : null;
  if (!gated && !(typed && spec.byType?.worthAsking(text)) && !selects && params === null)
    return {};

  const tracker = createOwnershipTracker(context);
  const found: { node: Acquisition; entry: ResourceEntry }[] = [];

  const consider = (node: Acquisition): void => {
    const own = selects ? select.entryOf(node) : null;
    if (!own && hasCallback(node)) return;
    const entry = own ?? acquisitionEntry(sourceCode, node, typed, spec.extra);
    if (!entry || (!own && (!spec.owns(entry) || !needsRelease(entry)))) return;
    // `net.connect(port).on('data', …)`: its event flow has it from the start.
    const live = spec.liveListenersHandOff === true ? entry.liveEvents : undefined;
    if (live && listensLive(outermostWrapper(node, { await: true }), entry)) return;
    found.push({ node, entry });
  };

  const given: { param: TSESTree.Identifier; fn: FunctionNode; entry: ResourceEntry }[] = [];
  const considerParameters = (fn: TSESTree.Node): void => {
    if (params === null || !isFunctionNode(fn)) return;
    for (const param of fn.params) {
      if (param.type !== 'Identifier') continue;
      const entry = params.entryOf(param, fn);
      if (entry) given.push({ param, fn, entry });
    }
  };

  /** Parameters: owned where some path releases them, reported where others leave them held. */
  const judgeParameters = (): void => {
    if (params === null) return;
    const givenSpec: LeakSpec = {
      ...spec,
      unknownCalleeTakesOwnership: true,
      ...(params.releasesOnly ? { releasesOnly: params.releasesOnly } : {}),
    };
    for (const { param, fn, entry } of given) {
      const verdict = tracker.analyzeParameter(
        param,
        fn,
        trackSpecFor(sourceCode, givenSpec, entry),
      );
      if (verdict.kind !== 'leaks' || verdict.releases.length === 0) continue;
      params.onLeak({ param, fn, entry, exits: verdict.exits, releases: verdict.releases });
    }
  };

  return {
    ...tracker.listeners,
    CallExpression: consider,
    NewExpression: consider,
    ...(params === null ? {} : { ':function': considerParameters }),
    'Program:exit'(): void {
      judgeParameters();
      for (const { node, entry } of found) {
        const verdict = tracker.analyze(node, trackSpecFor(sourceCode, spec, entry));
        spec.onVerdict?.(node, entry, verdict);
        if (!isFinding(verdict) && verdict.kind !== 'overwritten') continue;
        const name = verdict.kind === 'discarded' ? '' : verdict.name;
        const source = acquisitionText(sourceCode, node);
        const using = usingFor(context, node, entry, typed);
        const words = {
          ...releaseWords(entry, name, source, using, enclosingFunction(node)?.async === true),
          name,
          label: entry.label,
          source,
          line: String(node.loc.start.line),
        };
        if (verdict.kind === 'overwritten') {
          spec.onOverwritten?.({ node, entry, verdict, words });
          continue;
        }
        if (!isFinding(verdict)) continue;
        onFinding({
          node,
          entry,
          verdict,
          typed,
          words,
          exits: verdict.kind === 'leaks' ? verdict.exits : [],
          ...(verdict.kind === 'leaks' ? { exit: exitText(verdict.exit, verdict.loop) } : {}),
        });
      }
    },
  };
}
