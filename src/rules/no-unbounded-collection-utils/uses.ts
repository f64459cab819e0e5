/**
 * What one use of a collection does to it: grows it, shrinks it (or replaces it), looks an
 * entry up, checks its size against a bound, hands it to someone else, or only reads it.
 */
import type { TSESTree } from '@typescript-eslint/utils';

import { calleeName, outermostWrapper, staticPropertyName } from '../../utils/ast/index.js';
import {
  DELETERS,
  GROWING,
  LOOKUPS,
  READERS,
  SHRINKING,
  type CollectionKind,
} from '../../catalog/collections.js';

export type Use =
  | {
      kind: 'grow';
      /** The growing call or assignment. */
      node: TSESTree.Node;
      key: TSESTree.Node | null;
      value: TSESTree.Node | null;
    }
  | { kind: 'lookup'; node: TSESTree.Node }
  | { kind: 'shrink' }
  | { kind: 'bounded' }
  | { kind: 'escape' }
  | { kind: 'read' };

const RELATIONAL = new Set(['<', '<=', '>', '>=']);
const COPYING = new Set(['Map', 'Set', 'Array', 'WeakMap', 'WeakSet']);

/** The collection kind a `new Map()`, `new Set()`, `[]`, `{}` or `Object.create(null)` makes. */
export function collectionKind(init: TSESTree.Node | null | undefined): CollectionKind | null {
  if (!init) return null;
  if (init.type === 'ArrayExpression') return init.elements.length === 0 ? 'array' : null;
  if (init.type === 'ObjectExpression') return init.properties.length === 0 ? 'object' : null;
  if (init.type === 'NewExpression' && init.callee.type === 'Identifier') {
    if (init.callee.name === 'Map' || init.callee.name === 'Set') return init.callee.name;
    return init.callee.name === 'Array' && init.arguments.length === 0 ? 'array' : null;
  }
  if (
    init.type === 'CallExpression' &&
    init.callee.type === 'MemberExpression' &&
    init.callee.object.type === 'Identifier' &&
    init.callee.object.name === 'Object' &&
    calleeName(init.callee) === 'create' &&
    init.arguments[0]?.type === 'Literal' &&
    init.arguments[0].value === null
  )
    return 'object';
  return null;
}

/** `'users'`, `` `v1` ``, `42`: the same entry every time. */
function isConstant(key: TSESTree.Node): boolean {
  return key.type === 'Literal' || (key.type === 'TemplateLiteral' && key.expressions.length === 0);
}

function callOf(member: TSESTree.MemberExpression): TSESTree.CallExpression | null {
  const parent = member.parent.type === 'ChainExpression' ? member.parent.parent : member.parent;
  return parent?.type === 'CallExpression' &&
    (parent.callee === member || parent.callee === member.parent)
    ? parent
    : null;
}

function memberUse(member: TSESTree.MemberExpression, kind: CollectionKind): Use {
  const name = staticPropertyName(member);
  const call = callOf(member);
  if (call && name !== null && !member.computed) {
    const args = call.arguments;
    if (GROWING[kind].includes(name)) {
      if (kind === 'Map')
        return args[0] && isConstant(args[0])
          ? { kind: 'read' }
          : { kind: 'grow', node: call, key: args[0] ?? null, value: args[1] ?? null };
      if (kind === 'Set')
        return args[0] && isConstant(args[0])
          ? { kind: 'read' }
          : { kind: 'grow', node: call, key: args[0] ?? null, value: args[0] ?? null };
      return { kind: 'grow', node: call, key: null, value: args[0] ?? null };
    }
    if (SHRINKING[kind].includes(name)) return { kind: 'shrink' };
    if (LOOKUPS[kind].includes(name)) return { kind: 'lookup', node: call };
    return { kind: 'read' };
  }
  const parent = member.parent;
  if (name === 'length' || name === 'size') {
    if (parent.type === 'AssignmentExpression' && parent.left === member) return { kind: 'shrink' };
    if (parent.type === 'UpdateExpression') return { kind: 'shrink' };
    if (parent.type === 'BinaryExpression' && RELATIONAL.has(parent.operator))
      return { kind: 'bounded' };
    return { kind: 'read' };
  }
  if (parent.type === 'UnaryExpression' && parent.operator === 'delete') return { kind: 'shrink' };
  if (kind !== 'object' || !member.computed) return { kind: 'read' };
  // An object used as a map: `sessions[id] = session`.
  if (parent.type === 'AssignmentExpression' && parent.left === member) {
    return isConstant(member.property)
      ? { kind: 'read' }
      : { kind: 'grow', node: parent, key: member.property, value: parent.right };
  }
  return { kind: 'lookup', node: member };
}

/**
 * The use `ref` (an identifier, or a `this.cache` member, that denotes the collection) makes.
 * Writes to the binding itself are the caller's to judge (a replacement shrinks).
 */
export function useOf(ref: TSESTree.Node, kind: CollectionKind): Use {
  const node = outermostWrapper(ref);
  const parent = node.parent;
  if (!parent) return { kind: 'read' };
  switch (parent.type) {
    case 'MemberExpression':
      return parent.object === node ? memberUse(parent, kind) : { kind: 'read' };
    case 'AssignmentExpression':
      return parent.left === node ? { kind: 'shrink' } : { kind: 'escape' };
    case 'CallExpression': {
      if (parent.callee === node) return { kind: 'read' };
      const name = calleeName(parent.callee);
      if (name !== null && DELETERS.has(name)) return { kind: 'shrink' };
      return name !== null && READERS.has(name) ? { kind: 'read' } : { kind: 'escape' };
    }
    case 'NewExpression':
      return parent.callee.type === 'Identifier' && COPYING.has(parent.callee.name)
        ? { kind: 'read' }
        : { kind: 'escape' };
    case 'BinaryExpression':
      return parent.operator === 'in' && parent.right === node
        ? { kind: 'lookup', node: parent }
        : { kind: 'read' };
    case 'ReturnStatement':
    case 'ArrowFunctionExpression':
    case 'Property':
    case 'PropertyDefinition':
    case 'VariableDeclarator':
    case 'ArrayExpression':
    case 'ExportSpecifier':
    case 'ExportDefaultDeclaration':
    case 'YieldExpression':
    case 'ConditionalExpression':
    case 'LogicalExpression':
      return { kind: 'escape' };
    default:
      return { kind: 'read' };
  }
}
