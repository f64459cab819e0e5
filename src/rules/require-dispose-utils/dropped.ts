/**
 * The suggestion for a file resource acquired and dropped in a statement of its own
 * (`fs.openSync(path, 'w');` to create an empty file): release it in the same statement,
 * `fs.closeSync(fs.openSync(path, 'w'));`. Nothing else can reach the dropped value, so
 * releasing it on the spot keeps what the code does. Only synchronous acquisitions of
 * descriptors, file streams and directories, whose release is synchronous too.
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import type { FixFn } from '../../analysis/fixes/statement-fixes.js';
import type { ResourceEntry, ResourceKind } from '../../catalog/types.js';
import { skipWrappers, variableInScope } from '../../utils/ast/index.js';

const KINDS: ReadonlySet<ResourceKind> = new Set(['file-descriptor', 'file-stream', 'directory']);

export function releaseDropped(
  sourceCode: Readonly<TSESLint.SourceCode>,
  node: TSESTree.Node,
  entry: ResourceEntry,
): FixFn | null {
  if (node.type !== 'CallExpression' || node.parent.type !== 'ExpressionStatement') return null;
  if (!KINDS.has(entry.kind) || entry.asyncAcquire === true || entry.asyncRelease === true)
    return null;
  const text = sourceCode.getText(node);
  const method = entry.releaseMethods[0];
  if (method !== undefined) return (fixer) => fixer.replaceText(node, `${text}.${method}()`);
  // `openSync` pairs with `closeSync`, called the way the open was (`fs.` or imported).
  const sync = /Sync$/.test(calleeName(node) ?? '');
  const names = (entry.releaseCalls ?? []).map((c) => c.fn.path.at(-1) ?? '');
  const fn = names.find((n) => n.endsWith('Sync') === sync);
  if (fn === undefined) return null;
  const callee = skipWrappers(node.callee);
  let release: string;
  if (callee.type === 'MemberExpression' && !callee.computed && !callee.optional)
    release = `${sourceCode.getText(callee.object)}.${fn}`;
  else if (variableInScope(sourceCode.getScope(node), fn) !== undefined) release = fn;
  else return null;
  return (fixer) => fixer.replaceText(node, `${release}(${text})`);
}

function calleeName(call: TSESTree.CallExpression): string | null {
  const callee = skipWrappers(call.callee);
  if (callee.type === 'Identifier') return callee.name;
  return callee.type === 'MemberExpression' && callee.property.type === 'Identifier'
    ? callee.property.name
    : null;
}
