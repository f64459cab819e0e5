/**
 * Type information, read one way. A rule (or analysis) asks `typeServices(sourceCode)` and gets
 * the program, its checker and the node mapping when the file was parsed with type
 * information (typescript-eslint's parser with a program), or `null` when it was not: plain
 * JavaScript through espree, the TypeScript parser without a project, a file outside it.
 * `null` is the answer "types cannot decide here"; each caller then decides by syntax alone.
 *
 * The `typescript` module itself (an optional peer) is loaded by `typeScriptModule()`, only
 * when it is installed: checked first, so a project without TypeScript never sees a failed
 * `require`.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

import type { ParserServicesWithTypeInformation, TSESTree } from '@typescript-eslint/utils';
import type * as ts from 'typescript';

import { perFile } from '../../utils/per-file.js';
import { missingTypes, parsedProgram } from '../../utils/type-information.js';

export interface TypeServices {
  program: ts.Program;
  checker: ts.TypeChecker;
  /** The TypeScript node an ESTree node was converted from. */
  tsNodeOf: (node: TSESTree.Node) => ts.Node;
  /** The type of an ESTree node (the checker's `getTypeAtLocation` of its TypeScript node). */
  typeOf: (node: TSESTree.Node) => ts.Type;
}

/** What `typeServices` reads from ESLint's `SourceCode`. */
interface SourceCodeWithServices {
  readonly ast: object;
}

const KEY = {};

function read(sourceCode: SourceCodeWithServices): TypeServices | null {
  const parsed = parsedProgram<
    ts.Program,
    ParserServicesWithTypeInformation['esTreeNodeToTSNodeMap']
  >(sourceCode);
  if (parsed === null) return null;
  const { program, esTreeNodeToTSNodeMap: map } = parsed;
  const checker = program.getTypeChecker();
  const tsNodeOf = (node: TSESTree.Node): ts.Node => map.get(node);
  return {
    program,
    checker,
    tsNodeOf,
    typeOf: (node) => checker.getTypeAtLocation(tsNodeOf(node)),
  };
}

/** The file's type services, or `null` without type information. Read once per file. */
export function typeServices(sourceCode: SourceCodeWithServices): TypeServices | null {
  return perFile(sourceCode, KEY, () => ({ value: read(sourceCode) })).value;
}

/**
 * For a rule that requires type checking (`requiresTypeChecking: true`): the file's type
 * services, or an error that says how to enable them, as typescript-eslint's typed rules do.
 */
export function requiredTypeServices(sourceCode: SourceCodeWithServices): TypeServices {
  const services = typeServices(sourceCode);
  if (services === null) throw missingTypes();
  return services;
}

const requireHere = createRequire(import.meta.url);
let tsModule: { value: typeof ts | null } | undefined;

/** Whether the `typescript` package can be found from here, as `require` would look for it. */
function typeScriptInstalled(): boolean {
  const directories = requireHere.resolve.paths('typescript') ?? [];
  return directories.some((directory) =>
    existsSync(path.join(directory, 'typescript', 'package.json')),
  );
}

/** The `typescript` module when it is installed (an optional peer), else `null`. */
export function typeScriptModule(): typeof ts | null {
  tsModule ??= {
    value: typeScriptInstalled() ? (requireHere('typescript') as typeof ts) : null,
  };
  return tsModule.value;
}
