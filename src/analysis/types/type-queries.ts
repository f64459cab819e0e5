/**
 * Type-aware precision: is a value `Disposable`, where was its type declared, and which catalog
 * entry does a call's result type belong to. Only ever called with parser services the caller
 * already has; `typescript` (an optional peer) is loaded lazily, and only for ambient
 * `declare module 'x'` checks.
 */
import { createHash } from 'node:crypto';

import type { TSESTree } from '@typescript-eslint/utils';
import type * as ts from 'typescript';

import type { ResourceEntry } from '../../catalog/types.js';
import { CATALOG } from '../../catalog/index.js';
import { declarationsNamed } from './callee-names.js';
import { typeScriptModule, type TypeServices } from './type-services.js';

// ts.TypeFlags.Undefined | Null | Void; stable across TypeScript 4.x–5.x (no value import).
const NULLISH_FLAGS = 32768 | 65536 | 16384;
// ts.TypeFlags.Any | Unknown.
const ANY_FLAG = 1;
const UNKNOWN_FLAG = 2;
const DISPOSE_NAME = /^__@(async)?[dD]ispose@/;

/** `T | undefined`, `T | null`: a union with a nullish member. */
export const includesNullish = (type: ts.Type): boolean =>
  type.isUnion() && type.types.some((member) => (member.flags & NULLISH_FLAGS) !== 0);

/** `'sync'` for `[Symbol.dispose]`, `'async'` for `[Symbol.asyncDispose]` (sync wins if both). */
export function disposeKind(checker: ts.TypeChecker, type: ts.Type): 'sync' | 'async' | null {
  if (type.isUnion()) {
    // Every non-nullish member must be disposable (`Handle | undefined` is).
    let kind: 'sync' | 'async' | null = null;
    for (const member of type.types) {
      if ((member.flags & NULLISH_FLAGS) !== 0) continue;
      const own = disposeKind(checker, member);
      if (own === null) return null;
      kind = kind === 'async' || own === 'async' ? 'async' : 'sync';
    }
    return kind;
  }
  if (type.isIntersection()) {
    let kind: 'sync' | 'async' | null = null;
    for (const member of type.types) {
      const own = disposeKind(checker, member);
      if (own === 'sync') return 'sync';
      kind ??= own;
    }
    return kind;
  }
  let kind: 'sync' | 'async' | null = null;
  for (const property of checker.getPropertiesOfType(type)) {
    const match = DISPOSE_NAME.exec(property.escapedName as string);
    if (match === null) continue;
    if (match[1] === undefined) return 'sync';
    kind = 'async';
  }
  return kind;
}

/**
 * Whether values of `type` are promises (or other thenables): a callable `then`. In a union,
 * every member but `undefined`/`null`/`void` must be one (`Promise<void> | undefined` is).
 */
export function isThenable(checker: ts.TypeChecker, type: ts.Type, at: ts.Node): boolean {
  if (type.isUnion()) {
    let thenable = false;
    for (const member of type.types) {
      if ((member.flags & NULLISH_FLAGS) !== 0) continue;
      if (!isThenable(checker, member, at)) return false;
      thenable = true;
    }
    return thenable;
  }
  const then = type.getProperty('then');
  if (then === undefined) return false;
  return checker.getTypeOfSymbolAtLocation(then, at).getCallSignatures().length > 0;
}

/**
 * Whether a value of `type` may be a promise, so that `await` on it is needed and allowed
 * (typescript-eslint's `await-thenable` agrees): `any`, `unknown`, a thenable, or a union
 * with one.
 */
export function mayBeThenable(checker: ts.TypeChecker, type: ts.Type, at: ts.Node): boolean {
  if ((type.flags & (ANY_FLAG | UNKNOWN_FLAG)) !== 0) return true;
  if (type.isUnion()) return type.types.some((member) => mayBeThenable(checker, member, at));
  return isThenable(checker, type, at);
}

/** Whether values of `type` have `[Symbol.dispose]` or `[Symbol.asyncDispose]`. */
export function isDisposableType(checker: ts.TypeChecker, type: ts.Type): boolean {
  return disposeKind(checker, type) !== null;
}

/** Per source file: a digest of its text (so a memo can tell an unchanged file without keeping its text). */
const digests = new WeakMap<ts.SourceFile, string>();

function digestOf(file: ts.SourceFile): string {
  let digest = digests.get(file);
  if (digest === undefined) {
    digest = createHash('sha1').update(file.text).digest('base64');
    digests.set(file, digest);
  }
  return digest;
}

/**
 * Results about a declaration that outlive one program. Typed linting may give every linted
 * file a new program, with new nodes and symbols for the same declarations, so a memo keyed
 * by node or symbol starts empty for each file. This one is keyed by file name and position,
 * and keeps, per file, the entries of one text (known by a digest, so no text is kept): an
 * edit empties that file's entries. Each `SourceFile` finds its entries once by name and
 * digest, then by itself (weakly).
 */
export class DeclarationMemo<T> {
  /** Per file: the digest of the text the entries were made for, and the entries by position. */
  readonly #files = new Map<string, { digest: string; entries: Map<string, { value: T }> }>();
  readonly #bySourceFile = new WeakMap<ts.SourceFile, Map<string, { value: T }>>();

  /** The file's entries, emptied when its text has changed (so only one text's are kept). */
  #entriesOf(declaration: ts.Node): Map<string, { value: T }> {
    const file = declaration.getSourceFile();
    const own = this.#bySourceFile.get(file);
    if (own !== undefined) return own;
    const digest = digestOf(file);
    let known = this.#files.get(file.fileName);
    if (known === undefined || known.digest !== digest) {
      known = { digest, entries: new Map() };
      this.#files.set(file.fileName, known);
    }
    this.#bySourceFile.set(file, known.entries);
    return known.entries;
  }

  /** The remembered value (`{ value }`), or `undefined` when there is none or it is stale. */
  get(declaration: ts.Node): { value: T } | undefined {
    return this.#entriesOf(declaration).get(`${declaration.pos}:${declaration.end}`);
  }

  set(declaration: ts.Node, value: T): void {
    this.#entriesOf(declaration).set(`${declaration.pos}:${declaration.end}`, { value });
  }
}

/** One memo per catalog (or user entry list). */
export function memoPerList<T>(
  memos: WeakMap<readonly ResourceEntry[], DeclarationMemo<T>>,
  list: readonly ResourceEntry[],
): DeclarationMemo<T> {
  let memo = memos.get(list);
  if (memo === undefined) memos.set(list, (memo = new DeclarationMemo<T>()));
  return memo;
}

const stripNode = (name: string): string => (name.startsWith('node:') ? name.slice(5) : name);

function inAmbientModule(declaration: ts.Node, packageName: string): boolean {
  const typescript = typeScriptModule();
  if (typescript === null) return false;
  const wanted = stripNode(packageName);
  for (let node: ts.Node | undefined = declaration.parent; node !== undefined; node = node.parent) {
    if (typescript.isModuleDeclaration(node) && typescript.isStringLiteral(node.name)) {
      return stripNode(node.name.text) === wanted;
    }
  }
  return false;
}

function pathMarkers(packageName: string): string[] {
  const name = stripNode(packageName);
  const markers = [`/node_modules/${name}/`];
  if (name.startsWith('@')) {
    const [scope, rest] = name.slice(1).split('/');
    markers.push(`/node_modules/@types/${scope}__${rest}/`);
    // Generated clients live beside their package: `@prisma/client` → `.prisma/client`.
    markers.push(`/node_modules/.${scope}/${rest}/`);
  } else {
    markers.push(`/node_modules/@types/${name}/`);
  }
  return markers;
}

function declarationsOf(type: ts.Type): readonly ts.Declaration[] {
  return [...(type.aliasSymbol?.declarations ?? []), ...(type.getSymbol()?.declarations ?? [])];
}

/**
 * Whether `type` (its symbol or alias) is declared by `packageName`: in a file under
 * `node_modules/<pkg>/` or `node_modules/@types/<pkg>/`, or inside `declare module '<pkg>'`.
 */
export function typeDeclaredIn(type: ts.Type, packageName: string): boolean {
  const markers = pathMarkers(packageName);
  for (const declaration of declarationsOf(type)) {
    const file = declaration.getSourceFile().fileName.replace(/\\/g, '/');
    if (markers.some((marker) => file.includes(marker))) return true;
    if (inAmbientModule(declaration, packageName)) return true;
  }
  return false;
}

/** The alias and symbol names, and declared names (`export default class Pool` is `default`). */
function typeNamesOf(type: ts.Type): string[] {
  const names: string[] = [];
  if (type.aliasSymbol !== undefined) names.push(type.aliasSymbol.name);
  const symbol = type.getSymbol();
  if (symbol !== undefined) names.push(symbol.name);
  for (const declaration of symbol?.declarations ?? []) {
    const name = (declaration as ts.NamedDeclaration).name;
    if (name !== undefined && 'text' in name && typeof name.text === 'string')
      names.push(name.text);
  }
  return names;
}

function entryForExactType(type: ts.Type, entries: readonly ResourceEntry[]): ResourceEntry | null {
  const names = typeNamesOf(type);
  if (names.length === 0) return null;
  for (const entry of entries) {
    if (
      entry.typeNames?.some((name) => names.includes(name)) !== true ||
      entry.typePackage === undefined
    )
      continue;
    if (typeDeclaredIn(type, entry.typePackage)) return entry;
  }
  return null;
}

function baseTypes(type: ts.Type): readonly ts.Type[] {
  const target = (type as ts.TypeReference).target ?? type;
  return target.getBaseTypes?.() ?? [];
}

/** Per entry list, per type: the entry `entryForType` found (types are the checker's, kept weakly). */
const entryMemos = new WeakMap<readonly ResourceEntry[], WeakMap<ts.Type, ResourceEntry | null>>();

/**
 * The entry a single (non-union) type belongs to, by its own name first, then its bases. Asked
 * of the same types again and again (every return type a rule tests): memoised per type.
 */
function entryForType(type: ts.Type, entries: readonly ResourceEntry[]): ResourceEntry | null {
  let memo = entryMemos.get(entries);
  if (memo === undefined) entryMemos.set(entries, (memo = new WeakMap()));
  let found = memo.get(type);
  if (found === undefined) memo.set(type, (found = computeEntryForType(type, entries)));
  return found;
}

function computeEntryForType(
  type: ts.Type,
  entries: readonly ResourceEntry[],
): ResourceEntry | null {
  const exact = entryForExactType(type, entries);
  if (exact !== null) return exact;
  let layer = baseTypes(type);
  for (let depth = 0; depth < 4 && layer.length > 0; depth++) {
    for (const base of layer) {
      const found = entryForExactType(base, entries);
      if (found !== null) return found;
    }
    layer = layer.flatMap(baseTypes);
  }
  return null;
}

/** Every non-nullish member of a union must agree on the entry. */
export function entryForValueType(
  type: ts.Type,
  entries: readonly ResourceEntry[],
): ResourceEntry | null {
  if (!type.isUnion()) return entryForType(type, entries);
  let found: ResourceEntry | null = null;
  for (const member of type.types) {
    if ((member.flags & NULLISH_FLAGS) !== 0) continue;
    const entry = entryForType(member, entries);
    if (entry === null || (found !== null && found !== entry)) return null;
    found = entry;
  }
  return found;
}

const typedEntries = new WeakMap<readonly ResourceEntry[], ResourceEntry[]>();

export function typedOnly(catalog: readonly ResourceEntry[]): ResourceEntry[] {
  let typed = typedEntries.get(catalog);
  if (typed === undefined) {
    typed = catalog.filter(
      (entry) => entry.typePackage !== undefined && (entry.typeNames?.length ?? 0) > 0,
    );
    typedEntries.set(catalog, typed);
  }
  return typed;
}

/** Per catalog, per non-generic signature declaration: its result. */
const bySignature = new WeakMap<readonly ResourceEntry[], DeclarationMemo<ResourceEntry | null>>();

function isGeneric(signature: ts.Signature): boolean {
  const declaration = signature.getDeclaration() as ts.SignatureDeclaration | undefined;
  return (
    (signature.getTypeParameters()?.length ?? 0) > 0 ||
    (declaration?.typeParameters?.length ?? 0) > 0 ||
    // A class's own type parameters (`new Map<K, V>()`) make the construct signature generic too.
    ((declaration?.parent as ts.ClassLikeDeclaration | undefined)?.typeParameters?.length ?? 0) > 0
  );
}

// ts.SymbolFlags.Class and .Alias; stable across TypeScript 4.x–5.x (no value import).
const CLASS_FLAG = 32;
const ALIAS_FLAG = 2097152;

/**
 * The class `new X()` constructs, through import aliases: resolving the callee's symbol is
 * cheap, while resolving the `new` expression's signature makes the checker check every
 * argument. `null` for anything but a named class (a constructor-typed value, an expression).
 */
export function constructedClass(
  checker: ts.TypeChecker,
  callee: ts.Node,
): { symbol: ts.Symbol; type: ts.Type } | null {
  let symbol = checker.getSymbolAtLocation(callee);
  if (symbol !== undefined && (symbol.flags & ALIAS_FLAG) !== 0) {
    symbol = checker.getAliasedSymbol(symbol);
  }
  if (symbol === undefined || (symbol.flags & CLASS_FLAG) === 0) return null;
  return { symbol, type: checker.getDeclaredTypeOfSymbol(symbol) };
}

// ts.TypeFlags.Instantiable (type parameters, `this`, indexed access, conditional, substitution,
// `keyof`, template literal, string mapping) and ts.ObjectFlags.Mapped.
const INSTANTIABLE_FLAGS = 465829888;
const MAPPED_OBJECT_FLAG = 32;
const OBJECT_FLAG = 524288; // ts.TypeFlags.Object

/**
 * Whether instantiating `type` could change its properties or names: it is, or holds at its
 * top (a union or intersection member), a type variable, or it is a mapped type. A generic
 * reference (`Array<T>`, `Pool<T>`) keeps its name and property names whatever `T` becomes.
 */
function mayChangeWhenInstantiated(type: ts.Type): boolean {
  if ((type.flags & INSTANTIABLE_FLAGS) !== 0) return true;
  if (type.isUnionOrIntersection()) return type.types.some(mayChangeWhenInstantiated);
  return (
    (type.flags & OBJECT_FLAG) !== 0 &&
    ((type as ts.ObjectType).objectFlags & MAPPED_OBJECT_FLAG) !== 0
  );
}

/** A test of a type a call may return: whether it may be what the caller looks for. */
export type ReturnTest = (checker: ts.TypeChecker, type: ts.Type) => boolean;

/** Whether `type`, or what it settles to, passes `test` (or may, once instantiated). */
function returnMayPass(checker: ts.TypeChecker, type: ts.Type, test: ReturnTest): boolean {
  if (mayChangeWhenInstantiated(type) || test(checker, type)) return true;
  const awaited = checker.getAwaitedType(type);
  return (
    awaited !== undefined &&
    awaited !== type &&
    (mayChangeWhenInstantiated(awaited) || test(checker, awaited))
  );
}

/**
 * Per program (its checker), per test, per signature declaration whose declared return type
 * no instantiation can change: whether that return type may pass the test.
 */
const returnMemos = new WeakMap<ts.TypeChecker, WeakMap<object, WeakMap<ts.Node, boolean>>>();

function memoOf(checker: ts.TypeChecker, key: object): WeakMap<ts.Node, boolean> {
  let byKey = returnMemos.get(checker);
  if (byKey === undefined) returnMemos.set(checker, (byKey = new WeakMap()));
  let memo = byKey.get(key);
  if (memo === undefined) byKey.set(key, (memo = new WeakMap()));
  return memo;
}

/** Whether one signature of the callee may return a type passing `test`. */
function signatureMayReturn(
  checker: ts.TypeChecker,
  signature: ts.Signature,
  memo: WeakMap<ts.Node, boolean>,
  test: ReturnTest,
): boolean {
  const declaration = signature.getDeclaration() as ts.SignatureDeclaration | undefined;
  if (declaration !== undefined) {
    const cached = memo.get(declaration);
    if (cached !== undefined) return cached;
    // The declared signature: when its return type has no type variable, every
    // instantiation of it returns that very type, so one answer serves every call.
    const declared = checker.getSignatureFromDeclaration(declaration);
    if (declared !== undefined) {
      const type = checker.getReturnTypeOfSignature(declared);
      if (!mayChangeWhenInstantiated(type)) {
        const answer = returnMayPass(checker, type, test);
        memo.set(declaration, answer);
        return answer;
      }
    }
  }
  return returnMayPass(checker, checker.getReturnTypeOfSignature(signature), test);
}

/** The name a callee is declared by: `open` of `open()`, `x.open()`, `x.#open()`. */
function calleeIndexName(callee: TSESTree.Expression): string | null {
  if (callee.type === 'Identifier') return callee.name;
  if (callee.type !== 'MemberExpression' || callee.computed) return null;
  if (callee.property.type === 'PrivateIdentifier') return `#${callee.property.name}`;
  return callee.property.type === 'Identifier' ? callee.property.name : null;
}

// ts.TypeFlags.TypeParameter
const TYPE_PARAMETER_FLAG = 262144;

function isThisType(type: ts.Type): boolean {
  return (
    (type.flags & TYPE_PARAMETER_FLAG) !== 0 &&
    (type as { isThisType?: boolean }).isThisType === true
  );
}

/**
 * Per program, per key: whether it declares a type a typed catalog entry names (`Pool` in
 * `pg`'s declarations): only then can a receiver's own type be a catalog resource. `key` is
 * the entry list of the test, or any other key for the whole catalog.
 */
const catalogTypesDeclared = new WeakMap<ts.Program, WeakMap<object, boolean>>();

function declaresTypedCatalogType(program: ts.Program, key: object): boolean {
  let byKey = catalogTypesDeclared.get(program);
  if (byKey === undefined) catalogTypesDeclared.set(program, (byKey = new WeakMap()));
  let known = byKey.get(key);
  if (known === undefined) {
    const entries = Array.isArray(key) ? (key as ResourceEntry[]) : typedOnly(CATALOG);
    byKey.set(key, (known = declaresTypeOf(program, entries)));
  }
  return known;
}

function declaresTypeOf(program: ts.Program, entries: readonly ResourceEntry[]): boolean {
  return entries.some((entry) =>
    (entry.typeNames ?? []).some((name) =>
      declarationsNamed(program, name).some((declaration) => {
        const file = declaration.getSourceFile().fileName.replace(/\\/g, '/');
        return (
          entry.typePackage === undefined ||
          pathMarkers(entry.typePackage).some((marker) => file.includes(marker)) ||
          inAmbientModule(declaration, entry.typePackage)
        );
      }),
    ),
  );
}

/**
 * What a call resolving through one declaration may return: nothing that passes (`NO`),
 * maybe something (`MAYBE`), or its receiver (`FLUENT`: declared to return `this`, so the
 * receiver's type decides).
 */
const NO = 0;
const MAYBE = 1;
const FLUENT = 2;
type Verdict = typeof NO | typeof MAYBE | typeof FLUENT;

/** Per program, per test: what a call through a declaration found by name may return. */
const declarationMemos = new WeakMap<ts.TypeChecker, WeakMap<object, WeakMap<ts.Node, Verdict>>>();

function isFunctionLikeDeclaration(node: ts.Node): node is ts.SignatureDeclaration {
  const typescript = typeScriptModule();
  return typescript !== null && typescript.isFunctionLike(node);
}

/**
 * What a call resolving through `declaration` (a function or method, or a value whose type
 * is callable) may return. Asked once per declaration and program.
 */
function declarationMayReturn(
  checker: ts.TypeChecker,
  program: ts.Program,
  declaration: ts.Node,
  key: object,
  test: ReturnTest,
): Verdict {
  let byKey = declarationMemos.get(checker);
  if (byKey === undefined) declarationMemos.set(checker, (byKey = new WeakMap()));
  let memo = byKey.get(key);
  if (memo === undefined) byKey.set(key, (memo = new WeakMap()));
  const cached = memo.get(declaration);
  if (cached !== undefined) return cached;
  const answer = computeDeclarationMayReturn(checker, program, declaration, key, test);
  memo.set(declaration, answer);
  return answer;
}

/** Initializers whose value is no function, whatever their context (a call of it is an error). */
let notCallableKinds: Set<ts.SyntaxKind> | undefined;
/** Expression bodies whose value is a primitive: no test passes it. */
let primitiveKinds: Set<ts.SyntaxKind> | undefined;

function kindSets(typescript: typeof ts): {
  notCallable: Set<ts.SyntaxKind>;
  primitive: Set<ts.SyntaxKind>;
} {
  const K = typescript.SyntaxKind;
  primitiveKinds ??= new Set([
    K.NumericLiteral,
    K.BigIntLiteral,
    K.StringLiteral,
    K.NoSubstitutionTemplateLiteral,
    K.TemplateExpression,
    K.TrueKeyword,
    K.FalseKeyword,
    K.NullKeyword,
    K.PrefixUnaryExpression,
    K.VoidExpression,
    K.TypeOfExpression,
  ]);
  notCallableKinds ??= new Set([
    ...primitiveKinds,
    K.RegularExpressionLiteral,
    K.ObjectLiteralExpression,
    K.ArrayLiteralExpression,
    K.ClassExpression,
  ]);
  return { notCallable: notCallableKinds, primitive: primitiveKinds };
}

function withoutParentheses(typescript: typeof ts, node: ts.Node): ts.Node {
  let inner = node;
  while (typescript.isParenthesizedExpression(inner)) inner = inner.expression;
  return inner;
}

/**
 * Whether the value of `node` is one no test passes, by syntax alone: a primitive (a literal,
 * a template, arithmetic, a comparison, `!x`, `typeof x`), an array, a function, or an object
 * literal without computed keys or spreads (so no `[Symbol.dispose]`, and no class name a
 * catalog entry could know). An operand that can be the value itself (`a ?? b`, `c ? a : b`,
 * `x = a`) must be such a value too.
 */
function plainValue(typescript: typeof ts, node: ts.Expression): boolean {
  const K = typescript.SyntaxKind;
  const inner = withoutParentheses(typescript, node) as ts.Expression;
  if (kindSets(typescript).primitive.has(inner.kind)) return true;
  switch (inner.kind) {
    case K.RegularExpressionLiteral:
    case K.ArrayLiteralExpression:
    case K.ArrowFunction:
    case K.FunctionExpression:
    case K.PostfixUnaryExpression:
    case K.DeleteExpression:
      return true;
    case K.ObjectLiteralExpression:
      return (inner as ts.ObjectLiteralExpression).properties.every(
        (property) =>
          !typescript.isSpreadAssignment(property) &&
          (property.name === undefined || !typescript.isComputedPropertyName(property.name)),
      );
    case K.ConditionalExpression: {
      const conditional = inner as ts.ConditionalExpression;
      return (
        plainValue(typescript, conditional.whenTrue) &&
        plainValue(typescript, conditional.whenFalse)
      );
    }
    case K.AwaitExpression:
      return plainValue(typescript, (inner as ts.AwaitExpression).expression);
    case K.BinaryExpression: {
      const { left, operatorToken, right } = inner as ts.BinaryExpression;
      switch (operatorToken.kind) {
        case K.AmpersandAmpersandToken:
        case K.BarBarToken:
        case K.QuestionQuestionToken:
          return plainValue(typescript, left) && plainValue(typescript, right);
        case K.EqualsToken:
        case K.CommaToken:
          return plainValue(typescript, right);
        case K.AmpersandAmpersandEqualsToken:
        case K.BarBarEqualsToken:
        case K.QuestionQuestionEqualsToken:
          return false;
        default:
          // Arithmetic, comparisons, `in`, `instanceof`, bitwise and their assignments.
          return true;
      }
    }
    default:
      return false;
  }
}

/**
 * Whether a function body may return a value some test passes: it has a `return x` (not in
 * nested functions) whose `x` is not a plain value (`plainValue`). A body that returns nothing,
 * or only plain values, returns `void`, primitives, arrays, functions or plain objects (or
 * promises of them), which no test passes.
 */
function mayReturnValue(typescript: typeof ts, body: ts.Node): boolean {
  const visit = (node: ts.Node): boolean => {
    if (typescript.isReturnStatement(node))
      return node.expression !== undefined && !plainValue(typescript, node.expression);
    if (typescript.isFunctionLike(node) || typescript.isClassLike(node)) return false;
    return typescript.forEachChild(node, visit) === true;
  };
  return typescript.forEachChild(body, visit) === true;
}

/**
 * What syntax alone decides about a declaration, before any type is asked: a value
 * initialized with a literal, an object, an array or a class is no function (`NO`); one
 * initialized with a function is that function (returned, to be asked in its place); a
 * function without a declared return type that returns no value, or only plain values
 * (`plainValue`: `return null`, `return a + b`, `return { ok: true }`), returns what no test
 * passes (`NO`). `null`: syntax cannot decide.
 */
function bySyntax(typescript: typeof ts, declaration: ts.Node): typeof NO | ts.Node | null {
  const { notCallable } = kindSets(typescript);
  if (
    (typescript.isVariableDeclaration(declaration) ||
      typescript.isPropertyDeclaration(declaration) ||
      typescript.isPropertyAssignment(declaration)) &&
    !('type' in declaration && declaration.type !== undefined) &&
    declaration.initializer !== undefined &&
    typescript.getJSDocType(declaration) === undefined
  ) {
    const init = withoutParentheses(typescript, declaration.initializer);
    if (notCallable.has(init.kind)) return NO;
    if (typescript.isArrowFunction(init) || typescript.isFunctionExpression(init)) return init;
    return null;
  }
  if (
    (typescript.isFunctionDeclaration(declaration) ||
      typescript.isMethodDeclaration(declaration) ||
      typescript.isFunctionExpression(declaration) ||
      typescript.isArrowFunction(declaration)) &&
    declaration.type === undefined &&
    declaration.body !== undefined &&
    declaration.asteriskToken === undefined &&
    typescript.getJSDocReturnType(declaration) === undefined &&
    typescript.getJSDocType(declaration) === undefined
  ) {
    const body = declaration.body;
    if (typescript.isBlock(body)) return mayReturnValue(typescript, body) ? null : NO;
    return plainValue(typescript, body) ? NO : null;
  }
  return null;
}

function computeDeclarationMayReturn(
  checker: ts.TypeChecker,
  program: ts.Program,
  declaration: ts.Node,
  key: object,
  test: ReturnTest,
): Verdict {
  const typescript = typeScriptModule();
  if (typescript === null) return MAYBE;
  const syntax = bySyntax(typescript, declaration);
  if (syntax === NO) return NO;
  if (syntax !== null) return computeDeclarationMayReturn(checker, program, syntax, key, test);
  if (isFunctionLikeDeclaration(declaration)) {
    const signature = checker.getSignatureFromDeclaration(declaration);
    if (signature === undefined) return MAYBE;
    const type = checker.getReturnTypeOfSignature(signature);
    // Returns `this`: the receiver itself, which only a receiver of a typed catalog type can
    // make a catalog resource; there is none when the program declares no such type at all.
    if (isThisType(type)) return declaresTypedCatalogType(program, key) ? FLUENT : NO;
    return returnMayPass(checker, type, test) ? MAYBE : NO;
  }
  // A value: what its type's call signatures return (`open = () => new Handle()`,
  // `open: Opener`, `import open from …`, JavaScript's `exports.open = …`).
  let type: ts.Type;
  if (typescript.isBinaryExpression(declaration)) {
    if (isFunctionLikeDeclaration(declaration.right))
      return computeDeclarationMayReturn(checker, program, declaration.right, key, test);
    type = checker.getTypeAtLocation(declaration.right);
  } else {
    const nameNode = (declaration as ts.NamedDeclaration).name;
    let symbol = nameNode === undefined ? undefined : checker.getSymbolAtLocation(nameNode);
    if (symbol !== undefined && (symbol.flags & ALIAS_FLAG) !== 0)
      symbol = checker.getAliasedSymbol(symbol);
    if (symbol === undefined) return MAYBE;
    type = checker.getTypeOfSymbol(symbol);
  }
  const callee = checker.getNonNullableType(type);
  if ((callee.flags & (ANY_FLAG | UNKNOWN_FLAG)) !== 0) return NO;
  if ((callee.flags & INSTANTIABLE_FLAGS) !== 0) return MAYBE;
  const memo = memoOf(checker, key);
  return callee
    .getCallSignatures()
    .some((signature) => signatureMayReturn(checker, signature, memo, test))
    ? MAYBE
    : NO;
}

/**
 * The declarations a call's callee may resolve through: for `open()`, those of the symbol
 * `open` names (resolving a name asks no type); for `x.open()`, every declaration named
 * `open` another scope can reach (callee-names.ts).
 */
function calleeDeclarations(
  types: TypeServices,
  callee: TSESTree.Expression,
  name: string,
): readonly ts.Node[] {
  const { checker, program } = types;
  if (callee.type === 'Identifier') {
    let symbol = checker.getSymbolAtLocation(types.tsNodeOf(callee));
    if (symbol !== undefined && (symbol.flags & ALIAS_FLAG) !== 0)
      symbol = checker.getAliasedSymbol(symbol);
    const declared = symbol?.declarations;
    if (declared !== undefined && declared.length > 0) return declared;
  }
  return declarationsNamed(program, name);
}

/**
 * Whether a call may return (or settle to) a value of a type passing `test`, decided from the
 * callee's type and its signatures' declared return types, without resolving the call:
 * resolving it (`getResolvedSignature`, or the call's type) makes the checker check every
 * argument and infer every type argument, while the callee's signatures are known once per
 * declaration. `false` only when no signature the call could resolve to returns such a type
 * (a callee typed `any` returns `any`, which passes no test); `true` when unsure.
 *
 * A test must pass no primitive, `void` or `Promise<void>`: syntax rules those out unasked.
 */
export function callMayReturn(
  types: TypeServices,
  node: TSESTree.CallExpression,
  key: object,
  test: ReturnTest,
): boolean {
  // `require()` in JavaScript is typed as the module it loads, not by its signature.
  if (node.callee.type === 'Identifier' && node.callee.name === 'require') return true;
  const { checker } = types;
  const typescript = typeScriptModule();
  // The receiver a fluent call (declared to return `this`) hands back: its type decides.
  // (An optional call's type adds `undefined` to what it returns: not fluent.)
  const optional =
    node.optional || (node.callee.type === 'MemberExpression' && node.callee.optional);
  const receiver =
    !optional && node.callee.type === 'MemberExpression' && node.callee.object.type !== 'Super'
      ? node.callee.object
      : null;
  let receiverPasses: boolean | undefined;
  const receiverMayPass = (at: TSESTree.Expression): boolean =>
    (receiverPasses ??= returnMayPass(checker, types.typeOf(at), test));
  // By the callee's declarations first: when none of them can return such a type, neither
  // can the call, and the receiver's type is never asked (see callee-names.ts for the
  // members no declaration names: those are asked by type below). Of a member's, when many
  // would need their initializer or body checked, only those known without inferring a type
  // (declared, or decided by syntax): typing the receiver below asks for less.
  const name = optional ? null : calleeIndexName(node.callee);
  if (name !== null && typescript !== null) {
    const declarations = calleeDeclarations(types, node.callee, name);
    if (declarations.length > 0) {
      let verdict: Verdict = NO;
      const defer = receiver !== null && inferredMany(typescript, declarations);
      let deferred = false;
      for (const declaration of declarations) {
        if (defer && !knownWithoutInference(typescript, declaration)) {
          deferred = true;
          continue;
        }
        const own = declarationMayReturn(checker, types.program, declaration, key, test);
        if (own === MAYBE) {
          verdict = MAYBE;
          break;
        }
        if (own === FLUENT) verdict = FLUENT;
      }
      if (!deferred && verdict === NO) return false;
      // Every declaration that may pass returns `this`: the call returns its receiver.
      if (!deferred && verdict === FLUENT && receiver !== null) return receiverMayPass(receiver);
    }
  }
  const call = types.tsNodeOf(node) as ts.CallExpression;
  const callee = checker.getNonNullableType(checker.getTypeAtLocation(call.expression));
  if ((callee.flags & (ANY_FLAG | UNKNOWN_FLAG)) !== 0) return false;
  if ((callee.flags & INSTANTIABLE_FLAGS) !== 0) return true;
  const signatures = callee.getCallSignatures();
  if (signatures.length === 0) return true;
  const memo = memoOf(checker, key);
  return signatures.some((signature) =>
    receiver !== null && declaredToReturnThis(checker, signature)
      ? receiverMayPass(receiver)
      : signatureMayReturn(checker, signature, memo, test),
  );
}

/** Whether a signature's declaration says it returns `this`. */
function declaredToReturnThis(checker: ts.TypeChecker, signature: ts.Signature): boolean {
  const declaration = signature.getDeclaration() as ts.SignatureDeclaration | undefined;
  if (declaration === undefined) return false;
  const declared = checker.getSignatureFromDeclaration(declaration);
  return declared !== undefined && isThisType(checker.getReturnTypeOfSignature(declared));
}

/**
 * More member declarations of a name need their type inferred than are worth asking once
 * each (`map: …` in every object literal of a code base): typing the one receiver is less.
 */
const INFERRED_WORTH_ASKING = 4;
const inferredManyMemo = new WeakMap<readonly ts.Node[], boolean>();

function inferredMany(typescript: typeof ts, declarations: readonly ts.Node[]): boolean {
  let known = inferredManyMemo.get(declarations);
  if (known === undefined) {
    let inferred = 0;
    for (const declaration of declarations)
      if (!knownWithoutInference(typescript, declaration)) inferred++;
    inferredManyMemo.set(declarations, (known = inferred > INFERRED_WORTH_ASKING));
  }
  return known;
}

/**
 * Whether what a call through `declaration` returns is known without checking code: it is in
 * a declaration file, or declares its type or return type, or syntax decides it.
 */
const knownWithoutInferenceMemo = new WeakMap<ts.Node, boolean>();

function knownWithoutInference(typescript: typeof ts, declaration: ts.Node): boolean {
  // Asked for every call through a name (`defer` in callMayReturn); syntax walks the body.
  let known = knownWithoutInferenceMemo.get(declaration);
  if (known === undefined)
    knownWithoutInferenceMemo.set(
      declaration,
      (known = computeKnownWithoutInference(typescript, declaration)),
    );
  return known;
}

function computeKnownWithoutInference(typescript: typeof ts, declaration: ts.Node): boolean {
  if (declaration.getSourceFile().isDeclarationFile) return true;
  const syntax = bySyntax(typescript, declaration);
  if (syntax === NO) return true;
  const node = syntax ?? declaration;
  if (
    typescript.isMethodSignature(node) ||
    typescript.isPropertySignature(node) ||
    typescript.isFunctionLike(node) ||
    typescript.isPropertyDeclaration(node) ||
    typescript.isVariableDeclaration(node) ||
    typescript.isParameter(node)
  )
    return (node as { type?: ts.TypeNode }).type !== undefined;
  return false;
}

/**
 * Whether `new X()` may produce a value of a type passing `test`, decided without resolving
 * it: a class by its declared type, a constructor value (`declare var Set: SetConstructor`)
 * by its construct signatures' declared return types. `true` when unsure.
 */
export function newMayReturn(
  types: TypeServices,
  node: TSESTree.NewExpression,
  key: object,
  test: ReturnTest,
): boolean {
  const { checker } = types;
  const expression = (types.tsNodeOf(node) as ts.NewExpression).expression;
  const constructed = constructedClass(checker, expression);
  if (constructed !== null) return returnMayPass(checker, constructed.type, test);
  const callee = checker.getNonNullableType(checker.getTypeAtLocation(expression));
  if ((callee.flags & (ANY_FLAG | UNKNOWN_FLAG)) !== 0) return false;
  if ((callee.flags & INSTANTIABLE_FLAGS) !== 0) return true;
  const signatures = callee.getConstructSignatures();
  if (signatures.length === 0) return true;
  const memo = memoOf(checker, key);
  return signatures.some((signature) => signatureMayReturn(checker, signature, memo, test));
}

/** Per catalog, per class declaration: its result. */
const byClass = new WeakMap<readonly ResourceEntry[], DeclarationMemo<ResourceEntry | null>>();

/**
 * The catalog entry whose `typePackage` + `typeNames` match the type a call or `new` produces
 * (else the type it settles to, for promises): `pool.connect()` → `pg.PoolClient` through its
 * declared return type, whatever the receiver's name. `new X()` of a class is decided by the
 * class alone; memoised per class and per non-generic signature.
 */
export function findAcquisitionByType(
  types: TypeServices,
  node: TSESTree.CallExpression | TSESTree.NewExpression,
  catalog: readonly ResourceEntry[],
): ResourceEntry | null {
  const { checker } = types;
  const typed = typedOnly(catalog);
  if (typed.length === 0) return null;
  const tsNode = types.tsNodeOf(node) as ts.CallLikeExpression;
  if (node.type === 'NewExpression') {
    const constructed = constructedClass(checker, (tsNode as ts.NewExpression).expression);
    const declaration = constructed?.symbol.declarations?.[0];
    if (constructed !== null && declaration !== undefined) {
      const memo = memoPerList(byClass, catalog);
      const cached = memo.get(declaration);
      if (cached !== undefined) return cached.value;
      const result = entryForValueType(constructed.type, typed);
      memo.set(declaration, result);
      return result;
    }
  }
  const inCatalog: ReturnTest = (_, type) => entryForValueType(type, typed) !== null;
  if (
    node.type === 'CallExpression'
      ? !callMayReturn(types, node, typed, inCatalog)
      : !newMayReturn(types, node, typed, inCatalog)
  )
    return null;
  const signature = checker.getResolvedSignature(tsNode);
  const declaration = signature?.getDeclaration() as ts.Node | undefined;
  const memoKey =
    signature !== undefined && declaration !== undefined && !isGeneric(signature)
      ? declaration
      : null;
  const memo = memoPerList(bySignature, catalog);
  const cached = memoKey === null ? undefined : memo.get(memoKey);
  if (cached !== undefined) return cached.value;

  const type =
    signature === undefined
      ? checker.getTypeAtLocation(tsNode)
      : checker.getReturnTypeOfSignature(signature);
  let result = entryForValueType(type, typed);
  if (result === null) {
    const awaited = checker.getAwaitedType(type);
    if (awaited !== undefined && awaited !== type) result = entryForValueType(awaited, typed);
  }
  if (memoKey !== null) memo.set(memoKey, result);
  return result;
}
