/**
 * The suggestions of `child-process-lifecycle`, one per obligation where the change is
 * mechanical: wait for the exit with `events.once` (imported the way the file imports), reject
 * the surrounding promise on 'error', drop a registry entry when its child closes, kill after
 * a timed wait, wait after a kill, kill in a `catch` that rethrows. Each returns `null` where it
 * cannot keep the code's meaning (a function that is not `async` cannot wait; a name that
 * means something else where the statement goes).
 *
 * `once(child, 'exit')` after the child has exited never settles: where an `await` runs
 * between the spawn and the wait (or the kill was not the last thing), the wait is guarded by
 * `child.exitCode === null && child.signalCode === null` (set before 'exit' is emitted; a
 * failed spawn sets `exitCode` too).
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import { planNamedImport } from '../../analysis/fixes/add-import.js';
import { freeName } from '../../analysis/fixes/names.js';
import {
  declaratorOf,
  statementsBetween,
  wrapInTryCatch,
} from '../../analysis/fixes/leak-fixes.js';
import {
  appendStatement,
  lineIndent,
  statementAfter,
  statementBeforeExit,
} from '../../analysis/fixes/statement-fixes.js';
import type { LeakExit } from '../../analysis/engine/exit-paths.js';
import { membersOf, disposeSymbolOf } from '../../analysis/engine/class-members.js';
import { RELEASE_METHODS } from '../../catalog/vocabulary.js';
import {
  childrenOf,
  contains,
  enclosingFunction,
  findVariable,
  isFunctionNode,
  outermostWrapper,
  variableInScope,
  type FunctionNode,
} from '../../utils/ast/index.js';
import type { Subject } from './subject.js';

type Node = TSESTree.Node;
type SourceCode = Readonly<TSESLint.SourceCode>;
export type Fix = TSESLint.ReportFixFunction;

/** `fix` together with the import of `once` it needs, if any. */
function withOnce(
  sourceCode: SourceCode,
  at: Node,
  build: (once: string) => Fix | null,
): Fix | null {
  const plan = planNamedImport(sourceCode, at, { module: 'events', name: 'once' });
  if (plan === null) return null;
  const fix = build(plan.reference);
  if (fix === null) return null;
  const addImport = plan.fix;
  return addImport ? (fixer) => [...toArray(fix(fixer)), addImport(fixer)] : fix;
}

function toArray(fixes: ReturnType<Fix>): TSESLint.RuleFix[] {
  if (fixes === null) return [];
  return 'range' in fixes ? [fixes] : [...fixes];
}

/** `await`, `yield` or `for await` of `owner`'s own code between offsets `from` and `to`. */
function waitsBetween(owner: FunctionNode, from: number, to: number): boolean {
  let found = false;
  const visit = (node: Node): void => {
    if (found || node.range[1] <= from || node.range[0] >= to) return;
    if (
      node.type === 'AwaitExpression' ||
      node.type === 'YieldExpression' ||
      (node.type === 'ForOfStatement' && node.await)
    ) {
      found = true;
      return;
    }
    for (const child of childrenOf(node)) if (!isFunctionNode(child)) visit(child);
  };
  visit(owner.body);
  return found;
}

/** Still running; a `this.` field may also be unset. */
const running = (name: string): string =>
  `${name.startsWith('this.') ? `${name} && ` : ''}${name}.exitCode === null && ${name}.signalCode === null`;

/** The single `const`/`let` declaration of a local child, in a block. */
function declarationOf(at: Node): TSESTree.VariableDeclaration | null {
  const declarator = declaratorOf(at);
  const declaration = declarator?.parent;
  if (declaration?.type !== 'VariableDeclaration' || declaration.declarations.length !== 1)
    return null;
  return declaration.parent.type === 'BlockStatement' ? declaration : null;
}

/**
 * exitNotObserved / exitNotObservedInLoop: `await once(child, 'close')` before each `return`
 * that leaves it running (or at the end of the body, or of the loop body that spawned it).
 */
export function awaitExitFix(
  sourceCode: SourceCode,
  subject: Subject,
  at: Node,
  exits: readonly LeakExit[],
): Fix | null {
  const { owner, name } = subject;
  const declaration = declarationOf(at);
  if (!owner.async || subject.kind !== 'local' || !declaration || exits.length === 0) return null;
  const block = declaration.parent as TSESTree.BlockStatement;
  const places: { exit: LeakExit; to: number }[] = [];
  for (const exit of exits) {
    if (exit.kind === 'loop') {
      const body = 'body' in exit.node ? exit.node.body : null;
      // `continue` skips the end of the body.
      if (body !== block || sourceCode.getTokens(block).some((t) => t.value === 'continue'))
        return null;
      places.push({ exit, to: block.range[1] });
    } else if (exit.after || exit.kind === 'throw') return null;
    else places.push({ exit, to: exit.kind === 'return' ? exit.node.range[0] : owner.range[1] });
  }
  return withOnce(sourceCode, declaration, (once) => {
    const fixes: Fix[] = [];
    for (const { exit, to } of places) {
      const text = waitsBetween(owner, declaration.range[1], to)
        ? `if (${running(name)}) await ${once}(${name}, 'exit');`
        : `await ${once}(${name}, 'close');`;
      const fix =
        exit.kind === 'loop'
          ? appendStatement(sourceCode, block, text)
          : statementBeforeExit(sourceCode, exit, block, text, true);
      if (fix === null) return null;
      fixes.push(fix);
    }
    return (fixer) => fixes.flatMap((fix) => toArray(fix(fixer)));
  });
}

/** discardedNoExit / discardedNoError: `spawn(…);` → `await once(spawn(…), 'close');`. */
export function awaitDroppedFix(sourceCode: SourceCode, at: Node, owner: FunctionNode): Fix | null {
  const value = outermostWrapper(at);
  if (!owner.async || value.parent?.type !== 'ExpressionStatement') return null;
  return withOnce(sourceCode, value, (once) => (fixer) => [
    fixer.insertTextBefore(value, `await ${once}(`),
    fixer.insertTextAfter(value, `, 'close')`),
  ]);
}

/** promiseNotHandled: `execAsync(cmd);` → `await execAsync(cmd);` in an `async` function. */
export function awaitPromiseFix(at: Node): Fix | null {
  const value = outermostWrapper(at);
  if (value.parent?.type !== 'ExpressionStatement') return null;
  if (enclosingFunction(at)?.async !== true) return null;
  return (fixer) => fixer.insertTextBefore(value, 'await ');
}

/**
 * errorNotHandled in a promise executor: `child.on('error', reject);` after the spawn, so a
 * failed spawn rejects the promise.
 */
export function rejectOnErrorFix(sourceCode: SourceCode, subject: Subject, at: Node): Fix | null {
  const declaration = declarationOf(at);
  const executor = subject.owner;
  const promise = executor.parent;
  if (subject.kind !== 'local' || !declaration) return null;
  if (
    promise?.type !== 'NewExpression' ||
    promise.arguments[0] !== executor ||
    promise.callee.type !== 'Identifier' ||
    promise.callee.name !== 'Promise'
  )
    return null;
  const reject = executor.params[1];
  if (reject?.type !== 'Identifier') return null;
  const there = variableInScope(sourceCode.getScope(declaration), reject.name);
  if (there === undefined || there !== findVariable(sourceCode, reject)) return null;
  return statementAfter(sourceCode, declaration, `${subject.name}.on('error', ${reject.name});`);
}

/** A key that reads the same later: a literal, or a name that is never assigned again. */
function stableKey(sourceCode: SourceCode, key: Node | undefined): boolean {
  if (key?.type === 'Literal') return true;
  if (key?.type !== 'Identifier') return false;
  const variable = findVariable(sourceCode, key);
  return (
    variable !== undefined &&
    variable.references.every((ref) => !ref.isWrite() || ref.init === true)
  );
}

/**
 * registryNotCleaned: after `registry.set(id, child)`, drop the entry when that child closes
 * (only if it is still the one stored under `id`); after `registry.add(child)`, delete it.
 */
export function deleteOnCloseFix(
  sourceCode: SourceCode,
  subject: Subject,
  store: { call: TSESTree.CallExpression; registry: Node },
): Fix | null {
  const { call } = store;
  const statement = outermostWrapper(call).parent;
  if (statement?.type !== 'ExpressionStatement' || call.callee.type !== 'MemberExpression')
    return null;
  const method = call.callee.property.type === 'Identifier' ? call.callee.property.name : null;
  const child = method === 'set' ? call.arguments[1] : call.arguments[0];
  if (child?.type !== 'Identifier' || child.name !== subject.name) return null;
  const registry = sourceCode.getText(store.registry);
  const name = child.name;
  if (method === 'add')
    return statementAfter(
      sourceCode,
      statement,
      `${name}.once('close', () => ${registry}.delete(${name}));`,
    );
  const key = call.arguments[0];
  if (method !== 'set' || !stableKey(sourceCode, key)) return null;
  const id = sourceCode.getText(key);
  return statementAfter(
    sourceCode,
    statement,
    `${name}.once('close', () => {\n${lineIndent(sourceCode, statement)}  if (${registry}.get(${id}) === ${name}) ${registry}.delete(${id});\n${lineIndent(sourceCode, statement)}});`,
  );
}

/** The statement that awaits `wait`: `await x;` or `const r = await x;`, in a block. */
function awaitingStatement(wait: Node): TSESTree.Statement | null {
  const awaited = outermostWrapper(wait).parent;
  if (awaited?.type !== 'AwaitExpression') return null;
  const parent = outermostWrapper(awaited).parent;
  if (parent?.type === 'ExpressionStatement') return parent;
  if (parent?.type === 'VariableDeclarator' && parent.parent.declarations.length === 1)
    return parent.parent;
  return null;
}

/** A reference to the child inside `node` that names it where `at` is: its text. */
function childNameIn(
  sourceCode: SourceCode,
  refs: readonly Node[],
  node: Node,
  at: Node,
): string | null {
  for (const ref of refs) {
    if (ref.type !== 'Identifier' || !contains(node, ref)) continue;
    const variable = findVariable(sourceCode, ref);
    if (variable && variableInScope(sourceCode.getScope(at), ref.name) === variable)
      return ref.name;
  }
  return null;
}

/**
 * timeoutWithoutKill: `child.kill('SIGKILL');` after a wait that gives up without throwing (a
 * race with a timer, a promise its timer resolves). Killing a child that has exited does
 * nothing, so it goes right after the wait.
 */
export function killAfterWaitFix(
  sourceCode: SourceCode,
  refs: readonly Node[],
  wait: Node,
): Fix | null {
  const race =
    wait.type === 'CallExpression' &&
    wait.callee.type === 'MemberExpression' &&
    sourceCode.getText(wait.callee) === 'Promise.race';
  const promise =
    wait.type === 'NewExpression' &&
    wait.callee.type === 'Identifier' &&
    wait.callee.name === 'Promise';
  if (!race && !promise) return null;
  const statement = awaitingStatement(wait);
  if (!statement) return null;
  const name = childNameIn(sourceCode, refs, wait, statement);
  return name === null ? null : statementAfter(sourceCode, statement, `${name}.kill('SIGKILL');`);
}

/** A name or `this.` path (`child`, `this.#child`): reads the same twice. */
function plainPath(node: Node): boolean {
  if (node.type === 'Identifier' || node.type === 'ThisExpression') return true;
  return node.type === 'MemberExpression' && !node.computed && plainPath(node.object);
}

/**
 * killNotAwaited: after `child.kill()` in an `async` function, wait for the exit (when the
 * child was still running).
 */
export function awaitKilledFix(sourceCode: SourceCode, kill: TSESTree.CallExpression): Fix | null {
  const callee = kill.callee;
  if (callee.type !== 'MemberExpression' || !plainPath(callee.object)) return null;
  const statement = outermostWrapper(kill).parent;
  if (statement?.type !== 'ExpressionStatement' || enclosingFunction(kill)?.async !== true)
    return null;
  const child = sourceCode.getText(callee.object);
  const test =
    callee.optional && !child.startsWith('this.')
      ? `${child} && ${running(child)}`
      : running(child);
  return withOnce(sourceCode, statement, (once) =>
    statementAfter(sourceCode, statement, `if (${test}) await ${once}(${child}, 'exit');`),
  );
}

/** `if (running) { child.kill(); await once(child, 'exit'); }`, indented for `indent`. */
function stopAndWait(child: string, once: string, indent: string): string {
  return `if (${running(child)}) {\n${indent}  ${child}.kill();\n${indent}  await ${once}(${child}, 'exit');\n${indent}}`;
}

/**
 * usingOnly: kill and wait at the end of the block of `using child`, when nothing returns or
 * throws out of the function before it (`using` alone only sends SIGTERM).
 */
export function stopAtEndFix(sourceCode: SourceCode, subject: Subject, at: Node): Fix | null {
  const declaration = declarationOf(at);
  if (!declaration || !subject.owner.async) return null;
  const block = declaration.parent as TSESTree.BlockStatement;
  const leaves = sourceCode
    .getTokens(subject.owner)
    .some(
      (t) => t.range[0] > declaration.range[1] && (t.value === 'return' || t.value === 'throw'),
    );
  const last = block.body.at(-1);
  if (leaves || !last || last === declaration) return null;
  return withOnce(sourceCode, declaration, (once) =>
    appendStatement(
      sourceCode,
      block,
      stopAndWait(subject.name, once, lineIndent(sourceCode, last)),
    ),
  );
}

/**
 * neverStopped: kill and wait in the class's `async` release method (`close`, `stop`,
 * `[Symbol.asyncDispose]`). A class without one needs a design decision (who calls it).
 */
export function stopInReleaseFix(
  sourceCode: SourceCode,
  subject: Subject,
  at: Node,
): { fix: Fix; method: string } | null {
  let cls: Node | undefined = at.parent;
  while (cls && cls.type !== 'ClassDeclaration' && cls.type !== 'ClassExpression') cls = cls.parent;
  if (!cls) return null;
  const stop = membersOf(cls).find(
    (m) =>
      m.kind === 'method' &&
      m.key !== null &&
      (RELEASE_METHODS.includes(m.key) ||
        m.key === 'stop' ||
        (m.node.computed && disposeSymbolOf(m.node.key) !== null)),
  );
  if (!stop?.fn.async || stop.fn.body.type !== 'BlockStatement' || stop.key === null) return null;
  const body = stop.fn.body;
  const child = subject.name;
  const indent = lineIndent(sourceCode, body.body[0] ?? body) + (body.body[0] ? '' : '  ');
  const fix = withOnce(sourceCode, body, (once) =>
    appendStatement(sourceCode, body, stopAndWait(child, once, indent)),
  );
  return fix ? { fix, method: stop.key } : null;
}

/**
 * notStoppedOnFailure: the statements from the spawn up to the first one that stops, awaits or
 * hands on the child go into `try { … } catch (error) { child.kill(); throw error; }`.
 */
export function killOnFailureFix(
  sourceCode: SourceCode,
  subject: Subject,
  at: Node,
  failure: Node,
  stops: readonly Node[],
): Fix | null {
  const declaration = declarationOf(at);
  if (!declaration) return null;
  const block = declaration.parent as TSESTree.BlockStatement;
  const after = stops
    .filter((stop) => stop.range[0] > failure.range[1] && contains(block, stop))
    .sort((a, b) => a.range[0] - b.range[0])[0];
  const statements = after
    ? statementsBetween(declaration, after)
    : block.body.slice(block.body.indexOf(declaration) + 1);
  if (!statements?.some((s) => contains(s, failure))) return null;
  const error = freeName(sourceCode, statements[0], ['error', 'err']);
  return wrapInTryCatch(sourceCode, statements, `${subject.name}.kill()`, error);
}
