#!/usr/bin/env node
// One benchmark run in a fresh process: lints a corpus directory under one configuration and
// prints a JSON summary on stdout (lint time, peak memory, problems, optional per-rule stats).
//
//   node bench/worker.mjs --config a-i|m|n|x|y --dir <corpus dir> [--stats] [--files <glob>]
//     [--rule <name> for x, y] [--plugin <dist/index.js>] [--eslint <eslint package dir>]
//
// Modules are imported before the clock starts; the clock covers `new ESLint()` and
// `lintFiles()`, which is where parsing, type information and rules cost.
import { readFileSync, existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { PerformanceObserver } from 'node:perf_hooks';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    config: { type: 'string' },
    dir: { type: 'string' },
    stats: { type: 'boolean', default: false },
    files: { type: 'string', multiple: true },
    rule: { type: 'string' },
    plugin: { type: 'string' },
    focus: { type: 'string' },
    eslint: { type: 'string' },
  },
});
const dir = values.dir;
const root = fileURLToPath(new URL('..', import.meta.url));

// `--eslint <package dir>`: another copy of ESLint (bench/floor.mjs passes a patched one).
const { ESLint } = await import(
  values.eslint ? pathToFileURL(join(values.eslint, 'lib', 'api.js')).href : 'eslint'
);
const tseslint = (await import('typescript-eslint')).default;
// bench/run.mjs passes a snapshot of dist/ taken at its start, so a rebuild during the run
// cannot mix two versions of the rules in one report.
const pluginEntry = values.plugin ?? join(root, 'dist', 'index.js');
const plugin = (await import(pathToFileURL(pluginEntry).href)).default;

// A real corpus (bench/real.mjs) says what to lint in bench-corpus.json: its globs, ignores and
// module kind; JavaScript goes through ESLint's own parser when untyped, typescript-eslint's
// with the program when typed. The synthetic corpus is all TypeScript.
const setupPath = join(dir, 'bench-corpus.json');
const setup = existsSync(setupPath) ? JSON.parse(readFileSync(setupPath, 'utf8')) : undefined;
const FILES = setup ? ['**/*.{ts,mts,cts,js,mjs,cjs}'] : ['**/*.ts'];
const TS_FILES = ['**/*.{ts,mts,cts}'];
const sourceType = setup?.sourceType ?? 'module';
const base = [
  ...(setup?.ignores?.length ? [{ ignores: setup.ignores }] : []),
  { files: FILES, languageOptions: { sourceType, ecmaVersion: 'latest' } },
  // The projects' own directives name rules these runs do not have.
  ...(setup
    ? [{ linterOptions: { noInlineConfig: true, reportUnusedDisableDirectives: 'off' } }]
    : []),
];

const typed = [
  ...base,
  {
    name: 'bench/typed-parser',
    files: FILES,
    languageOptions: {
      parser: tseslint.parser,
      parserOptions: { projectService: true, tsconfigRootDir: dir },
    },
  },
];
const untyped = [
  ...base,
  {
    name: 'bench/untyped-parser',
    files: setup ? TS_FILES : FILES,
    languageOptions: { parser: tseslint.parser },
  },
];
const scoped = (config) => ({ ...config, files: FILES });

const CONFIGS = {
  a: () => [...typed],
  b: () => [...typed, scoped(plugin.configs['recommended-type-checked'])],
  c: () => [...typed, scoped(plugin.configs.all)],
  d: () => [...untyped],
  e: () => [...untyped, scoped(plugin.configs.recommended)],
  f: () => [...tseslint.configs.recommendedTypeChecked.map(scoped), ...typed],
  g: () => [
    ...typed,
    {
      files: FILES,
      plugins: { '@typescript-eslint': tseslint.plugin },
      rules: { '@typescript-eslint/no-floating-promises': 'error' },
    },
  ],
  // References: the parser plus one trivial core rule. ESLint costs more as soon as any rule
  // is configured (rule contexts, more garbage), whoever's rule it is; users always have some.
  h: () => [...typed, { files: FILES, rules: { 'no-debugger': 'error' } }],
  i: () => [...untyped, { files: FILES, rules: { 'no-debugger': 'error' } }],
};

// m, n: one rule that does nothing at all (no listeners), typed and untyped: what ESLint
// charges for running any rule (bench/floor.mjs).
const noop = {
  files: FILES,
  plugins: { bench: { rules: { noop: { meta: { schema: [] }, create: () => ({}) } } } },
  rules: { 'bench/noop': 'error' },
};
CONFIGS.m = () => [...typed, noop];
CONFIGS.n = () => [...untyped, noop];

// x, y: one leakproof rule alone (`--rule`), typed and untyped: its whole cost, garbage
// collection and traversal included, which the `stats` listener times do not see.
const alone = (name) => ({
  files: FILES,
  plugins: { leakproof: plugin },
  rules: { [`leakproof/${name}`]: 'error' },
});
CONFIGS.x = () => [...typed, alone(values.rule)];
CONFIGS.y = () => [...untyped, alone(values.rule)];

const make = CONFIGS[values.config];
if (!make) throw new Error(`unknown --config ${values.config}`);
const overrideConfig = make();

const manifestPath = join(dir, 'manifest.json');
const leaky = existsSync(manifestPath)
  ? (JSON.parse(readFileSync(manifestPath, 'utf8')).leakyFiles ?? {})
  : {};

// Time in garbage-collection pauses during the lint: rules that allocate or keep much per file
// pay here, outside their listener times.
let gcMs = 0;
const gcObserver = new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) gcMs += entry.duration;
});
gcObserver.observe({ entryTypes: ['gc'] });
const cpu0 = process.cpuUsage();
const t0 = performance.now();
const eslint = new ESLint({
  cwd: dir,
  overrideConfigFile: true,
  overrideConfig,
  cache: false,
  stats: values.stats,
  errorOnUnmatchedPattern: false,
});
let results;
try {
  results = await eslint.lintFiles(values.files ?? setup?.lint ?? ['**/*.ts']);
} catch (error) {
  // A rule crashed: say which, where, and the top of the stack (not the AST ESLint attaches).
  const stack = String(error?.stack ?? error)
    .split('\n')
    .slice(1, 6)
    .join('\n');
  process.stderr.write(`${String(error?.message ?? error).replace(/\s+/g, ' ')}\n${stack}\n`);
  process.exit(1);
}
const lintMs = performance.now() - t0;
const cpu = process.cpuUsage(cpu0);
const cpuMs = (cpu.user + cpu.system) / 1000;
await new Promise((resolve) => setImmediate(resolve)); // deliver pending gc entries
gcObserver.disconnect();

const ruleCounts = {};
const ruleMs = {};
let parseMs = 0;
let focus; // `--focus <file>`: the stats of that one file
let problems = 0;
let fatal = 0;
const fatalSamples = [];
const unplanted = []; // leakproof reports outside every planted leak: candidates for false reports
const unplantedByRule = {};
const plantedHit = new Set();
for (const r of results) {
  const rel = relative(dir, r.filePath).split('\\').join('/');
  for (const m of r.messages) {
    if (!m.ruleId && !m.fatal) continue; // notes such as "inline config ignored"
    if (m.fatal || !m.ruleId) {
      fatal++;
      if (fatalSamples.length < 5) fatalSamples.push(`${rel}:${m.line}: ${m.message}`);
      continue;
    }
    problems++;
    ruleCounts[m.ruleId] = (ruleCounts[m.ruleId] ?? 0) + 1;
    if (!m.ruleId.startsWith('leakproof/')) continue;
    // rules of type "suggestion" (prefer-using...) propose rewrites of correct code: not leak reports
    if (plugin.rules[m.ruleId.slice('leakproof/'.length)]?.meta?.type === 'suggestion') continue;
    const planted = (leaky[rel] ?? []).find((l) => m.line >= l.from && m.line <= l.to);
    if (planted) plantedHit.add(`${rel}:${planted.from}`);
    else {
      unplantedByRule[m.ruleId] = (unplantedByRule[m.ruleId] ?? 0) + 1;
      if (unplanted.length < 200)
        unplanted.push({
          file: rel,
          line: m.line,
          column: m.column,
          ruleId: m.ruleId,
          message: m.message,
        });
    }
  }
  if (values.focus && rel === values.focus) {
    focus = { file: rel, ms: 0, parseMs: 0, ruleMs: {} };
    for (const pass of r.stats?.times?.passes ?? []) {
      focus.ms += pass.total ?? 0;
      focus.parseMs += pass.parse?.total ?? 0;
      for (const [id, t] of Object.entries(pass.rules ?? {}))
        focus.ruleMs[id] = (focus.ruleMs[id] ?? 0) + t.total;
    }
  }
  for (const pass of r.stats?.times?.passes ?? []) {
    parseMs += pass.parse?.total ?? 0;
    for (const [id, t] of Object.entries(pass.rules ?? {}))
      ruleMs[id] = (ruleMs[id] ?? 0) + t.total;
  }
}

// Heap still live after a full GC: what the rules keep after linting (caches that outlive a
// file show up here). Needs --expose-gc, which bench/run.mjs passes.
let heapAfterMB;
if (typeof globalThis.gc === 'function') {
  globalThis.gc();
  heapAfterMB = process.memoryUsage().heapUsed / 2 ** 20;
}

const out = {
  config: values.config,
  dir,
  files: results.length,
  lintMs,
  cpuMs,
  gcMs,
  maxRssMB: process.resourceUsage().maxRSS / 1024,
  heapAfterMB,
  problems,
  fatal,
  fatalSamples,
  ruleCounts,
  rulesEnabled: Object.keys(
    overrideConfig.reduce((acc, c) => ({ ...acc, ...(c.rules ?? {}) }), {}),
  ).filter((id) =>
    overrideConfig.some((c) => c.rules && c.rules[id] !== 'off' && c.rules[id] !== 0),
  ).length,
  planted: Object.values(leaky).reduce((n, l) => n + l.length, 0),
  plantedHit: plantedHit.size,
  unplanted,
  unplantedByRule,
  ...(values.stats ? { parseMs, ruleMs, focus } : {}),
};
process.stdout.write(JSON.stringify(out));
