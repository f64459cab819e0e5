/**
 * Suggestions of `no-leaked-listener`:
 * - a removal that only the success path reaches moves into a `finally` around the work after
 *   the registration (the shared `wrapInTryFinally`);
 * - a listener an `async` function adds for the work it awaits, and never removes, is removed in
 *   a `finally` around that work, its inline handler first kept in a `const` so that the same
 *   function can be removed;
 * - a per-connection interval nobody clears is kept in a `const` and cleared in the
 *   connection's `close` listener.
 * Each gives `null` where the shape does not allow a clean edit.
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import { isFunctionNode, skipWrappers, type FunctionNode } from '../../utils/ast/index.js';
import {
  returnsOfPromises,
  syntacticThenable,
  waits,
  wrapInTryFinally,
} from '../../analysis/fixes/leak-fixes.js';
import { freeName, lookup } from '../../analysis/fixes/names.js';
import { lineIndent, statementAfter } from '../../analysis/fixes/statement-fixes.js';
import type { Registration } from './targets.js';

type SourceCode = Readonly<TSESLint.SourceCode>;
type Fixer = TSESLint.RuleFixer;
type Fix = TSESLint.RuleFix;

/** The remover of each adder. */
const REMOVER: Readonly<Record<string, string>> = {
  on: 'off',
  once: 'off',
  addListener: 'removeListener',
  prependListener: 'removeListener',
  prependOnceListener: 'removeListener',
  addEventListener: 'removeEventListener',
};

/** The registration as a statement of its owner's body. */
function ownStatement(reg: Registration, owner: FunctionNode): TSESTree.ExpressionStatement | null {
  const statement = reg.node.parent;
  return statement?.type === 'ExpressionStatement' &&
    statement.expression === reg.node &&
    owner.body.type === 'BlockStatement' &&
    statement.parent === owner.body
    ? statement
    : null;
}

/** `signal.removeEventListener('abort', onAbort)` for `reg`, with `handler` as the function. */
function removalText(sourceCode: SourceCode, reg: Registration, handler: string): string | null {
  const callee = skipWrappers(reg.node.callee);
  const remover = REMOVER[reg.method];
  const [event, , options] = reg.node.arguments;
  if (callee.type !== 'MemberExpression' || remover === undefined || event === undefined)
    return null;
  const capture = captureOf(sourceCode, options);
  if (capture === null) return null;
  const target = sourceCode.getText(callee.object);
  const dot = callee.optional ? '?.' : '.';
  const args = [sourceCode.getText(event), handler, ...capture];
  return `${target}${dot}${remover}(${args.join(', ')})`;
}

/**
 * What a removal passes again of the registration's options: its capture flag, the only one
 * a removal reads (`{ once: true }` is no removal option: TypeScript rejects it). `null` for
 * options it cannot see into.
 */
function captureOf(sourceCode: SourceCode, options: TSESTree.Node | undefined): string[] | null {
  if (options === undefined) return [];
  if (options.type === 'Literal' && typeof options.value === 'boolean') return [options.raw];
  if (options.type !== 'ObjectExpression') return null;
  if (options.properties.some((p) => p.type !== 'Property' || p.computed)) return null;
  const capture = options.properties.find(
    (p) => p.type === 'Property' && p.key.type === 'Identifier' && p.key.name === 'capture',
  );
  return capture?.type === 'Property' ? [`{ capture: ${sourceCode.getText(capture.value)} }`] : [];
}

/** The removal that exists, moved into a `finally` around the work before it. */
export function removeInFinally(
  sourceCode: SourceCode,
  reg: Registration,
  owner: FunctionNode,
  removal: TSESTree.Node,
): ((fixer: Fixer) => Fix) | null {
  const statement = ownStatement(reg, owner);
  if (statement === null) return null;
  const text = sourceCode.getText(removal);
  return wrapInTryFinally(sourceCode, statement, text, removal, owner.async, undefined, {
    through: true,
  });
}

/**
 * A listener added for the work an `async` function awaits after it, removed in a `finally`
 * around that work; an inline handler is first kept in a `const` (`onAbort`).
 */
export function removeAfterWork(
  sourceCode: SourceCode,
  reg: Registration,
  owner: FunctionNode,
): ((fixer: Fixer) => Fix[]) | null {
  const statement = ownStatement(reg, owner);
  const handler = reg.handler && skipWrappers(reg.handler);
  if (statement === null || !owner.async || handler === undefined) return null;
  const body = owner.body as TSESTree.BlockStatement;
  const rest = body.body.slice(body.body.indexOf(statement) + 1);
  // The work: something awaited after the registration, or a promise returned (`return
  // task.start()`, awaited in the `try` by the wrap).
  if (!waits(rest) && returnsOfPromises(rest, syntacticThenable).length === 0) return null;
  const inline = isFunctionNode(handler);
  if (!inline && handler.type !== 'Identifier') return null;
  const word = (reg.event ?? 'event').replace(/[^\w$]/g, '');
  const name = inline
    ? freeName(sourceCode, statement, [`on${word.charAt(0).toUpperCase()}${word.slice(1)}`])
    : handler.name;
  const removal = removalText(sourceCode, reg, name);
  if (removal === null) return null;
  const wrap = wrapInTryFinally(sourceCode, statement, removal, null, true);
  if (wrap === null) return null;
  if (!inline) return (fixer) => [wrap(fixer)];
  const indent = lineIndent(sourceCode, statement);
  const hoisted = `const ${name} = ${sourceCode.getText(handler)};\n${indent}`;
  return (fixer) => [
    fixer.insertTextBefore(statement, hoisted),
    fixer.replaceText(handler, name),
    wrap(fixer),
  ];
}

/**
 * `setInterval(…)` in a connection listener → kept in a `const` and cleared when the
 * connection closes: `ws.on('close', () => clearInterval(heartbeat));`.
 */
export function clearOnClose(
  sourceCode: SourceCode,
  interval: TSESTree.CallExpression,
  listener: FunctionNode,
  event: string,
): ((fixer: Fixer) => Fix[]) | null {
  const socket = listener.params[event === 'upgrade' ? 1 : 0];
  if (socket?.type !== 'Identifier') return null;
  if (lookup(sourceCode.getScope(interval), 'clearInterval') !== undefined) return null;
  const parent = interval.parent;
  let statement: TSESTree.Node | undefined;
  let name: string;
  let keep: ((fixer: Fixer) => Fix) | null = null;
  if (parent?.type === 'ExpressionStatement') {
    statement = parent;
    name = freeName(sourceCode, parent, ['heartbeat', 'interval']);
    const kept = name;
    keep = (fixer) => fixer.insertTextBefore(interval, `const ${kept} = `);
  } else if (parent?.type === 'VariableDeclarator' && parent.id.type === 'Identifier') {
    statement = parent.parent;
    name = parent.id.name;
    if (statement.type !== 'VariableDeclaration' || statement.declarations.length !== 1)
      return null;
  } else return null;
  if (statement.parent !== listener.body) return null;
  const clear = statementAfter(
    sourceCode,
    statement,
    `${socket.name}.on('close', () => clearInterval(${name}));`,
  );
  if (clear === null) return null;
  return (fixer) => [...(keep ? [keep(fixer)] : []), clear(fixer)];
}
