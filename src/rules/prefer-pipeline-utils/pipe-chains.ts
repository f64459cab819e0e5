/**
 * `.pipe()` chains: their shape (`a.pipe(b).on('error', h).pipe(c)` is one chain of three
 * streams), and what the code already does by hand for its streams: which have
 * an `'error'` listener, which have a close/finish listener, which are destroyed somewhere.
 *
 * A stream is found through every name it goes by: listeners chained on the expression
 * itself (`s.on('error', h).pipe(d)`) or on its `const`'s initializer
 * (`const s = new PassThrough().on('error', h)`), every reference of its variable (or of the
 * variable the chain's result is bound to), and the same member path (`child.stdout`,
 * `this.body`) in the enclosing function. Helpers that take a stream count by name: `finished`/`eos`/`onFinished`
 * observe error and close, `destroy(s)` destroys, `pipeline(…)` does all three.
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '@typescript-eslint/types';

import {
  contains,
  enclosingFunction,
  isFunctionNode,
  isWrapper,
  walkValues,
  type FunctionNode,
  calleeName,
  findVariable,
  skipWrappers,
  staticPropertyName,
  soleInitializer,
} from '../../utils/ast/index.js';
import { LISTENER_METHODS } from '../../catalog/events.js';
import { STREAM_HANDLING } from '../../catalog/streams.js';
import { definingExpression, isInMemorySink, isPipeCall, peelFluent } from './node-streams.js';

type SourceCode = Readonly<TSESLint.SourceCode>;

export type PipeCall = TSESTree.CallExpression & { callee: TSESTree.MemberExpression };

/** The whole `a.pipe(b).pipe(c)` chain ending at `outer`: its links and streams. */
export function chainOf(outer: PipeCall): { links: PipeCall[]; streams: TSESTree.Node[] } {
  const links: PipeCall[] = [outer];
  for (;;) {
    const receiver = peelFluent(links[0].callee.object).base;
    if (!isPipeCall(receiver)) break;
    links.unshift(receiver);
  }
  return { links, streams: [links[0].callee.object, ...links.map((link) => link.arguments[0])] };
}

/** The node the chain's value ends up in, past `.on(…)` calls chained after the last `.pipe()`. */
export function chainTop(outer: TSESTree.Node): TSESTree.Node {
  let node = outer;
  for (;;) {
    const parent = node.parent;
    if (parent === undefined) return node;
    if (isWrapper(parent)) {
      node = parent;
    } else if (
      parent.type === AST_NODE_TYPES.MemberExpression &&
      parent.object === node &&
      parent.parent.type === AST_NODE_TYPES.CallExpression &&
      parent.parent.callee === parent &&
      peelFluent(parent.parent).base !== parent.parent
    ) {
      node = parent.parent;
    } else {
      return node;
    }
  }
}

/** `top` (from `chainTop`) is not itself the receiver of a further `.pipe()`. */
export function isOutermostPipe(top: TSESTree.Node): boolean {
  const parent = top.parent;
  return !(
    parent?.type === AST_NODE_TYPES.MemberExpression &&
    parent.object === top &&
    isPipeCall(parent.parent) &&
    parent.parent.callee === parent
  );
}

export interface Handling {
  /** An `'error'` listener (or a helper that observes errors). */
  error: boolean;
  /** A `'close'`/`'finish'`/`'end'`/`'aborted'` listener (or `finished()`). */
  close: boolean;
  /** `s.destroy()`, `s.close()`, `destroy(s)` somewhere. */
  destroyed: boolean;
}

const LISTEN: ReadonlySet<string> = new Set([...LISTENER_METHODS.add, ...LISTENER_METHODS.once]);
const { closeEvents, destroyFunction, destroyMethods, errorEvent, observers, pipeline } =
  STREAM_HANDLING;

function recordListener(call: TSESTree.CallExpression, into: Handling): void {
  if (call.callee.type !== AST_NODE_TYPES.MemberExpression) return;
  if (!LISTEN.has(staticPropertyName(call.callee) ?? '')) return;
  const event = call.arguments[0];
  if (event?.type !== AST_NODE_TYPES.Literal || typeof event.value !== 'string') return;
  if (event.value === errorEvent) into.error = true;
  if (closeEvents.has(event.value)) into.close = true;
}

/** Record what is done with the stream that `occurrence` denotes. */
function recordUses(occurrence: TSESTree.Node, into: Handling): void {
  let current = occurrence;
  for (;;) {
    const parent = current.parent;
    if (parent === undefined) return;
    if (isWrapper(parent)) {
      current = parent;
    } else if (
      parent.type === AST_NODE_TYPES.MemberExpression &&
      parent.object === current &&
      parent.parent.type === AST_NODE_TYPES.CallExpression &&
      parent.parent.callee === parent
    ) {
      const name = staticPropertyName(parent);
      if (name !== null && destroyMethods.has(name)) into.destroyed = true;
      recordListener(parent.parent, into);
      if (!LISTEN.has(name ?? '')) return;
      current = parent.parent; // `.on()` returns the stream: keep climbing
    } else if (
      parent.type === AST_NODE_TYPES.CallExpression &&
      parent.arguments.includes(current as TSESTree.Expression)
    ) {
      const name = calleeName(parent.callee);
      if (name === destroyFunction) into.destroyed = true;
      if (name !== null && observers.has(name)) into.error = into.close = true;
      if (name === pipeline) into.error = into.close = into.destroyed = true;
      return;
    } else {
      return;
    }
  }
}

/** Property path of `a.b.c` from its root (`['b', 'c']`), or `null` for anything computed. */
function memberPath(node: TSESTree.Node): { root: TSESTree.Node; path: string[] } | null {
  const path: string[] = [];
  let current = skipWrappers(node);
  while (current.type === AST_NODE_TYPES.MemberExpression) {
    const name = staticPropertyName(current);
    if (name === null || current.computed) return null;
    path.unshift(name);
    current = skipWrappers(current.object);
  }
  return { root: current, path };
}

/** From a root occurrence, climb `path` (`child` → `child.stdout`); `null` when it goes elsewhere. */
function climb(root: TSESTree.Node, path: readonly string[]): TSESTree.Node | null {
  let current = root;
  for (const name of path) {
    const parent = current.parent;
    if (parent?.type !== AST_NODE_TYPES.MemberExpression || parent.object !== current) return null;
    if (parent.computed || staticPropertyName(parent) !== name) return null;
    current = parent;
  }
  return current;
}

/** Every occurrence of the stream `expression` denotes, as far as it can be named. */
function occurrences(
  sourceCode: SourceCode,
  expression: TSESTree.Node,
  site: TSESTree.Node,
): TSESTree.Node[] {
  const member = memberPath(peelFluent(expression).base);
  if (member === null) return [];
  const roots: TSESTree.Node[] = [];
  if (member.root.type === AST_NODE_TYPES.Identifier) {
    const variable = findVariable(sourceCode, member.root);
    if (variable === undefined || variable.defs.length === 0) return [];
    for (const reference of variable.references) roots.push(reference.identifier);
  } else if (member.root.type === AST_NODE_TYPES.ThisExpression && member.path.length > 0) {
    walkValues(enclosingFunction(site) ?? sourceCode.ast, (node) => {
      if (node.type === AST_NODE_TYPES.ThisExpression) roots.push(node);
      return true;
    });
  } else {
    return [];
  }
  return roots.flatMap((root) => climb(root, member.path) ?? []);
}

/** Listeners chained on a `const`'s initializer: `const tee = new PassThrough().on('error', h)`. */
function initializerCalls(
  sourceCode: SourceCode,
  expression: TSESTree.Node,
): TSESTree.CallExpression[] {
  const base = skipWrappers(peelFluent(expression).base);
  if (base.type !== AST_NODE_TYPES.Identifier) return [];
  const init = soleInitializer(findVariable(sourceCode, base));
  return init === null ? [] : peelFluent(init).calls;
}

/**
 * What is handled for each stream of a chain: `streams[0]` piped through `links` into the last
 * stream; `top` is where the chain's value ends up (after any `.on()` chained on it).
 */
export function handlingOf(
  sourceCode: SourceCode,
  streams: readonly TSESTree.Node[],
  links: readonly PipeCall[],
  top: TSESTree.Node,
): Handling[] {
  const result = streams.map((): Handling => ({ error: false, close: false, destroyed: false }));
  const last = streams.length - 1;
  streams.forEach((stream, index) => {
    const into = result[index];
    // Listeners chained on the expression itself, on its variable's initializer, or on the
    // `.pipe()` that returned it.
    const chained = [...peelFluent(stream).calls, ...initializerCalls(sourceCode, stream)];
    const link = links[index];
    if (index > 0 && link !== undefined) chained.push(...peelFluent(link.callee.object).calls);
    for (const call of chained) recordListener(call, into);
    for (const occurrence of occurrences(sourceCode, stream, top)) recordUses(occurrence, into);
    if (index === last) {
      recordUses(links[links.length - 1], into);
      const declarator = top.parent;
      if (
        declarator?.type === AST_NODE_TYPES.VariableDeclarator &&
        declarator.init === top &&
        declarator.id.type === AST_NODE_TYPES.Identifier
      ) {
        const variable = findVariable(sourceCode, declarator.id);
        for (const reference of variable?.references ?? []) recordUses(reference.identifier, into);
      }
    }
  });
  return result;
}

/** A function handed to a call (`server.on('x', fn)`, `http.get(url, fn)`): no caller of ours owns its arguments. */
function isCallback(fn: FunctionNode): boolean {
  const parent = fn.parent;
  return (
    (parent.type === AST_NODE_TYPES.CallExpression ||
      parent.type === AST_NODE_TYPES.NewExpression) &&
    parent.arguments.includes(fn as TSESTree.Expression)
  );
}

/** The function whose `this` a node sees (arrows see their parent's); `null` outside one. */
const thisOwner = (node: TSESTree.Node): FunctionNode | null =>
  enclosingFunction(node, { ownThis: true, stopAtClassMembers: true });

/**
 * The function whose caller lends the stream: it is a parameter (never reassigned) of a
 * function that is not a callback, or `this.x` in a method. `null` for anything else.
 */
export function lenderOf(sourceCode: SourceCode, stream: TSESTree.Node): FunctionNode | null {
  const base = skipWrappers(peelFluent(stream).base);
  if (base.type === AST_NODE_TYPES.Identifier) {
    const variable = findVariable(sourceCode, base);
    const def = variable?.defs.length === 1 ? variable.defs[0] : undefined;
    if (def === undefined || (def.type as string) !== 'Parameter' || !isFunctionNode(def.node)) {
      return null;
    }
    const reassigned = variable?.references.some(
      (reference) => reference.isWrite() && reference.identifier !== def.name,
    );
    return reassigned === true || isCallback(def.node) ? null : def.node;
  }
  const member = memberPath(base);
  if (member?.root.type !== AST_NODE_TYPES.ThisExpression || member.path.length === 0) return null;
  const owner = thisOwner(member.root);
  return owner === null || isCallback(owner) ? null : owner;
}

/** The source also goes elsewhere: handed to a call (`upload(body)`) or piped into another stream. */
function isSharedSource(sourceCode: SourceCode, stream: TSESTree.Node): boolean {
  const base = skipWrappers(peelFluent(stream).base);
  if (base.type !== AST_NODE_TYPES.Identifier) return false;
  const variable = findVariable(sourceCode, base);
  return (variable?.references ?? []).some(({ identifier }) => {
    const parent = identifier.parent;
    if (identifier === base || parent === undefined) return false;
    if (parent.type === AST_NODE_TYPES.CallExpression) {
      return !isPipeCall(parent) && parent.arguments.includes(identifier as TSESTree.Expression);
    }
    return (
      parent.type === AST_NODE_TYPES.MemberExpression &&
      parent.object === identifier &&
      isPipeCall(parent.parent) &&
      parent.parent.callee === parent
    );
  });
}

/**
 * Handled by hand: every stream that can fail has an `'error'` listener (the destination may
 * have a close listener instead), and the source is destroyed when the chain closes early,
 * unless everything downstream is an in-memory sink that cannot close early. Into such sinks a
 * borrowed or shared source (a fan-out tap: `body.pipe(hash); await upload(body)`) needs
 * nothing here: its errors are its owner's, and nothing downstream can leave it open.
 */
export function handledByHand(
  sourceCode: SourceCode,
  streams: readonly TSESTree.Node[],
  handling: readonly Handling[],
): boolean {
  const sink = streams.map((stream, i) => i > 0 && isInMemorySink(sourceCode, stream));
  const intoSinks = sink.slice(1).every(Boolean);
  if (
    intoSinks &&
    (lenderOf(sourceCode, streams[0]) !== null || isSharedSource(sourceCode, streams[0]))
  ) {
    return true;
  }
  const errorsHandled = handling.every((h, i) => isHandled(h, i, handling.length, sink[i]));
  return errorsHandled && (handling[0].destroyed || intoSinks);
}

/** A stream that cannot fail unseen: an in-memory sink, an error listener, or a close listener at the end. */
function isHandled(h: Handling, index: number, count: number, sink: boolean): boolean {
  return sink || h.error || (index === count - 1 && h.close);
}

/**
 * The first stream after the source whose errors nothing handles (for a source whose own
 * lifetime is not this code's business, such as an incoming request), or `-1`.
 */
export function firstUnhandledDownstream(
  sourceCode: SourceCode,
  streams: readonly TSESTree.Node[],
  handling: readonly Handling[],
): number {
  return handling.findIndex(
    (h, i) => i > 0 && !isHandled(h, i, handling.length, isInMemorySink(sourceCode, streams[i])),
  );
}

/** `node` (a value) leaves `lender` for its caller: `return node`, an arrow's body, `this.x = node`. */
function handsBack(node: TSESTree.Node, lender: FunctionNode): boolean {
  // `return [first, second]`, `return { body: tee }`: the value leaves inside a literal.
  let value = node;
  while (
    value.parent?.type === AST_NODE_TYPES.ArrayExpression ||
    (value.parent?.type === AST_NODE_TYPES.Property &&
      value.parent.value === value &&
      value.parent.parent.type === AST_NODE_TYPES.ObjectExpression)
  ) {
    value = value.parent.type === AST_NODE_TYPES.Property ? value.parent.parent : value.parent;
  }
  const parent = value.parent;
  if (parent?.type === AST_NODE_TYPES.ReturnStatement) return enclosingFunction(parent) === lender;
  if (parent?.type === AST_NODE_TYPES.ArrowFunctionExpression) {
    return parent.body === value && parent === lender;
  }
  if (
    parent?.type !== AST_NODE_TYPES.AssignmentExpression ||
    parent.right !== value ||
    parent.left.type !== AST_NODE_TYPES.MemberExpression ||
    parent.left.object.type !== AST_NODE_TYPES.ThisExpression
  ) {
    return false;
  }
  const owner = lender.type === AST_NODE_TYPES.ArrowFunctionExpression ? thisOwner(lender) : lender;
  return owner !== null && thisOwner(parent) === owner;
}

/**
 * A borrowed source (see `lenderOf`) piped into a destination created in the lending function
 * and handed back to its caller (returned, or stored on `this`): the function only wires two
 * streams its caller will own, like winston re-piping its long-lived buffer into each new file.
 * Destroying the source on a destination error (what `pipeline()` does) is the owner's call.
 */
export function wiresForCaller(
  sourceCode: SourceCode,
  streams: readonly TSESTree.Node[],
  top: TSESTree.Node,
): boolean {
  const lender = lenderOf(sourceCode, streams[0]);
  if (lender === null) return false;
  const destination = streams[streams.length - 1];
  const created = definingExpression(sourceCode, destination);
  const inLender = contains(lender, created);
  if (
    !inLender ||
    isPipeCall(created) ||
    (created.type !== AST_NODE_TYPES.CallExpression &&
      created.type !== AST_NODE_TYPES.NewExpression)
  ) {
    return false;
  }
  if (handsBack(top, lender)) return true;
  const base = skipWrappers(peelFluent(destination).base);
  if (base.type !== AST_NODE_TYPES.Identifier) return false;
  const references = findVariable(sourceCode, base)?.references ?? [];
  return references.some(({ identifier }) => handsBack(chainTop(identifier), lender));
}
