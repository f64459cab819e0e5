/**
 * What the code does with one child process: every reference to it (the local and its aliases,
 * the class field it is kept in and the locals read from that field), each sorted into the
 * facts the three obligations ask about — is `'error'` handled, is the exit observed (and
 * how), where is it killed, where is it handed on or stored.
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import {
  CHILD_EXIT_EVENTS,
  CHILD_OUTPUT_PIPES,
  PIPE_CLOSE_EVENT,
  TREE_KILLERS,
  UNCATCHABLE_SIGNALS,
} from '../../catalog/child-process.js';
import { EVENT_WAITERS, LISTENER_METHODS, RECEIVER_METHODS } from '../../catalog/events.js';
import { transferOf, type TransferHow } from '../../analysis/engine/ownership.js';
import { refMatches } from '../../analysis/resolve/match.js';
import { resolveReference } from '../../analysis/resolve/imports.js';
import {
  calleeName,
  childrenOf,
  contains,
  enclosingFunction,
  findVariable,
  isFunctionNode,
  outermostWrapper,
  staticPropertyName,
  type SourceCodeLike,
} from '../../utils/ast/index.js';

type Node = TSESTree.Node;
type Call = TSESTree.CallExpression;

export interface ExitObserver {
  /** `child.on('exit', h)`, `once(child, 'close')`. */
  node: Call;
  /** A promise of the exit (`events.once`), not a listener. */
  wait: boolean;
  /** The listener, or the `.then`/`.finally` callback of a wait. */
  handler: Node | null;
  /** The `new Promise(…)` whose executor registers it. */
  promise: TSESTree.NewExpression | null;
  /** The options of `once(child, 'exit', options)`. */
  options: Node | null;
}

export interface Kill {
  node: Call;
  /** Kills the process group or tree (`process.kill(-child.pid)`, `treeKill(child.pid)`). */
  group: boolean;
  /** SIGKILL (cannot be ignored); `null` when the signal is not a literal. */
  uncatchable: boolean | null;
}

export interface ChildFacts {
  /** Every reading reference (identifiers, `this.field` members, the dropped call itself). */
  refs: readonly Node[];
  errorHandled: boolean;
  exits: ExitObserver[];
  kills: Kill[];
  unref: boolean;
  /** `child.send(msg)` without a callback: a closed channel emits 'error'. */
  unguardedSends: number;
  transfers: { node: Node; how: TransferHow }[];
  /** `registry.set(id, child)`, `children.add(child)`. */
  stores: { call: Call; registry: Node }[];
}

const LISTEN = new Set<string>([...LISTENER_METHODS.add, ...LISTENER_METHODS.once]);
function literalOf(node: Node | undefined): string | number | null {
  if (
    node?.type === 'Literal' &&
    (typeof node.value === 'string' || typeof node.value === 'number')
  )
    return node.value;
  if (node?.type === 'TemplateLiteral' && node.expressions.length === 0)
    return node.quasis[0]?.value.cooked ?? null;
  return null;
}

/** The `new Promise(…)` whose executor `node` sits in directly. */
function executorOf(node: Node): TSESTree.NewExpression | null {
  const fn = enclosingFunction(node);
  const parent = fn?.parent;
  return parent?.type === 'NewExpression' &&
    parent.arguments[0] === fn &&
    parent.callee.type === 'Identifier' &&
    parent.callee.name === 'Promise'
    ? parent
    : null;
}

/** `once(…).then(cb)` / `.finally(cb)`: the callback. */
function thenCallback(call: Call): Node | null {
  const member = outermostWrapper(call).parent;
  if (member?.type !== 'MemberExpression' || member.parent?.type !== 'CallExpression') return null;
  const name = staticPropertyName(member);
  return name === 'then' || name === 'finally' ? (member.parent.arguments[0] ?? null) : null;
}

/** `kill(0)` only asks whether the process is alive. */
const probes = (signal: Node | undefined): boolean => literalOf(signal) === 0;

const uncatchable = (signal: Node | undefined): boolean | null => {
  if (signal === undefined) return false;
  const value = literalOf(signal);
  return value === null ? null : UNCATCHABLE_SIGNALS.includes(value);
};

function addEvent(facts: ChildFacts, call: Call, event: Node | undefined, wait: boolean): void {
  const name = literalOf(event);
  // A listener for 'error', a promise of any event (`once()` rejects on 'error'), or an event
  // chosen at run time, which may be either.
  if (name === null || name === 'error' || wait) facts.errorHandled = true;
  if (name !== null && !CHILD_EXIT_EVENTS.includes(String(name))) return;
  facts.exits.push({
    node: call,
    wait,
    handler: wait ? thenCallback(call) : (call.arguments[1] ?? null),
    promise: executorOf(call),
    options: wait ? (call.arguments[2] ?? null) : null,
  });
}

/** `process.kill(child.pid)`, `process.kill(-child.pid, 'SIGKILL')`, `treeKill(child.pid)`. */
function pidKill(sourceCode: SourceCodeLike, ref: Node): Kill | null {
  const member = outermostWrapper(ref).parent;
  if (member?.type !== 'MemberExpression' || staticPropertyName(member) !== 'pid') return null;
  let arg: Node = member;
  const negated = member.parent?.type === 'UnaryExpression' && member.parent.operator === '-';
  if (negated) arg = member.parent;
  const call = arg.parent;
  if (call?.type !== 'CallExpression' || call.arguments[0] !== arg) return null;
  const name = calleeName(call.callee);
  const resolved = resolveReference(sourceCode, call.callee);
  const isProcessKill = resolved?.module === 'global' && resolved.path.join('.') === 'process.kill';
  if (probes(call.arguments[1])) return null;
  if (isProcessKill)
    return { node: call, group: negated, uncatchable: uncatchable(call.arguments[1]) };
  if (name !== null && TREE_KILLERS.test(name))
    return { node: call, group: true, uncatchable: uncatchable(call.arguments[1]) };
  return null;
}

/** `child.stdout.on('close', h)`: the pipe closes when the child ends (field CP-2). */
function pipeClose(ref: Node, facts: ChildFacts): void {
  const pipe = outermostWrapper(ref).parent;
  if (pipe?.type !== 'MemberExpression' || pipe.object !== outermostWrapper(ref)) return;
  const pipeName = staticPropertyName(pipe);
  if (pipeName === null || !CHILD_OUTPUT_PIPES.includes(pipeName)) return;
  const member = outermostWrapper(pipe).parent;
  if (member?.type !== 'MemberExpression' || member.object !== outermostWrapper(pipe)) return;
  const method = staticPropertyName(member);
  const call = member.parent;
  if (method === null || !LISTEN.has(method)) return;
  if (call?.type !== 'CallExpression' || call.callee !== member) return;
  if (literalOf(call.arguments[0]) !== PIPE_CLOSE_EVENT) return;
  facts.exits.push({
    node: call,
    wait: false,
    handler: call.arguments[1] ?? null,
    promise: executorOf(call),
    options: null,
  });
}

function isEventWaiter(sourceCode: SourceCodeLike, callee: Node): 'once' | 'on' | null {
  const resolved = resolveReference(sourceCode, callee);
  if (resolved === null || !EVENT_WAITERS.some((ref) => refMatches(resolved, ref))) return null;
  return resolved.path.at(-1) === 'once' ? 'once' : 'on';
}

function classify(sourceCode: SourceCodeLike, ref: Node, facts: ChildFacts): void {
  // Methods on the child, through chains of listener registrations that return it.
  let target = outermostWrapper(ref);
  for (;;) {
    const member = target.parent;
    if (member?.type !== 'MemberExpression' || member.object !== target) break;
    const call = member.parent;
    if (call?.type !== 'CallExpression' || call.callee !== member) break;
    const method = staticPropertyName(member);
    if (method !== null && LISTEN.has(method)) addEvent(facts, call, call.arguments[0], false);
    else if (method === 'kill' && !probes(call.arguments[0]))
      facts.kills.push({ node: call, group: false, uncatchable: uncatchable(call.arguments[0]) });
    else if (method === 'unref') facts.unref = true;
    else if (method === 'send') {
      const callback = call.arguments.at(-1);
      if (!callback || !isFunctionNode(callback)) facts.unguardedSends += 1;
    }
    if (method === null || !RECEIVER_METHODS.has(method)) break;
    target = outermostWrapper(call);
  }
  const kill = pidKill(sourceCode, ref);
  if (kill) facts.kills.push(kill);
  pipeClose(ref, facts);
  const value = outermostWrapper(ref);
  const call = value.parent;
  if (call?.type === 'CallExpression' && call.callee !== value) {
    const waiter = call.arguments[0] === value ? isEventWaiter(sourceCode, call.callee) : null;
    if (waiter === 'once') addEvent(facts, call, call.arguments[1], true);
    else if (waiter === 'on') facts.errorHandled = true;
    const method = call.callee.type === 'MemberExpression' ? staticPropertyName(call.callee) : null;
    if (call.callee.type === 'MemberExpression' && (method === 'set' || method === 'add'))
      facts.stores.push({ call, registry: call.callee.object });
  }
  const owner = enclosingFunction(ref);
  const how = owner ? transferOf(sourceCode, ref, owner, true) : null;
  if (how) facts.transfers.push({ node: ref, how });
}

/**
 * Its end is taken care of: the exit is observed, the child is detached (`unref()`), or it is
 * sent SIGKILL, which it cannot ignore.
 */
export const endSettled = (facts: ChildFacts): boolean =>
  facts.exits.length > 0 || facts.unref || facts.kills.some((kill) => kill.uncatchable === true);

/** The facts about a child from its references. */
export function factsOf(sourceCode: SourceCodeLike, refs: readonly Node[]): ChildFacts {
  const facts: ChildFacts = {
    refs,
    errorHandled: false,
    exits: [],
    kills: [],
    unref: false,
    unguardedSends: 0,
    transfers: [],
    stores: [],
  };
  for (const ref of refs) classify(sourceCode, ref, facts);
  return facts;
}

type Variable = TSESLint.Scope.Variable;

/** `const alias = <value>`: the alias's variable. */
function aliasOf(sourceCode: SourceCodeLike, value: Node): Variable | null {
  const declarator = outermostWrapper(value).parent;
  if (declarator?.type !== 'VariableDeclarator' || declarator.id.type !== 'Identifier') return null;
  if (declarator.init === null || outermostWrapper(declarator.init) !== outermostWrapper(value))
    return null;
  return findVariable(sourceCode, declarator.id) ?? null;
}

/** Reading references of `variable` and of the locals it is copied into. */
export function variableRefs(sourceCode: SourceCodeLike, variable: Variable): Node[] {
  const refs: Node[] = [];
  const seen = new Set<Variable>();
  const pending = [variable];
  while (pending.length > 0) {
    const current = pending.pop()!;
    if (seen.has(current)) continue;
    seen.add(current);
    for (const reference of current.references) {
      if (!reference.isRead()) continue;
      refs.push(reference.identifier);
      const alias = aliasOf(sourceCode, reference.identifier);
      if (alias) pending.push(alias);
    }
  }
  return refs;
}

export interface FieldKey {
  name: string;
  private: boolean;
}

/** `this.x` / `this.#x`: the field it names. */
export function fieldKeyOf(node: Node): FieldKey | null {
  if (node.type !== 'MemberExpression' || node.object.type !== 'ThisExpression' || node.computed)
    return null;
  const key = node.property;
  if (key.type === 'PrivateIdentifier') return { name: key.name, private: true };
  return key.type === 'Identifier' ? { name: key.name, private: false } : null;
}

const sameField = (node: Node, key: FieldKey): boolean => {
  const other = fieldKeyOf(node);
  return other !== null && other.name === key.name && other.private === key.private;
};

/**
 * Reading references of field `key` in `body` (methods, arrow functions and field
 * initializers; not nested classes or `function`s, whose `this` differs) and of the locals
 * read from it (`const child = this.#child`, `const { child } = this`).
 */
export function fieldRefs(
  sourceCode: SourceCodeLike,
  body: TSESTree.ClassBody,
  key: FieldKey,
): Node[] {
  const refs: Node[] = [];
  const visit = (node: Node): void => {
    if (node.type === 'ClassBody' && node !== body) return;
    if (
      (node.type === 'FunctionExpression' && node.parent?.type !== 'MethodDefinition') ||
      node.type === 'FunctionDeclaration'
    )
      return;
    if (node.type === 'MemberExpression' && sameField(node, key)) {
      const parent = node.parent;
      const written = parent?.type === 'AssignmentExpression' && parent.left === node;
      if (!written) {
        refs.push(node);
        const alias = aliasOf(sourceCode, node);
        if (alias) refs.push(...variableRefs(sourceCode, alias));
      }
      return;
    }
    if (node.type === 'VariableDeclarator' && node.init?.type === 'ThisExpression') {
      for (const variable of sourceCode.scopeManager?.getDeclaredVariables(node) ?? []) {
        const def = variable.defs[0]?.name;
        const property = def?.parent;
        if (property?.type === 'Property' && property.key.type === 'Identifier' && !key.private)
          if (property.key.name === key.name) refs.push(...variableRefs(sourceCode, variable));
      }
    }
    for (const child of childrenOf(node)) visit(child);
  };
  visit(body);
  return refs;
}

/** The class body around `node`, for a field assignment in one of its methods. */
export function classBodyOf(node: Node): TSESTree.ClassBody | null {
  for (let n = node.parent; n; n = n.parent) {
    if (n.type === 'ClassBody') return n;
    if (
      isFunctionNode(n) &&
      n.type !== 'ArrowFunctionExpression' &&
      n.parent?.type !== 'MethodDefinition'
    )
      return null;
  }
  return null;
}

/** Whether `node` holds one of `refs`. */
export const mentions = (node: Node, refs: readonly Node[]): boolean =>
  refs.some((ref) => contains(node, ref));
