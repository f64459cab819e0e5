/**
 * Registries of children: a `Map` or `Set` that a child is stored in must lose the entry when
 * the child exits, or it grows with every finished child and keeps handing out dead ones.
 */
import type { TSESTree } from '@typescript-eslint/utils';

import {
  calleeName,
  childrenOf,
  enclosingFunction,
  findVariable,
  isFunctionNode,
  outermostWrapper,
  type SourceCodeLike,
} from '../../utils/ast/index.js';
import { classBodyOf, fieldKeyOf, type ChildFacts } from './uses.js';

type Node = TSESTree.Node;

/** Calls that take an entry out of a registry, by name (`this.#untrack(id)`, `forget(child)`). */
const REMOVAL = /remove|delete|unregister|untrack|forget|clean|release|drop|evict|exited|onExit/i;

const textOf = (sourceCode: SourceCodeLike, node: Node): string =>
  sourceCode.text.slice(node.range[0], node.range[1]);

const COLLECTION = /^\s*:?\s*(?:Readonly)?(?:Map|Set)\s*</;

function isCollectionValue(value: Node | null | undefined): boolean {
  return (
    value?.type === 'NewExpression' &&
    value.callee.type === 'Identifier' &&
    (value.callee.name === 'Map' || value.callee.name === 'Set')
  );
}

/** Whether `registry` (a name or `this.field`) is a `Map` or `Set` by its declaration. */
export function isMapOrSet(sourceCode: SourceCodeLike, registry: Node): boolean {
  const node = outermostWrapper(registry);
  if (node.type === 'Identifier') {
    const def = findVariable(sourceCode, node)?.defs[0];
    if (def?.node.type !== 'VariableDeclarator') return false;
    const annotation = def.node.id.typeAnnotation;
    return (
      isCollectionValue(def.node.init) ||
      (annotation !== undefined && COLLECTION.test(textOf(sourceCode, annotation)))
    );
  }
  const key = fieldKeyOf(node);
  const body = key ? classBodyOf(node) : null;
  if (!key || !body) return false;
  const sameKey = (n: Node): boolean =>
    (n.type === 'PrivateIdentifier') === key.private &&
    (n.type === 'PrivateIdentifier' || n.type === 'Identifier') &&
    n.name === key.name;
  let found = false;
  const visit = (n: Node): void => {
    if (found) return;
    if (n.type === 'PropertyDefinition' && sameKey(n.key)) {
      const annotation = n.typeAnnotation;
      found =
        isCollectionValue(n.value) ||
        (annotation !== undefined && COLLECTION.test(textOf(sourceCode, annotation)));
    } else if (n.type === 'AssignmentExpression' && n.left.type === 'MemberExpression') {
      const left = fieldKeyOf(n.left);
      if (left?.name === key.name && left.private === key.private)
        found = isCollectionValue(n.right);
    }
    for (const child of childrenOf(n)) visit(child);
  };
  visit(body);
  return found;
}

/** A call in `region` that takes an entry out of `registry`. */
function removes(sourceCode: SourceCodeLike, region: Node, registry: string, from = 0): boolean {
  let found = false;
  const visit = (n: Node): void => {
    if (found) return;
    if (n.type === 'CallExpression' && n.range[0] >= from) {
      const callee = n.callee;
      const name = calleeName(callee);
      if (
        callee.type === 'MemberExpression' &&
        (name === 'delete' || name === 'clear') &&
        textOf(sourceCode, callee.object) === registry
      )
        found = true;
      else if (name !== null && REMOVAL.test(name)) found = true;
    }
    for (const child of childrenOf(n)) visit(child);
  };
  visit(region);
  return found;
}

/**
 * Whether some observer of the child's exit takes it out of `registry`: a listener or
 * `.then` callback that deletes it (or calls a function named like a removal), the code after
 * an awaited `once(child, 'exit')`, or a handler passed by name (which we cannot see into).
 */
export function removedOnExit(
  sourceCode: SourceCodeLike,
  facts: ChildFacts,
  registry: Node,
): boolean {
  const name = textOf(sourceCode, registry);
  return facts.exits.some((exit) => {
    const handler = exit.handler;
    if (handler && !isFunctionNode(handler)) return true;
    if (handler) return removes(sourceCode, handler, name);
    const awaited = outermostWrapper(exit.promise ?? exit.node).parent;
    const fn = enclosingFunction(exit.promise ?? exit.node);
    return awaited?.type === 'AwaitExpression' && fn !== null
      ? removes(sourceCode, fn.body, name, awaited.range[1])
      : false;
  });
}
