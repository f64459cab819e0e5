/**
 * The contract of src/utils/internal-errors.ts: a rule's internal error fails loudly under
 * LEAKPROOF_STRICT_ANALYSIS=1 (which vitest.config.ts sets for the whole suite), and in
 * production stops only that rule for that file, with a warning instead of a crash.
 */
import tsParser from '@typescript-eslint/parser';
import type { TSESTree } from '@typescript-eslint/utils';
import { Linter } from 'eslint';
import { afterEach, beforeEach, describe, expect, it, vi, type MockInstance } from 'vitest';

import { createRule } from '../../src/utils/create-rule.js';
import {
  INTERNAL_ERROR_CODE,
  STRICT_ANALYSIS_ENV,
  strictAnalysis,
} from '../../src/utils/internal-errors.js';

/** Reports every call, and throws on `boom(tag)` (or in `create` for a `crash` option). */
const fragile = createRule<[{ crash?: boolean }], 'call'>({
  name: 'fragile',
  meta: {
    type: 'problem',
    docs: { description: 'Report calls' },
    messages: { call: 'A call.' },
    schema: [
      {
        type: 'object',
        properties: { crash: { type: 'boolean', description: 'Throw in create.' } },
        additionalProperties: false,
      },
    ],
    defaultOptions: [{ crash: false }],
  },
  create(context, [{ crash }]) {
    if (crash) throw new Error('create broke');
    return {
      CallExpression(node: TSESTree.CallExpression): void {
        if (node.callee.type === 'Identifier' && node.callee.name === 'boom')
          throw new Error(`analysis broke on ${context.sourceCode.getText(node.arguments[0])}`);
        context.report({ node, messageId: 'call' });
      },
    };
  },
});

/** Reports every call, never throws: the neighbour that must not be affected. */
const steady = createRule<[], 'call'>({
  name: 'steady',
  meta: {
    type: 'problem',
    docs: { description: 'Report calls' },
    messages: { call: 'A call.' },
    schema: [],
  },
  create: (context) => ({
    CallExpression: (node: TSESTree.CallExpression) => context.report({ node, messageId: 'call' }),
  }),
});

function lint(code: string, options: { crash?: boolean } = {}, filename = 'file.ts') {
  return new Linter({ configType: 'flat' }).verify(
    code,
    [
      {
        files: ['**/*.ts'],
        languageOptions: { parser: tsParser },
        plugins: { test: { rules: { fragile, steady } as never } },
        rules: { 'test/fragile': ['error', options], 'test/steady': 'error' },
      },
    ],
    filename,
  );
}

const code = (tag: string) => `first();\nboom(${tag});\nthird();\n`;

describe('under LEAKPROOF_STRICT_ANALYSIS=1 (the test suite)', () => {
  it('is on for every test', () => {
    expect(process.env[STRICT_ANALYSIS_ENV]).toBe('1');
    expect(strictAnalysis()).toBe(true);
  });

  it('an internal error in a listener fails the lint, naming the rule', () => {
    expect(() => lint(code('strict'))).toThrow(/analysis broke on strict/);
  });

  it('an internal error in create fails the lint too', () => {
    expect(() => lint('ok();', { crash: true })).toThrow(/create broke/);
  });
});

describe('in production (the switch unset)', () => {
  let warn: MockInstance<(warning: string | Error, options?: unknown) => void>;
  beforeEach(() => {
    vi.stubEnv(STRICT_ANALYSIS_ENV, '');
    warn = vi.spyOn(process, 'emitWarning');
    warn.mockImplementation(() => undefined);
  });
  afterEach(() => {
    vi.unstubAllEnvs();
    warn.mockRestore();
  });

  it('never crashes ESLint: the rule stops for the rest of the file, others go on', () => {
    const messages = lint(code('crash'));
    const by = (rule: string) => messages.filter((m) => m.ruleId === rule).map((m) => m.line);
    expect(by('test/steady')).toEqual([1, 2, 3]);
    // Reported before the error; nothing after it from a half-finished analysis.
    expect(by('test/fragile')).toEqual([1]);
  });

  it('warns once per rule and message, with the file and the stack', () => {
    lint(code('twice'), {}, 'a.ts');
    lint(code('twice'), {}, 'b.ts');
    const calls = warn.mock.calls.filter(([text]) => String(text).includes('on twice'));
    expect(calls).toHaveLength(1);
    const [text, options] = calls[0];
    expect(text).toBe('leakproof/fragile stopped on a.ts: analysis broke on twice');
    expect(options).toMatchObject({ code: INTERNAL_ERROR_CODE });
    expect((options as { detail?: string }).detail).toContain('analysis broke on twice');
  });

  it('the next file is linted as usual', () => {
    lint(code('next'), {}, 'broken.ts');
    expect(
      lint('one();\ntwo();\n', {}, 'fine.ts').filter((m) => m.ruleId === 'test/fragile'),
    ).toHaveLength(2);
  });

  it('an error in create leaves the rule silent for the file', () => {
    const messages = lint('ok();', { crash: true });
    expect(messages.filter((m) => m.ruleId === 'test/fragile')).toEqual([]);
    expect(messages.filter((m) => m.ruleId === 'test/steady')).toHaveLength(1);
  });
});
