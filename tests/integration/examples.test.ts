/**
 * The demo service in examples/ is a precision and recall check: linted by the real ESLint
 * class with the BUILT plugin and the example's own eslint.config.mjs, every line marked
 * `// leak: <rule>` must get a report of that rule, and no other line may get any report.
 *
 * Markers of rules that are not written yet (not in the built plugin) are skipped, so this
 * test passes while rules land; a marker must still name a rule of the catalog (RULES.md).
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const examples = path.join(root, 'examples');
const distEntry = path.join(root, 'dist', 'index.js');

/** The rules of the catalog (RULES.md): a marker naming anything else is a typo. */
const CATALOG_RULES = new Set([
  'require-dispose',
  'prefer-using',
  'no-per-call-client',
  'consume-response-body',
  'child-process-lifecycle',
  'no-leaked-abort-timer',
  'no-leaked-listener',
  'forward-abort-signal',
  'no-managed-finalizer',
  'no-async-in-sync-dispose',
  'dispose-owned-fields',
  'no-dispose-injected',
  'require-test-cleanup',
  'no-unbounded-collection',
  'require-paired-calls',
  'prefer-pipeline',
]);

interface Marker {
  file: string;
  line: number;
  rule: string;
}

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? walk(full) : /\.[cm]?tsx?$/.test(entry.name) ? [full] : [];
  });
}

function newestMtime(dir: string): number {
  return Math.max(...walk(dir).map((file) => statSync(file).mtimeMs));
}

/** `// leak: rule-a, rule-b` on a line: that line must be reported by each rule named. */
function markersOf(file: string): Marker[] {
  const rel = path.relative(examples, file);
  return readFileSync(file, 'utf8')
    .split('\n')
    .flatMap((text, index) => {
      const match = /\/\/\s*leak:\s*(.+)$/.exec(text);
      if (!match) return [];
      return match[1].split(',').map((rule) => ({ file: rel, line: index + 1, rule: rule.trim() }));
    });
}

const key = (file: string, line: number, rule: string): string => `${file}:${line} ${rule}`;

let eslint: ESLint;
let ruleNames: Set<string>;
let results: ESLint.LintResult[];
let sourceFiles: string[];

beforeAll(async () => {
  // `npm test` builds first; run alone, rebuild only when src/ is newer than dist/.
  const stale =
    !statSafe(distEntry) || newestMtime(path.join(root, 'src')) > statSync(distEntry).mtimeMs;
  if (stale) {
    execFileSync(
      process.execPath,
      [path.join(root, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json'],
      {
        cwd: root,
        stdio: 'inherit',
      },
    );
  }
  const plugin = (await import(pathToFileURL(distEntry).href)) as {
    default: { rules: Record<string, unknown> };
  };
  ruleNames = new Set(Object.keys(plugin.default.rules));
  eslint = new ESLint({
    cwd: examples,
    overrideConfigFile: path.join(examples, 'eslint.config.mjs'),
  });
  sourceFiles = walk(path.join(examples, 'src')).sort();
  results = await eslint.lintFiles(['src']);
});

function statSafe(file: string): boolean {
  try {
    return statSync(file).isFile();
  } catch {
    return false;
  }
}

describe('examples/: the demo service', () => {
  it('lints every source file without a parse error', () => {
    expect(results.map((r) => r.filePath).sort()).toEqual(sourceFiles);
    const fatal = results.flatMap((r) =>
      r.messages
        .filter((m) => m.fatal === true || m.ruleId === null)
        .map((m) => `${path.relative(examples, r.filePath)}:${m.line} ${m.message}`),
    );
    expect(fatal).toEqual([]);
  });

  it('marks leaks only with rules of the catalog', () => {
    const unknown = sourceFiles
      .flatMap(markersOf)
      .filter((m) => !CATALOG_RULES.has(m.rule))
      .map((m) => key(m.file, m.line, m.rule));
    expect(unknown).toEqual([]);
  });

  it('enables, in the example config, every written rule that a marker names', async () => {
    const disabled: string[] = [];
    for (const file of sourceFiles) {
      const config = (await eslint.calculateConfigForFile(file)) as {
        rules?: Record<string, unknown>;
      };
      for (const m of markersOf(file)) {
        if (!ruleNames.has(m.rule)) continue;
        const setting = config.rules?.[`leakproof/${m.rule}`];
        const severity = Array.isArray(setting) ? (setting[0] as unknown) : setting;
        if (severity === undefined || severity === 0 || severity === 'off') {
          disabled.push(key(m.file, m.line, m.rule));
        }
      }
    }
    expect(disabled).toEqual([]);
  });

  it('reports every marked leak (recall) and nothing else (precision)', () => {
    const expected = new Set(
      sourceFiles
        .flatMap(markersOf)
        .filter((m) => ruleNames.has(m.rule))
        .map((m) => key(m.file, m.line, m.rule)),
    );
    const actual = new Map<string, string>();
    for (const result of results) {
      const rel = path.relative(examples, result.filePath);
      for (const m of result.messages) {
        if (!m.ruleId?.startsWith('leakproof/')) continue;
        actual.set(key(rel, m.line, m.ruleId.slice('leakproof/'.length)), m.message);
      }
    }
    const missed = [...expected].filter((k) => !actual.has(k));
    const unexpected = [...actual]
      .filter(([k]) => !expected.has(k))
      .map(([k, message]) => `${k}: ${message}`);
    expect({ missed, unexpected }).toEqual({ missed: [], unexpected: [] });
  });
});
