#!/usr/bin/env node
// The field test (issue 10): lints real public Node/TypeScript projects with the BUILT plugin
// and prints every report for a human to triage. The list of projects, the pinned commits and
// the verdicts live in tests/field/; the projects' code is extracted into .field/ (ignored by
// git) and never committed.
//
//   npm run field                          (builds first)
//   node scripts/field.mjs [options]       (uses dist/ as it is)
//     --rule NAME       only this rule (repeatable)
//     --strict          the options of `leakproof.configs.strict` instead of the defaults
//     --project NAME    only this project (repeatable; the `name` in projects.json)
//     --tests           lint the projects' test directories (the `tests` list) instead
//     --typed           lint with type information, typed rules included (see below)
//     --count           only extract and count files and lines (no linting)
//     --write-counts    with --count: store the counts in tests/field/projects.json
//     --concurrency N   ESLint's `concurrency` ('off' by default, a number, or 'auto')
//     --quiet           the tables only, not one line per report
//     --shapes          lint the code blocks of tests/field/false-reports.md instead, and say
//                       which shapes no longer behave as recorded (a rule was fixed)
//
// Each project comes from a git directory (a mirror brought with the `fetch` tool, or a bare
// clone) at $FIELD_MIRRORS/<owner>+<name>/ (default /work/.mirror); the files a run needs are
// read at the pinned commit (`git cat-file --batch`) into .field/<name>/. Linting is untyped:
// typescript-eslint's parser for .ts/.tsx/.mts/.cts, ESLint's default parser (espree) for
// JavaScript. Output: .field/report.json (or report-tests.json, report-strict.json) and a
// per-rule table, then each report as `project path:line:col rule message`, marked `NEW` when
// tests/field/verdicts.md has no verdict for it.
//
// `--typed`: one TypeScript program per project, from a tsconfig generated in
// .field/<name>/tsconfig.leakproof.json (its files: those linted, TypeScript and JavaScript),
// built with none of the project's dependencies: @types/node and the DOM lib come from this
// repository's node_modules, the project's own third-party imports stay unresolved (`any`).
// Projects are linted one after the other, each in a child process; Flow projects are skipped.
// When every `--rule` has a prefilter (`PREFILTERS`), only the files it keeps are linted.
// Output: .field/report-typed.json (report-tests-typed.json, report-typed-strict.json, …).
//
// This file is also the ESLint options module of the run (`ESLint.fromOptionsModule`), so
// that ESLint's worker threads, which cannot receive the plugin object, build the same
// configuration: imported with a `?lint=` query it exports the options instead of running.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

import { writeMarkdown as writeFormatted } from '../bench/common.mjs';
import { gitDirOf, hasCommit, listTree, writeFiles } from './git-snapshot.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const fieldDir = path.join(root, '.field');
const listFile = path.join(root, 'tests/field/projects.json');
const verdictsFile = path.join(root, 'tests/field/verdicts.md');
const shapesFile = path.join(root, 'tests/field/false-reports.md');
const mirrors = process.env.FIELD_MIRRORS ?? '/work/.mirror';

// ---------------------------------------------------------------------------------------------
// Which files are linted
// ---------------------------------------------------------------------------------------------

const CODE = /\.(?:[cm]?[jt]s|[jt]sx)$/;
const DECLARATION = /\.d\.[cm]?ts$/;
/** Folders of tests: skipped in a source run, the only ones linted in a `--tests` run. */
const TEST_DIRS = new Set([
  'test',
  'tests',
  '__tests__',
  '__test__',
  '__mocks__',
  'spec',
  'e2e',
  'test-d',
  'test-tsd',
  'test-tstyche',
  'types-test',
  'types-tests',
]);
const TEST_NAME = /\.(?:test|spec|test-d|tst|e2e)\.[cm]?[jt]sx?$/;
/** Never linted: data for tests, build output, other people's code, demos and benchmarks. */
const SKIP_DIRS = new Set([
  'fixtures',
  'fixture',
  '__fixtures__',
  '__snapshots__',
  'dist',
  'node_modules',
  'bower_components',
  'vendor',
  'vendors',
  'third_party',
  'third-party',
  'coverage',
  'bench',
  'benchmark',
  'benchmarks',
  'example',
  'examples',
  'playground',
]);
const MINIFIED_NAME = /[.-]min\.[cm]?js$/;
/** Minified or generated in one line: average line length, or one line, over these. */
const MAX_AVERAGE_LINE = 200;
const MAX_LINE = 5000;

/** Why a file of the tree is not linted in this run (`undefined`: it is linted). */
function skipReason(file, tests) {
  if (!CODE.test(file)) return 'not code';
  if (DECLARATION.test(file)) return 'declaration';
  const segments = file.split('/');
  const name = segments.pop();
  if (segments.some((s) => SKIP_DIRS.has(s))) return 'fixture/dist/vendored/example';
  if (MINIFIED_NAME.test(name)) return 'minified';
  const isTest = TEST_NAME.test(name) || segments.some((s) => TEST_DIRS.has(s));
  if (isTest !== tests) return tests ? 'not a test' : 'test';
  return undefined;
}

/** Physical lines, and whether the text looks minified. */
function measure(text) {
  let lines = 0;
  let longest = 0;
  let start = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', start)) {
    lines++;
    longest = Math.max(longest, i - start);
    start = i + 1;
  }
  if (start < text.length) {
    lines++;
    longest = Math.max(longest, text.length - start);
  }
  const minified = lines > 0 && (text.length / lines > MAX_AVERAGE_LINE || longest > MAX_LINE);
  return { lines, minified };
}

/** A `paths` entry (`*` within a segment) matches a file when it names it or a folder of it. */
function pathMatches(pattern, file) {
  const p = pattern.replace(/\/+$/, '').split('/');
  const f = file.split('/');
  if (p.length > f.length) return false;
  return p.every((seg, i) => segmentPattern(seg).test(f[i]));
}

const segmentPatterns = new Map();
function segmentPattern(seg) {
  let re = segmentPatterns.get(seg);
  if (!re) {
    re = new RegExp(
      `^${seg
        .split('*')
        .map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
        .join('[^/]*')}$`,
    );
    segmentPatterns.set(seg, re);
  }
  return re;
}

// ---------------------------------------------------------------------------------------------
// The ESLint options (shared by the main thread and ESLint's workers)
// ---------------------------------------------------------------------------------------------

const LINT_QUERY = new URL(import.meta.url).searchParams.get('lint');

/**
 * `.js` files that are CommonJS (a `require` or `module.exports`, no `import`/`export`
 * statement) are parsed as such, as their package.json would say; others as modules.
 */
const commonJsCache = new Map();
function isCommonJs(file) {
  if (!/\.jsx?$/.test(file)) return false;
  let answer = commonJsCache.get(file);
  if (answer === undefined) {
    const text = readFileSync(file, 'utf8');
    answer =
      /\brequire\s*\(|\bmodule\.exports\b|\bexports\.\w+\s*=/.test(text) &&
      !/^\s*(?:import\s*[\w{*'"]|export\s)/m.test(text);
    commonJsCache.set(file, answer);
  }
  return answer;
}

async function eslintOptions({ strict, rules: only, concurrency, flow, typed }) {
  const { default: plugin } = await import(pathToFileURL(path.join(root, 'dist/index.js')).href);
  const tsParser = await import('@typescript-eslint/parser');
  const rules = {};
  for (const [name, rule] of Object.entries(plugin.rules)) {
    if (rule.meta.docs?.requiresTypeChecking && !typed) continue;
    if (only.length && !only.includes(name)) continue;
    const id = `leakproof/${name}`;
    rules[id] = strict ? plugin.configs.strict.rules[id] : 'error';
  }
  if (typed) return typedOptions(typed, { plugin, rules, tsParser });
  return {
    cwd: fieldDir,
    overrideConfigFile: true,
    errorOnUnmatchedPattern: false,
    concurrency,
    overrideConfig: [
      {
        files: ['**/*.{js,mjs,cjs,jsx,ts,tsx,mts,cts}'],
        plugins: { leakproof: plugin },
        rules,
        // The projects' own directives name rules this run does not have.
        linterOptions: { noInlineConfig: true, reportUnusedDisableDirectives: 'off' },
      },
      {
        files: ['**/*.{js,mjs,jsx}'],
        languageOptions: {
          ecmaVersion: 'latest',
          sourceType: 'module',
          parserOptions: { ecmaFeatures: { jsx: true } },
        },
      },
      { files: [isCommonJs], languageOptions: { sourceType: 'commonjs' } },
      {
        files: ['**/*.{ts,tsx,mts,cts}'],
        languageOptions: { parser: tsParser, sourceType: 'module' },
      },
      // Projects written in Flow (`"flow": true`): no Flow parser is installed, and
      // typescript-eslint's reads most Flow annotations (the rest are listed as parse errors).
      ...flow.map((name) => ({
        files: [`${name}/**/*.{js,jsx}`],
        languageOptions: { parser: tsParser, sourceType: 'module' },
      })),
    ],
  };
}

// ---------------------------------------------------------------------------------------------
// Typed runs (`--typed`): one TypeScript program per project, none of its dependencies
// ---------------------------------------------------------------------------------------------

/** The generated tsconfig of a typed run, in .field/<project>/ (`tsc -p` reads it too). */
const TSCONFIG = 'tsconfig.leakproof.json';

/**
 * A rule's own first test, when it has one: files that fail it are never reported, so a typed
 * run of only such rules builds no program for them (`forward-abort-signal` returns at once
 * from a file that does not mention a signal).
 */
const PREFILTERS = { 'forward-abort-signal': /signal/i };

/**
 * Node's globals and modules, `AbortSignal`, `fetch` and the DOM types come from OUR
 * node_modules (`@types/node` through `typeRoots`); the project's own third-party imports are
 * left unresolved (see `typedHost`), so they are `any` and the typed rules stay silent there.
 */
function writeTsconfig(name, files) {
  const config = {
    compilerOptions: {
      target: 'es2023',
      lib: ['es2023', 'dom'],
      module: 'esnext',
      moduleResolution: 'bundler',
      types: ['node'],
      typeRoots: [path.join(root, 'node_modules/@types')],
      allowJs: true,
      checkJs: false,
      maxNodeModuleJsDepth: 0,
      strict: true,
      skipLibCheck: true,
      noEmit: true,
      esModuleInterop: true,
      resolveJsonModule: true,
      allowImportingTsExtensions: true,
      experimentalDecorators: true,
      jsx: 'preserve',
    },
    files,
  };
  writeFileSync(path.join(fieldDir, name, TSCONFIG), JSON.stringify(config, null, 2) + '\n');
}

/**
 * A compiler host that resolves relative imports (the project's own files) and the imports of
 * the type declarations in our node_modules (`@types/node` imports `undici-types`), and leaves
 * every bare import of the project unresolved: walking up from .field/<project>/ would reach
 * this repository's node_modules and type the project against whatever version we happen to
 * have. `node:fs` and `fs` still resolve, to `@types/node`'s ambient module declarations.
 */
function typedHost(ts, options, dir) {
  const host = ts.createCompilerHost(options, true);
  const cache = ts.createModuleResolutionCache(dir, (f) => f, options);
  host.resolveModuleNameLiterals = (literals, containing, redirected, opts, sourceFile) =>
    literals.map((literal) => {
      const bare = !/^\.\.?(?:\/|$)/.test(literal.text) && !path.isAbsolute(literal.text);
      if (bare && !containing.split(/[\\/]/).includes('node_modules')) {
        return { resolvedModule: undefined };
      }
      return ts.resolveModuleName(
        literal.text,
        containing,
        opts,
        host,
        cache,
        redirected,
        ts.getModeForUsageLocation(sourceFile, literal, opts),
      );
    });
  return host;
}

/**
 * The options of a typed run of one project: typescript-eslint's parser for every file, given
 * the project's program (`programs`), built once on the first file from the generated tsconfig.
 */
async function typedOptions(name, { plugin, rules, tsParser }) {
  const { default: ts } = await import('typescript');
  const dir = path.join(fieldDir, name);
  const configFile = path.join(dir, TSCONFIG);
  const read = ts.readConfigFile(configFile, ts.sys.readFile);
  if (read.error) throw new Error(ts.flattenDiagnosticMessageText(read.error.messageText, '\n'));
  const parsed = ts.parseJsonConfigFileContent(read.config, ts.sys, dir, undefined, configFile);
  let program;
  const parser = {
    meta: { name: 'leakproof-field-typed' },
    parseForESLint(code, options) {
      program ??= ts.createProgram({
        rootNames: parsed.fileNames,
        options: parsed.options,
        host: typedHost(ts, parsed.options, dir),
      });
      return tsParser.parseForESLint(code, { ...options, programs: [program] });
    },
  };
  return {
    cwd: fieldDir,
    overrideConfigFile: true,
    errorOnUnmatchedPattern: false,
    overrideConfig: [
      {
        files: ['**/*.{js,mjs,cjs,jsx,ts,tsx,mts,cts}'],
        plugins: { leakproof: plugin },
        rules,
        linterOptions: { noInlineConfig: true, reportUnusedDisableDirectives: 'off' },
        languageOptions: { parser, sourceType: 'module' },
      },
      { files: [isCommonJs], languageOptions: { sourceType: 'commonjs' } },
    ],
  };
}

export default LINT_QUERY ? await eslintOptions(JSON.parse(LINT_QUERY)) : undefined;

// ---------------------------------------------------------------------------------------------
// Projects: mirrors and extraction
// ---------------------------------------------------------------------------------------------

/**
 * Writes the files a run needs, as of the pinned commit, into .field/<name>/ and returns the
 * selection: only code files under the set's `paths`, without the skipped folders and names
 * (so absent large blobs, which the snapshots leave out, are never asked for). Files are read
 * with one `git cat-file --batch`; a stamp file records the commit and the files already there,
 * so later runs extract nothing.
 */
function extract(project, gitDir, patterns, tests) {
  const dir = path.join(fieldDir, project.name);
  const stampFile = path.join(dir, '.field-stamp.json');
  let stamp = existsSync(stampFile)
    ? JSON.parse(readFileSync(stampFile, 'utf8'))
    : { commit: '', files: [] };
  if (stamp.commit !== project.commit) {
    rmSync(dir, { recursive: true, force: true });
    stamp = { commit: project.commit, files: [] };
  }
  const tree = listTree(gitDir, project.commit);
  const skipped = {};
  const wanted = [];
  for (const pattern of patterns) {
    if (!tree.some((file) => pathMatches(pattern, file))) {
      throw new Error(`${project.name}: no path ${pattern} at ${project.commit}`);
    }
  }
  for (const file of tree) {
    if (!file || !patterns.some((p) => pathMatches(p, file))) continue;
    const reason = skipReason(file, tests);
    if (reason) skipped[reason] = (skipped[reason] ?? 0) + 1;
    else wanted.push(file);
  }
  const have = new Set(stamp.files);
  const missing = wanted.filter((file) => !have.has(file));
  let absent = new Set();
  if (missing.length) {
    absent = writeFiles(gitDir, project.commit, missing, dir);
    for (const file of missing) if (!absent.has(file)) have.add(file);
    stamp.files = [...have].sort();
    writeFileSync(stampFile, JSON.stringify(stamp) + '\n');
  }
  if (absent.size) skipped['absent from the snapshot'] = absent.size;
  return { files: wanted.filter((file) => !absent.has(file)), skipped };
}

/** The files of one project to lint in this run, with their line counts. */
function select(project, { files, skipped }) {
  const dir = path.join(fieldDir, project.name);
  const out = [];
  for (const file of files) {
    const m = measure(readFileSync(path.join(dir, file), 'utf8'));
    if (m.minified) skipped.minified = (skipped.minified ?? 0) + 1;
    else out.push({ file, lines: m.lines });
  }
  return { files: out, skipped };
}

// ---------------------------------------------------------------------------------------------
// Verdicts (tests/field/verdicts.md): `| project | file:line | verdict | reason |` rows under
// a `## rule-name` heading; under a `### rule-name (strict)` heading, the reports only
// `--strict` gives; under `### rule-name (tests)`, those of the `--tests` run. A row covers every report at that line (a rule may report one acquisition
// once per leaking exit); `file:line messageId` covers only the reports with that message.
// ---------------------------------------------------------------------------------------------

/** `rule project path:line[ messageId]` → { verdict, strict, tests }. */
function readVerdicts() {
  const out = new Map();
  if (!existsSync(verdictsFile)) return out;
  const text = readFileSync(verdictsFile, 'utf8');
  let rule;
  let strict = false;
  let tests = false;
  let typed = false;
  for (const line of text.split('\n')) {
    const heading = /^#{2,4}\s+`?([a-z][a-z-]+)`?(.*)/.exec(line);
    if (heading) {
      rule = heading[1];
      strict = /\(strict\)/.test(heading[2]);
      tests = /\(tests?\b|\(test folders\)/.test(heading[2]);
      typed = /\(typed\)/.test(heading[2]);
      continue;
    }
    const cells = line.split('|').map((c) => c.replace(/`/g, '').trim());
    const at = /^(\S+:\d+)(?:\s+(\w+))?$/.exec(cells[2] ?? '');
    if (!rule || cells.length < 5 || !at) continue;
    out.set([rule, cells[1], at[1], at[2]].filter(Boolean).join(' '), {
      verdict: cells[3],
      strict,
      tests,
      typed,
    });
  }
  return out;
}

/** The verdict row of a report: the one for its message first, then the one for its line. */
function verdictKeys(r) {
  const at = `${r.rule} ${r.project} ${r.path}:${r.line}`;
  return [`${at} ${r.messageId}`, at];
}

// ---------------------------------------------------------------------------------------------
// Main
// ---------------------------------------------------------------------------------------------

async function lint(options, targets) {
  const { ESLint } = await import('eslint');
  const url = new URL(import.meta.url);
  url.searchParams.set('lint', JSON.stringify(options));
  const eslint = await ESLint.fromOptionsModule(url);
  const crashes = [];
  const lintSome = async (files) => {
    try {
      return await eslint.lintFiles(files);
    } catch (error) {
      if (files.length === 1) {
        crashes.push({
          file: files[0],
          error: String(error?.stack ?? error)
            .split('\n', 3)
            .join(' '),
        });
        return [];
      }
      // A rule crashed: find the file(s) by halves, so the rest of the run still counts.
      const half = Math.ceil(files.length / 2);
      return [...(await lintSome(files.slice(0, half))), ...(await lintSome(files.slice(half)))];
    }
  };
  // A rule that throws on odd code stops for that file and says so in a process warning
  // (src/utils/internal-errors.ts); those count as crashes too, named by their message.
  const onWarning = (warning) => {
    if (warning.code !== 'LEAKPROOF_INTERNAL_ERROR') return;
    crashes.push({
      file: /stopped on (\S+):/.exec(warning.message)?.[1] ?? '',
      error: `${warning.message} ${String(warning.detail ?? '')
        .split('\n', 2)
        .join(' ')}`,
    });
  };
  process.on('warning', onWarning);
  const results = await lintSome(targets);
  // Warnings are emitted on the next tick: let the last ones arrive.
  await new Promise((resolve) => setImmediate(resolve));
  process.off('warning', onWarning);
  return { results, crashes };
}

function table(rows, head) {
  const all = [head, ...rows].map((r) => r.map(String));
  const widths = head.map((_, i) => Math.max(...all.map((r) => r[i].length)));
  const line = (r) => r.map((c, i) => (i ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join('  ');
  return [
    line(all[0]),
    widths.map((w) => '-'.repeat(w)).join('  '),
    ...all.slice(1).map(line),
  ].join('\n');
}

/**
 * `--shapes`: lints every code block of tests/field/false-reports.md and says which no longer
 * behave as recorded there: blocks under `## False reports` must still be reported, blocks
 * under `## Fixed` and `## Missed leaks` must stay silent (a missed leak that is now reported
 * was found), blocks under `## Crashes` must still stop a rule. A `#### ID` heading names the blocks under it; `_strict_` in the heading lints
 * them with the strict options.
 */
const SHAPE_SECTIONS = [
  ['## False reports', 'false report', true],
  ['## Debatable', undefined],
  ['## Fixed', 'fixed', false],
  ['## Missed leaks', 'missed leak', false],
  ['## Crashes', 'crash', 'crash'],
];

async function checkShapes() {
  const text = readFileSync(shapesFile, 'utf8');
  const sections = SHAPE_SECTIONS.map(([title, kind, reported]) => ({
    at: text.indexOf(title),
    kind,
    reported,
  }))
    .filter((s) => s.at !== -1)
    .sort((x, y) => x.at - y.at);
  const dir = path.join(fieldDir, '_shapes');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const blocks = [];
  sections.forEach((section, i) => {
    if (!section.kind) return;
    let heading;
    const part = text.slice(section.at, sections[i + 1]?.at ?? text.length);
    for (const m of part.matchAll(/^#{3,4} ([^\n]+)|^```(tsx|ts|jsx|js)\n([\s\S]*?)^```/gm)) {
      if (m[1]) {
        heading = m[1];
        continue;
      }
      const id = /^([A-Z]+-\d+)/.exec(heading ?? '')?.[1] ?? 'shape';
      const file = path.join(dir, `${id}-${blocks.length + 1}.${m[2]}`);
      writeFileSync(file, m[3]);
      blocks.push({ id, section, file, strict: /_strict_/.test(heading ?? '') });
    }
  });
  const found = new Map();
  const crashed = new Set();
  for (const strict of [false, true]) {
    const files = blocks.filter((b) => b.strict === strict).map((b) => b.file);
    if (!files.length) continue;
    const { results, crashes } = await lint(
      { strict, rules: [], flow: [], concurrency: 'off' },
      files,
    );
    for (const r of results) {
      found.set(
        r.filePath,
        r.messages.filter((m) => m.ruleId?.startsWith('leakproof/') || m.fatal),
      );
    }
    for (const c of crashes) crashed.add(c.file);
  }
  let changed = 0;
  for (const b of blocks) {
    const messages = found.get(b.file) ?? [];
    const now = crashed.has(b.file)
      ? 'crash'
      : messages.length
        ? messages
            .map((m) => (m.fatal ? 'parse error' : `${m.ruleId.slice(10)} (${m.messageId})`))
            .join(', ')
        : 'silent';
    const asRecorded =
      b.section.reported === 'crash'
        ? now === 'crash'
        : now !== 'crash' && messages.length > 0 === b.section.reported;
    if (!asRecorded) changed++;
    console.log(
      `${asRecorded ? '   ' : 'NOW'} ${b.id} (${b.section.kind}${b.strict ? ', strict' : ''}): ${now}`,
    );
  }
  console.log(
    `\n${blocks.length} blocks, ${changed} no longer as recorded (move fixed ones to ` +
      `tests/rules/<rule>.field.test.ts, or under "## Fixed" until then)`,
  );
}

/**
 * A typed run lints each project in a child process (`--typed-one`): the programs of one
 * process were not all freed, and 40 projects ran it out of memory. The child reads the files
 * from the generated tsconfig and leaves its results in .field/<name>/.typed-results.json.
 */
function lintTypedProject(name, opts) {
  const out = path.join(fieldDir, name, '.typed-results.json');
  rmSync(out, { force: true });
  const args = [fileURLToPath(import.meta.url), '--typed-one', name];
  if (opts.strict) args.push('--strict');
  for (const rule of opts.rule) args.push('--rule', rule);
  try {
    execFileSync(process.execPath, args, { stdio: ['ignore', 'inherit', 'inherit'] });
  } catch (error) {
    return { results: [], crashes: [{ file: name, error: `typed run failed: ${error.message}` }] };
  }
  return JSON.parse(readFileSync(out, 'utf8'));
}

async function typedOne(name, opts) {
  const dir = path.join(fieldDir, name);
  const { files } = JSON.parse(readFileSync(path.join(dir, TSCONFIG), 'utf8'));
  const { results, crashes } = await lint(
    { strict: opts.strict, rules: opts.rule, flow: [], concurrency: 'off', typed: name },
    files.map((file) => path.join(dir, file)),
  );
  const kept = results.map((r) => ({ filePath: r.filePath, messages: r.messages }));
  writeFileSync(path.join(dir, '.typed-results.json'), JSON.stringify({ results: kept, crashes }));
}

async function main() {
  const { values: opts } = parseArgs({
    options: {
      rule: { type: 'string', multiple: true, default: [] },
      project: { type: 'string', multiple: true, default: [] },
      strict: { type: 'boolean', default: false },
      tests: { type: 'boolean', default: false },
      count: { type: 'boolean', default: false },
      shapes: { type: 'boolean', default: false },
      'write-counts': { type: 'boolean', default: false },
      concurrency: { type: 'string', default: 'off' },
      quiet: { type: 'boolean', default: false },
      typed: { type: 'boolean', default: false },
      'typed-one': { type: 'string' },
    },
  });
  if (opts['typed-one']) return typedOne(opts['typed-one'], opts);
  if (opts.shapes) return checkShapes();
  const started = performance.now();
  const list = JSON.parse(readFileSync(listFile, 'utf8'));
  const sets = opts.tests ? list.tests : list.projects;
  const byName = new Map(list.projects.map((p) => [p.name, p]));
  for (const name of opts.project) {
    if (!sets.some((s) => s.name === name))
      throw new Error(`no project named ${name} in this list`);
  }

  // 1. Extract and select.
  const missing = [];
  const chosen = [];
  for (const set of sets) {
    if (opts.project.length && !opts.project.includes(set.name)) continue;
    const project = byName.get(set.name);
    const gitDir = gitDirOf(project.repo, mirrors);
    if (!gitDir) {
      missing.push(project);
      continue;
    }
    if (!hasCommit(gitDir, project.commit)) {
      missing.push({ ...project, stale: true });
      continue;
    }
    chosen.push({ set, ...select(project, extract(project, gitDir, set.paths, opts.tests)) });
  }
  const extracted = performance.now();
  const lines = chosen.reduce((n, c) => n + c.files.reduce((m, f) => m + f.lines, 0), 0);
  const fileCount = chosen.reduce((n, c) => n + c.files.length, 0);
  /** In a typed run: the files linted after the prefilter (`PREFILTERS`). */
  let typedFiles = 0;

  for (const p of missing) {
    const where = path.join(mirrors, p.repo.replace('/', '+'));
    console.log(
      p.stale
        ? `skipped ${p.name}: the mirror at ${where} lacks commit ${p.commit}; fetch it again (github:${p.repo})`
        : `skipped ${p.name}: no mirror at ${where}; bring it with the fetch tool (github:${p.repo}), or: git clone --bare https://github.com/${p.repo} ${where}`,
    );
  }

  if (opts.count) {
    const rows = chosen.map((c) => [
      c.set.name,
      c.files.length,
      c.files.reduce((m, f) => m + f.lines, 0),
      Object.entries(c.skipped)
        .filter(([r]) => r !== 'not code')
        .map(([r, n]) => `${r} ${n}`)
        .join(', '),
    ]);
    rows.push(['total', fileCount, lines, '']);
    console.log(table(rows, ['project', 'files', 'lines', 'skipped']));
    if (opts['write-counts']) {
      for (const c of chosen) {
        c.set.files = c.files.length;
        c.set.lines = c.files.reduce((m, f) => m + f.lines, 0);
      }
      // Formatted as prettier wants it (the helper formats by file name, JSON included).
      await writeFormatted(listFile, JSON.stringify(list, null, 2) + '\n');
      console.log(`counts written to ${path.relative(root, listFile)}`);
    }
    return;
  }

  // 2. Lint.
  const options = {
    strict: opts.strict,
    rules: opts.rule,
    flow: chosen.filter((c) => byName.get(c.set.name).flow).map((c) => c.set.name),
    concurrency: /^\d+$/.test(opts.concurrency) ? Number(opts.concurrency) : opts.concurrency,
  };
  const results = [];
  const crashes = [];
  if (opts.typed) {
    // One program and one ESLint instance per project, in turn: only one program in memory.
    const prefilters = opts.rule.map((rule) => PREFILTERS[rule]);
    const prefilter = prefilters.length && prefilters.every(Boolean) ? prefilters : null;
    for (const c of chosen) {
      if (byName.get(c.set.name).flow) {
        console.log(`skipped ${c.set.name} in a typed run: written in Flow`);
        continue;
      }
      const files = c.files
        .map((f) => f.file)
        .filter((file) => {
          if (!prefilter) return true;
          const text = readFileSync(path.join(fieldDir, c.set.name, file), 'utf8');
          return prefilter.some((re) => re.test(text));
        });
      typedFiles += files.length;
      if (!files.length) continue;
      writeTsconfig(c.set.name, files);
      const run = lintTypedProject(c.set.name, opts);
      results.push(...run.results);
      crashes.push(...run.crashes);
      const found = run.results.reduce((n, r) => n + r.messages.length, 0);
      process.stderr.write(`typed: ${c.set.name}, ${files.length} files, ${found} messages\n`);
    }
  } else {
    const run = await lint(
      options,
      chosen.flatMap((c) => c.files.map((f) => path.join(fieldDir, c.set.name, f.file))),
    );
    results.push(...run.results);
    crashes.push(...run.crashes);
  }
  const linted = performance.now();

  // 3. Collect.
  const where = (filePath) => {
    const rel = path.relative(fieldDir, filePath).split(path.sep);
    return { project: rel[0], path: rel.slice(1).join('/') };
  };
  const verdicts = readVerdicts();
  const reports = [];
  const parseErrors = [];
  const other = {};
  for (const result of results) {
    for (const m of result.messages) {
      if (m.fatal)
        parseErrors.push({ ...where(result.filePath), line: m.line, message: m.message });
      else if (m.ruleId?.startsWith('leakproof/')) {
        const r = {
          rule: m.ruleId.slice('leakproof/'.length),
          ...where(result.filePath),
          line: m.line,
          column: m.column,
          messageId: m.messageId,
          message: m.message,
        };
        const key = verdictKeys(r).find((k) => verdicts.has(k));
        r.verdict = key ? verdicts.get(key).verdict : 'NEW';
        reports.push(r);
      } else {
        // ESLint's own notes, e.g. on the projects' inline directives (`noInlineConfig`).
        const key = m.message.replace(/'[^']*'|"[^"]*"/g, "'…'");
        other[key] = (other[key] ?? 0) + 1;
      }
    }
  }
  reports.sort(
    (a, b) =>
      a.rule.localeCompare(b.rule) ||
      a.project.localeCompare(b.project) ||
      a.path.localeCompare(b.path) ||
      a.line - b.line ||
      a.column - b.column,
  );

  const mode = [opts.tests && 'tests', opts.typed && 'typed', opts.strict && 'strict']
    .filter(Boolean)
    .join('-');
  const reportFile = path.join(fieldDir, `report${mode ? `-${mode}` : ''}.json`);
  let commit = '';
  try {
    commit = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: root, encoding: 'utf8' }).trim();
  } catch {
    // not a git checkout
  }
  // The rules this run used: typed ones only in a typed run.
  const ruleNames = Object.entries(
    (await import(pathToFileURL(path.join(root, 'dist/index.js')).href)).default.rules,
  )
    .filter(
      ([n, r]) =>
        (opts.typed || !r.meta.docs?.requiresTypeChecking) &&
        (!opts.rule.length || opts.rule.includes(n)),
    )
    .map(([n]) => n);
  const totals = Object.fromEntries(
    ruleNames.map((n) => [n, reports.filter((r) => r.rule === n).length]),
  );
  const seconds = (t) => Number((t / 1000).toFixed(1));
  writeFileSync(
    reportFile,
    JSON.stringify(
      {
        commit,
        date: new Date().toISOString(),
        mode: {
          strict: opts.strict,
          tests: opts.tests,
          typed: opts.typed,
          rules: opts.rule,
          projects: opts.project,
        },
        projects: chosen.map((c) => ({
          name: c.set.name,
          files: c.files.length,
          lines: c.files.reduce((m, f) => m + f.lines, 0),
        })),
        missing: missing.map((p) => p.name),
        files: fileCount,
        ...(opts.typed ? { typedFiles } : {}),
        lines,
        seconds: { extract: seconds(extracted - started), lint: seconds(linted - extracted) },
        totals,
        reports,
        parseErrors,
        crashes,
        other,
      },
      null,
      2,
    ) + '\n',
  );

  // 4. Print.
  if (!opts.quiet) {
    for (const r of reports) {
      console.log(
        `${r.verdict === 'NEW' ? 'NEW ' : ''}${r.project} ${r.path}:${r.line}:${r.column} ${r.rule} ${r.message}`,
      );
    }
    for (const e of parseErrors) console.log(`PARSE ${e.project} ${e.path}:${e.line} ${e.message}`);
    for (const c of crashes) console.log(`CRASH ${path.relative(fieldDir, c.file)}: ${c.error}`);
    console.log('');
  }
  const count = (rule, pred) => reports.filter((r) => r.rule === rule && pred(r.verdict)).length;
  const known = (v) => (w) => w.toLowerCase().startsWith(v);
  console.log(
    table(
      [
        ...ruleNames.map((n) => [
          n,
          totals[n],
          count(n, known('true')),
          count(n, known('false')),
          count(n, known('debatable')),
          count(n, (v) => v === 'NEW'),
        ]),
        [
          'total',
          reports.length,
          ...['true', 'false', 'debatable'].map(
            (v) => reports.filter((r) => known(v)(r.verdict)).length,
          ),
          reports.filter((r) => r.verdict === 'NEW').length,
        ],
      ],
      ['rule', 'reports', 'true', 'false', 'debatable', 'new'],
    ),
  );
  // Verdicts whose report is gone (a rule changed): only meaningful for a run of every project.
  const gone = [...verdicts]
    .filter(([k, v]) => {
      const [rule] = k.split(' ');
      return (
        (opts.strict || !v.strict) &&
        (opts.typed || !v.typed) &&
        opts.tests === v.tests &&
        ruleNames.includes(rule) &&
        !reports.some((r) => verdictKeys(r).find((key) => verdicts.has(key)) === k)
      );
    })
    .map(([k]) => k);
  if (!opts.project.length && !opts.quiet) {
    for (const k of gone) console.log(`GONE ${k}`);
  }
  console.log(
    `\n${chosen.length} projects, ${fileCount} files, ${lines} lines; ` +
      (opts.typed ? `${typedFiles} files linted typed; ` : '') +
      `${parseErrors.length} parse errors, ${crashes.length} crashes, ${Object.values(other).reduce((a, b) => a + b, 0)} other messages; ` +
      `extract ${seconds(extracted - started)} s, lint ${seconds(linted - extracted)} s` +
      (opts.project.length ? '' : `; ${gone.length} verdicts no longer reported`) +
      `\nreport: ${path.relative(root, reportFile)}`,
  );
  if (missing.length) process.exitCode = 2;
  if (crashes.length) process.exitCode = 1;
}

if (!LINT_QUERY) await main();
