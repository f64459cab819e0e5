/**
 * The import resolver: which module export (or global) does an expression used as a callee or
 * constructor name? Scope-based (never a text match), memoised per node: what it cannot resolve
 * (locals, parameters, anything dynamic) is `null`.
 *
 * Module names are normalised: `node:` is stripped and Node built-in subpaths become a path
 * prefix (`fs/promises` → module `fs`, path `['promises', …]`), so `fs.promises.open`,
 * `require('fs/promises').open` and `import { open } from 'node:fs/promises'` all resolve to
 * `{ module: 'fs', path: ['promises', 'open'] }`. A default import starts its path with
 * `'default'`; `require()` of a package yields the module itself (path `[]`).
 */
import { builtinModules } from 'node:module';

import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES, AST_TOKEN_TYPES } from '@typescript-eslint/types';

import { MODULE_ALIASES } from '../../catalog/aliases.js';
import type { ExportRef } from '../../catalog/types.js';

import {
  findVariable,
  skipWrappers,
  staticPropertyName,
  stringValue,
  type SourceCodeLike,
} from '../../utils/ast/index.js';
import { perFile } from '../../utils/per-file.js';

type Variable = TSESLint.Scope.Variable;
type Reference = TSESLint.Scope.Reference;

const BUILTINS = new Set(builtinModules);
const NO_PREFIX: readonly string[] = [];

type Normalised = { module: string; prefix: readonly string[] };

/** Specifiers repeat from file to file: each is normalised once. */
const normalised = new Map<string, Normalised>();

/** `node:fs/promises` → `{ module: 'fs', prefix: ['promises'] }`; packages are kept as written. */
export function normaliseModule(specifier: string): Normalised {
  let result = normalised.get(specifier);
  if (result === undefined) {
    result = normalise(specifier);
    if (normalised.size < 10_000) normalised.set(specifier, result);
  }
  return result;
}

function normalise(specifier: string): Normalised {
  const bare = specifier.startsWith('node:') ? specifier.slice(5) : specifier;
  const slash = bare.indexOf('/');
  if (slash > 0 && (BUILTINS.has(bare) || specifier.startsWith('node:'))) {
    return { module: bare.slice(0, slash), prefix: bare.slice(slash + 1).split('/') };
  }
  const alias = Object.hasOwn(MODULE_ALIASES, bare) ? MODULE_ALIASES[bare] : undefined;
  return { module: alias ?? bare, prefix: NO_PREFIX };
}

function moduleRef(
  specifier: string,
  form: 'namespace' | 'default',
  rest: readonly string[] = [],
): ExportRef {
  const { module, prefix } = normaliseModule(specifier);
  return {
    module,
    path: form === 'default' ? ['default', ...prefix, ...rest] : [...prefix, ...rest],
  };
}

type Visiting = Set<Variable>;

/** `require('x')` (the global `require` or one made by `createRequire`) → `'x'`. */
function requiredSpecifier(
  sourceCode: SourceCodeLike,
  call: TSESTree.CallExpression,
  visiting: Visiting,
): string | null {
  const callee = skipWrappers(call.callee);
  if (
    callee.type !== AST_NODE_TYPES.Identifier ||
    callee.name !== 'require' ||
    call.arguments.length < 1
  )
    return null;
  const specifier = stringValue(call.arguments[0]);
  if (specifier === null) return null;
  const variable = findVariable(sourceCode, callee);
  if (variable === undefined || variable.defs.length === 0) return specifier;
  // `const require = createRequire(import.meta.url)`
  const def = variable.defs[0];
  if (variable.defs.length !== 1 || def === undefined || (def.type as string) !== 'Variable')
    return null;
  const declarator = def.node as TSESTree.VariableDeclarator;
  const init = declarator.init === null ? null : skipWrappers(declarator.init);
  if (init?.type !== AST_NODE_TYPES.CallExpression || visiting.has(variable)) return null;
  visiting.add(variable);
  const made = resolveExpression(sourceCode, init.callee, visiting);
  visiting.delete(variable);
  return made?.module === 'module' && made.path.at(-1) === 'createRequire' ? specifier : null;
}

function importBindingRef(node: TSESTree.Node): ExportRef | null {
  switch (node.type) {
    case AST_NODE_TYPES.ImportSpecifier: {
      const declaration = node.parent;
      if (declaration.type !== AST_NODE_TYPES.ImportDeclaration) return null;
      if (declaration.importKind === 'type' || node.importKind === 'type') return null;
      const imported =
        node.imported.type === AST_NODE_TYPES.Identifier
          ? node.imported.name
          : String(node.imported.value);
      const specifier = declaration.source.value;
      return imported === 'default'
        ? moduleRef(specifier, 'default')
        : moduleRef(specifier, 'namespace', [imported]);
    }
    case AST_NODE_TYPES.ImportDefaultSpecifier:
      return node.parent.importKind === 'type'
        ? null
        : moduleRef(node.parent.source.value, 'default');
    case AST_NODE_TYPES.ImportNamespaceSpecifier:
      return node.parent.importKind === 'type'
        ? null
        : moduleRef(node.parent.source.value, 'namespace');
    case AST_NODE_TYPES.TSImportEqualsDeclaration: {
      if (
        node.importKind === 'type' ||
        node.moduleReference.type !== AST_NODE_TYPES.TSExternalModuleReference
      )
        return null;
      const specifier = stringValue(node.moduleReference.expression);
      return specifier === null ? null : moduleRef(specifier, 'namespace');
    }
    default:
      return null;
  }
}

/** The property path from a declarator's init to `name` inside `const { a: { b: name } } = init`. */
function patternPath(name: TSESTree.Node, root: TSESTree.Node): string[] | null {
  const path: string[] = [];
  let current = name;
  while (current !== root) {
    const parent = current.parent;
    if (parent === undefined) return null;
    if (parent.type === AST_NODE_TYPES.AssignmentPattern && parent.left === current) {
      current = parent;
    } else if (
      parent.type === AST_NODE_TYPES.Property &&
      parent.value === current &&
      parent.parent.type === AST_NODE_TYPES.ObjectPattern
    ) {
      const key = parent.computed
        ? stringValue(parent.key)
        : parent.key.type === AST_NODE_TYPES.Identifier
          ? parent.key.name
          : stringValue(parent.key);
      if (key === null) return null;
      path.unshift(key);
      current = parent.parent;
    } else {
      return null;
    }
  }
  return path;
}

function variableRef(
  sourceCode: SourceCodeLike,
  variable: Variable,
  visiting: Visiting,
): ExportRef | null {
  const def = variable.defs[0];
  if (def === undefined || (def.type as string) !== 'Variable' || visiting.has(variable))
    return null;
  const declarator = def.node as TSESTree.VariableDeclarator;
  if (declarator.type !== AST_NODE_TYPES.VariableDeclarator || declarator.init === null)
    return null;
  const declaration = declarator.parent;
  const isConst =
    declaration.type === AST_NODE_TYPES.VariableDeclaration && declaration.kind === 'const';
  if (!isConst && variable.references.filter((reference) => reference.isWrite()).length > 1)
    return null;
  const path = patternPath(def.name, declarator.id);
  if (path === null) return null;
  visiting.add(variable);
  const base = resolveExpression(sourceCode, declarator.init, visiting);
  visiting.delete(variable);
  if (base === null) return null;
  return { module: base.module, path: [...base.path, ...path] };
}

function identifierRef(
  sourceCode: SourceCodeLike,
  id: TSESTree.Identifier,
  visiting: Visiting,
): ExportRef | null {
  const variable = findVariable(sourceCode, id);
  if (variable === undefined || variable.defs.length === 0) {
    return {
      module: 'global',
      path: id.name === 'globalThis' || id.name === 'global' ? [] : [id.name],
    };
  }
  if (variable.defs.length !== 1) return null;
  const def = variable.defs[0];
  if (def === undefined) return null;
  if ((def.type as string) === 'ImportBinding') return importBindingRef(def.node);
  return variableRef(sourceCode, variable, visiting);
}

function resolveExpression(
  sourceCode: SourceCodeLike,
  raw: TSESTree.Node,
  visiting: Visiting,
): ExportRef | null {
  const node = skipWrappers(raw);
  switch (node.type) {
    case AST_NODE_TYPES.Identifier:
      return identifierRef(sourceCode, node, visiting);
    case AST_NODE_TYPES.MemberExpression: {
      const name = staticPropertyName(node);
      if (name === null) return null;
      const base = resolveExpression(sourceCode, node.object, visiting);
      return base === null ? null : { module: base.module, path: [...base.path, name] };
    }
    case AST_NODE_TYPES.CallExpression: {
      const specifier = requiredSpecifier(sourceCode, node, visiting);
      return specifier === null ? null : moduleRef(specifier, 'namespace');
    }
    case AST_NODE_TYPES.AwaitExpression: {
      const argument = skipWrappers(node.argument);
      if (argument.type !== AST_NODE_TYPES.ImportExpression) return null;
      const specifier = stringValue(argument.source);
      return specifier === null ? null : moduleRef(specifier, 'namespace');
    }
    case AST_NODE_TYPES.SequenceExpression: {
      // `(0, fs.open)(…)`, as transpilers write it.
      const last = node.expressions.at(-1);
      return last === undefined ? null : resolveExpression(sourceCode, last, visiting);
    }
    default:
      return null;
  }
}

const RESOLVED = {};

/**
 * The module export or global an expression denotes, e.g. the callee of `fs.promises.open(p)`
 * → `{ module: 'fs', path: ['promises', 'open'] }`, of `fetch(u)` → `{ module: 'global',
 * path: ['fetch'] }`. `null` for locals, parameters, shadowed globals and anything dynamic.
 * A bare module (`require('ioredis')`) or `globalThis` resolves with an empty path, except that
 * `globalThis` alone is `null`.
 */
export function resolveReference(
  sourceCode: SourceCodeLike,
  node: TSESTree.Node,
): ExportRef | null {
  const memo = perFile(sourceCode, RESOLVED, () => new Map<TSESTree.Node, ExportRef | null>());
  const cached = memo.get(node);
  if (cached !== undefined) return cached;
  let result = resolveExpression(sourceCode, node, new Set());
  if (result !== null && result.module === 'global' && result.path.length === 0) result = null;
  memo.set(node, result);
  return result;
}

/** Whether `node` is a call of `require` (global or from `createRequire`) with a string; its specifier. */
export function requireCallSpecifier(
  sourceCode: SourceCodeLike,
  node: TSESTree.CallExpression,
): string | null {
  return requiredSpecifier(sourceCode, node, new Set());
}

const importsMemo = new WeakMap<object, ReadonlySet<string>>();

function addDynamicImports(sourceCode: SourceCodeLike, into: Set<string>): void {
  const tokens = sourceCode.ast.tokens;
  for (let i = 0; i + 2 < tokens.length; i++) {
    const token = tokens[i];
    if (token?.value !== 'import' || tokens[i + 1]?.value !== '(') continue;
    const literal = tokens[i + 2];
    if (literal?.type !== AST_TOKEN_TYPES.String && literal?.type !== AST_TOKEN_TYPES.Template)
      continue;
    const text = literal.value;
    if (text.length >= 2 && !text.includes('${'))
      into.add(normaliseModule(text.slice(1, -1)).module);
  }
}

/**
 * Every reference to a `require`: the undeclared global's (left unresolved, or resolved to a
 * configured global) and those of any local `require` (`createRequire`).
 */
function requireReferences(sourceCode: SourceCodeLike): Reference[] {
  const manager = sourceCode.scopeManager;
  if (manager === null) return [];
  const references = (manager.globalScope?.through ?? []).filter(
    (reference) => reference.identifier.name === 'require',
  );
  for (const scope of manager.scopes) {
    const variable = scope.set.get('require');
    if (variable !== undefined) references.push(...variable.references);
  }
  return references;
}

/**
 * The normalised names of every module the file imports, requires or dynamically imports with
 * a literal specifier — a cheap filter: a file that imports nothing a rule knows needs no
 * further look (globals such as `fetch` need no import, so check those separately).
 */
export function fileImports(sourceCode: SourceCodeLike): ReadonlySet<string> {
  const cached = importsMemo.get(sourceCode);
  if (cached !== undefined) return cached;
  const modules = new Set<string>();
  for (const statement of sourceCode.ast.body) {
    if (statement.type === AST_NODE_TYPES.ImportDeclaration) {
      if (statement.importKind !== 'type')
        modules.add(normaliseModule(statement.source.value).module);
    } else if (statement.type === AST_NODE_TYPES.TSImportEqualsDeclaration) {
      const ref = importBindingRef(statement);
      if (ref !== null) modules.add(ref.module);
    }
  }
  // The text says first whether the scans below can find anything.
  const text = sourceCode.text;
  // Only a call counts (`require (`, `require?.(`, `require<T>(`): `require.resolve` and the
  // word in comments do not need the scope manager (which oxlint builds on first use).
  const requires = /\brequire\s*(?:\(|<|\?\.)/.test(text);
  for (const reference of requires ? requireReferences(sourceCode) : []) {
    const id = reference.identifier;
    const call = id.parent;
    if (call?.type !== AST_NODE_TYPES.CallExpression || call.callee !== id) continue;
    const specifier = stringValue(call.arguments[0]);
    if (specifier !== null) modules.add(normaliseModule(specifier).module);
  }
  if (/\bimport\s*\(/.test(text)) addDynamicImports(sourceCode, modules);
  importsMemo.set(sourceCode, modules);
  return modules;
}
