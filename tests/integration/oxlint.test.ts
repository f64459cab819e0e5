/**
 * oxlint runs ESLint plugins through its `jsPlugins` (ESLint's rule API and code-path analysis,
 * no type information). Teams on oxlint get the untyped rules there, so the same files must
 * get the same reports under oxlint as under ESLint: the demo service in examples/ and the
 * realistic files of the robustness corpus, every untyped rule at its default options, with
 * the BUILT plugin. The README's `.oxlintrc.json` must name exactly the untyped rules of
 * `recommended`.
 */
import fs from 'node:fs';
import path from 'node:path';

import tsParser from '@typescript-eslint/parser';
import { ESLint, type Linter } from 'eslint';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import {
  cleanEnv,
  distEntry,
  loadBuiltPlugin,
  makeTempDir,
  parseOxlintJson,
  removeTempDirs,
  repoNodeModules,
  repoRoot,
  run,
  type BuiltPlugin,
} from './helpers.js';

afterAll(removeTempDirs);

const SOURCES = ['examples/src', 'tests/robustness/corpus/resources', 'tests/robustness/corpus/ts'];
const EXTENSIONS = new Set(['.js', '.mjs', '.cjs', '.ts', '.mts', '.cts']);

function sourceFiles(): string[] {
  const out: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (EXTENSIONS.has(path.extname(entry.name)) && !entry.name.endsWith('.d.ts'))
        out.push(path.relative(repoRoot, full));
    }
  };
  for (const dir of SOURCES) walk(path.join(repoRoot, dir));
  return out.sort();
}

/** `file:line:column rule`, one per report. */
type Report = string;

function untypedRules(plugin: BuiltPlugin): Record<string, Linter.RuleEntry> {
  return Object.fromEntries(
    Object.entries(plugin.rules)
      .filter(([, rule]) => rule.meta.docs?.requiresTypeChecking !== true)
      .map(([name]) => [`leakproof/${name}`, 'error' as const]),
  );
}

async function eslintReports(plugin: BuiltPlugin, files: string[]): Promise<Report[]> {
  const rules = untypedRules(plugin);
  const eslint = new ESLint({
    cwd: repoRoot,
    overrideConfigFile: true,
    overrideConfig: [
      { linterOptions: { reportUnusedDisableDirectives: 'off' } },
      { files: ['**/*.{ts,mts,cts}'], languageOptions: { parser: tsParser } },
      { files: ['**/*.{js,mjs,cjs,ts,mts,cts}'], plugins: { leakproof: plugin as never }, rules },
    ],
  });
  const results = await eslint.lintFiles(files);
  const fatal = results.flatMap((r) => r.messages.filter((m) => m.fatal));
  expect(fatal).toEqual([]);
  return results
    .flatMap((r) =>
      r.messages.map(
        (m) => `${path.relative(repoRoot, r.filePath)}:${m.line}:${m.column} ${m.ruleId}`,
      ),
    )
    .sort();
}

async function oxlintReports(plugin: BuiltPlugin, files: string[]): Promise<Report[]> {
  const dir = makeTempDir('oxlint');
  const config = path.join(dir, '.oxlintrc.json');
  fs.writeFileSync(
    config,
    JSON.stringify({
      // oxlint's own rules off: only ours report.
      plugins: [],
      categories: { correctness: 'off' },
      jsPlugins: [distEntry],
      rules: untypedRules(plugin),
    }),
  );
  const bin = path.join(repoNodeModules, 'oxlint', 'bin', 'oxlint');
  const result = await run(process.execPath, [bin, '-c', config, '-f', 'json', ...files], {
    cwd: repoRoot,
    env: cleanEnv(),
  });
  // A rule that stops on a file says so in a LEAKPROOF_INTERNAL_ERROR warning on stderr.
  expect(result.stderr).not.toMatch(/LEAKPROOF_INTERNAL_ERROR|Error/);
  return parseOxlintJson(result.stdout, repoRoot)
    .map((r) => `${r.file}:${r.line}:${r.column} ${r.ruleId}`)
    .sort();
}

describe('under oxlint (jsPlugins, untyped)', () => {
  let plugin: BuiltPlugin;
  let files: string[];
  let viaEslint: Report[];
  let viaOxlint: Report[];

  beforeAll(async () => {
    plugin = await loadBuiltPlugin();
    files = sourceFiles();
    [viaEslint, viaOxlint] = await Promise.all([
      eslintReports(plugin, files),
      oxlintReports(plugin, files),
    ]);
  }, 180_000);

  it('lints the demo and the realistic corpus', () => {
    expect(files.filter((f) => f.startsWith('examples/')).length).toBeGreaterThan(3);
    expect(files.length).toBeGreaterThan(100);
    expect(viaEslint.filter((r) => r.startsWith('examples/')).length).toBeGreaterThan(10);
  });

  it('reports exactly what ESLint reports, at the same places', () => {
    const onlyEslint = viaEslint.filter((r) => !viaOxlint.includes(r));
    const onlyOxlint = viaOxlint.filter((r) => !viaEslint.includes(r));
    expect({ onlyEslint, onlyOxlint }).toEqual({ onlyEslint: [], onlyOxlint: [] });
  });

  it("the README's .oxlintrc.json names the untyped rules of recommended", () => {
    const readme = fs.readFileSync(path.join(repoRoot, 'README.md'), 'utf8');
    const block = /```jsonc?\n(\/\/ \.oxlintrc\.json\n[\s\S]*?)^```/m.exec(readme)?.[1];
    expect(block, 'README.md shows a `// .oxlintrc.json` block').toBeDefined();
    const json = JSON.parse(block!.replace(/^\/\/.*$/gm, '')) as {
      jsPlugins: string[];
      rules: Record<string, unknown>;
    };
    expect(json.jsPlugins).toEqual(['eslint-plugin-leakproof']);
    const recommended = Object.keys(plugin.configs.recommended.rules ?? {});
    const untyped = Object.keys(untypedRules(plugin));
    expect(Object.keys(json.rules).sort()).toEqual(
      recommended.filter((id) => untyped.includes(id)).sort(),
    );
  });
});
