/**
 * What a setup hook keeps for the tests: a resource (catalog acquisition, temporary directory,
 * a server started with `listen()`/`ready()`, a spy) stored in a variable of the describe
 * scope, directly (`server = createServer(app)`), through a local of the hook
 * (`const s = …; server = s`), or in a collection there (`servers.push(s)`); and the global
 * state a hook changes (fake timers, spies that are not kept).
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import { acquisitionText } from '../../analysis/fixes/describe.js';
import { resolveReference } from '../../analysis/resolve/imports.js';
import {
  calleeName,
  contains,
  findVariable,
  isWrapper,
  skipWrappers,
} from '../../utils/ast/index.js';
import { findAcquisition, needsRelease, refMatches } from '../../analysis/resolve/match.js';
import { RECEIVER_METHODS } from '../../catalog/index.js';
import { STORING_METHODS } from '../../catalog/vocabulary.js';
import {
  FAKE_TIMERS,
  HELD_KINDS,
  MOCK_NAMESPACES,
  SERVER_STARTS,
  SPY_FACTORIES,
  TEMP_DIRS,
} from '../../catalog/test-runners.js';
import type { ResourceEntry } from '../../catalog/types.js';
import type { FunctionNode } from '../../utils/ast/index.js';

type Variable = TSESLint.Scope.Variable;
type SourceCode = Readonly<TSESLint.SourceCode>;
type Node = TSESTree.CallExpression | TSESTree.NewExpression;

export interface Held {
  node: Node;
  holder: Variable;
  /** `HTTP server`, `server`, `temporary directory`, `spy`. */
  label: string;
  /** The creating code: `http.createServer()`. */
  source: string;
  /** The release, as code: `server.close()`, `await pool.end()`, `clearInterval(timer)`. */
  release: string;
  /** The release returns a promise to await. */
  asyncRelease: boolean;
  /** A fix may insert `release` as it is (temporary directories need an import). */
  fixable: boolean;
  /**
   * It holds something yet: a server built with `createServer()` holds nothing until it
   * listens (supertest listens and closes by itself on one that does not).
   */
  started: boolean;
  /** A `listen()` or `ready()` call: it starts the server its receiver or result holds. */
  starts: boolean;
  /** Started on a value the hook did not create: the same one each time the hook runs. */
  reused: boolean;
  /** Created only while its holder is empty (`if (!server) server = …`): once, however often the hook runs. */
  guarded: boolean;
  /**
   * Other variables that hold the same resource: `server = await app.listen(port)` keeps the
   * server in `server` as well as in `app`. A release through any of them counts.
   */
  alsoHeldBy: Variable[];
}

/** `!server`, `server == null`, `server === undefined`: the identifier tested for emptiness. */
function emptyTested(test: TSESTree.Expression): TSESTree.Identifier | null {
  if (test.type === 'UnaryExpression' && test.operator === '!')
    return test.argument.type === 'Identifier' ? test.argument : null;
  if (test.type !== 'BinaryExpression' || !['==', '==='].includes(test.operator)) return null;
  const empty = (node: TSESTree.Node): boolean =>
    (node.type === 'Literal' && node.value === null) ||
    (node.type === 'Identifier' && node.name === 'undefined');
  if (test.left.type === 'Identifier' && empty(test.right)) return test.left;
  if (test.right.type === 'Identifier' && empty(test.left)) return test.right;
  return null;
}

/**
 * `node` runs only once however often the hook runs: inside `if (!x) { … }` whose block fills
 * `x` (the holder itself, or a sibling such as `app` set next to `server`).
 */
function createdOnlyWhenEmpty(
  sourceCode: SourceCode,
  node: TSESTree.Node,
  hook: FunctionNode,
): boolean {
  for (let n: TSESTree.Node = node; n.parent && n !== hook; n = n.parent) {
    const parent = n.parent;
    if (parent.type !== 'IfStatement' || parent.consequent !== n) continue;
    const tested = emptyTested(parent.test);
    const variable = tested && findVariable(sourceCode, tested);
    if (variable?.references.some((r) => r.isWrite() && contains(parent.consequent, r.identifier)))
      return true;
  }
  return false;
}

/** The variable `target` names, when it lives outside the hook (in the describe scope). */
function outer(sourceCode: SourceCode, target: TSESTree.Node, hook: FunctionNode): Variable | null {
  if (target.type !== 'Identifier') return null;
  const variable = findVariable(sourceCode, target);
  const def = variable?.defs[0];
  return variable && def && !contains(hook, def.name) ? variable : null;
}

/** `outer.push(x)`, `outer.set(k, x)`: the collection that keeps `child`. */
function collectionOf(
  sourceCode: SourceCode,
  call: TSESTree.Node | undefined,
  child: TSESTree.Node,
  hook: FunctionNode,
): Variable | null {
  if (call?.type !== 'CallExpression' || !call.arguments.includes(child as never)) return null;
  const callee = call.callee;
  if (callee.type !== 'MemberExpression' || !STORING_METHODS.has(calleeName(callee) ?? ''))
    return null;
  return outer(sourceCode, callee.object, hook);
}

/** Where the value of `node` is kept beyond the hook, if it is. */
export function keptIn(
  sourceCode: SourceCode,
  node: TSESTree.Node,
  hook: FunctionNode,
): Variable | null {
  let child = node;
  let parent = child.parent;
  for (; parent; child = parent, parent = parent.parent) {
    if (isWrapper(parent, { await: true })) continue;
    // `createServer(app).listen(0)` returns the server.
    if (
      parent.type === 'MemberExpression' &&
      parent.object === child &&
      parent.parent.type === 'CallExpression' &&
      parent.parent.callee === parent &&
      RECEIVER_METHODS.has(calleeName(parent) ?? '')
    ) {
      // Step to the call; the loop then steps past it.
      parent = parent.parent;
      continue;
    }
    break;
  }
  if (parent?.type === 'AssignmentExpression' && parent.right === child)
    return outer(sourceCode, parent.left, hook);
  const stored = collectionOf(sourceCode, parent, child, hook);
  if (stored) return stored;
  if (
    parent?.type !== 'VariableDeclarator' ||
    parent.init !== child ||
    parent.id.type !== 'Identifier'
  )
    return null;
  // A local of the hook, then kept: `const s = createServer(app); …; server = s`.
  for (const ref of findVariable(sourceCode, parent.id)?.references ?? []) {
    const id = ref.identifier;
    if (!ref.isRead()) continue;
    if (id.parent.type === 'AssignmentExpression' && id.parent.right === id) {
      const kept = outer(sourceCode, id.parent.left, hook);
      if (kept) return kept;
    }
    const kept = collectionOf(sourceCode, id.parent, id, hook);
    if (kept) return kept;
  }
  return null;
}

/** `createServer(app).listen(0)`: started where it is built. */
function listensInChain(node: TSESTree.Node): boolean {
  for (let n: TSESTree.Node = node; n.parent; n = n.parent) {
    const parent = n.parent;
    if (parent.type === 'MemberExpression' && parent.object === n) {
      if (calleeName(parent) === 'listen') return true;
      continue;
    }
    if (parent.type !== 'CallExpression' || parent.callee !== n) return false;
  }
  return false;
}

/** The release of a catalog entry as code: `clearInterval(timer)`, `await pool.end()`. */
function releaseCode(entry: ResourceEntry, name: string): string {
  const fn = entry.releaseCalls?.[0]?.fn.path.at(-1);
  if (entry.kind === 'timer' && fn !== undefined) return `${fn}(${name})`;
  const method =
    entry.releaseMethods[0] ??
    (entry.disposable === 'async' ? '[Symbol.asyncDispose]' : '[Symbol.dispose]');
  const member = method.startsWith('[') ? method : `.${method}`;
  return `${entry.asyncRelease ? 'await ' : ''}${name}${member}()`;
}

/** What `node` (a call or `new` inside setup hook `hook`) creates and keeps, if anything. */
export function heldBy(sourceCode: SourceCode, node: Node, hook: FunctionNode): Held | null {
  const entry = findAcquisition(sourceCode, node);
  if (entry) {
    if (!HELD_KINDS.has(entry.kind) || !needsRelease(entry) || entry.selfReleasing) return null;
    if (entry.callbackResult !== undefined) return null;
    const holder = keptIn(sourceCode, node, hook);
    if (!holder) return null;
    const release = releaseCode(entry, holder.name);
    const asyncRelease = release.startsWith('await ');
    const source = acquisitionText(sourceCode, node);
    const started = entry.kind !== 'server' || listensInChain(node);
    return {
      node,
      holder,
      label: entry.label,
      source,
      release,
      asyncRelease,
      fixable: true,
      started,
      starts: false,
      reused: false,
      guarded: createdOnlyWhenEmpty(sourceCode, node, hook),
      alsoHeldBy: [],
    };
  }
  if (node.type !== 'CallExpression') return null;
  const callee = skipWrappers(node.callee);
  const ref = resolveReference(sourceCode, callee);
  if (ref && TEMP_DIRS.some((dir) => refMatches(ref, dir))) {
    const holder = keptIn(sourceCode, node, hook);
    if (!holder) return null;
    const release = `await rm(${holder.name}, { recursive: true, force: true })`;
    const source = acquisitionText(sourceCode, node);
    return {
      node,
      holder,
      label: 'temporary directory',
      source,
      release,
      asyncRelease: true,
      fixable: false,
      started: true,
      starts: false,
      reused: false,
      guarded: createdOnlyWhenEmpty(sourceCode, node, hook),
      alsoHeldBy: [],
    };
  }
  const method = callee.type === 'MemberExpression' ? calleeName(callee) : null;
  if (callee.type !== 'MemberExpression' || method === null) return null;
  if (SERVER_STARTS.has(method)) {
    // Express and Koa return the server from `listen()`; Fastify's resolves to an address.
    const awaited = node.parent.type === 'AwaitExpression';
    const kept = method === 'listen' && !awaited ? keptIn(sourceCode, node, hook) : null;
    const holder = kept ?? outer(sourceCode, skipWrappers(callee.object), hook);
    if (!holder) return null;
    // `server = await app.listen(port)`: what the promise resolves to may be the server
    // (feathers, Express wrappers) or an address (Fastify); a release through it counts.
    const result = awaited ? keptIn(sourceCode, node, hook) : null;
    const alsoHeldBy = result !== null && result !== holder ? [result] : [];
    const source = acquisitionText(sourceCode, node);
    const release = `${awaited ? 'await ' : ''}${holder.name}.close()`;
    const reused =
      kept === null && !holder.references.some((r) => r.isWrite() && contains(hook, r.identifier));
    return {
      node,
      holder,
      label: 'server',
      source,
      release,
      asyncRelease: awaited,
      fixable: true,
      started: true,
      starts: true,
      reused,
      guarded: createdOnlyWhenEmpty(sourceCode, node, hook),
      alsoHeldBy,
    };
  }
  return null;
}

export interface GlobalState {
  node: TSESTree.CallExpression;
  kind: 'fake-timers' | 'spy';
  /** `vi` or `jest`. */
  namespace: string;
  /** A spy kept in a describe-scope variable (restored through it). */
  holder: Variable | null;
}

/** `vi.useFakeTimers()`, `jest.spyOn(obj, 'm')`: state that outlives the test unless restored. */
export function globalStateOf(
  sourceCode: SourceCode,
  node: TSESTree.CallExpression,
  hook: FunctionNode,
): GlobalState | null {
  const callee = skipWrappers(node.callee);
  if (callee.type !== 'MemberExpression' || callee.object.type !== 'Identifier') return null;
  const namespace = callee.object.name;
  const method = calleeName(callee);
  if (!MOCK_NAMESPACES.has(namespace) || method === null) return null;
  if (method === FAKE_TIMERS.install) return { node, kind: 'fake-timers', namespace, holder: null };
  if (SPY_FACTORIES.has(method))
    return { node, kind: 'spy', namespace, holder: keptIn(sourceCode, node, hook) };
  return null;
}
