/**
 * The members of a class and the walk over their bodies: which member a node runs in, the
 * name a field or method is known by (`pool`, `#timer`, `[Symbol.dispose]`), and which field
 * an expression reads (`this.pool`, `this.#pool`, `const { pool } = this`).
 */
import type { TSESTree } from '@typescript-eslint/utils';

import { DISPOSE_SYMBOLS } from '../../catalog/vocabulary.js';
import {
  forEachChild,
  isFunctionNode,
  type FunctionNode,
  findVariable,
  skipWrappers,
  soleInitializer,
  staticPropertyName,
  type SourceCodeLike,
} from '../../utils/ast/index.js';

export type ClassNode = TSESTree.ClassDeclaration | TSESTree.ClassExpression;

/** What the class-owner analysis needs from ESLint's `SourceCode`. */
export type ClassSource = SourceCodeLike;

/** A method, accessor, constructor, or a field whose value is a function (`onData = () => …`). */
export interface MemberRecord {
  node: TSESTree.MethodDefinition | TSESTree.PropertyDefinition;
  /** `close`, `#cleanup`, `[Symbol.dispose]`; `null` for a computed key we cannot name. */
  key: string | null;
  kind: 'constructor' | 'method' | 'get' | 'set' | 'field';
  fn: FunctionNode;
  async: boolean;
}

/** `[Symbol.dispose]` / `[Symbol.asyncDispose]`: the symbol's name, else `null`. */
export function disposeSymbolOf(key: TSESTree.Node): string | null {
  if (
    key.type === 'MemberExpression' &&
    !key.computed &&
    key.object.type === 'Identifier' &&
    key.object.name === 'Symbol' &&
    key.property.type === 'Identifier' &&
    DISPOSE_SYMBOLS.has(key.property.name)
  )
    return key.property.name;
  return null;
}

/** The name a class element is known by: `pool`, `#pool`, `[Symbol.dispose]`, or `null`. */
export function elementKey(
  element: TSESTree.MethodDefinition | TSESTree.PropertyDefinition | TSESTree.AccessorProperty,
): string | null {
  const key = element.key;
  if (key.type === 'PrivateIdentifier') return `#${key.name}`;
  if (!element.computed) {
    if (key.type === 'Identifier') return key.name;
    if (key.type === 'Literal') return String(key.value);
    return null;
  }
  const symbol = disposeSymbolOf(key);
  if (symbol !== null) return `[Symbol.${symbol}]`;
  if (key.type === 'Literal' && typeof key.value === 'string') return key.value;
  return null;
}

/** `this.x`, `this.#x`, `this['x']` → `x` / `#x`; anything else `null`. */
export function thisMemberKey(node: TSESTree.Node): string | null {
  const member = skipWrappers(node);
  if (member.type !== 'MemberExpression' || skipWrappers(member.object).type !== 'ThisExpression')
    return null;
  if (member.property.type === 'PrivateIdentifier') return `#${member.property.name}`;
  return staticPropertyName(member);
}

/** The instance members of `node` that hold code (static ones run once per class, not per instance). */
export function membersOf(node: ClassNode): MemberRecord[] {
  const members: MemberRecord[] = [];
  for (const element of node.body.body) {
    if (
      element.type === 'MethodDefinition' &&
      !element.static &&
      element.value.type === 'FunctionExpression'
    ) {
      const fn = element.value;
      members.push({
        node: element,
        key: element.kind === 'constructor' ? 'constructor' : elementKey(element),
        kind: element.kind,
        fn,
        async: fn.async,
      });
    } else if (
      element.type === 'PropertyDefinition' &&
      !element.static &&
      element.value !== null &&
      (element.value.type === 'ArrowFunctionExpression' ||
        element.value.type === 'FunctionExpression')
    ) {
      members.push({
        node: element,
        key: elementKey(element),
        kind: 'field',
        fn: element.value,
        async: element.value.async,
      });
    }
  }
  return members;
}

/** A node met on the walk of a member, and whether it runs in a closure nested in the member. */
export interface Visit {
  node: TSESTree.Node;
  member: MemberRecord | null;
  inClosure: boolean;
}

/**
 * Every node that runs with the instance as `this`: member bodies, arrow functions nested in
 * them, and instance field initializers (`member: null`). Nested classes and non-arrow
 * functions (their own `this`) are left out.
 */
export function walkClass(
  node: ClassNode,
  members: readonly MemberRecord[],
  visit: (node: TSESTree.Node, member: MemberRecord | null, inClosure: boolean) => void,
): void {
  const byNode = new Map<TSESTree.Node, MemberRecord>(members.map((m) => [m.fn, m]));
  // No object, list or closure per node: the walk covers every node of the class.
  const walk = (n: TSESTree.Node, member: MemberRecord | null, inClosure: boolean): void => {
    visit(n, member, inClosure);
    forEachChild(n, walkChild, member, inClosure);
  };
  const walkChild = (
    child: TSESTree.Node,
    member: MemberRecord | null,
    inClosure: boolean,
  ): void => {
    if (child.type === 'ClassDeclaration' || child.type === 'ClassExpression') return;
    if (child.type === 'FunctionDeclaration' || child.type === 'FunctionExpression') return;
    walk(child, member, inClosure || isFunctionNode(child));
  };
  for (const element of node.body.body) {
    if (element.type === 'StaticBlock' || ('static' in element && element.static)) continue;
    const member = byNode.get((element as { value?: TSESTree.Node }).value ?? element);
    if (member !== undefined) {
      for (const param of member.fn.params) walk(param, member, false);
      walk(member.fn.body ?? member.fn, member, false);
    } else if (
      (element.type === 'PropertyDefinition' || element.type === 'AccessorProperty') &&
      element.value !== null
    ) {
      walk(element.value, null, false);
    }
  }
}

/**
 * The field an expression reads: `this.x`, or a local bound once to it in a member
 * (`const p = this.pool`, `const { pool } = this`, `const { pool: p } = this`).
 */
export function fieldRead(source: ClassSource, node: TSESTree.Node): string | null {
  const direct = thisMemberKey(node);
  if (direct !== null) return direct;
  const id = skipWrappers(node);
  // `self.#pool` (`const self = this`), `this._self.#pool` (a field that holds the instance).
  if (id.type === 'MemberExpression' && isInstanceAlias(source, id.object)) {
    if (id.property.type === 'PrivateIdentifier') return `#${id.property.name}`;
    return staticPropertyName(id);
  }
  if (id.type !== 'Identifier') return null;
  const variable = findVariable(source, id);
  const init = soleInitializer(variable);
  if (init !== null) return thisMemberKey(init);
  const def = variable?.defs[0];
  if (variable?.defs.length !== 1 || def?.type !== 'Variable') return null;
  const declarator = def.node;
  if (declarator.init === null || declarator.parent.kind !== 'const') return null;
  // `const { pool, timer: t } = this`
  if (
    declarator.id.type !== 'ObjectPattern' ||
    skipWrappers(declarator.init).type !== 'ThisExpression'
  )
    return null;
  for (const property of declarator.id.properties) {
    if (property.type !== 'Property' || property.value !== def.name) continue;
    if (property.key.type === 'Identifier' && !property.computed) return property.key.name;
  }
  return null;
}

const selfFieldsOf = new WeakMap<TSESTree.ClassBody, ReadonlySet<string>>();

/**
 * The fields that hold the instance itself: `_self = this`, or `this._self = this` in the
 * constructor (a class that hands out proxies whose `_self` points back at it).
 */
function selfFields(body: TSESTree.ClassBody): ReadonlySet<string> {
  let keys = selfFieldsOf.get(body);
  if (keys !== undefined) return keys;
  const found = new Set<string>();
  for (const element of body.body) {
    if (element.type === 'PropertyDefinition' && !element.static) {
      const key = elementKey(element);
      if (
        key !== null &&
        element.value !== null &&
        skipWrappers(element.value).type === 'ThisExpression'
      )
        found.add(key);
    }
    if (element.type !== 'MethodDefinition' || element.kind !== 'constructor') continue;
    for (const statement of element.value.body?.body ?? []) {
      if (statement.type !== 'ExpressionStatement') continue;
      const expression = statement.expression;
      if (expression.type !== 'AssignmentExpression' || expression.operator !== '=') continue;
      const key = thisMemberKey(expression.left);
      if (key !== null && skipWrappers(expression.right).type === 'ThisExpression') found.add(key);
    }
  }
  selfFieldsOf.set(body, (keys = found));
  return keys;
}

/** The class body `node` is in (the nearest one), or `null`. */
function enclosingClassBody(node: TSESTree.Node): TSESTree.ClassBody | null {
  for (let n: TSESTree.Node | undefined = node.parent; n !== undefined; n = n.parent)
    if (n.type === 'ClassBody') return n;
  return null;
}

/**
 * An expression that is the instance under another name: a local bound once to `this`
 * (`const self = this`), or `this._self` where the class stores itself in `_self`.
 */
export function isInstanceAlias(source: ClassSource, node: TSESTree.Node): boolean {
  const n = skipWrappers(node);
  if (n.type === 'Identifier') {
    const init = soleInitializer(findVariable(source, n));
    return init !== null && skipWrappers(init).type === 'ThisExpression';
  }
  const key = thisMemberKey(n);
  if (key === null) return false;
  const body = enclosingClassBody(n);
  return body !== null && selfFields(body).has(key);
}

/** The statement `node` is the expression of (`this.x = y;`, `await this.x.close();`), or `null`. */
export function statementOf(node: TSESTree.Node): TSESTree.ExpressionStatement | null {
  let n: TSESTree.Node = node;
  while (
    n.parent &&
    (n.parent.type === 'AwaitExpression' ||
      n.parent.type === 'ChainExpression' ||
      (n.parent.type === 'UnaryExpression' && n.parent.operator === 'void'))
  )
    n = n.parent;
  return n.parent?.type === 'ExpressionStatement' ? n.parent : null;
}

/** The name of a class, for messages: its id, the variable it is bound to, or `null`. */
export function classNameOf(node: ClassNode): string | null {
  if (node.id) return node.id.name;
  const parent = node.parent;
  if (parent.type === 'VariableDeclarator' && parent.id.type === 'Identifier')
    return parent.id.name;
  return null;
}

/** Decorator names on a node: `@Injectable()` → `Injectable`, `@di.Inject(X)` → `Inject`. */
export function decoratorNames(node: { decorators?: TSESTree.Decorator[] }): string[] {
  const names: string[] = [];
  for (const decorator of node.decorators ?? []) {
    let expression: TSESTree.Node = decorator.expression;
    if (expression.type === 'CallExpression') expression = expression.callee;
    if (expression.type === 'Identifier') names.push(expression.name);
    else if (expression.type === 'MemberExpression' && expression.property.type === 'Identifier')
      names.push(expression.property.name);
  }
  return names;
}

/** The nodes of a class that the owner record reads, from one walk. */
export interface ClassFacts {
  assignments: (Visit & { node: TSESTree.AssignmentExpression; key: string })[];
  calls: (Visit & { node: TSESTree.CallExpression })[];
  accesses: (Visit & { node: TSESTree.MemberExpression })[];
  loops: (Visit & { node: TSESTree.ForOfStatement })[];
}

export function collectFacts(node: ClassNode, members: readonly MemberRecord[]): ClassFacts {
  const raw: ClassFacts = { assignments: [], calls: [], accesses: [], loops: [] };
  walkClass(node, members, (n, member, inClosure) => {
    if (n.type === 'AssignmentExpression') {
      const key = thisMemberKey(n.left);
      if (key !== null) raw.assignments.push({ node: n, member, inClosure, key });
    } else if (n.type === 'CallExpression') raw.calls.push({ node: n, member, inClosure });
    else if (n.type === 'MemberExpression') raw.accesses.push({ node: n, member, inClosure });
    else if (n.type === 'ForOfStatement') raw.loops.push({ node: n, member, inClosure });
  });
  return raw;
}
