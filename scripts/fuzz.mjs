// The long fuzz run (issue 17): tests/fuzz/fuzz.test.ts with more programs, every option
// combination on every program, and each failure saved, minimised, as a regression file under
// tests/fuzz/regressions/ (run by tests/fuzz/regressions.test.ts in every `npm test`).
//
//   npm run fuzz -- [--seed 20261202] [--count 1000]
//
// `--count` programs of each kind (random, mutants); the typed slice is a thirtieth of it.
// Prints the programs fuzzed, the lint runs, the fixes checked, the programs and fixes run in the
// sandbox (tests/support/sandbox.ts: no fix may add a TypeError or ReferenceError at run time),
// and the failures found.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({
  options: {
    seed: { type: 'string', default: String(Date.now() % 2 ** 31) },
    count: { type: 'string', default: '1000' },
  },
});
for (const [name, value] of Object.entries(values)) {
  if (!/^\d+$/.test(value)) throw new Error(`--${name} takes a whole number, not ${value}`);
}

const summaryFile = path.join(root, '.tmp', 'fuzz-summary.json');
mkdirSync(path.dirname(summaryFile), { recursive: true });
rmSync(summaryFile, { force: true });
console.log(`[fuzz] seed ${values.seed}, ${values.count} programs of each kind`);
const vitest = path.join(root, 'node_modules', 'vitest', 'vitest.mjs');
const result = spawnSync(
  process.execPath,
  [vitest, 'run', 'tests/fuzz/fuzz.test.ts', '--project', 'integration'],
  {
    cwd: root,
    stdio: 'inherit',
    env: {
      ...process.env,
      FUZZ_SEED: values.seed,
      FUZZ_COUNT: values.count,
      FUZZ_SAVE: '1',
      FUZZ_SUMMARY: summaryFile,
    },
  },
);
let summary;
try {
  summary = JSON.parse(readFileSync(summaryFile, 'utf8'));
} catch (error) {
  throw new Error(`the fuzz run left no summary (vitest exited with ${result.status})`, {
    cause: error,
  });
}
console.log(
  `[fuzz] seed ${summary.seed}: ${summary.programs} programs fuzzed, ${summary.lints} lint runs, ` +
    `${summary.reports} reports, ${summary.fixesChecked} fixes checked; ` +
    `${summary.sandboxPrograms} programs run in the sandbox with their fixes ` +
    `(${summary.sandboxFixes} comparisons, ${summary.sandboxInconclusive} inconclusive; ` +
    `${summary.sandboxRuns} texts run); ` +
    `${summary.failures} failures, ${summary.runtimeFailures} of them at run time ` +
    `(${summary.cpuSeconds.toFixed(1)} s of CPU)` +
    (summary.failures > 0 ? '; minimised into tests/fuzz/regressions/' : ''),
);
process.exitCode = result.status ?? 1;
