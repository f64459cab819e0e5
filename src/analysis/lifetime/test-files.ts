/** Test files and test setup: their helpers build what a test needs, once per test. */
import { AST_NODE_TYPES } from '@typescript-eslint/types';

import { fileImports } from '../resolve/imports.js';
import {
  TEST_CALLBACK_CALLEES,
  TEST_FILE_MODULES,
  TEST_FILE_NAME,
} from '../../catalog/test-runners.js';
import { chainRoot, type SourceCodeLike } from '../../utils/ast/index.js';

const testFiles = new WeakMap<object, boolean>();

/** A test file by its name (`*.test.ts`, `vitest.setup.ts`) or content (imports a test runner, calls `describe`). */
export function isTestFile(env: { sourceCode: SourceCodeLike; filename: string }): boolean {
  const cached = testFiles.get(env.sourceCode);
  if (cached !== undefined) return cached;
  const base = env.filename.replaceAll('\\', '/').split('/').at(-1) ?? '';
  const result =
    TEST_FILE_NAME.test(base) ||
    [...fileImports(env.sourceCode)].some((module) => TEST_FILE_MODULES.has(module)) ||
    env.sourceCode.ast.body.some((statement) => {
      if (statement.type !== AST_NODE_TYPES.ExpressionStatement) return false;
      const call = statement.expression;
      if (call.type !== AST_NODE_TYPES.CallExpression) return false;
      const root = chainRoot(call.callee);
      return root?.type === AST_NODE_TYPES.Identifier && TEST_CALLBACK_CALLEES.has(root.name);
    });
  testFiles.set(env.sourceCode, result);
  return result;
}
