/**
 * Every program the fuzzer ever failed on, minimised (tests/fuzz/regressions/, written by
 * `npm run fuzz`), linted again with every option combination: no crash, every fix parses,
 * `--fix` converges, and, for a program that was run (`, run` in its first line), no fix adds a
 * TypeError or ReferenceError at run time. The first line of each file says what failed, and
 * where it came from.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

import { afterAll, describe, expect, it } from 'vitest';

import { root } from './support/corpus.js';
import { check, configCount } from './support/lint.js';
import { closeSandbox } from '../support/sandbox.js';

const dir = path.join(root, 'tests', 'fuzz', 'regressions');
const files = readdirSync(dir)
  .filter((f) => /\.(ts|js|mjs|cjs)$/.test(f))
  .sort();

describe('fuzz regressions', () => {
  afterAll(closeSandbox);

  it('reads the regression directory', () => {
    expect(readdirSync(dir)).toContain('README.md');
  });

  for (const file of files) {
    it(file, { timeout: 120_000 }, () => {
      const code = readFileSync(path.join(dir, file), 'utf8');
      const flags = /^\/\/ Fuzz regression: .*\(config \d+([^;]*);/.exec(code)?.[1] ?? '';
      const typed = flags.includes(', typed');
      const runnable = flags.includes(', run if self-contained')
        ? ('if self-contained' as const)
        : flags.includes(', run') || undefined;
      const program = { code, filename: `file${path.extname(file)}`, runnable };
      const failures = [];
      for (let k = 0; k < configCount(); k++) {
        failures.push(...check(program, k, typed).failures.map((f) => `config ${k}: ${f.detail}`));
      }
      expect(failures).toEqual([]);
    });
  }
});
