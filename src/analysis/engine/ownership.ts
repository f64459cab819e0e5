/**
 * The ownership engine: is an acquired value released on every normal path out of the
 * function that owns it, or handed on to someone who will release it?
 *
 * One question, answered in four steps (see `shared/design/ENGINE.md`):
 * 1. Binding: where the acquired value goes (a local, a destructured `part`, `using`, a
 *    return, a call, nowhere).
 * 2. References: each use of the local and of its local aliases is a release, a transfer,
 *    a reassignment or a plain use. Uses inside a nested function are anchored at that
 *    function (we cannot know when a callback runs; a release in it discharges).
 * 3. Paths: on ESLint's code-path graph, collect from the acquisition every normal exit (the
 *    next iteration of its loop, and explicit throws where the spec says so) that meets no
 *    release and no transfer. Exits in a branch whose test says "nothing held" do not count.
 * 4. Exceptions: with every normal path released, a call or `await` between acquisition and
 *    a release that no `finally` (or releasing `catch`) covers leaks on a throw. Syntactic
 *    and cheap: which calls can throw is not modelled.
 *
 * The engine knows nothing of resource kinds: a rule says which uses release, hand on or
 * only look (`UseClassifier`); the words every rule shares are in `catalog/vocabulary.ts`.
 */
import { builtinModules } from 'node:module';

import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import { RECEIVER_METHODS } from '../../catalog/index.js';
import { STREAM_OWNERS } from '../../catalog/streams.js';
import {
  HARMLESS_CALLS,
  HARMLESS_ROOTS,
  OBSERVER_ROOTS,
  OWN_EVENT_WAITS,
  OWNING_CALLS,
  PIPING_METHODS,
  PROMISE_METHODS,
  RESOLVING_CALLS,
  STACKING_METHODS,
  STORING_METHODS,
} from '../../catalog/vocabulary.js';
import {
  anchorIn,
  calleeName,
  childrenOf,
  contains,
  enclosingFunction as nearestFunction,
  isFunctionNode,
  isWrapper,
  outermostWrapper,
  rootName,
  variableInScope,
  type FunctionNode,
  type SourceCodeLike,
} from '../../utils/ast/index.js';
import { segmentsAround, usePathFacts, type PathFacts, type Segment } from './code-paths.js';
import { walkFrom, type LeakExit } from './exit-paths.js';
import { guardOf, saysAbsent } from './guards.js';
import { resolveReference } from '../resolve/imports.js';
import { refMatches } from '../resolve/match.js';

type Variable = TSESLint.Scope.Variable;
type ScopeT = TSESLint.Scope.Scope;

export type TransferHow =
  | 'return'
  | 'yield'
  | 'field'
  | 'outer'
  | 'collection'
  | 'object'
  | 'callee'
  | 'pipeline'
  | 'stack'
  | 'resolve'
  | 'closure'
  /** The rule's own `isHandOff` said so. */
  | 'hand-off';

export type Verdict =
  /** Acquired outside any function: lives as long as the process. */
  | { kind: 'module' }
  /** A shape the engine does not follow; rules stay silent. */
  | { kind: 'unknown' }
  | { kind: 'released'; via: 'using' | 'release' }
  | { kind: 'transferred'; how: TransferHow; node: TSESTree.Node }
  /** Used (or not) and dropped without a binding: `createWriteStream(p).write(x)`. */
  | { kind: 'discarded'; node: TSESTree.Node }
  | {
      kind: 'leaks';
      name: string;
      /** The first exit that leaks it: the `return`, or the function whose end does. */
      exit: TSESTree.Node;
      /** The first exit is the next iteration of the loop it was acquired in. */
      loop: boolean;
      /** Every exit that leaks it, in source order (`exit`/`loop` name the first of them). */
      exits: readonly LeakExit[];
      /** The releases that other paths do reach. */
      releases: readonly TSESTree.Node[];
    }
  /**
   * The binding is given another value (`fd = null`, `conn = await connect()`) on a path
   * where it still holds this one, unreleased: nothing can release it after (only with the
   * spec's `reassignLeaks`).
   */
  | {
      kind: 'overwritten';
      name: string;
      /** The first assignment that drops it. */
      write: TSESTree.AssignmentExpression;
    }
  | {
      kind: 'not-exception-safe';
      name: string;
      /** The first call or `await` that can throw before the release. */
      call: TSESTree.Node;
      release: TSESTree.Node;
      /** Set when the value is handed on (not released) after `call`: where. */
      handOff?: TSESTree.Node;
    };

/**
 * How a rule classifies uses of a value. `ref` is a reference of the binding or an alias
 * (an `Identifier`), or the value itself where it is never bound (`(await fetch(u)).text()`).
 */
export interface UseClassifier {
  /** Whether this use releases the value. */
  isRelease(this: void, ref: TSESTree.Node): boolean;
  /**
   * Whether this use hands the value on to someone who will release it. Checked after
   * `isRelease` and before the engine's own vocabulary; a hand-off inside a callback counts
   * where the callback is created.
   */
  isHandOff?(this: void, ref: TSESTree.Node): boolean;
  /**
   * Whether this use only looks at the value (`res.status`). A value never bound and only
   * looked at is discarded; for a binding, a look is a plain use anyway.
   */
  isPeek?(this: void, ref: TSESTree.Node): boolean;
}

/** What selects a branch: an `if` test, or a `case` of a `switch`. */
export type BranchTest = TSESTree.Expression | TSESTree.SwitchCase;

export interface TrackSpec extends UseClassifier {
  /** Passing the value to a callee the engine does not know hands ownership to it. */
  unknownCalleeTakesOwnership: boolean;
  /** Check throw paths between acquisition and release (step 4). */
  exceptionPaths: boolean;
  /** Explicit `throw` statements that leave the function are exits that leak too. */
  throwPaths?: boolean;
  /**
   * Follow a binding that is assigned again in its function (`fd = null`, `x = open(b)`): an
   * assignment reached while it still holds the value, unreleased, is an `overwritten`
   * verdict. Without it such a binding is not followed (`unknown`).
   */
  reassignLeaks?: boolean;
  /**
   * The value destroys itself when it fails (a stream's `autoDestroy`): waiting on its own
   * events (`await once(s, 'open')`, `await finished(s)`) leaks nothing when it rejects.
   */
  destroysOnFailure?: boolean;
  /**
   * The property that holds the resource when the value is destructured
   * (`const { body } = await request(url)`): that binding is tracked, classified by `part`;
   * a pattern that leaves it out (and has no rest element) discards the resource.
   */
  part?: { name: string } & UseClassifier;
  /**
   * A test that, when true, says the value holds nothing to release (`res.status === 204`):
   * an exit inside the `if` branch it guards does not leak. A `case` is asked as itself (its
   * `parent` holds the discriminant): `switch (res.status) { case 204: return null }`.
   */
  holdsNothingWhen?(this: void, test: BranchTest, names: ReadonlySet<string>): boolean;
}

export interface OwnershipTracker {
  /** Spread into the rule's listeners: they record the code paths. */
  listeners: TSESLint.RuleListener;
  /** Call from `Program:exit`, when every function's path is complete. */
  analyze(acquisition: TSESTree.Expression, spec: TrackSpec): Verdict;
  /**
   * The same question for an acquisition that has no binding to follow, whose releases the
   * caller found itself (`console.time(label)` … `console.timeEnd(label)`: calls matched by
   * key). A release inside a nested function is a hand-off to whoever runs it. `name` names
   * the acquisition in the verdict; `names` are the identifiers that guard a release
   * (`if (monitor) monitor.stop(id)`). `spec.isRelease` is not asked.
   */
  analyzeReleases(
    acquisition: TSESTree.Expression,
    name: string,
    names: ReadonlySet<string>,
    releases: readonly TSESTree.Node[],
    spec: TrackSpec,
  ): Verdict;
  /**
   * The same question for a parameter (a plain identifier) of `fn`, held from the function's
   * entry: its uses are classified as a binding's are. Whether the function owns what it is
   * given is the caller's call (a release on some path, say: `leaks` verdicts list them).
   */
  analyzeParameter(param: TSESTree.Identifier, fn: FunctionNode, spec: TrackSpec): Verdict;
}

type Context = Readonly<TSESLint.RuleContext<string, readonly unknown[]>>;

const isFunction = isFunctionNode;

const BUILTINS = new Set(builtinModules.filter((m) => !m.startsWith('_')));

/** A class field initializer or static block runs once per instance/class: not a call. */
const enclosingFunction = (node: TSESTree.Node): FunctionNode | null =>
  nearestFunction(node, { stopAtClassMembers: true });

type Use =
  | { kind: 'release' }
  | { kind: 'transfer'; how: TransferHow }
  | { kind: 'alias'; variable: Variable }
  /** Destructured: `variable` holds the spec's `part` of the value. */
  | { kind: 'part'; variable: Variable }
  | { kind: 'reassign' }
  | { kind: 'use' };

/** What the engine needs besides the spec: scopes, and what a callee resolves to. */
interface Env {
  spec: TrackSpec;
  scopeOf(node: TSESTree.Node): ScopeT;
  /** The callee is a Node built-in (`fs.readSync`): it uses the value, never keeps it. */
  isBuiltin(callee: TSESTree.Node): boolean;
  /** The callee is Node's `pipeline`/`finished` under any name: it ends what it is given. */
  ownsStreams(callee: TSESTree.Node): boolean;
}

/** What happens to a value that ends up as an argument of `call`. */
function argumentUse(call: TSESTree.CallExpression | TSESTree.NewExpression, env: Env): Use {
  const spec = env.spec;
  const name = calleeName(call.callee);
  if (call.type === 'CallExpression' && call.callee.type === 'MemberExpression' && name) {
    if (STORING_METHODS.has(name)) return { kind: 'transfer', how: 'collection' };
    if (STACKING_METHODS.has(name)) return { kind: 'transfer', how: 'stack' };
    // `this.onOpen(fd)`: handed to the object that owns it, even in strict mode.
    if (call.callee.object.type === 'ThisExpression') return { kind: 'transfer', how: 'field' };
  }
  if ((name && OWNING_CALLS.has(name)) || env.ownsStreams(call.callee))
    return { kind: 'transfer', how: 'pipeline' };
  if (name && RESOLVING_CALLS.has(name)) return { kind: 'transfer', how: 'resolve' };
  const root = rootName(call.callee);
  if (root && OBSERVER_ROOTS.has(root)) return { kind: 'use' };
  if (env.isBuiltin(call.callee)) return { kind: 'use' };
  return spec.unknownCalleeTakesOwnership ? { kind: 'transfer', how: 'callee' } : { kind: 'use' };
}

/**
 * Follows a value up from `start` (an acquisition or a reference) to the place that decides
 * its fate. `owner` scopes which variables count as local.
 */
function sinkOf(
  start: TSESTree.Node,
  owner: FunctionNode,
  env: Env,
): Use | { kind: 'discard'; node: TSESTree.Node } | { kind: 'using' } {
  let child: TSESTree.Node = start;
  for (let parent = child.parent; parent; child = parent, parent = parent.parent) {
    if (isWrapper(parent, { await: true })) continue;
    switch (parent.type) {
      case 'ConditionalExpression':
        if (parent.test === child) return { kind: 'use' };
        continue;
      case 'LogicalExpression':
        continue;
      case 'SequenceExpression':
        if (parent.expressions[parent.expressions.length - 1] !== child) return { kind: 'use' };
        continue;
      case 'SpreadElement':
        continue;
      case 'ReturnStatement':
        return { kind: 'transfer', how: 'return' };
      case 'ArrowFunctionExpression':
        return parent.body === child ? { kind: 'transfer', how: 'return' } : { kind: 'use' };
      case 'YieldExpression':
        return { kind: 'transfer', how: 'yield' };
      case 'ArrayExpression':
        return { kind: 'transfer', how: 'collection' };
      case 'Property':
        return parent.value === child ? { kind: 'transfer', how: 'object' } : { kind: 'use' };
      case 'PropertyDefinition':
      case 'AccessorProperty':
        return parent.value === child ? { kind: 'transfer', how: 'field' } : { kind: 'use' };
      case 'CallExpression':
      case 'NewExpression':
        if (parent.callee === child) return { kind: 'use' };
        return argumentUse(parent, env);
      case 'MemberExpression': {
        if (parent.object !== child) return { kind: 'use' };
        const call = parent.parent;
        if (call?.type !== 'CallExpression' || call.callee !== parent) return { kind: 'use' };
        const method = parent.computed ? null : calleeName(parent);
        if (method && RECEIVER_METHODS.has(method)) {
          // `x.on('error', h)` returns `x`: follow the chain (the loop steps to its parent).
          parent = call;
          continue;
        }
        if (method && PIPING_METHODS.has(method)) return { kind: 'transfer', how: 'pipeline' };
        if (method && PROMISE_METHODS.has(method)) return { kind: 'transfer', how: 'callee' };
        return { kind: 'discard', node: call };
      }
      case 'AssignmentExpression': {
        if (parent.left === child) return { kind: 'reassign' };
        if (parent.operator !== '=' && parent.operator !== '??=' && parent.operator !== '||=')
          return { kind: 'use' };
        const target = parent.left;
        if (target.type === 'Identifier') {
          const variable = variableInScope(env.scopeOf(target), target.name);
          if (!variable) return { kind: 'transfer', how: 'outer' };
          return declaredIn(variable, owner)
            ? { kind: 'alias', variable }
            : { kind: 'transfer', how: 'outer' };
        }
        if (target.type === 'MemberExpression') {
          return target.object.type === 'ThisExpression'
            ? { kind: 'transfer', how: 'field' }
            : { kind: 'transfer', how: 'object' };
        }
        return { kind: 'use' };
      }
      case 'VariableDeclarator': {
        if (parent.init !== child) return { kind: 'use' };
        const declaration = parent.parent;
        if (
          declaration.type === 'VariableDeclaration' &&
          (declaration.kind === 'using' || declaration.kind === 'await using')
        )
          return { kind: 'using' };
        if (parent.id.type === 'ObjectPattern') return partOf(parent.id, env);
        if (parent.id.type !== 'Identifier') return { kind: 'use' };
        const variable = variableInScope(env.scopeOf(parent), parent.id.name);
        return variable ? { kind: 'alias', variable } : { kind: 'use' };
      }
      case 'ExpressionStatement':
        return { kind: 'discard', node: parent };
      case 'UnaryExpression':
        return parent.operator === 'void' ? { kind: 'discard', node: parent } : { kind: 'use' };
      default:
        return { kind: 'use' };
    }
  }
  return { kind: 'use' };
}

/**
 * `const { statusCode, body } = …` with the spec's `part` (`body`): the binding that holds the
 * resource, or a discard when the pattern leaves it out.
 */
function partOf(
  pattern: TSESTree.ObjectPattern,
  env: Env,
): Use | { kind: 'discard'; node: TSESTree.Node } {
  const part = env.spec.part;
  if (!part || pattern.properties.some((p) => p.type === 'RestElement')) return { kind: 'use' };
  const property = pattern.properties.find(
    (p): p is TSESTree.Property =>
      p.type === 'Property' &&
      !p.computed &&
      p.key.type === 'Identifier' &&
      p.key.name === part.name,
  );
  if (!property) return { kind: 'discard', node: pattern };
  if (property.value.type !== 'Identifier') return { kind: 'use' };
  const variable = variableInScope(env.scopeOf(property.value), property.value.name);
  return variable ? { kind: 'part', variable } : { kind: 'use' };
}

/** The variable belongs to `owner` itself (not an outer function or the module). */
function declaredIn(variable: Variable, owner: FunctionNode): boolean {
  const def = variable.defs[0];
  if (!def) return false;
  return enclosingFunction(def.name) === owner;
}

interface Discharge {
  node: TSESTree.Node;
  kind: 'release' | 'transfer';
  how?: TransferHow;
  /** The release sits in a `finally` block. */
  inFinally: boolean;
}

function inFinallyOf(node: TSESTree.Node, owner: FunctionNode): TSESTree.TryStatement | null {
  for (let child = node, n = node.parent; n && n !== owner; child = n, n = n.parent) {
    if (n.type === 'TryStatement' && n.finalizer === child) return n;
  }
  return null;
}

const LOOPS = new Set([
  'ForStatement',
  'ForInStatement',
  'ForOfStatement',
  'WhileStatement',
  'DoWhileStatement',
]);

/** The statement a `break`/`continue` leaves: its label's, or the nearest loop (or `switch`). */
function jumpTarget(
  jump: TSESTree.BreakStatement | TSESTree.ContinueStatement,
): TSESTree.Node | null {
  for (let n: TSESTree.Node | undefined = jump.parent; n && !isFunctionNode(n); n = n.parent) {
    if (jump.label) {
      if (n.type === 'LabeledStatement' && n.label.name === jump.label.name) return n.body;
    } else if (
      LOOPS.has(n.type) ||
      (jump.type === 'BreakStatement' && n.type === 'SwitchStatement')
    )
      return n;
  }
  return null;
}

/**
 * The `break`/`continue` statements that leave the `try` of a releasing `finally`: they run the
 * `finally` on their way, but ESLint's code paths jump straight to the loop (a
 * `try { if (skip) continue } finally { fh.close() }` would seem to skip the release).
 */
function jumpsThroughFinally(releases: readonly Discharge[], owner: FunctionNode): TSESTree.Node[] {
  const jumps: TSESTree.Node[] = [];
  for (const release of releases) {
    const tryStatement = release.inFinally ? inFinallyOf(release.node, owner) : null;
    if (!tryStatement) continue;
    const visit = (node: TSESTree.Node): void => {
      if (isFunctionNode(node)) return;
      if (node.type === 'BreakStatement' || node.type === 'ContinueStatement') {
        const target = jumpTarget(node);
        if (target && contains(target, tryStatement)) jumps.push(node);
        return;
      }
      for (const child of childrenOf(node)) visit(child);
    };
    visit(tryStatement.block);
    if (tryStatement.handler) visit(tryStatement.handler);
  }
  return jumps;
}

/**
 * Whether `node` (a call, `new`, `await`, `throw`) may throw here. Not awaited method calls
 * on the resource itself (`stream.write(x)`, `child.on('exit', h)`) report failure through
 * events, not by throwing; logging and timers do not throw.
 */
function mayThrow(
  node: TSESTree.Node,
  names: ReadonlySet<string>,
  destroysOnFailure = false,
): boolean {
  if (destroysOnFailure && waitsOnOwnEvent(node, names)) return false;
  if (node.type !== 'CallExpression') return true;
  const callee = node.callee;
  const root = rootName(callee);
  if (root && HARMLESS_ROOTS.has(root)) return false;
  if (callee.type === 'Identifier' && HARMLESS_CALLS.has(callee.name)) return false;
  if (
    callee.type === 'MemberExpression' &&
    root &&
    names.has(root) &&
    node.parent.type !== 'AwaitExpression'
  )
    return false;
  return true;
}

/** `once(x, 'open')`, `events.once(x, …)`, `finished(x)` (awaited or not) on a tracked name. */
function waitsOnOwnEvent(node: TSESTree.Node, names: ReadonlySet<string>): boolean {
  const call = node.type === 'AwaitExpression' ? node.argument : node;
  if (call.type !== 'CallExpression') return false;
  const name = calleeName(call.callee);
  const first = call.arguments[0];
  return (
    name !== null &&
    OWN_EVENT_WAITS.has(name) &&
    first?.type === 'Identifier' &&
    names.has(first.name)
  );
}

function failsBeforeHandOff(node: TSESTree.Node, names: ReadonlySet<string>): boolean {
  if (node.type === 'ThrowStatement') return true;
  if (node.type !== 'AwaitExpression') return false;
  const call = node.argument;
  if (call.type !== 'CallExpression') return true;
  const root = rootName(call.callee);
  return !(call.callee.type === 'MemberExpression' && root !== null && names.has(root));
}

/**
 * `node` is another cleanup step in the `finally` that releases: a throw there skips the
 * release, but asking for a nested `try` per cleanup call is noise (CA2000 agrees).
 */
function inReleasingFinally(
  node: TSESTree.Node,
  owner: FunctionNode,
  releases: readonly TSESTree.Node[],
): boolean {
  for (let child = node, n = node.parent; n && n !== owner; child = n, n = n.parent) {
    if (n.type === 'TryStatement' && n.finalizer === child) {
      const block = n.finalizer;
      return releases.some((r) => contains(block, r));
    }
  }
  return false;
}

/** A `try` around `node` (inside `owner`) whose `catch` or `finally` releases. */
function coveredByTry(
  node: TSESTree.Node,
  owner: FunctionNode,
  releases: readonly TSESTree.Node[],
): boolean {
  const within = (block: TSESTree.Node | null | undefined): boolean =>
    releases.some((r) => contains(block, r));
  for (let child = node, n = node.parent; n && n !== owner; child = n, n = n.parent) {
    if (n.type !== 'TryStatement') continue;
    // In the `try` block: a releasing `catch` or `finally` covers it; in the `catch`: `finally` does.
    if (n.block === child && (within(n.handler) || within(n.finalizer))) return true;
    if (n.handler === child && within(n.finalizer)) return true;
  }
  return false;
}

/** The callee is a Node built-in (`fs.readSync`): it uses a value, never keeps it. */
function builtinTest(sourceCode: SourceCodeLike): Env['isBuiltin'] {
  return (callee) => {
    const ref = resolveReference(sourceCode, callee);
    return ref !== null && ref.module !== 'global' && BUILTINS.has(ref.module);
  };
}

/** The callee resolves to one of Node's stream owners (`STREAM_OWNERS`), renamed or not. */
function streamOwnerTest(sourceCode: SourceCodeLike): Env['ownsStreams'] {
  return (callee) => {
    const ref = resolveReference(sourceCode, callee);
    return ref !== null && STREAM_OWNERS.some((owner) => refMatches(ref, owner));
  };
}

/**
 * How one use of a value hands it on (returned, stored on `this` or in a collection, passed to
 * a callee…), or `null` when it does not: step 2 for a single reference, for rules whose
 * resources carry obligations besides the release. `owner` is the function the use sits in.
 */
export function transferOf(
  sourceCode: SourceCodeLike,
  ref: TSESTree.Node,
  owner: FunctionNode,
  unknownCalleeTakesOwnership: boolean,
): TransferHow | null {
  const env: Env = {
    spec: { isRelease: () => false, unknownCalleeTakesOwnership, exceptionPaths: false },
    scopeOf: (node) => sourceCode.getScope(node),
    isBuiltin: builtinTest(sourceCode),
    ownsStreams: streamOwnerTest(sourceCode),
  };
  const use = sinkOf(ref, owner, env);
  return use.kind === 'transfer' ? use.how : null;
}

export function createOwnershipTracker(context: Context): OwnershipTracker {
  const { facts, listeners } = usePathFacts(context);
  const sourceCode = context.sourceCode;
  const scopeOf = (node: TSESTree.Node): ScopeT => sourceCode.getScope(node);
  const isBuiltin = builtinTest(sourceCode);
  const ownsStreams = streamOwnerTest(sourceCode);

  return {
    listeners,
    analyze(acquisition, spec) {
      const owner = enclosingFunction(acquisition);
      if (!owner) return { kind: 'module' };
      const env: Env = { spec, scopeOf, isBuiltin, ownsStreams };
      // The rule's word first on a value never bound: `(await fetch(u)).json()` reads it,
      // `(await fetch(u)).status` only looks at it before it is dropped.
      const holder = outermost(acquisition);
      if (spec.isRelease(holder)) return { kind: 'released', via: 'release' };
      if (spec.isPeek?.(holder) === true) return { kind: 'discarded', node: holder.parent! };
      const sink = sinkOf(acquisition, owner, env);
      switch (sink.kind) {
        case 'using':
          return { kind: 'released', via: 'using' };
        case 'transfer':
          return { kind: 'transferred', how: sink.how, node: acquisition };
        case 'discard':
          return { kind: 'discarded', node: sink.node };
        case 'alias':
          return trackVariable(sink.variable, acquisition, owner, env, facts);
        case 'part': {
          const { isRelease, isHandOff, isPeek } = spec.part!;
          const partSpec = { ...spec, isRelease, isHandOff, isPeek, part: undefined };
          const partEnv: Env = { ...env, spec: partSpec };
          return trackVariable(sink.variable, acquisition, owner, partEnv, facts);
        }
        case 'release':
          return { kind: 'released', via: 'release' };
        case 'reassign':
        case 'use':
          // A value used in place (`if (open())`, `{ ...x }`) or passed where we do not follow it.
          return spec.unknownCalleeTakesOwnership
            ? { kind: 'unknown' }
            : argumentVerdict(acquisition);
      }
    },
    analyzeReleases(acquisition, name, names, releases, spec) {
      const owner = enclosingFunction(acquisition);
      if (!owner) return { kind: 'module' };
      const discharges = releases.map((release): Discharge => {
        const anchor = anchorIn(release, owner);
        if (anchor !== release)
          return { node: anchor, kind: 'transfer', how: 'closure', inFinally: false };
        const guarded = guardOf(release, names, owner);
        return { node: guarded, kind: 'release', inFinally: inFinallyOf(guarded, owner) !== null };
      });
      return judgePaths(facts, owner, acquisition, acquisition, name, names, discharges, spec);
    },
    analyzeParameter(param, fn, spec) {
      const variable = sourceCode.getDeclaredVariables(fn).find((v) => v.defs[0]?.name === param);
      const initial = facts.codePathOf(fn)?.initialSegment;
      if (!variable || !initial) return { kind: 'unknown' };
      const env: Env = { spec, scopeOf, isBuiltin, ownsStreams };
      return trackVariable(variable, param, fn, env, facts, [initial]);
    },
  };
}

/** The outermost node holding `node`'s value unchanged (past `await`, `as`, `!`, `?.`). */
function outermost(node: TSESTree.Node): TSESTree.Node {
  return outermostWrapper(node, { await: true });
}

/** In strict mode a value handed to an unknown callee is dropped after the call. */
function argumentVerdict(acquisition: TSESTree.Node): Verdict {
  const child = outermost(acquisition);
  const parent = child.parent;
  if (
    parent &&
    (parent.type === 'CallExpression' || parent.type === 'NewExpression') &&
    parent.callee !== child
  )
    return { kind: 'discarded', node: parent };
  return { kind: 'unknown' };
}

/**
 * Steps 2 to 4 for a binding. `entry` is given for a parameter: held from the function's
 * first segment, its writes are all reassignments.
 */
function trackVariable(
  variable: Variable,
  acquisition: TSESTree.Expression,
  owner: FunctionNode,
  env: Env,
  facts: PathFacts,
  entry?: readonly Segment[],
): Verdict {
  const spec = env.spec;
  // The acquisition's anchor in the path graph: its declarator or assignment.
  let start: TSESTree.Node = acquisition;
  while (
    !entry &&
    start.parent &&
    start.type !== 'VariableDeclarator' &&
    start.type !== 'AssignmentExpression'
  )
    start = start.parent;
  const name = variable.name;

  const discharges: Discharge[] = [];
  const overwrites: TSESTree.AssignmentExpression[] = [];
  const names = new Set<string>();
  const seen = new Set<Variable>();
  const pending: Variable[] = [variable];
  while (pending.length > 0) {
    const current = pending.pop()!;
    if (seen.has(current)) continue;
    seen.add(current);
    names.add(current.name);
    // One binding, written once (besides a bare `let x;`): anything else we do not follow.
    if (current.defs.length !== 1) return { kind: 'unknown' };
    for (const ref of current.references) {
      const id = ref.identifier;
      if (id.type !== 'Identifier') return { kind: 'unknown' };
      if (ref.isWrite()) {
        // Ours: the acquisition itself, an alias's initializer, or an empty start (`let x = null`).
        const expr = ref.writeExpr;
        const ours =
          current === variable
            ? !entry && (contains(expr, acquisition) || (ref.init === true && isEmptyValue(expr)))
            : ref.init === true;
        if (ours) continue;
        const overwrite = current === variable ? overwriteOf(current, id, owner, spec) : null;
        if (!overwrite) return { kind: 'unknown' };
        overwrites.push(overwrite);
        continue;
      }
      const anchor = anchorIn(id, owner);
      if (spec.isRelease(id)) {
        if (anchor === id) {
          const guarded = guardOf(releaseStatementOf(id), names, owner);
          discharges.push({
            node: guarded,
            kind: 'release',
            inFinally: inFinallyOf(guarded, owner) !== null,
          });
        } else {
          // Released in a callback: whoever runs the callback (a listener on the resource
          // itself, a timer, `stack.defer`) now decides when. A hand-off.
          const handOff = sinkOf(anchor, owner, env);
          const how = handOff.kind === 'transfer' && handOff.how === 'stack' ? 'stack' : 'closure';
          discharges.push({ node: anchor, kind: 'transfer', how, inFinally: false });
        }
        continue;
      }
      if (spec.isHandOff?.(id) === true) {
        // Placed on the path where it happens (or where its callback is created).
        discharges.push({ node: anchor, kind: 'transfer', how: 'hand-off', inFinally: false });
        continue;
      }
      const use = sinkOf(id, enclosingFunction(id) ?? owner, env);
      if (use.kind === 'transfer') {
        discharges.push({ node: anchor, kind: 'transfer', how: use.how, inFinally: false });
      } else if (use.kind === 'part') {
        // `const { body } = res`: the part goes on in another binding we do not follow.
        discharges.push({ node: anchor, kind: 'transfer', how: 'object', inFinally: false });
      } else if (use.kind === 'alias') {
        if (declaredIn(use.variable, owner)) pending.push(use.variable);
        else discharges.push({ node: anchor, kind: 'transfer', how: 'closure', inFinally: false });
      } else if (use.kind === 'using') {
        discharges.push({ node: anchor, kind: 'release', inFinally: false });
      } else if (use.kind === 'reassign') {
        return { kind: 'unknown' };
      }
    }
  }

  // `const kept = fd; fd = null; return kept`: the value lives on in an alias we do not
  // follow past the assignment.
  if (overwrites.length > 0 && seen.size > 1) return { kind: 'unknown' };
  return judgePaths(
    facts,
    owner,
    acquisition,
    start,
    name,
    names,
    discharges,
    spec,
    entry,
    overwrites,
  );
}

/**
 * `x = …` (plain `=`, as a statement or an expression) written in `owner` itself, where the
 * spec follows reassigned bindings; `null` for any other write (`x ??= …`, in a callback,
 * destructuring).
 */
function overwriteOf(
  variable: Variable,
  id: TSESTree.Identifier,
  owner: FunctionNode,
  spec: TrackSpec,
): TSESTree.AssignmentExpression | null {
  if (spec.reassignLeaks !== true) return null;
  const write = id.parent;
  if (write?.type !== 'AssignmentExpression' || write.left !== id || write.operator !== '=')
    return null;
  // `s = s.pipe(gzip)`, `conn = wrap(conn)`: the new value takes the old one in.
  if (variable.references.some((ref) => contains(write.right, ref.identifier))) return null;
  return enclosingFunction(write) === owner ? write : null;
}

/**
 * Steps 3 and 4 for an acquisition whose discharges are known: is a normal exit reachable
 * without one, and, if not, can a throw skip the release?
 */
function judgePaths(
  facts: PathFacts,
  owner: FunctionNode,
  acquisition: TSESTree.Node,
  start: TSESTree.Node,
  name: string,
  names: ReadonlySet<string>,
  discharges: Discharge[],
  spec: TrackSpec,
  entry?: readonly Segment[],
  overwrites: readonly TSESTree.AssignmentExpression[] = [],
): Verdict {
  // An owner that releases in `finally` keeps the value: passing it to a function or putting
  // it in an options object only lends it. Not when the `finally` releases only behind a flag
  // of its own (`if (failed) closeSync(fd)`): on success the callee took it.
  if (
    discharges.some((d) => d.kind === 'release' && d.inFinally && !behindFlag(d.node, names, owner))
  ) {
    for (let i = discharges.length - 1; i >= 0; i--) {
      const how = discharges[i].how;
      if (how === 'callee' || how === 'object') discharges.splice(i, 1);
    }
  }

  // A callback that releases or keeps it (wherever it is declared, even before the
  // acquisition) decides when: a hand-off we cannot place on a path.
  const viaClosure = discharges.find(
    (d) => d.kind === 'transfer' && d.how !== 'hand-off' && isFunction(d.node),
  );
  if (viaClosure) return { kind: 'transferred', how: viaClosure.how!, node: viaClosure.node };

  // From where the acquiring call finished: forks taken by its own throw hold nothing.
  const startSegments =
    entry ?? facts.segmentsAfter(acquisition) ?? segmentsAround(start, facts, owner);
  if (!facts.codePathOf(owner) || !startSegments) return { kind: 'unknown' };

  // Releases and transfers both discharge the path they sit on.
  // An assignment ends the path of the value it replaces: reached unreleased, it drops it.
  const search = walkFrom(
    facts,
    owner,
    { node: start, segments: startSegments },
    [
      ...discharges.map((d) => d.node),
      ...jumpsThroughFinally(
        discharges.filter((d) => d.kind === 'release'),
        owner,
      ),
      ...overwrites,
    ],
    // A parameter is held from the function's entry: no iteration acquires it again.
    { returns: true, throws: spec.throwPaths === true, loops: !entry },
  );
  if (search === 'unknown') return { kind: 'unknown' };
  // Where each held window ends: a window ending at a write held the value it replaced.
  const ends = new Map<Segment, number[]>();
  if (overwrites.length > 0)
    for (const [segment, window] of search.reach)
      ends.set(segment, [...(ends.get(segment) ?? []), window.to]);
  for (const write of [...overwrites].sort((a, b) => a.range[0] - b.range[0])) {
    const segments = segmentsAround(write, facts, owner);
    if (!segments) return { kind: 'unknown' };
    const dropped = segments.some((segment) => ends.get(segment)?.includes(write.range[0]));
    if (dropped) return { kind: 'overwritten', name, write };
  }
  const holdsNothing = spec.holdsNothingWhen;
  // A parameter may be absent (`if (!fh) return`): nothing is held in that branch.
  const empty = (test: BranchTest): boolean =>
    (entry !== undefined && test.type !== 'SwitchCase' && saysAbsent(test, names)) ||
    (holdsNothing?.(test, names) ?? false);
  const leaking =
    holdsNothing || entry ? (exit: LeakExit) => !inEmptyBranch(exit, owner, empty) : () => true;
  const exits = search.exits.filter(leaking);
  if (exits.length > 0) {
    const first = search.first && leaking(search.first) ? search.first : exits[0];
    const releases = discharges.filter((d) => d.kind === 'release').map((d) => d.node);
    return {
      kind: 'leaks',
      name,
      exit: first.kind === 'loop' ? owner : first.node,
      loop: first.kind === 'loop',
      exits,
      releases,
    };
  }

  const transfer = discharges.find((d) => d.kind === 'transfer');
  if (spec.exceptionPaths) {
    const releases = discharges.filter((d) => d.kind === 'release').map((d) => d.node);
    for (const [segment, window] of search.reach) {
      for (const node of facts.riskyIn(segment)) {
        if (node.range[0] < window.from || node.range[0] >= window.to) continue;
        // The acquisition's own call (ESLint forks at it inside a `try`): nothing held yet.
        if (node.range[0] < start.range[1]) continue;
        // `await pipeline(src, r)`: a node around the discharge is not before it.
        if (node.range[1] >= window.to && window.to !== Infinity) continue;
        // Before a hand-off only an `await` or a `throw` counts (where I/O fails), and not an
        // `await` on the resource's own setup (`await client.connect(); return client`).
        if (transfer && !failsBeforeHandOff(node, names)) continue;
        if (!mayThrow(node, names, spec.destroysOnFailure) || coveredByTry(node, owner, releases))
          continue;
        if (inReleasingFinally(node, owner, releases)) continue;
        return transfer
          ? {
              kind: 'not-exception-safe',
              name,
              call: node,
              release: transfer.node,
              handOff: transfer.node,
            }
          : { kind: 'not-exception-safe', name, call: node, release: releases[0] };
      }
    }
  }
  if (transfer) return { kind: 'transferred', how: transfer.how!, node: transfer.node };
  return { kind: 'released', via: 'release' };
}

/**
 * `release` sits in an `if` (inside its `finally`) whose test names none of `names`: it runs
 * only on some paths, decided by something other than the value (`if (failed) …`).
 */
function behindFlag(
  release: TSESTree.Node,
  names: ReadonlySet<string>,
  owner: FunctionNode,
): boolean {
  for (let child = release, n = release.parent; n && n !== owner; child = n, n = n.parent) {
    if (n.type === 'TryStatement' && n.finalizer === child) return false;
    if (n.type !== 'IfStatement' || n.test === child) continue;
    let named = false;
    walkIdentifiers(n.test, (id) => (named ||= names.has(id.name)));
    if (!named) return true;
  }
  return false;
}

/** Calls `visit` for every identifier in `node` (a test expression). */
function walkIdentifiers(node: TSESTree.Node, visit: (id: TSESTree.Identifier) => void): void {
  if (node.type === 'Identifier') {
    visit(node);
    return;
  }
  for (const [key, value] of Object.entries(node)) {
    if (key === 'parent') continue;
    const children: unknown[] = Array.isArray(value) ? value : [value];
    for (const child of children) {
      if (child !== null && typeof child === 'object' && 'type' in child)
        walkIdentifiers(child as TSESTree.Node, visit);
    }
  }
}

/** The exit (or the caught `throw` on its way) sits in the branch of a test saying "nothing held". */
function inEmptyBranch(
  exit: LeakExit,
  owner: FunctionNode,
  empty: (test: BranchTest) => boolean,
): boolean {
  if (exit.kind === 'loop' || exit.kind === 'end') return false;
  const inBranch = (node: TSESTree.Node): boolean => {
    for (let child = node, n = node.parent; n && n !== owner; child = n, n = n.parent) {
      if (n.type === 'IfStatement' && n.consequent === child && empty(n.test)) return true;
      if (n.type === 'SwitchCase' && n.consequent.includes(child as TSESTree.Statement)) {
        // This case and the empty ones that fall through into it.
        const cases = n.parent.cases;
        for (let i = cases.indexOf(n); i >= 0; i--) {
          if (i < cases.indexOf(n) && cases[i].consequent.length > 0) break;
          if (cases[i].test !== null && empty(cases[i])) return true;
        }
      }
    }
    return false;
  };
  return inBranch(exit.node) || (exit.after !== undefined && inBranch(exit.after));
}

function isEmptyValue(node: TSESTree.Node | null | undefined): boolean {
  if (!node) return true;
  if (node.type === 'Literal') return node.value === null;
  if (node.type === 'Identifier') return node.name === 'undefined';
  return node.type === 'UnaryExpression' && node.operator === 'void';
}

/** The call that contains a releasing reference: `x.close()` for the `x` in it. */
function releaseStatementOf(id: TSESTree.Identifier): TSESTree.Node {
  let node: TSESTree.Node = id;
  while (
    node.parent &&
    (node.parent.type === 'MemberExpression' ||
      node.parent.type === 'CallExpression' ||
      isWrapper(node.parent, { await: true }))
  )
    node = node.parent;
  return node;
}
