/**
 * With type information: values whose type has `[Symbol.dispose]` / `[Symbol.asyncDispose]`
 * are resources even when the catalog does not know them, and a `using` fix needs that proof.
 * Without type information every function here answers "don't know" (the caller gets `null`).
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import type * as ts from 'typescript';

import type { ResourceEntry } from '../../catalog/types.js';
import { CATALOG } from '../../catalog/index.js';
import {
  DISPOSE_LIKE_METHODS,
  HANDS_BACK_METHODS,
  RELEASE_METHODS,
} from '../../catalog/vocabulary.js';
import {
  valueParent,
  calleeName,
  findVariable,
  type SourceCodeLike,
} from '../../utils/ast/index.js';
import {
  callMayReturn,
  disposeKind,
  entryForValueType,
  typedOnly,
  findAcquisitionByType,
  mayBeThenable,
  newMayReturn,
  typeDeclaredIn,
} from './type-queries.js';
import { typeScriptModule, typeServices } from './type-services.js';

export type Disposal = 'sync' | 'async';

/** Calls that hand out something they keep: getters, caches, lookups, DI containers. */
const BORROWING_NAME =
  /^(get|find|lookup|resolve|inject|use|current|peek|borrow|cached|of|from)([A-Z_]|$)/;

/**
 * Packages whose disposables are decided elsewhere: Node's own resources by the catalog and
 * the lifecycle rules (an `Immediate`, a `Hash` stream, a `ChildProcess` are not all leaks),
 * test doubles by the test-cleanup rule.
 */
const DECIDED_ELSEWHERE = [
  'node',
  'undici-types',
  'undici',
  'vitest',
  '@vitest/spy',
  'jest-mock',
  '@jest/globals',
  'bun-types',
  'sinon',
];

/** The interfaces themselves: `@types/node` declares them globally, but they are no Node class. */
const PLAIN_DISPOSABLE = new Set(['Disposable', 'AsyncDisposable']);

/** Calls that release, or hand back their receiver or an argument, do not acquire. */
const NOT_ACQUIRING = new Set([...RELEASE_METHODS, ...HANDS_BACK_METHODS]);

/** The type a promise settles to, or the type itself. */
function awaited(checker: ts.TypeChecker, type: ts.Type): ts.Type {
  return checker.getAwaitedType(type) ?? type;
}

/** The memo key of `catalogOrDisposable` (a test of its own, apart from the catalog's). */
const CATALOG_OR_DISPOSABLE = {};

/** A type `classify` may take: a typed catalog entry's, or one with `[Symbol.dispose]`. */
function catalogOrDisposable(checker: ts.TypeChecker, type: ts.Type): boolean {
  if (entryForValueType(type, typedOnly(CATALOG)) !== null) return true;
  if (disposeKind(checker, type) === null) return false;
  // As `classify` decides: Node's own disposables are the catalog's business.
  return (
    PLAIN_DISPOSABLE.has(typeName(checker, type)) ||
    !DECIDED_ELSEWHERE.some((pkg) => typeDeclaredIn(type, pkg))
  );
}

export interface TypedDisposal {
  /** A resource known by its type alone, as a catalog-shaped entry, or `null`. */
  entryFor(node: TSESTree.CallExpression | TSESTree.NewExpression): ResourceEntry | null;
  /**
   * The same for a value assigned to a field (`this.x = new Cache()`): the assignment itself
   * is the reason to ask, so the binding filter of `entryFor` does not apply.
   */
  fieldEntryFor(node: TSESTree.CallExpression | TSESTree.NewExpression): ResourceEntry | null;
  /**
   * The value of `node` (a binding) as a typed entry whatever it came from, for a shape that
   * already proves it is owned (`const c = coll.find(); try { … } finally { await c.close() }`):
   * its type has `[Symbol.dispose]`/`[Symbol.asyncDispose]`, and it is not one of Node's own.
   * Its release methods are those of `DISPOSE_LIKE_METHODS` the type has.
   */
  valueEntry(node: TSESTree.Node): ResourceEntry | null;
  /** How the value bound to `id` is disposed, if its type says so. */
  disposalOf(id: TSESTree.Node): Disposal | null;
  /** Whether the value of `node` may be a promise (`any` and `unknown` may). */
  mayBeThenable(node: TSESTree.Node): boolean;
  /** Whether the checker knows the type of `node` (not `any`, `unknown` or an error type). */
  knowsType(node: TSESTree.Node): boolean;
}

function typeName(checker: ts.TypeChecker, type: ts.Type): string {
  const symbol = type.getSymbol() ?? type.aliasSymbol;
  return symbol ? symbol.getName() : checker.typeToString(type);
}

/**
 * The type-aware helpers for this file, or `null` when the file has no type information.
 * Never throws when types are missing.
 */
export function typedDisposal(
  context: Readonly<TSESLint.RuleContext<string, readonly unknown[]>>,
): TypedDisposal | null {
  const typed = typeServices(context.sourceCode);
  if (typed === null) return null;
  const { checker, typeOf, tsNodeOf } = typed;

  // Node's own classes are the catalog's; its global `Disposable`/`AsyncDisposable`
  // interfaces (what a project's own function returns) are not.
  const decidedElsewhere = (type: ts.Type): boolean =>
    !PLAIN_DISPOSABLE.has(typeName(checker, type)) &&
    DECIDED_ELSEWHERE.some((pkg) => typeDeclaredIn(type, pkg));

  const classify = (
    node: TSESTree.CallExpression | TSESTree.NewExpression,
  ): ResourceEntry | null => {
    // A catalog resource known by its result type (`pool.connect()` on an imported pool,
    // a project's own `openLog()` returning a FileHandle). A catalog acquisition method
    // counts even when named like a getter (`pool.getConnection()`).
    const name = node.type === 'CallExpression' ? calleeName(node.callee) : null;
    const owns = ownsByShape(node);
    // A getter-named call counts only as a catalog acquisition method: ask nothing else.
    if (!owns && (name === null || !ACQUIRE_METHODS.has(name))) return null;
    if (plainLocalClass(context.sourceCode, node)) return null;
    // Whether the callee's (or constructor's) signatures can return a catalog type or a
    // disposable at all: known once per declaration, where resolving this call would check
    // its arguments.
    if (
      node.type === 'CallExpression'
        ? !callMayReturn(typed, node, CATALOG_OR_DISPOSABLE, catalogOrDisposable)
        : !newMayReturn(typed, node, CATALOG_OR_DISPOSABLE, catalogOrDisposable)
    )
      return null;
    const known = findAcquisitionByType(typed, node, CATALOG);
    if (known && (known.acquireMethod?.method === name || owns)) return known;
    if (!owns) return null;
    // The value held is what the code gets: the settled value only where it awaits.
    const raw = typeOf(node);
    const type = node.parent.type === 'AwaitExpression' ? awaited(checker, raw) : raw;
    const disposal = disposeKind(checker, type);
    if (!disposal) return null;
    if (decidedElsewhere(type)) return null;
    // Hands back one of its arguments (`stack.adopt(x, f)`, `src.pipe(dest)`): not a new value.
    if (node.arguments.some((arg) => arg.type !== 'SpreadElement' && typeOf(arg) === type))
      return null;
    if (node.type === 'CallExpression' && node.callee.type === 'MemberExpression') {
      // Fluent: returns its receiver (`socket.setTimeout(ms)`, declared to return `this`), or
      // its receiver's type (an aliased union, `x?.on()` adding `undefined`, is another object).
      if (returnsThis(checker, tsNodeOf(node))) return null;
      if (sameMembers(checker, typeOf(node.callee.object), type)) return null;
    }
    return typedEntry(type, disposal, DISPOSE_LIKE_METHODS);
  };

  const typedEntry = (
    type: ts.Type,
    disposal: Disposal,
    methods: readonly string[],
  ): ResourceEntry => {
    const label = typeName(checker, type);
    // Release by the methods the type really has, besides `[Symbol.dispose]()`.
    const releaseMethods = methods.filter((m) => type.getProperty(m) !== undefined);
    return {
      id: `type:${label}`,
      label: `\`${label}\``,
      kind: 'typed-disposable',
      acquire: { via: 'either', from: [] },
      releaseMethods,
      disposable: disposal,
      asyncRelease: disposal === 'async',
    } satisfies ResourceEntry;
  };

  return {
    entryFor(node) {
      // Cheap syntax first: most calls never get near the type checker.
      return worthAsking(context.sourceCode, node) ? classify(node) : null;
    },
    fieldEntryFor: classify,
    valueEntry(node) {
      const type = typeOf(node);
      const disposal = disposeKind(checker, type);
      if (!disposal) return null;
      if (decidedElsewhere(type)) return null;
      return typedEntry(type, disposal, DISPOSE_LIKE_METHODS);
    },
    disposalOf(id) {
      return disposeKind(checker, typeOf(id));
    },
    mayBeThenable(node) {
      return mayBeThenable(checker, typeOf(node), tsNodeOf(node));
    },
    knowsType(node) {
      // ts.TypeFlags.Any | Unknown.
      return (typeOf(node).flags & (1 | 2)) === 0;
    },
  };
}

/** The called signature is declared to return `this`. */
function returnsThis(checker: ts.TypeChecker, call: ts.Node): boolean {
  const declaration = checker.getResolvedSignature(call as ts.CallExpression)?.getDeclaration();
  const returned = declaration && 'type' in declaration ? declaration.type : undefined;
  const kind = typeScriptModule()?.SyntaxKind.ThisType;
  return kind !== undefined && (returned as ts.Node | undefined)?.kind === kind;
}

/** The same type once `undefined`/`null` are left out, union members compared one by one. */
function sameMembers(checker: ts.TypeChecker, a: ts.Type, b: ts.Type): boolean {
  const x = checker.getNonNullableType(a);
  const y = checker.getNonNullableType(b);
  if (x === y) return true;
  const xs = x.isUnion() ? x.types : [x];
  const ys = y.isUnion() ? y.types : [y];
  return xs.length === ys.length && xs.every((member) => ys.includes(member));
}

/** Only owned shapes: `new X()`, or a call that is not a getter, lookup, release or `this`/`super` method. */
function ownsByShape(node: TSESTree.CallExpression | TSESTree.NewExpression): boolean {
  if (node.type === 'NewExpression') return true;
  const name = calleeName(node.callee);
  if (name === null || BORROWING_NAME.test(name) || NOT_ACQUIRING.has(name)) return false;
  const callee = node.callee;
  return !(
    callee.type === 'MemberExpression' &&
    (callee.object.type === 'ThisExpression' || callee.object.type === 'Super')
  );
}

/**
 * `new X()` of a class declared in this file that extends nothing and has no computed member
 * (so no `[Symbol.dispose]`/`[Symbol.asyncDispose]`): neither disposable nor a catalog type,
 * so its type is not worth a query.
 */
function plainLocalClass(
  sourceCode: SourceCodeLike,
  node: TSESTree.CallExpression | TSESTree.NewExpression,
): boolean {
  if (node.type !== 'NewExpression' || node.callee.type !== 'Identifier') return false;
  const variable = findVariable(sourceCode, node.callee);
  const def = variable?.defs[0];
  if (variable === undefined || variable.defs.length !== 1 || def?.type !== 'ClassName')
    return false;
  const declaration = def.node;
  if (declaration.type !== 'ClassDeclaration' || declaration.superClass !== null) return false;
  // Any computed member (`[Symbol.dispose]()`, or a key held in a variable) may be one.
  return declaration.body.body.every((member) => !('computed' in member) || !member.computed);
}

/** Catalog methods that acquire from a resource (`pool.connect()`, `pool.getConnection()`). */
const ACQUIRE_METHODS = new Set(
  CATALOG.flatMap((entry) =>
    entry.acquireMethod && entry.kind !== 'listener' ? [entry.acquireMethod.method] : [],
  ),
);

/**
 * Whether a call or `new` deserves a type query: its value is bound (`const x = …`, `x = …`)
 * or dropped (`new Lock();`). With types, any value whose type has `[Symbol.dispose]` or
 * `[Symbol.asyncDispose]` is a resource wherever it comes from (issue 10 item 10); the shape
 * filters of `classify` (getters, releases, fluent calls, `this` methods) keep borrowed
 * values out. A value passed straight on or returned is its receiver's business.
 */
function worthAsking(
  sourceCode: SourceCodeLike & Pick<TSESLint.SourceCode, 'getDeclaredVariables'>,
  node: TSESTree.CallExpression | TSESTree.NewExpression,
): boolean {
  const { parent } = valueParent(node);
  // A dropped value (`new Lock();`, `await acquire();`) is as much a resource as a bound one.
  if (parent?.type === 'ExpressionStatement') return true;
  if (parent?.type === 'VariableDeclarator' && parent.id.type === 'Identifier') {
    return sourceCode.getDeclaredVariables(parent).length > 0;
  }
  if (parent?.type === 'AssignmentExpression' && parent.left.type === 'Identifier') {
    return findVariable(sourceCode, parent.left) !== undefined;
  }
  return false;
}
