/** Names and strings that syntax alone fixes: `a.b`, `a['b']`, `'x'`, `` `x` ``. */
import type { TSESTree } from '@typescript-eslint/utils';

import { skipWrappers } from './wrappers.js';

/** `'x'` or `` `x` `` (no substitutions) → `'x'`; anything else → `null`. */
export function stringValue(node: TSESTree.Node | null | undefined): string | null {
  if (node === null || node === undefined) return null;
  if (node.type === 'Literal' && typeof node.value === 'string') return node.value;
  if (node.type === 'TemplateLiteral' && node.expressions.length === 0) {
    return node.quasis[0]?.value.cooked ?? null;
  }
  return null;
}

/** `a.b`, `a['b']`, ``a[`b`]`` → `'b'`; computed or private names → `null`. */
export function staticPropertyName(node: TSESTree.MemberExpression): string | null {
  const { property } = node;
  if (!node.computed) return property.type === 'Identifier' ? property.name : null;
  return stringValue(property);
}

/** The key of `{ a: … }`, `{ 'a': … }`, `a() {}`, `a = …` in a class; computed keys → `null`. */
export function staticKeyName(
  member: TSESTree.Property | TSESTree.MethodDefinition | TSESTree.PropertyDefinition,
): string | null {
  if (member.computed) return null;
  return member.key.type === 'Identifier' ? member.key.name : stringValue(member.key);
}

/** The name a callee is known by: `f` for `f()`, `m` for `a.b.m()` and `a['m']()`. */
export function calleeName(callee: TSESTree.Node): string | null {
  const node = skipWrappers(callee);
  if (node.type === 'Identifier') return node.name;
  if (node.type === 'MemberExpression') return staticPropertyName(node);
  return null;
}

/** The leftmost identifier of a member chain: `console` for `console.log`. */
export function rootName(callee: TSESTree.Node): string | null {
  let node = skipWrappers(callee);
  while (node.type === 'MemberExpression') node = skipWrappers(node.object);
  return node.type === 'Identifier' ? node.name : null;
}

/**
 * The identifier or `this` a chain of members and calls starts from: `app` for
 * `app.route('/a').get`, `describe` for `describe.each(table)`; `null` for anything else.
 */
export function chainRoot(
  node: TSESTree.Node,
): TSESTree.Identifier | TSESTree.ThisExpression | null {
  let current = skipWrappers(node);
  for (;;) {
    if (current.type === 'MemberExpression') current = skipWrappers(current.object);
    else if (current.type === 'CallExpression') current = skipWrappers(current.callee);
    else break;
  }
  return current.type === 'Identifier' || current.type === 'ThisExpression' ? current : null;
}
