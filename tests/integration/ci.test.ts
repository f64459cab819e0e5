/**
 * The CI lint step: the real `eslint` binary of each supported major with the SARIF formatter
 * (what code-scanning uploads), `--max-warnings 0`, and `--concurrency` with `--cache`, whose
 * results must be exactly those of a plain serial run.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { CLEAN, HANDLERS_FIXED, HANDLERS_LEAKY, MAGIC_LEAKY, REPORT_LEAKY } from './fixtures.js';
import {
  eslintVersions,
  findings,
  isLeakproof,
  makeTypedWorkspace,
  parseJsonResults,
  removeTempDirs,
  ruleDocs,
  runEslint,
  writeFiles,
  type Finding,
} from './helpers.js';

afterAll(removeTempDirs);

/** The same setup with every rule downgraded to a warning, as teams do while adopting a plugin. */
const WARN_CONFIG = `import base from './eslint.config.mjs';

const warn = (entry) => (Array.isArray(entry) ? ['warn', ...entry.slice(1)] : 'warn');

export default base.map((config) =>
  config.rules
    ? { ...config, rules: Object.fromEntries(Object.entries(config.rules).map(([id, entry]) => [id, warn(entry)])) }
    : config,
);
`;

interface SarifResult {
  ruleId?: string;
  ruleIndex?: number;
  level?: string;
  message?: { text?: string };
  locations?: {
    physicalLocation?: {
      artifactLocation?: { uri?: string; index?: number };
      region?: { startLine?: number; startColumn?: number; endLine?: number; endColumn?: number };
    };
  }[];
}
interface SarifLog {
  $schema?: string;
  version?: string;
  runs?: {
    tool?: {
      driver?: {
        name?: string;
        rules?: { id?: string; helpUri?: string; shortDescription?: { text?: string } }[];
      };
    };
    artifacts?: { location?: { uri?: string } }[];
    results?: SarifResult[];
  }[];
}

const files = (): Record<string, string> => ({
  'src/handlers.ts': HANDLERS_LEAKY,
  'src/magic.ts': MAGIC_LEAKY,
  'src/totals.ts': CLEAN,
  'src/orders/sum.ts': CLEAN.replaceAll('Order', 'LineItem'),
  'src/orders/tax.ts': CLEAN.replaceAll('total', 'tax'),
  'src/orders/fees.ts': CLEAN.replaceAll('total', 'fee'),
});

describe.each(eslintVersions)('CI lint step with ESLint $major', (version) => {
  let workspace: string;
  let docs: Map<string, string>;
  let expected: Finding[];

  beforeAll(async () => {
    docs = await ruleDocs();
    workspace = makeTypedWorkspace(
      `ci-v${version.major}`,
      { ...files(), 'eslint.warn.config.mjs': WARN_CONFIG },
      version,
    );
    // The reference: a plain serial CLI run, no cache.
    const serial = await runEslint(workspace, ['--format', 'json', 'src']);
    expect(serial.stdout, serial.stderr).toMatch(/^\[/);
    expected = findings(parseJsonResults(serial.stdout), workspace);
  }, 120_000);

  it('writes valid SARIF 2.1.0 with our rule ids and help URIs', async () => {
    const leaks = expected.filter((f) => isLeakproof(f.ruleId));
    expect(
      leaks.length,
      'the ESLint class finds no leakproof problem in the fixtures',
    ).toBeGreaterThan(0);

    const result = await runEslint(workspace, [
      '--format',
      '@microsoft/eslint-formatter-sarif',
      '--output-file',
      'eslint.sarif',
      'src',
    ]);
    expect(result.code, result.stderr).toBe(1);
    const sarif = JSON.parse(
      fs.readFileSync(path.join(workspace, 'eslint.sarif'), 'utf8'),
    ) as SarifLog;

    expect(sarif.version).toBe('2.1.0');
    expect(sarif.$schema).toMatch(/sarif.*2\.1\.0/);
    expect(sarif.runs).toHaveLength(1);
    const sarifRun = sarif.runs![0];
    expect(sarifRun.tool?.driver?.name).toBe('ESLint');
    const rules = sarifRun.tool?.driver?.rules ?? [];
    const results = sarifRun.results ?? [];

    for (const ruleId of new Set(leaks.map((f) => f.ruleId!))) {
      const rule = rules.find((r) => r.id === ruleId);
      expect(rule, `${ruleId} missing from runs[0].tool.driver.rules`).toBeDefined();
      expect(rule?.helpUri).toBe(docs.get(ruleId));
      expect(rule?.shortDescription?.text).toMatch(/^(Disallow|Require|Enforce) /);
    }
    const fromSarif = results.map((r) => {
      const loc = r.locations?.[0]?.physicalLocation;
      expect(r.ruleIndex === undefined || rules[r.ruleIndex]?.id === r.ruleId).toBe(true);
      expect(r.level).toMatch(/^(error|warning)$/);
      return {
        file: path.relative(
          workspace,
          fileURLToPath(new URL(loc?.artifactLocation?.uri ?? '', `file://${workspace}/`)),
        ),
        ruleId: r.ruleId,
        line: loc?.region?.startLine,
        column: loc?.region?.startColumn,
        message: r.message?.text,
      };
    });
    fromSarif.sort((a, b) =>
      a.file === b.file ? a.line! - b.line! || a.column! - b.column! : a.file < b.file ? -1 : 1,
    );
    expect(fromSarif).toEqual(
      expected.map((f) => ({
        file: f.file,
        ruleId: f.ruleId,
        line: f.line,
        column: f.column,
        message: f.message,
      })),
    );
  }, 90_000);

  // What ESLint does with warnings under `--max-warnings` is its own, the same in both majors; what
  // is ours is that every report can come down to a warning: ESLint 10 only.
  if (version.major === 10) {
    it('fails the step on warnings with --max-warnings 0', async () => {
      const leaks = expected.filter((f) => isLeakproof(f.ruleId));
      expect(leaks.length).toBeGreaterThan(0);
      // One run shows both: every report came down to a warning (no error left), and the
      // warnings alone fail the step.
      const strict = await runEslint(workspace, [
        '--config',
        'eslint.warn.config.mjs',
        '--max-warnings',
        '0',
        'src',
      ]);
      expect(strict.code).toBe(1);
      expect(strict.stdout).toContain(`(0 errors, ${leaks.length} warning`);
      expect(strict.stdout + strict.stderr).toContain(
        'ESLint found too many warnings (maximum: 0)',
      );
    }, 90_000);
  }

  const lint = async (...extra: string[]): Promise<{ code: number | null; found: Finding[] }> => {
    const result = await runEslint(workspace, ['--format', 'json', ...extra, 'src']);
    expect(result.stdout, result.stderr).toMatch(/^\[/);
    return { code: result.code, found: findings(parseJsonResults(result.stdout), workspace) };
  };
  // Two worker threads, each with its own program. (`--concurrency auto`, which the README
  // shows, starts no worker below 51 files: on these six files it is the serial run.)
  const twoThreadsCached = ['--concurrency', '2', '--cache', '--cache-location', '.cache/two/'];

  it('gives exactly the serial results with --concurrency and --cache', async () => {
    expect(await lint(...twoThreadsCached)).toEqual({ code: 1, found: expected });
  }, 90_000);

  // What the cache keeps between runs is ESLint's own, the same in both majors: ESLint 10 only.
  if (version.major === 10) {
    it('keeps giving them across a change, from the cache of the run before', async () => {
      // Between two CI runs: one leak fixed, a clean file made leaky, a file added, one removed.
      writeFiles(workspace, {
        'src/handlers.ts': HANDLERS_FIXED,
        'src/totals.ts': MAGIC_LEAKY.replace('readMagic', 'readTotalsHeader'),
        'src/orders/export.ts': REPORT_LEAKY,
      });
      fs.rmSync(path.join(workspace, 'src', 'orders', 'fees.ts'));

      const serial2 = await lint();
      expect(serial2.found).not.toEqual(expected);
      expect(
        serial2.found.filter(
          (f) => f.file === path.join('src', 'handlers.ts') && isLeakproof(f.ruleId),
        ),
      ).toEqual([]);
      // The cache holds the unchanged files' results from the run before the change.
      expect(await lint(...twoThreadsCached)).toEqual(serial2);
    }, 120_000);
  }
});
