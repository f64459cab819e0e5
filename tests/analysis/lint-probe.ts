/**
 * Runs a probe over code through the real ESLint `Linter` (flat config) and collects what the
 * probe returns for every call and `new` expression, in source order. Used by the unit tests
 * of the shared engines that need a real `SourceCode` with its scope manager.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import tsParser from '@typescript-eslint/parser';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { Linter } from 'eslint';

const fixturesDir = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'fixtures');

export interface ProbeResult<T> {
  /** Source text of the callee. */
  callee: string;
  line: number;
  value: T;
}

export interface ProbeOptions {
  /** `'ts'` (typescript-eslint parser, default) or `'js'` (espree). */
  parser?: 'ts' | 'js';
  sourceType?: 'module' | 'commonjs' | 'script';
  globals?: Record<string, 'readonly' | 'writable'>;
  /** Parse `tests/fixtures/file.ts` in the fixture project (type information available). */
  typed?: boolean;
}

export type Probe<T> = (
  sourceCode: TSESLint.SourceCode,
  node: TSESTree.CallExpression | TSESTree.NewExpression,
) => T;

export function probe<T>(code: string, fn: Probe<T>, options: ProbeOptions = {}): ProbeResult<T>[] {
  const results: ProbeResult<T>[] = [];
  lintWith(
    code,
    (context) => {
      const visit = (node: TSESTree.CallExpression | TSESTree.NewExpression): void => {
        results.push({
          callee: context.sourceCode.getText(node.callee),
          line: node.loc.start.line,
          value: fn(context.sourceCode, node),
        });
      };
      return { CallExpression: visit, NewExpression: visit };
    },
    options,
  );
  return results;
}

/**
 * Lints `code` with one probe rule made by `create` (the typescript-eslint parser unless
 * `parser: 'js'`); throws when the file does not parse or the probe throws.
 */
export function lintWith(
  code: string,
  create: (context: TSESLint.RuleContext<string, []>) => TSESLint.RuleListener,
  options: ProbeOptions = {},
): void {
  const rule = { meta: { type: 'problem' as const, schema: [] }, create };
  const linter = new Linter({ configType: 'flat' });
  const messages = linter.verify(
    code,
    [
      {
        files: ['**/*.ts', '**/*.js'],
        languageOptions: {
          ...(options.parser === 'js' ? {} : { parser: tsParser }),
          sourceType: options.sourceType ?? 'module',
          ecmaVersion: 'latest',
          globals: options.globals ?? {},
          ...(options.typed === true
            ? { parserOptions: { projectService: true, tsconfigRootDir: fixturesDir } }
            : {}),
        },
        plugins: { probe: { rules: { probe: rule as never } } },
        rules: { 'probe/probe': 'error' },
      },
    ],
    options.typed === true
      ? path.join(fixturesDir, 'file.ts')
      : options.parser === 'js'
        ? 'file.js'
        : 'file.ts',
  );
  const fatal = messages.find(
    (message) => message.fatal === true || message.ruleId === 'probe/probe',
  );
  if (fatal !== undefined) throw new Error(`probe failed: ${fatal.message}`);
}

/** The value for the first (or `nth`) call whose callee text is `callee`. */
export function at<T>(results: ProbeResult<T>[], callee: string, nth = 0): T {
  const found = results.filter((result) => result.callee === callee)[nth];
  if (found === undefined)
    throw new Error(`no call of ${callee} (#${nth}) in ${results.map((r) => r.callee).join(', ')}`);
  return found.value;
}
