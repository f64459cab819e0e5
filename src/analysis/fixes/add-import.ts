/**
 * Fixes that need a named export of a module (`pipeline` from `node:stream`): reuse what the
 * file already imports or requires, add the name to a named import (or destructuring require)
 * of that module, or add an import in the file's own style (ESM `import` or
 * CommonJS `require`, `node:` prefix or not, quotes and semicolons as the file writes them).
 * Gives up (`null`) when the name is taken, so a fix never shadows or breaks a binding.
 */
import { builtinModules } from 'node:module';

import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '@typescript-eslint/types';

import { isFree, lookup } from '../../analysis/fixes/names.js';

type SourceCode = Readonly<TSESLint.SourceCode>;
type Scope = TSESLint.Scope.Scope;

const BUILTINS = new Set(builtinModules);

export interface NamedExport {
  /** Built-in module without `node:` (`stream`). */
  module: string;
  /** Export name (`pipeline`). */
  name: string;
}

export interface ImportPlan {
  /** What to write at the use site: `pipeline`, `stream.pipeline`. */
  reference: string;
  /** The import or require to add, if any. */
  fix: ((fixer: TSESLint.RuleFixer) => TSESLint.RuleFix) | null;
}

function literalString(node: TSESTree.Node | null | undefined): string | null {
  return node?.type === AST_NODE_TYPES.Literal && typeof node.value === 'string'
    ? node.value
    : null;
}

/** `require('x')` → `'x'`. */
function requireSource(init: TSESTree.Expression | null): string | null {
  if (
    init?.type !== AST_NODE_TYPES.CallExpression ||
    init.callee.type !== AST_NODE_TYPES.Identifier ||
    init.callee.name !== 'require' ||
    init.arguments.length !== 1
  ) {
    return null;
  }
  return literalString(init.arguments[0]);
}

/** The local name bound by `node`, if it still means that binding at `scope`. */
function visible(scope: Scope, local: TSESTree.Identifier): boolean {
  return lookup(scope, local.name)?.identifiers.includes(local) === true;
}

/** Existing bindings of the module at top level: `{ reference }` usable at `scope`. */
function existingReference(
  program: TSESTree.Program,
  scope: Scope,
  wanted: NamedExport,
): string | null {
  const matches = (source: string | null): boolean =>
    source === wanted.module || source === `node:${wanted.module}`;
  for (const statement of program.body) {
    if (statement.type === AST_NODE_TYPES.ImportDeclaration) {
      if (statement.importKind === 'type' || !matches(statement.source.value)) continue;
      for (const specifier of statement.specifiers) {
        if (specifier.type === AST_NODE_TYPES.ImportSpecifier) {
          const imported =
            specifier.imported.type === AST_NODE_TYPES.Identifier
              ? specifier.imported.name
              : specifier.imported.value;
          if (
            imported === wanted.name &&
            specifier.importKind !== 'type' &&
            visible(scope, specifier.local)
          ) {
            return specifier.local.name;
          }
        } else if (visible(scope, specifier.local)) {
          return `${specifier.local.name}.${wanted.name}`;
        }
      }
    } else if (statement.type === AST_NODE_TYPES.VariableDeclaration) {
      for (const declarator of statement.declarations) {
        if (!matches(requireSource(declarator.init))) continue;
        const { id } = declarator;
        if (id.type === AST_NODE_TYPES.Identifier && visible(scope, id))
          return `${id.name}.${wanted.name}`;
        if (id.type !== AST_NODE_TYPES.ObjectPattern) continue;
        for (const property of id.properties) {
          if (
            property.type === AST_NODE_TYPES.Property &&
            !property.computed &&
            property.key.type === AST_NODE_TYPES.Identifier &&
            property.key.name === wanted.name &&
            property.value.type === AST_NODE_TYPES.Identifier &&
            visible(scope, property.value)
          ) {
            return property.value.name;
          }
        }
      }
    }
  }
  return null;
}

interface ModuleStyle {
  esm: boolean;
  prefix: boolean;
  quote: string;
  semi: boolean;
  /** Insert after this statement, or before the first statement when `null`. */
  after: TSESTree.Node | null;
}

function moduleStyle(sourceCode: SourceCode): ModuleStyle {
  const program = sourceCode.ast;
  const imports: TSESTree.Node[] = [];
  const requires: TSESTree.Node[] = [];
  const sources: { value: string; raw: string }[] = [];
  for (const statement of program.body) {
    if (statement.type === AST_NODE_TYPES.ImportDeclaration) {
      imports.push(statement);
      sources.push({ value: statement.source.value, raw: statement.source.raw });
    } else if (statement.type === AST_NODE_TYPES.VariableDeclaration) {
      const init = statement.declarations[0]?.init ?? null;
      const source = requireSource(init);
      if (source !== null && init?.type === AST_NODE_TYPES.CallExpression) {
        requires.push(statement);
        sources.push({ value: source, raw: sourceCode.getText(init.arguments[0]) });
      }
    }
  }
  const esm = imports.length > 0 || (requires.length === 0 && program.sourceType === 'module');
  const anchors = esm ? imports : requires;
  const last = anchors.at(-1) ?? null;
  const directives = program.body.filter(
    (statement) =>
      statement.type === AST_NODE_TYPES.ExpressionStatement && statement.directive !== undefined,
  );
  const builtins = sources.filter((s) => s.value.startsWith('node:') || BUILTINS.has(s.value));
  return {
    esm,
    prefix: builtins.length === 0 || builtins.some((s) => s.value.startsWith('node:')),
    quote: sources[0]?.raw.startsWith('"') === true ? '"' : "'",
    semi: last === null ? true : sourceCode.getText(last).endsWith(';'),
    after: last ?? directives.at(-1) ?? null,
  };
}

/** Where an existing named import or destructuring `require` of the module can take one more name. */
function mergeTarget(program: TSESTree.Program, wanted: NamedExport): TSESTree.Node | null {
  const matches = (source: string | null): boolean =>
    source === wanted.module || source === `node:${wanted.module}`;
  for (const statement of program.body) {
    if (statement.type === AST_NODE_TYPES.ImportDeclaration) {
      if (statement.importKind === 'type' || !matches(statement.source.value)) continue;
      const named = statement.specifiers.filter(
        (specifier) => specifier.type === AST_NODE_TYPES.ImportSpecifier,
      );
      if (named.length === statement.specifiers.length && named.length > 0) return named.at(-1)!;
    } else if (statement.type === AST_NODE_TYPES.VariableDeclaration) {
      for (const { id, init } of statement.declarations) {
        if (!matches(requireSource(init)) || id.type !== AST_NODE_TYPES.ObjectPattern) continue;
        const last = id.properties.at(-1);
        if (last?.type === AST_NODE_TYPES.Property) return last;
      }
    }
  }
  return null;
}

/** Add `name` after `last`, the last member of `{ … }`, on its own line when the list is multi-line. */
function appendMember(
  sourceCode: SourceCode,
  last: TSESTree.Node,
  name: string,
): (fixer: TSESLint.RuleFixer) => TSESLint.RuleFix {
  const next = sourceCode.getTokenAfter(last);
  const trailingComma = next?.value === ',';
  const closing = trailingComma ? sourceCode.getTokenAfter(next) : next;
  const multiline = closing !== null && closing.loc.start.line !== last.loc.end.line;
  const indent = /^\s*/.exec(sourceCode.lines[last.loc.start.line - 1] ?? '')?.[0] ?? '';
  const separator = multiline ? `\n${indent}` : ' ';
  return (fixer) =>
    trailingComma && next !== null
      ? fixer.insertTextAfter(next, `${separator}${name},`)
      : fixer.insertTextAfter(last, `,${separator}${name}`);
}

/**
 * How to refer to `wanted` at `node`: through an existing import/require, by adding the name to
 * an existing named import/require of the module, or by adding one.
 * `null` when the name is already taken for something else (a fix would shadow it).
 */
export function planNamedImport(
  sourceCode: SourceCode,
  node: TSESTree.Node,
  wanted: NamedExport,
): ImportPlan | null {
  const program = sourceCode.ast;
  const scope = sourceCode.getScope(node);
  const existing = existingReference(program, scope, wanted);
  if (existing !== null) return { reference: existing, fix: null };
  if (!isFree(sourceCode, scope, wanted.name)) return null;

  const target = mergeTarget(program, wanted);
  if (target !== null) {
    return { reference: wanted.name, fix: appendMember(sourceCode, target, wanted.name) };
  }

  const style = moduleStyle(sourceCode);
  const specifier = `${style.quote}${style.prefix ? 'node:' : ''}${wanted.module}${style.quote}`;
  const semi = style.semi ? ';' : '';
  const text = style.esm
    ? `import { ${wanted.name} } from ${specifier}${semi}`
    : `const { ${wanted.name} } = require(${specifier})${semi}`;
  const first = program.body[0];
  const fix = (fixer: TSESLint.RuleFixer): TSESLint.RuleFix =>
    style.after !== null
      ? fixer.insertTextAfter(style.after, `\n${text}`)
      : fixer.insertTextBeforeRange([first?.range[0] ?? 0, first?.range[0] ?? 0], `${text}\n`);
  return { reference: wanted.name, fix };
}
