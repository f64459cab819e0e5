/**
 * Shared by the fix-validity suite and the fuzz suites: lint a text with one leakproof rule
 * (untyped, typed on the fixture project, or plain JavaScript), list every fix and suggestion
 * its reports carry, apply one, and compare the reports before and after.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import tsPlugin from '@typescript-eslint/eslint-plugin';
import tsParser from '@typescript-eslint/parser';
import { Linter } from 'eslint';
import * as espree from 'espree';
import ts from 'typescript';

import plugin from '../../src/index.js';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const fixturesDir = path.join(root, 'tests', 'fixtures');

export type Tester = 'untyped' | 'typed' | 'js';

export interface Setup {
  tester: Tester;
  rule: string;
  options?: unknown[];
  /** Absolute file name to lint as. */
  filename: string;
  /** `tsconfigRootDir` for typed linting. */
  root?: string;
}

export const linter = new Linter({ configType: 'flat' });

/**
 * The flat config that runs `leakproof/<rule>` (with its options) on `setup.filename`; typed
 * setups also run typescript-eslint's `await-thenable` and `return-await`, which see what a
 * fix changes about promises.
 */
export function configFor(setup: Setup): Linter.Config[] {
  const typed = setup.tester === 'typed';
  const severity = setup.options?.length ? ['error', ...setup.options] : 'error';
  return [
    {
      files: ['**/*.ts', '**/*.tsx', '**/*.mts', '**/*.cts', '**/*.js', '**/*.mjs', '**/*.cjs'],
      languageOptions: {
        parser: setup.tester === 'js' ? espree : tsParser,
        ecmaVersion: 'latest',
        sourceType: 'module',
        ...(typed
          ? {
              parserOptions: {
                projectService: {
                  allowDefaultProject: ['@(!(file)).ts', '*.tsx', '*.mts', '*.cts', '*.js'],
                },
                tsconfigRootDir: setup.root ?? fixturesDir,
              },
            }
          : {}),
      },
      plugins: { leakproof: plugin, '@typescript-eslint': tsPlugin as never },
      rules: {
        [`leakproof/${setup.rule}`]: severity as never,
        ...(typed
          ? {
              '@typescript-eslint/await-thenable': 'error',
              '@typescript-eslint/return-await': ['error', 'error-handling-correctness-only'],
            }
          : {}),
      },
    },
  ];
}

/** The reports, keyed by rule, message and the reported line's text (lines move under fixes). */
export function keysOf(code: string, messages: Linter.LintMessage[]): string[] {
  const lines = code.split(/\r?\n/);
  return messages.map(
    (m) => `${m.ruleId ?? ''}|${m.messageId ?? ''}|${(lines[m.line - 1] ?? '').trim()}`,
  );
}

export function count(keys: readonly string[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const key of keys) out.set(key, (out.get(key) ?? 0) + 1);
  return out;
}

export function apply(code: string, fix: { range: [number, number]; text: string }): string {
  return code.slice(0, fix.range[0]) + fix.text + code.slice(fix.range[1]);
}

export interface FixOutput {
  /** `fix 2`, `suggestion 2.0 (messageId)` or `eslint --fix`. */
  kind: string;
  fixed: string;
  /** The report (see `keysOf`) the change answers; `null` for all autofixes at once. */
  key: string | null;
}

/**
 * The reports of `setup.rule` on `code` (and the other rules of `configFor`), and every text
 * its fixes and suggestions give, each applied on its own, plus `eslint --fix` when any
 * report has an autofix. Throws when `code` does not parse.
 */
export function fixOutputs(
  code: string,
  setup: Setup,
): { before: Linter.LintMessage[]; comments: string[]; outputs: FixOutput[] } {
  const config = configFor(setup);
  const before = linter.verify(code, config, setup.filename);
  const fatal = before.find((m) => m.fatal === true);
  if (fatal) throw new Error(`case does not parse: ${fatal.message}`);
  const comments = lastComments();
  const own = `leakproof/${setup.rule}`;
  const outputs: FixOutput[] = [];
  for (const [i, message] of before.entries()) {
    if (message.ruleId !== own) continue;
    const key = keysOf(code, [message])[0];
    if (message.fix) outputs.push({ kind: `fix ${i}`, fixed: apply(code, message.fix), key });
    for (const [j, suggestion] of (message.suggestions ?? []).entries()) {
      const kind = `suggestion ${i}.${j} (${suggestion.messageId ?? ''})`;
      outputs.push({ kind, fixed: apply(code, suggestion.fix), key });
    }
  }
  if (before.some((m) => m.ruleId === own && m.fix)) {
    const fixed = linter.verifyAndFix(code, config, setup.filename).output;
    outputs.push({ kind: 'eslint --fix', fixed, key: null });
  }
  return { before, comments, outputs };
}

/** The comments of the text `linter` verified last, as written (`// why`, `/* … *\/`). */
export function lastComments(): string[] {
  const sourceCode = linter.getSourceCode();
  return sourceCode
    .getAllComments()
    .map((c) => (c.type === 'Line' ? `//${c.value}` : `/*${c.value}*/`).trim());
}

/** The comments of `before` that `after` lacks (counted: two equal comments are two). */
export function lostComments(before: readonly string[], after: readonly string[]): string[] {
  const left = count(after);
  return before.filter((c) => {
    const n = left.get(c) ?? 0;
    left.set(c, n - 1);
    return n <= 0;
  });
}

/** Line breaks of `text` that are not `\r\n`, as the line numbers they end. */
export function bareLineFeeds(text: string): number[] {
  const out: number[] = [];
  let line = 1;
  for (let i = 0; i < text.length; i++) {
    if (text[i] !== '\n') continue;
    if (text[i - 1] !== '\r') out.push(line);
    line += 1;
  }
  return out;
}

/** One fix output to type-check against the text it came from. */
export interface TypeCheckItem {
  /** Which fix of which case, for the failure message. */
  where: string;
  /** The file name the case is linted as (its directory resolves relative imports). */
  filename: string;
  before: string;
  after: string;
}

export interface NewTypeErrors {
  where: string;
  before: string;
  after: string;
  errors: string[];
}

const TS_FILE = /\.[cm]?tsx?$/;

/** Whether `filename` is TypeScript, which `typeCheckFixes` checks. */
export function isTypeScript(filename: string): boolean {
  return TS_FILE.test(filename) && !filename.endsWith('.d.ts');
}

/**
 * The errors `tsc` reports on each `after` that it does not report on its `before` (compared
 * by code and text, not position: fixes move lines). Every text of every item goes into ONE
 * program, as in-memory files next to the item's file (`__fv3a__file.ts` …), with the fixture
 * project's compiler options (`strict`, `@types/node`, the client stubs in `types/`) and every
 * file a module, so the cases do not see each other's top-level names.
 */
export function typeCheckFixes(items: readonly TypeCheckItem[]): {
  files: number;
  failures: NewTypeErrors[];
} {
  const configPath = path.join(fixturesDir, 'tsconfig.json');
  const config = ts.getParsedCommandLineOfConfigFile(
    configPath,
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (d) => {
        throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n'));
      },
    },
  );
  if (!config) throw new Error(`cannot read ${configPath}`);
  const options: ts.CompilerOptions = {
    ...config.options,
    moduleDetection: ts.ModuleDetectionKind.Force,
    noEmit: true,
  };
  const virtual = new Map<string, string>();
  const byText = new Map<string, string>();
  const fileFor = (filename: string, text: string): string => {
    const known = byText.get(`${filename}\0${text}`);
    if (known) return known;
    const name = path.join(
      path.dirname(filename),
      `__fv${virtual.size}__${path.basename(filename)}`,
    );
    virtual.set(name, text);
    byText.set(`${filename}\0${text}`, name);
    return name;
  };
  const pairs = items
    .filter((item) => isTypeScript(item.filename))
    .map((item) => ({
      item,
      before: fileFor(item.filename, item.before),
      after: fileFor(item.filename, item.after),
    }));
  const stubs = config.fileNames.filter((f) => f.endsWith('.d.ts'));
  const host = ts.createCompilerHost(options, true);
  const getSourceFile = host.getSourceFile.bind(host);
  const fileExists = host.fileExists.bind(host);
  const readFile = host.readFile.bind(host);
  host.fileExists = (f) => virtual.has(path.resolve(f)) || fileExists(f);
  host.readFile = (f) => virtual.get(path.resolve(f)) ?? readFile(f);
  host.getSourceFile = (f, language, onError, shouldCreate) => {
    const text = virtual.get(path.resolve(f));
    return text === undefined
      ? getSourceFile(f, language, onError, shouldCreate)
      : ts.createSourceFile(f, text, language, true);
  };
  const program = ts.createProgram({
    rootNames: [...stubs, ...virtual.keys()],
    options,
    host,
  });
  const errorsOf = new Map<string, string[]>();
  const errors = (name: string): string[] => {
    let out = errorsOf.get(name);
    if (!out) {
      const file = program.getSourceFile(name);
      if (!file) throw new Error(`not in the program: ${name}`);
      out = [...program.getSyntacticDiagnostics(file), ...program.getSemanticDiagnostics(file)]
        .filter((d) => d.category === ts.DiagnosticCategory.Error)
        .map(
          (d) =>
            `TS${d.code}: ${ts.flattenDiagnosticMessageText(d.messageText, ' ').replace(/__fv\d+__/g, '')}`,
        );
      errorsOf.set(name, out);
    }
    return out;
  };
  const failures: NewTypeErrors[] = [];
  for (const { item, before, after } of pairs) {
    const left = count(errors(before));
    const added = errors(after).filter((e) => {
      const n = left.get(e) ?? 0;
      left.set(e, n - 1);
      return n <= 0;
    });
    if (added.length > 0) failures.push({ ...item, errors: added });
  }
  return { files: virtual.size, failures };
}
