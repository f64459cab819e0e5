/**
 * Resources that pass through a function of the same file: a wrapper whose every `return`
 * hands back a fresh acquisition (`function openLog(p) { return fs.promises.open(p, 'a') }`,
 * `async function getClient() { return pool.connect() }`) gives its caller what it acquired,
 * so each call of it is an acquisition of the same kind, owned by the caller. The wrapper
 * itself leaks nothing: returning the value hands it on.
 *
 * Only shapes that surely hand over a new value per call count. A wrapper that keeps what it
 * returns (a cache, a singleton, `streams.push(s)`), releases it, or wires it to a listener
 * (a socket's `'data'` flow, a child's `'exit'`) is not one: every returned value must be the
 * acquisition itself (`return acquire()`, `return await acquire()`, an arrow's body) or, where
 * the rule asks for it, a `const` bound to one in the wrapper and used there only in place
 * (`const c = await pool.connect(); await c.query(sql); return c`).
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import { ESCAPING_METHODS, HANDS_BACK_METHODS, RELEASE_METHODS } from '../../catalog/vocabulary.js';
import type { ResourceEntry } from '../../catalog/types.js';
import {
  findVariable,
  forEachChild,
  isFunctionNode,
  outermostWrapper,
  staticPropertyName,
  type FunctionNode,
} from '../../utils/ast/index.js';

type SourceCode = Readonly<TSESLint.SourceCode>;
type Call = TSESTree.CallExpression;

const returned = new WeakMap<FunctionNode, TSESTree.Node[]>();

function collectReturns(n: TSESTree.Node, out: TSESTree.Node[]): void {
  if (isFunctionNode(n) || n.type === 'ClassBody') return;
  if (n.type === 'ReturnStatement') {
    if (n.argument) out.push(n.argument);
    return;
  }
  forEachChild(n, collectReturns, out, null);
}

/**
 * The arguments of every `return` of `fn` (not of nested functions), or its expression body.
 * Kept per function node: each rule's wrapper finder asks for the same functions.
 */
export function returnedValues(fn: FunctionNode): TSESTree.Node[] {
  if (fn.body.type !== 'BlockStatement') return [fn.body];
  let out = returned.get(fn);
  if (out === undefined) {
    out = [];
    collectReturns(fn.body, out);
    returned.set(fn, out);
  }
  return out;
}

/** The function a callee names in this file: `function api()`, `const api = () => …`. */
export function localFunction(sourceCode: SourceCode, callee: TSESTree.Node): FunctionNode | null {
  if (callee.type !== 'Identifier') return null;
  const variable = findVariable(sourceCode, callee);
  if (variable?.defs.length !== 1) return null;
  const def = variable.defs[0];
  if (def.type === 'FunctionName' && def.node.type === 'FunctionDeclaration') return def.node;
  if (def.type === 'Variable' && def.parent.kind === 'const') {
    const init = def.node.init;
    if (init && isFunctionNode(init)) return init;
  }
  return null;
}

/** Methods whose call on the value keeps, wires, releases or hands it back: not "in place". */
const NOT_IN_PLACE: ReadonlySet<string> = new Set([
  ...ESCAPING_METHODS,
  ...RELEASE_METHODS,
  ...HANDS_BACK_METHODS,
]);

/**
 * `ref` (a reference of the wrapper's binding) only uses the value in place: it reads a
 * property or calls a method that neither keeps, wires, releases nor hands it back.
 */
function inPlace(ref: TSESTree.Node): boolean {
  const member = outermostWrapper(ref).parent;
  if (member?.type !== 'MemberExpression' || member.object !== outermostWrapper(ref)) return false;
  const name = staticPropertyName(member);
  if (name === null || NOT_IN_PLACE.has(name)) return false;
  // `c.query(sql)` or `c.stdout…`: the value itself goes nowhere.
  const use = outermostWrapper(member).parent;
  return !(use?.type === 'AssignmentExpression' && use.left === outermostWrapper(member));
}

/** What a call of a wrapper acquires: the entry, and the acquisition inside the wrapper. */
export interface Wrapped {
  entry: ResourceEntry;
  /** The catalog acquisition the wrapper returns (through any wrapper it calls in turn). */
  acquisition: Call | TSESTree.NewExpression;
}

export interface WrapperOptions {
  /** Also accept a `const` bound to the acquisition and used only in place before its return. */
  bindings: boolean;
}

/**
 * A finder of same-file wrappers for one file. `acquires` says what a call acquires (the
 * catalog entries the rule owns), or `null`; a call of a wrapper of a wrapper counts too.
 * Returns what a call of a wrapper acquires, or `null`. Memoised per function.
 */
export function createWrapperFinder(
  sourceCode: SourceCode,
  acquires: (call: Call | TSESTree.NewExpression) => ResourceEntry | null,
  options: WrapperOptions,
): (node: Call | TSESTree.NewExpression) => Wrapped | null {
  const memo = new Map<FunctionNode, Wrapped | null>();

  /** What `node` (a returned value) acquires, through the catalog or another wrapper. */
  const acquisitionOf = (node: TSESTree.Node): Wrapped | null => {
    const value = node.type === 'AwaitExpression' ? node.argument : node;
    if (value.type !== 'CallExpression' && value.type !== 'NewExpression') return null;
    // A callback-form acquisition hands the resource to its callback, not to the result.
    const last = value.arguments.at(-1);
    if (last && isFunctionNode(last)) return null;
    const entry = acquires(value);
    if (entry !== null) return { entry, acquisition: value };
    return value.type === 'CallExpression' ? wrapped(value) : null;
  };

  /** `return c`: `c` a `const` of `fn` bound to an acquisition and otherwise used in place. */
  const boundAcquisition = (fn: FunctionNode, id: TSESTree.Node): Wrapped | null => {
    if (!options.bindings || id.type !== 'Identifier') return null;
    const variable = findVariable(sourceCode, id);
    const def = variable?.defs[0];
    if (variable?.defs.length !== 1 || def?.type !== 'Variable') return null;
    if (def.parent.kind !== 'const' || def.node.id !== def.name || !def.node.init) return null;
    if (variable.scope.variableScope.block !== fn) return null;
    const found = acquisitionOf(def.node.init);
    if (found === null) return null;
    for (const ref of variable.references) {
      if (ref.init === true) continue;
      const parent = outermostWrapper(ref.identifier).parent;
      if (parent?.type === 'ReturnStatement') continue;
      if (parent?.type === 'ArrowFunctionExpression' && parent.body === ref.identifier) continue;
      if (!inPlace(ref.identifier)) return null;
    }
    return found;
  };

  const judge = (fn: FunctionNode): Wrapped | null => {
    // Generators hand back an iterator, not the value.
    if (fn.generator) return null;
    const values = returnedValues(fn);
    if (values.length === 0) return null;
    let found: Wrapped | null = null;
    for (const value of values) {
      const each = acquisitionOf(value) ?? boundAcquisition(fn, value);
      if (each === null || (found !== null && found.entry.kind !== each.entry.kind)) return null;
      found ??= each;
    }
    return found;
  };

  function wrapped(node: Call | TSESTree.NewExpression): Wrapped | null {
    if (node.type !== 'CallExpression') return null;
    const fn = localFunction(sourceCode, node.callee);
    if (fn === null) return null;
    if (memo.has(fn)) return memo.get(fn)!;
    // A wrapper that calls itself is asked again while judged: not a wrapper then.
    memo.set(fn, null);
    const entry = judge(fn);
    memo.set(fn, entry);
    return entry;
  }

  return wrapped;
}
