/** Test files and test setup: their helpers build what a test needs, once per test. */
import type { TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '@typescript-eslint/types';

import { fileImports } from '../resolve/imports.js';
import {
  TEST_CALLBACK_CALLEES,
  TEST_FILE_MODULES,
  TEST_FILE_NAME,
} from '../../catalog/test-runners.js';
import { chainRoot, type SourceCodeLike } from '../../utils/ast/index.js';

const testFiles = new WeakMap<object, boolean>();

/**
 * A top-level statement, or those of a top-level `if` around it (a suite run only on some
 * runtimes: `if (!process.version.startsWith('v8')) { describe(…) }`).
 */
function underTopLevelIf(statement: TSESTree.ProgramStatement): TSESTree.Statement[] {
  if (statement.type !== AST_NODE_TYPES.IfStatement) return [statement];
  const branches = [statement.consequent, statement.alternate ?? []].flat();
  return branches.flatMap((branch) =>
    branch.type === AST_NODE_TYPES.BlockStatement ? branch.body : [branch],
  );
}

/** A test file by its name (`*.test.ts`, `vitest.setup.ts`) or content (imports a test runner, calls `describe`). */
export function isTestFile(env: { sourceCode: SourceCodeLike; filename: string }): boolean {
  const cached = testFiles.get(env.sourceCode);
  if (cached !== undefined) return cached;
  const base = env.filename.replaceAll('\\', '/').split('/').at(-1) ?? '';
  const result =
    TEST_FILE_NAME.test(base) ||
    [...fileImports(env.sourceCode)].some((module) => TEST_FILE_MODULES.has(module)) ||
    env.sourceCode.ast.body.flatMap(underTopLevelIf).some((statement) => {
      if (statement.type !== AST_NODE_TYPES.ExpressionStatement) return false;
      const call = statement.expression;
      if (call.type !== AST_NODE_TYPES.CallExpression) return false;
      const root = chainRoot(call.callee);
      return root?.type === AST_NODE_TYPES.Identifier && TEST_CALLBACK_CALLEES.has(root.name);
    });
  testFiles.set(env.sourceCode, result);
  return result;
}
