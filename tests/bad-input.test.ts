/**
 * Bad input: wrong options are rejected by the schema with a message that names the option,
 * code the parser rejects stays ESLint's parse error (issue 17; size and depth: tests/robustness/scale.test.ts),
 * and a rule that needs type information, run without it, says how to enable it.
 */
import tsParser from '@typescript-eslint/parser';
import { Linter } from 'eslint';
import { afterEach, describe, expect, it, vi } from 'vitest';

import plugin from '../src/index.js';
import { rules } from '../src/rules/index.js';
import { STRICT_ANALYSIS_ENV } from '../src/utils/internal-errors.js';

type Schema = { properties?: Record<string, { type?: string }> };

const ruleEntries = Object.entries(rules);

function lint(rule: string, options: unknown[]): () => unknown {
  const linter = new Linter({ configType: 'flat' });
  return () =>
    linter.verify(
      'export {};',
      [
        {
          files: ['**/*.ts'],
          languageOptions: { parser: tsParser },
          plugins: { leakproof: plugin },
          rules: { [`leakproof/${rule}`]: ['error', ...options] as never },
        },
      ],
      'file.ts',
    );
}

describe('invalid options are rejected, naming the option', () => {
  const withOptions = ruleEntries.filter(([, rule]) => {
    const schema = rule.meta.schema as unknown as Schema[] | Schema;
    return Array.isArray(schema) && schema[0]?.properties !== undefined;
  });
  it('has rules with options to check', () => {
    expect(withOptions.length).toBeGreaterThan(0);
  });
  for (const [name, rule] of withOptions) {
    const properties = (rule.meta.schema as unknown as Schema[])[0].properties!;
    it(`${name}: an unknown option`, () => {
      expect(lint(name, [{ exceptionPathz: true }])).toThrow(/exceptionPathz/);
    });
    // ESLint prints the offending value and what was expected, under the rule's id (its
    // formatter leaves out the property path, so the option name itself cannot appear).
    for (const [option, schema] of Object.entries(properties)) {
      if (schema.type !== 'boolean' && schema.type !== 'array') continue;
      it(`${name}: ${option} with the wrong type`, () => {
        expect(lint(name, [{ [option]: 'yes please' }])).toThrow(
          new RegExp(`leakproof/${name}[\\s\\S]*"yes please" should be ${schema.type}`),
        );
      });
    }
  }
});

/** The message ESLint throws for `options`, or '' when they are accepted. */
function optionError(rule: string, options: unknown[]): string {
  try {
    lint(rule, options)();
    return '';
  } catch (error) {
    return (error as Error).message;
  }
}

/** The lines of an option error that describe a problem (not ESLint's `Key …:` heading). */
const problemLines = (message: string): string[] =>
  message.split('\n').filter((line) => line.startsWith('\tValue'));

describe('a malformed option gives one line that says what is wrong', () => {
  const cases: [string, unknown, RegExp][] = [
    ['require-dispose', { resources: [42] }, /Value 42 should be string,object/],
    [
      'require-dispose',
      { resources: [{ from: 'package', name: 'Pool' }] },
      /should have required property '\.?package'/,
    ],
    [
      'require-dispose',
      { resources: [{ from: 'pkg', name: 'Pool' }] },
      /"pkg" should match pattern "\^\(package\|lib\|file\)\$"/,
    ],
    [
      'require-dispose',
      { resources: [{ from: 'lib', name: 'fetch', path: 'a.ts' }] },
      /"lib" should match pattern "\^file\$"/,
    ],
    [
      'no-per-call-client',
      { clients: [{ from: 'package', package: 'pg', name: 'Pool', kind: 'sock' }] },
      /"sock" should match pattern "\^\(file-handle\|.*\|other\)\$"/,
    ],
    [
      'require-paired-calls',
      { pairs: [{ open: 'startSpan', close: 'end', match: 'ret' }] },
      /"ret" should match pattern "\^\(argument\|returned\)\$"/,
    ],
    [
      'require-paired-calls',
      { pairs: [{ open: 'a', close: 3 }] },
      /Value 3 should be string,array/,
    ],
  ];
  for (const [rule, options, expected] of cases) {
    it(`${rule}: ${JSON.stringify(options)}`, () => {
      const lines = problemLines(optionError(rule, [options]));
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(expected);
    });
  }
  it('accepts every form of a resource', () => {
    const resources = [
      'Pool',
      { from: 'lib', name: ['fetch'] },
      { from: 'file', name: 'Db', path: 'db.ts' },
      { from: 'package', package: 'pg', name: 'Pool', kind: 'db-client', release: ['end'] },
    ];
    expect(optionError('require-dispose', [{ resources }])).toBe('');
  });
});

describe('a rule that needs type information, run without it', () => {
  const typed = ruleEntries.filter(([, rule]) => rule.meta.docs?.requiresTypeChecking === true);
  for (const [name] of typed) {
    it(`${name} says how to enable it`, () => {
      expect(lint(name, [])).toThrow(/type information|parserOptions|projectService/);
    });
  }
  it('every other rule runs without it', () => {
    for (const [name, rule] of ruleEntries) {
      if (rule.meta.docs?.requiresTypeChecking === true) continue;
      expect(lint(name, []), name).not.toThrow();
    }
  });
});

describe('type information missing, as users meet it (internal errors not rethrown)', () => {
  // Production: an internal error only stops the rule with a warning; a missing setup must not.
  afterEach(() => vi.unstubAllEnvs());
  const untypedFile = (configs: Linter.Config[]): (() => unknown) => {
    const linter = new Linter({ configType: 'flat' });
    return () =>
      linter.verify(
        'export class Pool { [Symbol.dispose]() { void Promise.resolve(); } }',
        [{ files: ['**/*.ts'], languageOptions: { parser: tsParser } }, ...configs],
        'src/pool.ts',
      );
  };

  it('a typed rule fails loudly, saying how to enable type information', () => {
    vi.stubEnv(STRICT_ANALYSIS_ENV, '');
    const typed = ruleEntries.find(([, rule]) => rule.meta.docs?.requiresTypeChecking === true);
    expect(typed).toBeDefined();
    expect(lint(typed![0], [])).toThrow(/requires type information[\s\S]*projectService/);
  });

  it('recommended-type-checked on a file without types fails loudly, every rule of it', () => {
    vi.stubEnv(STRICT_ANALYSIS_ENV, '');
    expect(untypedFile([plugin.configs['recommended-type-checked']])).toThrow(
      /recommended-type-checked[\s\S]*without type information[\s\S]*projectService/,
    );
  });

  it('disable-type-checked after it, or recommended alone, lint such a file quietly', () => {
    vi.stubEnv(STRICT_ANALYSIS_ENV, '');
    expect(
      untypedFile([
        plugin.configs['recommended-type-checked'],
        plugin.configs['disable-type-checked'],
      ]),
    ).not.toThrow();
    expect(untypedFile([plugin.configs.recommended])).not.toThrow();
  });
});

// Issue 17, Build 3: what the parser rejects is ESLint's parse error, and only that: no rule
// runs on it, none throws, none adds a report.
describe('syntax ESLint cannot parse stays its parse error', () => {
  const allRules = Object.fromEntries(
    ruleEntries
      .filter(([, rule]) => rule.meta.docs?.requiresTypeChecking !== true)
      .map(([name]) => [`leakproof/${name}`, 'error' as const]),
  );
  const cases: [string, string][] = [
    [
      'file.js',
      "import { open } from 'node:fs/promises';\nexport async function f(p) {\n  const fh = await open(p\n}",
    ],
    ['file.js', 'const = 1;'],
    ['file.js', 'const s = `unclosed'],
    ['file.js', "export function f() {\n  const child = spawn('ls');\n  if (child) {"],
    [
      'file.ts',
      "import { open } from 'node:fs/promises';\nexport async function f(p: string) {\n  await using fh = await open(p;\n}",
    ],
    ['file.ts', 'type T = ;'],
    ['file.ts', 'const el = <div>{fetch(u)}</div>;'],
    ['file.ts', 'export class Pool {\n  [Symbol.dispose]() {\n    this.end(\n  }\n}'],
    ['file.ts', 'import from;'],
  ];
  for (const [filename, code] of cases) {
    it(`${filename}: ${JSON.stringify(code.slice(0, 40))}`, () => {
      const linter = new Linter({ configType: 'flat' });
      const messages = linter.verify(
        code,
        [
          {
            files: ['**/*.js', '**/*.ts'],
            ...(filename.endsWith('.ts') ? { languageOptions: { parser: tsParser } } : {}),
            plugins: { leakproof: plugin },
            rules: allRules,
          },
        ],
        filename,
      );
      expect(messages).toHaveLength(1);
      expect(messages[0]).toMatchObject({ fatal: true, ruleId: null });
      expect(messages[0].message).toMatch(/^Parsing error: /);
    });
  }
});
