/**
 * The suggestion for a race timer nobody clears: keep its handle in a `let` of the function
 * that races (or use the one it already has), and clear it when the race settles
 * (`Promise.race([…]).finally(() => clearTimeout(timer))`). The race settles as before, with
 * the same value or error. A timer started by a helper (`timeout(ms)`) gets nothing: the
 * helper's API would have to hand out its handle, a decision for its author.
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import { isTypeScriptFile } from '../../analysis/fixes/leak-fixes.js';
import { freeName, lookup } from '../../analysis/fixes/names.js';
import { insertBefore } from '../../analysis/fixes/statement-fixes.js';
import {
  enclosingFunction,
  findVariable,
  staticPropertyName,
  valueParent,
} from '../../utils/ast/index.js';
import type { TimerCall } from './timers.js';

type SourceCode = Readonly<TSESLint.SourceCode>;
type Fixer = TSESLint.RuleFixer;
type Fix = TSESLint.RuleFix;

const TIMER_TYPE = ': ReturnType<typeof setTimeout> | undefined';

/** `Promise.race([…])` around `array`, if it is that call's array. */
function raceOf(array: TSESTree.Node | undefined): TSESTree.CallExpression | null {
  const call = array?.parent;
  return array?.type === 'ArrayExpression' &&
    call?.type === 'CallExpression' &&
    call.arguments[0] === array &&
    call.callee.type === 'MemberExpression' &&
    call.callee.object.type === 'Identifier' &&
    call.callee.object.name === 'Promise' &&
    staticPropertyName(call.callee) === 'race'
    ? call
    : null;
}

/** The race the executor's promise runs in: inline, or through one `const`. */
function raceAround(
  sourceCode: SourceCode,
  promise: TSESTree.Node,
): TSESTree.CallExpression | null {
  const { child, parent } = valueParent(promise);
  const inline = raceOf(parent);
  if (inline !== null) return inline;
  if (parent?.type !== 'VariableDeclarator' || parent.init !== child) return null;
  if (parent.id.type !== 'Identifier') return null;
  const races = (findVariable(sourceCode, parent.id)?.references ?? []).flatMap((ref) => {
    const race = raceOf(valueParent(ref.identifier).parent);
    return race === null ? [] : [race];
  });
  return races.length === 1 ? races[0] : null;
}

/** The statement of a statement list that holds `node`, within `node`'s own function. */
function statementOf(node: TSESTree.Node): TSESTree.Statement | null {
  const fn = enclosingFunction(node);
  for (let n: TSESTree.Node | undefined = node; n; n = n.parent) {
    const parent = n.parent;
    if (parent?.type === 'BlockStatement' || parent?.type === 'SwitchCase')
      return enclosingFunction(n) === fn && fn !== null ? (n as TSESTree.Statement) : null;
    if (n === fn) return null;
  }
  return null;
}

/**
 * The fixes that keep the handle of the race timer `timer` and clear it when its race
 * settles, or `null` where the shape is not one of the two this knows.
 */
export function clearRaceFix(
  sourceCode: SourceCode,
  filename: string,
  timer: Extract<TimerCall, { kind: 'race' }>,
): ((fixer: Fixer) => Fix[]) | null {
  const race = raceAround(sourceCode, timer.executor.parent);
  if (race === null || enclosingFunction(race) === timer.executor) return null;
  if (lookup(sourceCode.getScope(race), 'clearTimeout') !== undefined) return null;
  const clear = (name: string) => (fixer: Fixer) =>
    fixer.insertTextAfter(race, `.finally(() => clearTimeout(${name}))`);
  const { child, parent } = valueParent(timer.node);
  // `timer = setTimeout(…)`, into a `let` the function already has.
  if (parent?.type === 'AssignmentExpression' && parent.right === child) {
    if (parent.left.type !== 'Identifier') return null;
    const variable = findVariable(sourceCode, parent.left);
    const declared = variable?.defs[0]?.node;
    if (declared?.type !== 'VariableDeclarator' || declared.id.type !== 'Identifier') return null;
    if (enclosingFunction(declared) !== enclosingFunction(race)) return null;
    const fix = clear(parent.left.name);
    // `let timer;` in TypeScript: a read in a closure needs its type (TS7005), the timer's.
    const writes = variable?.references.filter((ref) => ref.isWrite()).length;
    if (!isTypeScriptFile(filename) || declared.id.typeAnnotation || declared.init)
      return (fixer) => [fix(fixer)];
    if (writes !== 1) return null;
    const id = declared.id;
    return (fixer) => [fixer.insertTextAfter(id, TIMER_TYPE), fix(fixer)];
  }
  const statement = statementOf(race);
  if (statement === null) return null;
  const name = freeName(sourceCode, timer.node, ['timer', 'raceTimer']);
  const type = isTypeScriptFile(filename) ? TIMER_TYPE : '';
  const declare = insertBefore(sourceCode, statement, `let ${name}${type};`);
  if (declare === null) return null;
  const keep = keepHandle(sourceCode, timer, parent, name);
  if (keep === null) return null;
  const fix = clear(name);
  return (fixer) => [declare(fixer), keep(fixer), fix(fixer)];
}

/** `setTimeout(…)` as the executor's body or a statement of it → `timer = setTimeout(…)`. */
function keepHandle(
  sourceCode: SourceCode,
  timer: Extract<TimerCall, { kind: 'race' }>,
  parent: TSESTree.Node | undefined,
  name: string,
): ((fixer: Fixer) => Fix) | null {
  const call = timer.node;
  if (timer.executor.body === call) {
    if (sourceCode.getTokenBefore(call)?.value !== '=>') return null;
    const text = sourceCode.getText(call);
    return (fixer) => fixer.replaceText(call, `{ ${name} = ${text}; }`);
  }
  if (parent?.type === 'ExpressionStatement' && parent.expression === call)
    return (fixer) => fixer.insertTextBefore(call, `${name} = `);
  return null;
}
