/**
 * Robustness: every rule of the plugin, with its default options and with its `strictOptions`,
 * runs over a corpus of odd but parseable code (tests/robustness/corpus) without crashing.
 *
 * Lint messages are fine here; what fails is a thrown error (a rule crashed: ESLint rethrows
 * it with the file and rule) or a fatal message (the corpus stopped parsing). Rules are read
 * from the plugin object, so a new rule is covered the moment it is registered.
 *
 * Each rule runs twice in one pass: the plugin is registered under two namespaces, one with
 * default options and one with strict options, so each file is parsed once per mode.
 *
 * Modes: untyped (typescript-eslint parser without a program for TS, espree for JS) on
 * ESLint 10 and on ESLint 9 (strict options only there), and typed (projectService over
 * corpus/tsconfig.json).
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import tsParser from '@typescript-eslint/parser';
import { ESLint, type Linter } from 'eslint';
import { ESLint as ESLint9 } from 'eslint-v9';
import { describe, expect, it } from 'vitest';

import plugin from '../../src/index.js';
import type { LeakproofDocs } from '../../src/utils/create-rule.js';

const corpusDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'corpus');

const JS = ['js', 'mjs', 'cjs', 'jsx'];
const TS = ['ts', 'tsx', 'mts', 'cts'];
const glob = (exts: string[]): string => `**/*.{${exts.join(',')}}`;

/** Every file the corpus holds that a mode must lint (`.d.ts` files included). */
function corpusFiles(): string[] {
  const out: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if ([...JS, ...TS].includes(path.extname(entry.name).slice(1))) out.push(full);
    }
  };
  walk(corpusDir);
  return out.sort();
}

/**
 * `leakproof/<rule>` with defaults and `leakproof-strict/<rule>` with strict options; only the
 * strict ones with `strictOnly`.
 */
function ruleEntries(typed: boolean, strictOnly: boolean): Linter.RulesRecord {
  const entries: Linter.RulesRecord = {};
  for (const [name, rule] of Object.entries(plugin.rules)) {
    const docs = rule.meta?.docs as Partial<LeakproofDocs> | undefined;
    if (!typed && docs?.requiresTypeChecking === true) continue;
    if (!strictOnly) entries[`leakproof/${name}`] = 'error';
    entries[`leakproof-strict/${name}`] = docs?.strictOptions
      ? ['error', docs.strictOptions]
      : 'error';
  }
  return entries;
}

function config(typed: boolean, strictOnly = false): Linter.Config[] {
  const tsParserOptions = typed
    ? { projectService: true, tsconfigRootDir: corpusDir }
    : { ecmaFeatures: { jsx: true } };
  return [
    { linterOptions: { reportUnusedDisableDirectives: 'off' } },
    typed
      ? {
          files: [glob([...JS, ...TS])],
          languageOptions: { parser: tsParser, parserOptions: tsParserOptions },
        }
      : {
          files: [glob(JS)],
          languageOptions: {
            ecmaVersion: 'latest',
            parserOptions: { ecmaFeatures: { jsx: true } },
          },
        },
    ...(typed
      ? []
      : [
          {
            files: [glob(TS)],
            languageOptions: { parser: tsParser as Linter.Parser, parserOptions: tsParserOptions },
          },
        ]),
    {
      files: [glob([...JS, ...TS])],
      plugins: {
        leakproof: plugin,
        'leakproof-strict': plugin,
      },
      rules: ruleEntries(typed, strictOnly),
    },
  ];
}

type Engine = Pick<ESLint, 'lintFiles'>;

interface Outcome {
  results: ESLint.LintResult[];
  ms: number;
}

/**
 * Lints the whole corpus in one call. When that throws (a rule crashed), lints file by file
 * to name every crashing file instead of the first one, then fails with all of them.
 */
async function lintCorpus(engine: Engine): Promise<Outcome> {
  const start = performance.now();
  try {
    const results = await engine.lintFiles(['.']);
    return { results, ms: performance.now() - start };
  } catch (first) {
    const crashes: string[] = [];
    for (const file of corpusFiles()) {
      try {
        await engine.lintFiles([file]);
      } catch (error) {
        crashes.push(`${path.relative(corpusDir, file)}: ${(error as Error).message}`);
      }
    }
    throw new Error(
      `rules crashed on ${crashes.length || 'some'} corpus file(s):\n${crashes.join('\n\n') || String(first)}`,
      { cause: first },
    );
  }
}

function fatalMessages(results: ESLint.LintResult[]): string[] {
  return results.flatMap((r) =>
    r.messages
      .filter((m) => m.fatal === true)
      .map((m) => `${path.relative(corpusDir, r.filePath)}:${m.line}:${m.column} ${m.message}`),
  );
}

/** The slowest (file, rule) pairs, from ESLint's `stats`, to spot a rule that does not scale. */
function slowest(results: ESLint.LintResult[], count: number): string {
  const times: [string, number][] = [];
  for (const r of results) {
    for (const pass of r.stats?.times.passes ?? []) {
      for (const [rule, { total }] of Object.entries(pass.rules ?? {})) {
        times.push([`${path.relative(corpusDir, r.filePath)} ${rule}`, total]);
      }
    }
  }
  return times
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(([what, ms]) => `${what} ${ms.toFixed(0)}ms`)
    .join(', ');
}

function check(mode: string, { results, ms }: Outcome): void {
  const reports = results.reduce((n, r) => n + r.messages.length, 0);
  console.log(
    `[robustness] ${mode}: ${results.length} files, ${reports} reports, ${(ms / 1000).toFixed(1)}s; slowest: ${slowest(results, 3) || 'n/a'}`,
  );
  expect(fatalMessages(results)).toEqual([]);
  expect(results.map((r) => r.filePath).sort()).toEqual(corpusFiles());
}

describe('robustness: every rule over the corpus, default and strict options', () => {
  it('has a corpus of at least 200 hand-written and 100 generated files', () => {
    const files = corpusFiles().map((f) => path.relative(corpusDir, f));
    const fuzz = files.filter((f) => f.startsWith('fuzz/'));
    expect(fuzz.length).toBeGreaterThanOrEqual(100);
    expect(files.length - fuzz.length).toBeGreaterThanOrEqual(200);
    expect(Object.keys(plugin.rules).length).toBeGreaterThan(0);
  });

  it('untyped (ESLint 10): no crash, no fatal message', { timeout: 120_000 }, async () => {
    const eslint = new ESLint({
      cwd: corpusDir,
      overrideConfigFile: true,
      overrideConfig: config(false),
      stats: true,
    });
    check('untyped, ESLint 10', await lintCorpus(eslint));
  });

  // Strict options only: they widen what every rule looks at, and the rules' code is the same; what
  // differs under ESLint 9 is ESLint's side (parsers, scope and code-path analysis, SourceCode).
  it(
    'untyped (ESLint 9, strict options): no crash, no fatal message',
    { timeout: 120_000 },
    async () => {
      const eslint = new ESLint9({
        cwd: corpusDir,
        overrideConfigFile: true,
        // The same flat config; ESLint 9's types differ from 10's in details that do not matter here.
        overrideConfig: config(false, true) as never,
        stats: true,
      });
      check('untyped, ESLint 9', await lintCorpus(eslint));
    },
  );

  it('typed (projectService): no crash, no fatal message', { timeout: 180_000 }, async () => {
    const eslint = new ESLint({
      cwd: corpusDir,
      overrideConfigFile: true,
      overrideConfig: config(true),
      stats: true,
    });
    check('typed', await lintCorpus(eslint));
  });
});

/** Each file's messages, in a form that compares across runs (file order aside). */
function byFile(results: ESLint.LintResult[]): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const r of results) {
    out[path.relative(corpusDir, r.filePath)] = r.messages.map(
      (m) => `${m.line}:${m.column} ${m.ruleId} ${m.messageId ?? ''} ${m.message}`,
    );
  }
  return out;
}

// The editor's language server keeps one ESLint alive for hours and lints files in whatever
// order they are opened: nothing a rule learns from one file may change another's reports.
describe('no state between files', () => {
  it(
    'untyped: the realistic corpus files linted in two orders, twice in one process, report the same',
    {
      timeout: 180_000,
    },
    async () => {
      const eslint = new ESLint({
        cwd: corpusDir,
        overrideConfigFile: true,
        overrideConfig: config(false),
      });
      // The files written as real code (leaks and their fixes), where rules have state to keep.
      const files = corpusFiles().filter((f) =>
        /^(resources|ts)[\\/]/.test(path.relative(corpusDir, f)),
      );
      const forward = byFile(await eslint.lintFiles(files));
      const backward = byFile(await eslint.lintFiles([...files].reverse()));
      expect(Object.values(forward).flat().length).toBeGreaterThan(0);
      expect(backward).toEqual(forward);
    },
  );
});
