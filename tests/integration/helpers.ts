/**
 * Shared pieces of the integration suite: temporary workspaces that resolve the built plugin
 * and a chosen ESLint major, the plugin's rule ids read from `dist/` at test time, and a way
 * to run the real `eslint` binary and compare its results.
 */
import { execFile, type ExecFileOptions } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

import type { ESLint, Linter } from 'eslint';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const repoNodeModules = path.join(repoRoot, 'node_modules');
export const distEntry = path.join(repoRoot, 'dist', 'index.js');

/** The ESLint majors we support; each maps to a package directory in the repo's node_modules. */
export const eslintVersions = [
  { major: 10, packageDir: path.join(repoNodeModules, 'eslint') },
  { major: 9, packageDir: path.join(repoNodeModules, 'eslint-v9') },
] as const;
export type EslintVersion = (typeof eslintVersions)[number];
export const eslint10 = eslintVersions[0];

interface RuleMetaLike {
  type?: string;
  fixable?: string;
  hasSuggestions?: boolean;
  docs?: { url?: string; requiresTypeChecking?: boolean; recommended?: boolean };
}
export interface BuiltPlugin {
  meta: { name: string; version: string; namespace: string };
  rules: Record<string, { meta: RuleMetaLike }>;
  configs: Record<string, Linter.Config>;
}

/** The built plugin (`dist/`), as users get it. `npm test` builds before running vitest. */
export async function loadBuiltPlugin(): Promise<BuiltPlugin> {
  if (!fs.existsSync(distEntry)) {
    throw new Error(`${distEntry} is missing: run \`npm run build\` first (npm test does).`);
  }
  const mod = (await import(pathToFileURL(distEntry).href)) as { default: BuiltPlugin };
  return mod.default;
}

/** `leakproof/<name>` → docs URL, for every rule the built plugin has. */
export async function ruleDocs(): Promise<Map<string, string>> {
  const plugin = await loadBuiltPlugin();
  const out = new Map<string, string>();
  for (const [name, rule] of Object.entries(plugin.rules)) {
    out.set(`${plugin.meta.namespace}/${name}`, rule.meta.docs?.url ?? '');
  }
  return out;
}

export const isLeakproof = (ruleId: string | null | undefined): ruleId is string =>
  typeof ruleId === 'string' && ruleId.startsWith('leakproof/');

/**
 * Links every package of the repo's node_modules into `<dir>/node_modules` one by one, with
 * `eslint` pointing at the chosen major, `eslint-plugin-leakproof` at this repository (so the
 * workspace imports it by its package name, through `exports`, from `dist/`), and a `.bin`
 * holding `eslint` and `lint-staged`.
 */
export function linkNodeModules(dir: string, version: EslintVersion = eslint10): void {
  const target = path.join(dir, 'node_modules');
  fs.mkdirSync(path.join(target, '.bin'), { recursive: true });
  for (const entry of fs.readdirSync(repoNodeModules)) {
    if (entry === '.bin' || entry === '.package-lock.json' || entry === 'eslint') continue;
    fs.symlinkSync(path.join(repoNodeModules, entry), path.join(target, entry));
  }
  fs.symlinkSync(version.packageDir, path.join(target, 'eslint'));
  fs.symlinkSync(repoRoot, path.join(target, 'eslint-plugin-leakproof'));
  fs.symlinkSync('../eslint/bin/eslint.js', path.join(target, '.bin', 'eslint'));
  fs.symlinkSync(
    fs.realpathSync(path.join(repoNodeModules, '.bin', 'lint-staged')),
    path.join(target, '.bin', 'lint-staged'),
  );
}

const tempDirs: string[] = [];

/** A fresh directory under the OS temp dir holding `files`; removed by `removeTempDirs`. */
export function makeTempDir(prefix: string, files: Record<string, string> = {}): string {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), `leakproof-${prefix}-`)));
  tempDirs.push(dir);
  writeFiles(dir, files);
  return dir;
}

export function writeFiles(dir: string, files: Record<string, string>): void {
  for (const [name, text] of Object.entries(files)) {
    const file = path.join(dir, name);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
  }
}

export function removeTempDirs(): void {
  for (const dir of tempDirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
}

/** A typed TypeScript workspace: flat config with the plugin, tsconfig, package.json. */
export function makeTypedWorkspace(
  prefix: string,
  files: Record<string, string>,
  version: EslintVersion = eslint10,
): string {
  const dir = makeTempDir(prefix, {
    'package.json': JSON.stringify(
      { name: `${prefix}-fixture`, private: true, type: 'module' },
      null,
      2,
    ),
    'tsconfig.json': TSCONFIG,
    'eslint.config.mjs': TYPED_CONFIG,
    ...files,
  });
  linkNodeModules(dir, version);
  return dir;
}

export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a command; never rejects on a non-zero exit (the exit code is part of the result). */
export function run(
  file: string,
  args: readonly string[],
  options: ExecFileOptions & { input?: string } = {},
): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      file,
      args,
      { maxBuffer: 64 * 1024 * 1024, encoding: 'utf8', ...options },
      (error, stdout, stderr) => {
        if (error && typeof error.code !== 'number') {
          reject(new Error(`${file} ${args.join(' ')} failed to run: ${error.message}`));
          return;
        }
        resolve({
          code: error ? (error.code as number) : 0,
          stdout: String(stdout),
          stderr: String(stderr),
        });
      },
    );
    if (options.input !== undefined) child.stdin?.end(options.input);
    else child.stdin?.end();
  });
}

/** The environment for child tools: no inherited git or npm state that could leak in. */
export function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (/^(GIT_|npm_|NODE_OPTIONS$|NODE_PATH$|VITEST|ESLINT_)/i.test(key)) continue;
    env[key] = value;
  }
  return { ...env, FORCE_COLOR: '0', NO_COLOR: '1', ...extra };
}

/** Runs the workspace's `eslint` binary (the major it was linked with). */
export function runEslint(cwd: string, args: readonly string[]): Promise<RunResult> {
  return run(
    process.execPath,
    [path.join(cwd, 'node_modules', 'eslint', 'bin', 'eslint.js'), ...args],
    {
      cwd,
      env: cleanEnv(),
    },
  );
}

/** What a lint result says, independent of timing, caching and file order. */
export interface Finding {
  file: string;
  ruleId: string | null;
  severity: number;
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
  message: string;
  fixable: boolean;
  suggestions: number;
}

export function findings(results: readonly ESLint.LintResult[], cwd: string): Finding[] {
  const out: Finding[] = [];
  for (const result of results) {
    for (const m of result.messages) {
      out.push({
        file: path.relative(cwd, result.filePath),
        ruleId: m.ruleId,
        severity: m.severity,
        line: m.line,
        column: m.column,
        endLine: m.endLine,
        endColumn: m.endColumn,
        message: m.message,
        fixable: m.fix !== undefined,
        suggestions: m.suggestions?.length ?? 0,
      });
    }
  }
  return out.sort((a, b) =>
    a.file === b.file ? a.line - b.line || a.column - b.column : a.file < b.file ? -1 : 1,
  );
}

/** A message as the default (stylish) formatter prints it: without its final period. */
export const stylish = (message: string): string => message.replace(/([^ ])\.$/u, '$1');

/** Parses `eslint --format json` output. */
export function parseJsonResults(stdout: string): ESLint.LintResult[] {
  return JSON.parse(stdout) as ESLint.LintResult[];
}

/** Loads the `ESLint` class of a major, as a program embedding ESLint would. */
export async function loadEslintClass(version: EslintVersion): Promise<typeof ESLint> {
  const api = (await import(
    pathToFileURL(path.join(version.packageDir, 'lib', 'api.js')).href
  )) as {
    ESLint: typeof ESLint;
  };
  return api.ESLint;
}

/** Lints files of a workspace in-process with the given major's `ESLint` class. */
export async function lintInProcess(
  cwd: string,
  patterns: string[],
  version: EslintVersion = eslint10,
  options: ESLint.Options = {},
): Promise<ESLint.LintResult[]> {
  const ESLintClass = await loadEslintClass(version);
  const eslint = new ESLintClass({ cwd, ...options });
  return eslint.lintFiles(patterns);
}

export const TSCONFIG = `${JSON.stringify(
  {
    compilerOptions: {
      target: 'ES2022',
      lib: ['ES2023', 'ESNext.Disposable'],
      module: 'NodeNext',
      moduleResolution: 'NodeNext',
      strict: true,
      skipLibCheck: true,
      types: ['node'],
      noEmit: true,
    },
    include: ['src'],
  },
  null,
  2,
)}\n`;

/** The typed setup a TypeScript user writes (see README): typescript-eslint's parser with the project service. */
export const TYPED_CONFIG = `import leakproof from 'eslint-plugin-leakproof';
import tseslint from 'typescript-eslint';

export default [
  { ignores: ['**/*.mjs'] },
  {
    files: ['**/*.ts'],
    languageOptions: {
      parser: tseslint.parser,
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
  },
  leakproof.configs['recommended-type-checked'],
];
`;

/** One diagnostic of oxlint's `-f json` output, as far as the tests read it. */
interface OxDiagnostic {
  code: string;
  filename: string;
  labels: { span: { line: number; column: number } }[];
}

/** A report oxlint printed: our rules as `leakproof/<name>`, any other by its own code. */
export interface OxReport {
  file: string;
  line: number | undefined;
  column: number | undefined;
  ruleId: string;
}

/** oxlint's `-f json` output, with files relative to `cwd`. */
export function parseOxlintJson(stdout: string, cwd: string): OxReport[] {
  const { diagnostics } = JSON.parse(stdout) as { diagnostics: OxDiagnostic[] };
  return diagnostics.map((d) => {
    const rule = /^leakproof\((.+)\)$/.exec(d.code)?.[1];
    const span = d.labels[0]?.span;
    return {
      file: path.relative(cwd, path.resolve(cwd, d.filename)),
      line: span?.line,
      column: span?.column,
      ruleId: rule === undefined ? d.code : `leakproof/${rule}`,
    };
  });
}
