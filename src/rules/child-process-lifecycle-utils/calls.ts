/**
 * Which `child_process` call a call expression is, and where its options object sits.
 *
 * Four forms: a child (`spawn`, `fork`, `exec`/`execFile` without a callback) whose lifecycle
 * the rule follows; the callback form of `exec`/`execFile`, whose callback runs at exit with
 * any error; a call of `util.promisify(exec)`, a promise of the finished child; and the
 * synchronous spawners, which block until the child exits.
 */
import type { TSESTree } from '@typescript-eslint/utils';

import { optionProperty, type OptionsSlot } from '../../analysis/fixes/option-fixes.js';

import {
  CHILD_PROCESS_PROMISIFIABLE,
  CHILD_PROCESS_SPAWNERS,
  CHILD_PROCESS_SYNC,
  PROMISIFY,
  SPAWNER_EXPORTS,
  type SpawnerShape,
} from '../../catalog/child-process.js';
import { refMatches } from '../../analysis/resolve/match.js';
import { resolveReference } from '../../analysis/resolve/imports.js';
import { findVariable, skipWrappers, type SourceCodeLike } from '../../utils/ast/index.js';

type Call = TSESTree.CallExpression;
type Arg = Call['arguments'][number];

export type CallForm = 'child' | 'callback' | 'promisified' | 'sync';

export interface ChildCall {
  node: Call;
  form: CallForm;
  /** The `child_process` export: `spawn`, `execFile`, `execSync`… */
  spawner: string;
  shape: SpawnerShape;
}

/** The spawner a callee resolves to (`cp.spawn`, `{ spawn }`, `require(…).spawn`, `crossSpawn`). */
function childProcessExport(sourceCode: SourceCodeLike, callee: TSESTree.Node): string | null {
  const ref = resolveReference(sourceCode, callee);
  if (ref === null) return null;
  return SPAWNER_EXPORTS.find((known) => refMatches(ref, known.ref))?.spawner ?? null;
}

/** `promisify(exec)`, `util.promisify(cp.execFile)`: the export it wraps. */
function promisified(sourceCode: SourceCodeLike, node: TSESTree.Node): string | null {
  const call = skipWrappers(node);
  if (call.type !== 'CallExpression' || call.arguments.length !== 1) return null;
  const fn = resolveReference(sourceCode, call.callee);
  if (fn === null || !refMatches(fn, PROMISIFY)) return null;
  const wrapped = childProcessExport(sourceCode, call.arguments[0]);
  return wrapped !== null && CHILD_PROCESS_PROMISIFIABLE.includes(wrapped) ? wrapped : null;
}

/** The export a promisified callee wraps: `execAsync` bound to `promisify(exec)`, or inline. */
function promisifiedCallee(sourceCode: SourceCodeLike, callee: TSESTree.Node): string | null {
  const node = skipWrappers(callee);
  if (node.type === 'CallExpression') return promisified(sourceCode, node);
  if (node.type !== 'Identifier') return null;
  const variable = findVariable(sourceCode, node);
  const def = variable?.defs[0];
  if (variable?.defs.length !== 1 || def?.node.type !== 'VariableDeclarator') return null;
  const declarator = def.node;
  if (declarator.id !== def.name || declarator.init === null) return null;
  if (declarator.parent.kind !== 'const') return null;
  return promisified(sourceCode, declarator.init);
}

const isFunctionArg = (arg: Arg | undefined): boolean =>
  arg?.type === 'ArrowFunctionExpression' || arg?.type === 'FunctionExpression';

/**
 * `exec(cmd, done)`: a last argument that may be a callback. A function, or a name that is
 * not an options object (a callback passed by name): the callback form, which the rule trusts.
 */
function hasCallback(call: Call, shape: SpawnerShape): boolean {
  if (!shape.callback || call.arguments.length < 2) return false;
  const last = call.arguments[call.arguments.length - 1];
  if (isFunctionArg(last)) return true;
  const minimum = shape.args ? 2 : 1;
  return (
    call.arguments.length > minimum &&
    last.type !== 'ObjectExpression' &&
    last.type !== 'ArrayExpression' &&
    last.type !== 'Literal'
  );
}

/** Which `child_process` call `node` is, or `null`. */
export function childCallOf(sourceCode: SourceCodeLike, node: Call): ChildCall | null {
  const spawner = childProcessExport(sourceCode, node.callee);
  if (spawner !== null) {
    if (CHILD_PROCESS_SYNC.includes(spawner))
      return {
        node,
        form: 'sync',
        spawner,
        shape: { args: spawner !== 'execSync', callback: false },
      };
    const shape = Object.hasOwn(CHILD_PROCESS_SPAWNERS, spawner)
      ? CHILD_PROCESS_SPAWNERS[spawner]
      : undefined;
    if (shape === undefined) return null;
    return { node, form: hasCallback(node, shape) ? 'callback' : 'child', spawner, shape };
  }
  const wrapped = promisifiedCallee(sourceCode, node.callee);
  if (wrapped === null) return null;
  const shape = CHILD_PROCESS_SPAWNERS[wrapped];
  return { node, form: 'promisified', spawner: wrapped, shape: { ...shape, callback: false } };
}

/**
 * The options argument of a spawner call. `spawn(cmd, x)` with `x` neither an array nor an
 * object literal could be either: unknown. `spawn(cmd, args, options)`: the third.
 */
export function optionsSlot(call: ChildCall): OptionsSlot {
  const args = call.node.arguments;
  if (args.some((arg) => arg.type === 'SpreadElement') || args.length === 0)
    return { kind: 'unknown' };
  const callback = call.form === 'callback' ? args[args.length - 1] : null;
  const rest = callback ? args.slice(1, -1) : args.slice(1);
  const [second, third] = rest;
  if (rest.length > (call.shape.args ? 2 : 1)) return { kind: 'unknown' };
  const asOptions = (arg: Arg): OptionsSlot =>
    arg.type === 'ObjectExpression' ? { kind: 'object', node: arg } : { kind: 'unknown' };
  if (third !== undefined) return asOptions(third);
  if (second === undefined) return { kind: 'missing', after: args[0], before: callback };
  // `spawn(cmd, x)`: an args array, or the options; a name could be either.
  if (call.shape.args && second.type === 'ArrayExpression')
    return { kind: 'missing', after: second, before: callback };
  return asOptions(second);
}

/**
 * Whether the call sets option `name`: `true`, `false`, or `null` when it cannot be told
 * (options passed by name or spread in).
 */
export function setsOption(call: ChildCall, name: string): boolean | null {
  const slot = optionsSlot(call);
  if (slot.kind === 'missing') return false;
  if (slot.kind === 'unknown') return null;
  const property = optionProperty(slot.node, name);
  if (property === 'spread') return null;
  return property !== null;
}

/**
 * The value of option `name` in the options literal: the node, `null` when the literal has no
 * such property (or there are no options), `'unknown'` when options come by name or spread.
 */
export function optionValue(call: ChildCall, name: string): TSESTree.Node | null | 'unknown' {
  const slot = optionsSlot(call);
  if (slot.kind === 'missing') return null;
  if (slot.kind === 'unknown') return 'unknown';
  const property = optionProperty(slot.node, name);
  if (property === 'spread') return 'unknown';
  return property?.value ?? null;
}

/** Whether the options literal sets `name: true` (`detached: true`). */
export function optionIsTrue(call: ChildCall, name: string): boolean {
  const value = optionValue(call, name);
  return value !== null && value !== 'unknown' && value.type === 'Literal' && value.value === true;
}

export { optionProperty, type OptionsSlot };
