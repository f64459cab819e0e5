/**
 * Does a call accept an `AbortSignal`, and where? The catalog's APIs first (`fetch`,
 * `timers/promises`, `events.once`/`on`, `fs/promises` reads and writes, undici), then the
 * callee's signature: a parameter typed `AbortSignal`, or an options parameter with a
 * `signal` property of that type. `child_process` spawners are left to
 * `child-process-lifecycle`, which already asks for the signal. Options that configure a
 * stream (`createHash`, `createGzip`, `new PassThrough`: Node's stream options, which take a
 * `signal` too) do not count: the stream is cancelled where it is consumed.
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import type * as ts from 'typescript';

import { resolveReference } from '../../analysis/resolve/imports.js';
import { refMatches } from '../../analysis/resolve/match.js';
import type { TypeServices } from '../../analysis/types/type-services.js';
import { SIGNAL_ACCEPTORS } from '../../catalog/abort.js';
import { findVariable, literalOption } from '../../utils/ast/index.js';

type SourceCode = Readonly<TSESLint.SourceCode>;

export interface Accepting {
  /** `options`: an options object at `index` takes `{ signal }`; `direct`: the signal itself. */
  kind: 'options' | 'direct';
  index: number;
  /** What to call it in the message. */
  label: string;
  /** Missing arguments before `index` may be filled with `undefined` (catalog APIs only). */
  fillGaps: boolean;
}

const isSignalType = (type: ts.Type): boolean => {
  const parts = type.isUnion() ? type.types : [type];
  return parts.some((part) => part.getSymbol()?.getName() === 'AbortSignal');
};

/** Declared in Node's `child_process` typings: `child-process-lifecycle`'s to ask for. */
function fromChildProcess(signature: ts.Signature): boolean {
  const file = signature.getDeclaration()?.getSourceFile().fileName ?? '';
  return /[\\/]child_process\.d\.ts$/.test(file);
}

/**
 * Node's stream options (`highWaterMark`, `objectMode`, and a `signal` that destroys the
 * stream): a stream made in a cancellable function (`createHash(…).update(…).digest()`, a
 * transform handed to `pipeline(…, { signal })`) is not work the signal should stop by itself.
 */
const STREAM_OPTIONS = ['highWaterMark', 'objectMode'];

function byType(services: TypeServices, node: TSESTree.CallExpression): Accepting | null {
  const tsNode = services.tsNodeOf(node) as ts.CallExpression;
  const checker = services.checker;
  const signature = checker.getResolvedSignature(tsNode);
  if (!signature || fromChildProcess(signature)) return null;
  const params = signature.getParameters();
  for (let index = 0; index < params.length; index++) {
    const param = params[index];
    const declaration = param.valueDeclaration;
    // A rest parameter (`...args`) says nothing about one position.
    if (declaration && 'dotDotDotToken' in declaration && declaration.dotDotDotToken) return null;
    const type = checker.getNonNullableType(checker.getTypeOfSymbolAtLocation(param, tsNode));
    if (isSignalType(type))
      return { kind: 'direct', index, label: calleeLabel(node), fillGaps: false };
    const signal = type.isUnion() ? null : type.getProperty('signal');
    if (signal && !STREAM_OPTIONS.some((name) => type.getProperty(name))) {
      const signalType = checker.getNonNullableType(
        checker.getTypeOfSymbolAtLocation(signal, tsNode),
      );
      if (isSignalType(signalType))
        return { kind: 'options', index, label: calleeLabel(node), fillGaps: false };
    }
  }
  return null;
}

function calleeLabel(node: TSESTree.CallExpression): string {
  const callee = node.callee;
  if (callee.type === 'Identifier') return `${callee.name}()`;
  if (callee.type === 'MemberExpression' && callee.property.type === 'Identifier')
    return `${callee.property.name}()`;
  return 'this call';
}

/** An object literal among `call`'s arguments that sets `signal`. */
function passesSignal(call: TSESTree.Node): boolean {
  const value = call.type === 'AwaitExpression' ? call.argument : call;
  if (value.type !== 'CallExpression' && value.type !== 'NewExpression') return false;
  return literalOption(value, 'signal') !== null;
}

/**
 * `once(child, 'close')` on an emitter that was itself given a signal (`spawn(…, { signal })`):
 * aborting it ends the emitter, which settles the wait.
 */
function waitsOnCancellable(sourceCode: SourceCode, node: TSESTree.CallExpression): boolean {
  const emitter = node.arguments[0];
  if (emitter?.type !== 'Identifier') return false;
  const def = findVariable(sourceCode, emitter)?.defs[0];
  return (
    def?.node.type === 'VariableDeclarator' && def.node.init !== null && passesSignal(def.node.init)
  );
}

/** Properties of `pipeline()`'s options; a stream has `end` too, but also `pipe` or `write`. */
const PIPELINE_OPTIONS = ['signal', 'end'];
const STREAM_METHODS = ['pipe', 'write'];

/**
 * `pipeline(source, ...transforms, destination, options?)`: the options are the last argument
 * when it is an object literal, and go after the destination when there are none. A last
 * argument that is neither, but typed like the options (`pipeline(a, b, opts)`), is left alone.
 */
function afterStreams(
  services: TypeServices,
  node: TSESTree.CallExpression,
  label: string,
): Accepting | null {
  const args = node.arguments;
  const last = args.at(-1);
  if (args.length < 2 || last === undefined || last.type === 'SpreadElement') return null;
  if (last.type === 'ObjectExpression')
    return { kind: 'options', index: args.length - 1, label, fillGaps: false };
  const type = services.checker.getNonNullableType(services.typeOf(last));
  const options = PIPELINE_OPTIONS.some((name) => type.getProperty(name));
  if (options && !STREAM_METHODS.some((name) => type.getProperty(name))) return null;
  return { kind: 'options', index: args.length, label, fillGaps: false };
}

const WAITERS = new Set(['events.once()', 'events.on()']);

/** Where `node` takes a signal, or `null`. */
export function acceptingOf(
  sourceCode: SourceCode,
  services: TypeServices,
  node: TSESTree.CallExpression,
): Accepting | null {
  const resolved = resolveReference(sourceCode, node.callee);
  if (resolved?.module === 'child_process') return null;
  if (resolved) {
    const known = SIGNAL_ACCEPTORS.find((acceptor) => refMatches(resolved, acceptor.fn));
    if (known) {
      if (WAITERS.has(known.label) && waitsOnCancellable(sourceCode, node)) return null;
      if (known.options === 'after-streams') return afterStreams(services, node, known.label);
      return { kind: 'options', index: known.options, label: known.label, fillGaps: true };
    }
  }
  return byType(services, node);
}
