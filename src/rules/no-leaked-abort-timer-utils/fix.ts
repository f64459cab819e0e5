/**
 * The autofix to `AbortSignal.timeout(ms)`: when a local controller serves only its signal and
 * the timer only aborts it, the pair is one timeout signal that needs no clearing.
 *
 *   const controller = new AbortController();          →  (removed)
 *   const timer = setTimeout(() => controller.abort(), ms);  →  const signal = AbortSignal.timeout(ms);
 *   await fetch(u, { signal: controller.signal });       →  await fetch(u, { signal });
 *   clearTimeout(timer);                                 →  (removed)
 *
 * Linked to an outer signal by one `outer.addEventListener('abort', () => controller.abort())`,
 * it becomes `AbortSignal.any([outer, AbortSignal.timeout(ms)])`.
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import { removeStatement } from '../../analysis/fixes/statement-fixes.js';
import {
  contains,
  findVariable,
  staticPropertyName,
  variableInScope,
} from '../../utils/ast/index.js';
import type { TimerCall } from './timers.js';

type Node = TSESTree.Node;
type SourceCode = Readonly<TSESLint.SourceCode>;

const CLEARS = new Set(['clearTimeout', 'clearInterval']);

/** The statement `node` is the whole of: `f(…);` or `const x = f(…);`. */
function ownStatement(node: Node): TSESTree.Statement | null {
  const parent = node.parent;
  if (parent?.type === 'ExpressionStatement') return parent;
  if (
    parent?.type === 'VariableDeclarator' &&
    parent.init === node &&
    parent.parent.declarations.length === 1 &&
    parent.parent.kind === 'const'
  )
    return parent.parent;
  return null;
}

/** `outer.addEventListener('abort', () => controller.abort(), …);` → `outer`. */
function linkedOuter(use: Node, statement: TSESTree.Statement | null): TSESTree.Identifier | null {
  const arrow = use.parent?.parent?.parent;
  if (arrow?.type !== 'ArrowFunctionExpression' || arrow.body !== use.parent?.parent) return null;
  const call = arrow.parent;
  if (
    call?.type !== 'CallExpression' ||
    call.arguments[1] !== arrow ||
    call.callee.type !== 'MemberExpression' ||
    call.callee.optional ||
    call.callee.object.type !== 'Identifier' ||
    staticPropertyName(call.callee) !== 'addEventListener' ||
    call.arguments[0]?.type !== 'Literal' ||
    call.arguments[0].value !== 'abort' ||
    statement === null ||
    ownStatement(call) !== statement
  )
    return null;
  return call.callee.object;
}

/** The fix, or `null` where the pair is not that simple. */
export function timeoutSignalFix(
  sourceCode: SourceCode,
  timer: Extract<TimerCall, { kind: 'abort' }>,
): TSESLint.ReportFixFunction | null {
  const { node, controller } = timer;
  if (!timer.onlyAborts || !controller || node.arguments.length !== 2) return null;
  if (node.callee.type !== 'Identifier' || node.callee.name !== 'setTimeout') return null;
  const variable = findVariable(sourceCode, controller);
  const def = variable?.defs[0];
  if (!variable || variable.defs.length !== 1 || def?.node.type !== 'VariableDeclarator')
    return null;
  const made = def.node.init;
  if (
    made?.type !== 'NewExpression' ||
    made.callee.type !== 'Identifier' ||
    made.callee.name !== 'AbortController' ||
    made.arguments.length > 0
  )
    return null;
  const controllerStatement = ownStatement(made);
  const timerStatement = ownStatement(node);
  if (!controllerStatement || !timerStatement) return null;
  if (controllerStatement.parent !== timerStatement.parent) return null;
  const callback = node.arguments[0];

  const signals: TSESTree.MemberExpression[] = [];
  let outer: TSESTree.Identifier | null = null;
  let outerStatement: TSESTree.Statement | null = null;
  for (const reference of variable.references) {
    const id = reference.identifier;
    if (id === def.name || contains(callback, id)) continue;
    const member = id.parent;
    if (member?.type !== 'MemberExpression' || member.object !== id || member.computed) return null;
    const name = staticPropertyName(member);
    if (name === 'signal' && id.range[0] > timerStatement.range[1]) {
      if (member.parent.type === 'AssignmentExpression' && member.parent.left === member)
        return null;
      signals.push(member);
      continue;
    }
    if (name !== 'abort' || outer !== null) return null;
    const call = member.parent;
    if (call.type !== 'CallExpression' || call.arguments.length > 0) return null;
    const arrow = call.parent;
    const listen = arrow.parent;
    if (arrow.type !== 'ArrowFunctionExpression' || listen?.type !== 'CallExpression') return null;
    outerStatement = ownStatement(listen);
    outer = linkedOuter(id, outerStatement);
    if (outer === null) return null;
    const declared = findVariable(sourceCode, outer)?.defs[0]?.name;
    if (!declared || declared.range[0] > timerStatement.range[0]) return null;
  }
  if (signals.length === 0) return null;

  // The handle: dropped, or only cleared by statements of their own.
  const handleRemovals: TSESTree.Statement[] = [];
  if (timerStatement.type === 'VariableDeclaration') {
    const id = timerStatement.declarations[0].id;
    if (id.type !== 'Identifier') return null;
    const handle = findVariable(sourceCode, id);
    for (const reference of handle?.references ?? []) {
      if (reference.identifier === id) continue;
      const call = reference.identifier.parent;
      if (
        call?.type !== 'CallExpression' ||
        call.callee.type !== 'Identifier' ||
        !CLEARS.has(call.callee.name) ||
        call.arguments.length !== 1 ||
        call.parent.type !== 'ExpressionStatement'
      )
        return null;
      handleRemovals.push(call.parent);
    }
  }

  const scope = sourceCode.getScope(timerStatement);
  const name = ['signal', `${controller.name}Signal`, 'timeoutSignal'].find(
    (candidate) =>
      variableInScope(scope, candidate) === undefined &&
      signals.every(
        (member) => variableInScope(sourceCode.getScope(member), candidate) === undefined,
      ),
  );
  if (name === undefined) return null;

  const removals = [
    controllerStatement,
    ...handleRemovals,
    ...(outerStatement ? [outerStatement] : []),
  ].map((statement) => removeStatement(sourceCode, statement));
  if (removals.some((removal) => removal === null)) return null;
  const ms = sourceCode.getText(node.arguments[1]);
  const timeout = `AbortSignal.timeout(${ms})`;
  const init = outer ? `AbortSignal.any([${outer.name}, ${timeout}])` : timeout;
  return (fixer) => [
    ...removals.map((removal) => removal!(fixer)),
    fixer.replaceText(timerStatement, `const ${name} = ${init};`),
    ...signals.map((member) => {
      const property = member.parent;
      const shorthand =
        name === 'signal' &&
        property.type === 'Property' &&
        property.value === member &&
        !property.computed &&
        property.key.type === 'Identifier' &&
        property.key.name === 'signal';
      return shorthand ? fixer.replaceText(property, 'signal') : fixer.replaceText(member, name);
    }),
  ];
}
