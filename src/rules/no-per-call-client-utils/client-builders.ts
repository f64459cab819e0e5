/**
 * Client builders: classes and functions of this file that build a client each time they run.
 *
 * A class builds one when a field initializer or a top-level statement of its constructor
 * assigns a client to `this` (`pool = new Pool()`, `this.redis = new Redis(url)`); a function
 * when it returns one it just built (`const makeApi = () => axios.create({...})`). Memoised
 * factories (`return (client ??= new Client())`) and injected defaults (`opts.pool ?? new Pool()`)
 * are not builders. Builders nest: a class whose constructor calls such a factory, or builds
 * another such class, builds that client too.
 */
import type { TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type * as ts from 'typescript';

import type { ResourceEntry } from '../../catalog/types.js';

import {
  contains,
  findVariable,
  skipWrappers,
  type SourceCodeLike,
  soleInitializer,
} from '../../utils/ast/index.js';
import {
  constructedClass,
  DeclarationMemo,
  memoPerList,
  typeDeclaredIn,
} from '../../analysis/types/type-queries.js';
import { typeScriptModule, type TypeServices } from '../../analysis/types/type-services.js';

/** The client a builder builds. */
export interface BuiltClient {
  /** Words for the client, from the catalog (`pg pool`). */
  label: string;
  /** The expression that builds the client (inside the class or factory, or nested deeper). */
  node: TSESTree.Node;
}

/** The catalog's answer for one call or `new`: the client's label, or `null`. */
export type ClientOf = (node: TSESTree.CallExpression | TSESTree.NewExpression) => string | null;

type Builder =
  | TSESTree.ClassDeclaration
  | TSESTree.ClassExpression
  | TSESTree.ArrowFunctionExpression
  | TSESTree.FunctionDeclaration
  | TSESTree.FunctionExpression;

export interface BuilderFinder {
  /** The client `expr` builds, when it calls or constructs a same-file builder. */
  builtBy(expr: TSESTree.CallExpression | TSESTree.NewExpression): BuiltClient | null;
  /** The client `expr` is (catalog) or builds (builder), with its label and node. */
  clientOf(expr: TSESTree.Node): { label: string; node: TSESTree.Node } | null;
}

/** The class or function a callee identifier names in this file. */
function declarationOf(sourceCode: SourceCodeLike, callee: TSESTree.Node): Builder | null {
  const id = skipWrappers(callee);
  if (id.type !== AST_NODE_TYPES.Identifier) return null;
  const variable = findVariable(sourceCode, id);
  if (variable === undefined || variable.defs.length !== 1) return null;
  const def = variable.defs[0];
  if (def === undefined) return null;
  const node = def.node as TSESTree.Node;
  switch (node.type) {
    case AST_NODE_TYPES.ClassDeclaration:
    case AST_NODE_TYPES.ClassExpression:
    case AST_NODE_TYPES.FunctionDeclaration:
      return node;
    case AST_NODE_TYPES.VariableDeclarator: {
      if (node.init === null || node.id.type !== AST_NODE_TYPES.Identifier) return null;
      if (node.parent.kind !== 'const') return null;
      const init = skipWrappers(node.init);
      return init.type === AST_NODE_TYPES.ClassExpression ||
        init.type === AST_NODE_TYPES.ArrowFunctionExpression ||
        init.type === AST_NODE_TYPES.FunctionExpression
        ? init
        : null;
    }
    default:
      return null;
  }
}

export function createBuilderFinder(sourceCode: SourceCodeLike, isClient: ClientOf): BuilderFinder {
  const memo = new Map<Builder, BuiltClient | null>();

  function clientOf(raw: TSESTree.Node): { label: string; node: TSESTree.Node } | null {
    const node = skipWrappers(raw, { await: true });
    if (node.type !== AST_NODE_TYPES.CallExpression && node.type !== AST_NODE_TYPES.NewExpression)
      return null;
    const label = isClient(node);
    if (label !== null) return { label, node };
    const built = builtBy(node);
    return built === null ? null : { label: built.label, node: built.node };
  }

  function classBuilds(
    cls: TSESTree.ClassDeclaration | TSESTree.ClassExpression,
  ): BuiltClient | null {
    for (const member of cls.body.body) {
      if (
        member.type === AST_NODE_TYPES.PropertyDefinition &&
        !member.static &&
        member.value !== null
      ) {
        const found = clientOf(member.value);
        if (found !== null) return found;
      }
      if (
        member.type === AST_NODE_TYPES.MethodDefinition &&
        member.kind === 'constructor' &&
        member.value.body
      ) {
        for (const statement of member.value.body.body) {
          if (statement.type !== AST_NODE_TYPES.ExpressionStatement) continue;
          const assignment = statement.expression;
          if (
            assignment.type !== AST_NODE_TYPES.AssignmentExpression ||
            assignment.operator !== '='
          )
            continue;
          const target = assignment.left;
          if (
            target.type !== AST_NODE_TYPES.MemberExpression ||
            target.object.type !== AST_NODE_TYPES.ThisExpression
          )
            continue;
          const found = clientOf(assignment.right);
          if (found !== null) return found;
        }
      }
    }
    return null;
  }

  function factoryBuilds(
    fn:
      TSESTree.ArrowFunctionExpression | TSESTree.FunctionDeclaration | TSESTree.FunctionExpression,
  ): BuiltClient | null {
    if (fn.body.type !== AST_NODE_TYPES.BlockStatement) {
      const found = clientOf(fn.body);
      return found;
    }
    // Only a `return` directly in the body (or in its top-level `try`): the common factory shape.
    for (const statement of fn.body.body) {
      if (statement.type !== AST_NODE_TYPES.ReturnStatement || statement.argument === null)
        continue;
      let returned = skipWrappers(statement.argument, { await: true });
      if (returned.type === AST_NODE_TYPES.Identifier) {
        const init = soleInitializer(findVariable(sourceCode, returned));
        // Declared in the factory itself: an outer binding is a memoised singleton.
        if (init === null || !contains(fn.body, init)) continue;
        returned = init;
      }
      const found = clientOf(returned);
      if (found !== null) return found;
    }
    return null;
  }

  function builtBy(expr: TSESTree.CallExpression | TSESTree.NewExpression): BuiltClient | null {
    const declaration = declarationOf(sourceCode, expr.callee);
    if (declaration === null) return null;
    const isClass =
      declaration.type === AST_NODE_TYPES.ClassDeclaration ||
      declaration.type === AST_NODE_TYPES.ClassExpression;
    if (isClass !== (expr.type === AST_NODE_TYPES.NewExpression)) return null;
    if (memo.has(declaration)) return memo.get(declaration) ?? null;
    memo.set(declaration, null);
    const result = isClass ? classBuilds(declaration) : factoryBuilds(declaration);
    memo.set(declaration, result);
    return result;
  }

  return { builtBy, clientOf };
}

/** A client a class of another module builds, found through the type checker. */
export interface TypedBuiltClient {
  label: string;
  /** `services/user.ts:12`: where the class builds it. */
  at: string;
}

/** Per entry list, per class declaration: what it builds. */
const typedMemo = new WeakMap<readonly ResourceEntry[], DeclarationMemo<TypedBuiltClient | null>>();

/** Last names the entry is acquired by (`create` for `axios.create`, `Pool` for `new Pool`). */
function acquisitionNames(entry: ResourceEntry): string[] {
  return entry.acquire.from.map((ref) => ref.path.at(-1) ?? '').filter((name) => name !== '');
}

const topBindings = new WeakMap<ts.SourceFile, ReadonlySet<string>>();

/** Names a file's top-level imports and variable statements bind (`x` in `const x = require(…)`). */
function topLevelBindings(typescript: typeof ts, file: ts.SourceFile): ReadonlySet<string> {
  let names = topBindings.get(file);
  if (names !== undefined) return names;
  const found = new Set<string>();
  const bind = (name: ts.BindingName): void => {
    if (typescript.isIdentifier(name)) found.add(name.text);
    else
      for (const element of name.elements)
        if (!typescript.isOmittedExpression(element)) bind(element.name);
  };
  for (const statement of file.statements) {
    if (typescript.isImportDeclaration(statement)) {
      const clause = statement.importClause;
      if (clause?.name !== undefined) found.add(clause.name.text);
      const bindings = clause?.namedBindings;
      if (bindings !== undefined && typescript.isNamespaceImport(bindings))
        found.add(bindings.name.text);
      else if (bindings !== undefined)
        for (const element of bindings.elements) found.add(element.name.text);
    } else if (typescript.isImportEqualsDeclaration(statement)) {
      found.add(statement.name.text);
    } else if (typescript.isVariableStatement(statement)) {
      for (const declaration of statement.declarationList.declarations) bind(declaration.name);
    }
  }
  names = found;
  topBindings.set(file, names);
  return names;
}

/** Whether the leftmost name of `callee` (`pg` in `new pg.Pool()`) is bound at its file's top level. */
function importedAtTop(typescript: typeof ts, callee: ts.Expression): boolean {
  let root: ts.Expression = callee;
  while (typescript.isPropertyAccessExpression(root) || typescript.isParenthesizedExpression(root))
    root = root.expression;
  return (
    typescript.isIdentifier(root) &&
    topLevelBindings(typescript, root.getSourceFile()).has(root.text)
  );
}

/** The client entry a TypeScript expression builds: `new Pool()`, `axios.create()`, by type. */
function typedClientOf(
  typescript: typeof ts,
  checker: ts.TypeChecker,
  raw: ts.Expression,
  entries: readonly ResourceEntry[],
): ResourceEntry | null {
  let expression = raw;
  while (
    typescript.isParenthesizedExpression(expression) ||
    typescript.isAsExpression(expression)
  ) {
    expression = expression.expression;
  }
  if (!typescript.isNewExpression(expression) && !typescript.isCallExpression(expression))
    return null;
  const isNew = typescript.isNewExpression(expression);
  const callee = expression.expression;
  const calleeName = typescript.isPropertyAccessExpression(callee)
    ? callee.name.text
    : typescript.isIdentifier(callee)
      ? callee.text
      : null;
  // A call counts only under an entry's own acquisition name: `getRedis()` may return a
  // shared instance, `axios.create()` never does. Other calls are not worth a type query.
  const candidates = isNew
    ? entries
    : entries.filter(
        (entry) => calleeName !== null && acquisitionNames(entry).includes(calleeName),
      );
  if (candidates.length === 0) return null;
  // A client class reaches that file through an import or a `require` bound at its top level;
  // `new AbortController()`, `new Map()` and the file's own classes are not worth a query.
  if (isNew && !importedAtTop(typescript, callee)) return null;
  // `new X()`: the class alone decides, without checking the arguments.
  const type =
    (isNew ? constructedClass(checker, callee)?.type : undefined) ??
    checker.getTypeAtLocation(expression);
  const names = [type.aliasSymbol?.name, type.getSymbol()?.name].filter((n) => n !== undefined);
  for (const entry of candidates) {
    if (entry.typePackage !== undefined && entry.typeNames !== undefined) {
      if (
        entry.typeNames.some((name) => names.includes(name)) &&
        typeDeclaredIn(type, entry.typePackage)
      ) {
        return entry;
      }
    } else if (isNew) {
      const pattern = entry.acquire.from.find((ref) => ref.modulePattern !== undefined);
      const file =
        type.getSymbol()?.declarations?.[0]?.getSourceFile().fileName.replace(/\\/g, '/') ?? '';
      const module = /\/node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(file)?.[1];
      const name = type.getSymbol()?.name ?? '';
      if (
        pattern !== undefined &&
        module !== undefined &&
        pattern.modulePattern?.test(module) &&
        pattern.namePattern?.test(name)
      ) {
        return entry;
      }
    }
  }
  return null;
}

/**
 * With type information: the client that `new X()` builds when `X` is a class of another
 * module of the program (not a declaration file) whose field initializer or constructor
 * assigns a catalog client to `this`. Memoised per class declaration.
 */
export function typedBuiltBy(
  types: TypeServices,
  node: TSESTree.NewExpression,
  entries: readonly ResourceEntry[],
): TypedBuiltClient | null {
  const typescript = typeScriptModule();
  if (typescript === null) return null;
  const { checker } = types;
  let symbol = checker.getSymbolAtLocation(types.tsNodeOf(node.callee));
  if (symbol !== undefined && (symbol.flags & typescript.SymbolFlags.Alias) !== 0) {
    symbol = checker.getAliasedSymbol(symbol);
  }
  const declaration = symbol?.declarations?.find((d) => typescript.isClassDeclaration(d));
  if (declaration === undefined || !typescript.isClassDeclaration(declaration)) return null;
  const file = declaration.getSourceFile();
  if (file.isDeclarationFile || file.fileName.includes('/node_modules/')) return null;
  const memo = memoPerList(typedMemo, entries);
  const cached = memo.get(declaration);
  if (cached !== undefined) return cached.value;
  memo.set(declaration, null);
  let result: TypedBuiltClient | null = null;
  const found = (expression: ts.Expression): boolean => {
    const entry = typedClientOf(typescript, checker, expression, entries);
    if (entry === null) return false;
    const line = file.getLineAndCharacterOfPosition(expression.getStart()).line + 1;
    const base = file.fileName.replace(/\\/g, '/').split('/').at(-1) ?? file.fileName;
    result = {
      label: entry.label,
      at: `${base}:${line}`,
    };
    return true;
  };
  for (const member of declaration.members) {
    const isStatic = typescript.getCombinedModifierFlags(member) & typescript.ModifierFlags.Static;
    if (typescript.isPropertyDeclaration(member) && !isStatic && member.initializer !== undefined) {
      if (found(member.initializer)) break;
    }
    if (typescript.isConstructorDeclaration(member) && member.body !== undefined) {
      const hit = member.body.statements.some((statement) => {
        if (!typescript.isExpressionStatement(statement)) return false;
        const assignment = statement.expression;
        return (
          typescript.isBinaryExpression(assignment) &&
          assignment.operatorToken.kind === typescript.SyntaxKind.EqualsToken &&
          typescript.isPropertyAccessExpression(assignment.left) &&
          assignment.left.expression.kind === typescript.SyntaxKind.ThisKeyword &&
          found(assignment.right)
        );
      });
      if (hit) break;
    }
  }
  memo.set(declaration, result);
  return result;
}
