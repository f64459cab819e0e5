/**
 * Is an `AbortSignal` in scope at a call: a parameter (`signal: AbortSignal`), an option read
 * from one (`const { signal } = options`, `const signal = opts.signal`), typed or used as one.
 * `child-process-lifecycle` asks it where a child is spawned, `forward-abort-signal` at every
 * call of an API that accepts a signal. A local signal made for some other call
 * (`AbortSignal.timeout(ms)`) does not count, nor code that runs once the signal aborted (an
 * abort listener, a `catch`/`finally`, a branch under `if (signal.aborted)`).
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import {
  findVariable,
  isFunctionNode,
  outermostWrapper,
  staticPropertyName,
} from '../../utils/ast/index.js';
import { typeServices } from '../types/type-services.js';

type Node = TSESTree.Node;
type SourceCode = Readonly<TSESLint.SourceCode>;
type Variable = TSESLint.Scope.Variable;

export interface ScopeSignal {
  name: string;
  /** Declared or typed `AbortSignal` (not only named like one): safe to autofix. */
  certain: boolean;
}

/** Names an abort signal goes by; `killSignal` and friends name a POSIX signal instead. */
const SIGNAL_NAMES = ['signal', 'abortSignal', 'cancelSignal', 'cancellationSignal'];
/** Members only an `AbortSignal` has. */
const SIGNAL_MEMBERS = new Set([
  'aborted',
  'reason',
  'throwIfAborted',
  'addEventListener',
  'removeEventListener',
  'onabort',
]);

const textOf = (sourceCode: SourceCode, node: Node | undefined): string =>
  node ? sourceCode.text.slice(node.range[0], node.range[1]) : '';

/** The declared type's text, on the binding or on the pattern it is destructured from. */
function annotationOf(name: TSESTree.Identifier): Node | undefined {
  if (name.typeAnnotation) return name.typeAnnotation;
  for (let n: Node | undefined = name.parent; n; n = n.parent) {
    if (n.type === 'ObjectPattern') return n.typeAnnotation;
    if (n.type !== 'Property' && n.type !== 'AssignmentPattern') return undefined;
  }
  return undefined;
}

/** Whether the type checker calls it an `AbortSignal`: `null` without type information. */
function typedAsSignal(sourceCode: SourceCode, name: Node): boolean | null {
  const services = typeServices(sourceCode);
  if (!services) return null;
  // `signal?: AbortSignal`, through aliases: the declared interface, undefined left out.
  const type = services.checker.getNonNullableType(services.typeOf(name));
  const parts = type.isUnion() ? type.types : [type];
  return parts.some((part) => part.getSymbol()?.getName() === 'AbortSignal');
}

/** What the uses of a plain, unannotated `signal` say it is. */
function usedAsAbortSignal(variable: Variable): boolean {
  let abort = false;
  for (const reference of variable.references) {
    const id = reference.identifier;
    const parent = id.parent;
    if (parent?.type === 'MemberExpression' && parent.object === id) {
      const member = staticPropertyName(parent);
      if (member !== null && SIGNAL_MEMBERS.has(member)) abort = true;
    } else if (
      parent?.type === 'Property' &&
      parent.value === id &&
      parent.key.type === 'Identifier' &&
      parent.key.name === 'signal'
    ) {
      // `fetch(url, { signal })`.
      abort = true;
    }
  }
  return abort && !usedAsKill(variable);
}

function judge(sourceCode: SourceCode, variable: Variable, before: Node): ScopeSignal | null {
  const def = variable.defs[0];
  if (variable.defs.length !== 1 || def === undefined || def.name.type !== 'Identifier')
    return null;
  if (def.type !== 'Parameter' && def.type !== 'Variable') return null;
  const name = def.name;
  // A local signal was made for some other call (`AbortSignal.timeout(ms)` for a fetch);
  // only the caller's signal, a parameter or read from one, says when the work is cancelled.
  if (
    def.type === 'Variable' &&
    (name.range[0] > before.range[0] || !fromCaller(sourceCode, def.node))
  )
    return null;
  const typed = typedAsSignal(sourceCode, name);
  if (typed === false) return null;
  const annotation = annotationOf(name);
  if (annotation !== undefined && /\bAbortSignal\b/.test(textOf(sourceCode, annotation)))
    return { name: name.name, certain: true };
  if (typed === true) return { name: name.name, certain: true };
  if (annotation !== undefined && annotation.parent === name) return null;
  // `= 'SIGTERM'`: a POSIX signal.
  const defaulted = name.parent?.type === 'AssignmentPattern' ? name.parent.right : null;
  if (defaulted?.type === 'Literal') return null;
  // `{ signal }` destructured from options, `const signal = options.signal`: the convention.
  const destructured =
    outermostWrapper(name).parent?.type === 'Property' || def.type === 'Variable';
  if (destructured) return usedAsKill(variable) ? null : { name: name.name, certain: false };
  return usedAsAbortSignal(variable) ? { name: name.name, certain: false } : null;
}

/** `const { signal } = options`, `const signal = opts.signal`: read from a parameter. */
function fromCaller(sourceCode: SourceCode, declarator: Node): boolean {
  if (declarator.type !== 'VariableDeclarator' || declarator.init === null) return false;
  let root: Node = declarator.init;
  while (root.type === 'MemberExpression' || WRAPS.has(root.type))
    root =
      root.type === 'MemberExpression' ? root.object : (root as TSESTree.TSAsExpression).expression;
  if (root.type !== 'Identifier') return false;
  return findVariable(sourceCode, root)?.defs[0]?.type === 'Parameter';
}

const WRAPS = new Set(['TSAsExpression', 'TSNonNullExpression', 'TSSatisfiesExpression']);

function usedAsKill(variable: Variable): boolean {
  return variable.references.some((reference) => {
    const call = reference.identifier.parent;
    return (
      call?.type === 'CallExpression' &&
      call.callee.type === 'MemberExpression' &&
      staticPropertyName(call.callee) === 'kill'
    );
  });
}

/**
 * Whether `node` may run after the signal aborted: in a function handed to a call that names
 * the signal (`signal.addEventListener('abort', …)`, `addAbortListener(signal, …)`), in a
 * `catch`/`finally` (cleanup), or under a test of the signal. A child spawned there would be
 * killed at once by the signal it was given.
 */
function runsAfterAbort(sourceCode: SourceCode, node: Node, name: string, until: Node): boolean {
  const named = new RegExp(`\\b${name}\\b`);
  let child: Node = node;
  for (let n: Node | undefined = node.parent; n && n !== until; child = n, n = n.parent) {
    if (n.type === 'CatchClause' || (n.type === 'TryStatement' && n.finalizer === child))
      return true;
    if (n.type === 'IfStatement' && named.test(textOf(sourceCode, n.test))) return true;
    if (
      n.type === 'CallExpression' &&
      isFunctionNode(child) &&
      n.arguments.includes(child as never)
    ) {
      const others = [n.callee, ...n.arguments.filter((arg) => arg !== child)];
      if (others.some((other) => named.test(textOf(sourceCode, other)))) return true;
    }
    if (
      n.type === 'AssignmentExpression' &&
      n.right === child &&
      named.test(textOf(sourceCode, n.left))
    )
      return true;
  }
  return false;
}

/** An `AbortSignal` the code around `node` has (a parameter or local of an enclosing function). */
export function signalInScope(sourceCode: SourceCode, node: Node): ScopeSignal | null {
  for (
    let scope: TSESLint.Scope.Scope | null = sourceCode.getScope(node);
    scope;
    scope = scope.upper
  ) {
    if (scope.type === 'module' || scope.type === 'global') return null;
    for (const name of SIGNAL_NAMES) {
      const variable = scope.set.get(name);
      const signal = variable ? judge(sourceCode, variable, node) : null;
      if (signal) return runsAfterAbort(sourceCode, node, name, scope.block) ? null : signal;
    }
  }
  return null;
}
