/**
 * Bad input at scale (issue 17, Build 3): a 50,000-line file, a file whose one line is 1 MB and
 * deep nesting cost the rules little next to ESLint's own work on them. Measured with ESLint's
 * `stats` (time per rule and for parsing, in the same run), not wall time, so a busy machine
 * moves both sides alike: the rules together must take less time than ESLint itself (parsing, traversal, code paths).
 * Deeper nesting (200 levels) of these shapes overflows the parser's stack before a rule runs.
 */
import tsParser from '@typescript-eslint/parser';
import { ESLint, type Linter } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

import plugin from '../../src/index.js';
import type { LeakproofDocs } from '../../src/utils/create-rule.js';

function untypedRules(): Linter.RulesRecord {
  const out: Linter.RulesRecord = {};
  for (const [name, rule] of Object.entries(plugin.rules)) {
    const docs = rule.meta?.docs as Partial<LeakproofDocs> | undefined;
    if (docs?.requiresTypeChecking !== true) out[`leakproof/${name}`] = 'error';
  }
  return out;
}

const eslint = new ESLint({
  overrideConfigFile: true,
  overrideConfig: [
    {
      files: ['**/*.ts'],
      languageOptions: { parser: tsParser },
      plugins: { leakproof: plugin },
      rules: untypedRules(),
    },
  ],
  stats: true,
});

interface Share {
  /** ESLint's own time: parsing, traversal, code-path analysis, reports (all but the rules). */
  eslint: number;
  rules: number;
  reports: number;
}

async function share(code: string): Promise<Share> {
  const [result] = await eslint.lintText(code, { filePath: 'big.ts' });
  expect(result.messages.filter((m) => m.fatal)).toEqual([]);
  const pass = result.stats!.times.passes[0];
  const rules = Object.values(pass.rules ?? {}).reduce((sum, r) => sum + r.total, 0);
  const out = { eslint: pass.total - rules, rules, reports: result.messages.length };
  const slowest = Object.entries(pass.rules ?? {})
    .sort((a, b) => b[1].total - a[1].total)
    .slice(0, 3)
    .map(([rule, { total }]) => `${rule} ${total.toFixed(0)} ms`);
  console.log(
    `[scale] ${code.length} chars: parse ${(pass.parse?.total ?? 0).toFixed(0)} ms, ESLint ${out.eslint.toFixed(0)} ms, rules ${out.rules.toFixed(0)} ms (${slowest.join(', ')})`,
  );
  return out;
}

const IMPORTS = [
  "import { open } from 'node:fs/promises';",
  "import { createReadStream } from 'node:fs';",
  "import { spawn } from 'node:child_process';",
].join('\n');

/** A function that acquires, branches, hands on and leaks: ten lines. */
function unit(i: number, eol = '\n'): string {
  return [
    `export async function task${i}(path: string, url: string, cond: boolean) {`,
    `  const fh = await open(path);`,
    `  const res = await fetch(url);`,
    `  if (cond) return res.status;`,
    `  const stream = createReadStream(path);`,
    `  stream.on('data', (chunk) => console.log(chunk));`,
    `  const child = spawn('ls');`,
    `  try { await res.text(); } finally { await fh.close(); }`,
    `  return child;`,
    `}`,
  ].join(eol);
}

describe("huge and deep files cost the rules less than ESLint's own work on them", () => {
  // Parser and rules compiled and warm before the first measure.
  beforeAll(async () => {
    await share(`${IMPORTS}\n${Array.from({ length: 50 }, (_, i) => unit(i)).join('\n')}\n`);
  });

  it('50,000 lines', { timeout: 300_000 }, async () => {
    // 1,000 functions that acquire (10,000 lines), and a 40,000-line text (a query, a page).
    const units = Array.from({ length: 1000 }, (_, i) => unit(i));
    const text = `export const page = \`\n${'<p>line</p>\n'.repeat(40_000)}\`;`;
    const code = `${IMPORTS}\n${units.join('\n')}\n${text}\n`;
    expect(code.split('\n').length).toBeGreaterThanOrEqual(50_000);
    const { eslint: own, rules, reports } = await share(code);
    expect(reports).toBeGreaterThan(1000);
    expect(rules).toBeLessThan(own);
  });

  it('a line of 1 MB', { timeout: 300_000 }, async () => {
    // A bundled data string, and 200 functions that acquire, all on one line.
    const blob = `export const blob = '${'x'.repeat(1_000_000)}';`;
    const units = Array.from({ length: 200 }, (_, i) => unit(i, ' '));
    const code = `${IMPORTS}\n${blob} ${units.join(' ')}\n`;
    expect(code.split('\n').at(-2)!.length).toBeGreaterThan(1_000_000);
    const { eslint: own, rules, reports } = await share(code);
    expect(reports).toBeGreaterThan(200);
    expect(rules).toBeLessThan(own);
  });

  it(
    'deep nesting: blocks, callbacks and try statements 50 deep',
    { timeout: 300_000 },
    async () => {
      const open: string[] = [];
      const close: string[] = [];
      for (let i = 0; i < 50; i++) {
        const shape = i % 3;
        if (shape === 0) {
          open.push(`if (cond${i}) {`, `  const fh${i} = await open(path);`);
          close.push('}');
        } else if (shape === 1) {
          open.push(
            `await Promise.all(items.map(async (item${i}) => {`,
            `  const res${i} = await fetch(url);`,
          );
          close.push('}));');
        } else {
          open.push('try {', `  const s${i} = createReadStream(path);`);
          close.push('} finally { console.log(1); }');
        }
      }
      const body = [...open, ...close.reverse()].join('\n');
      // Enough functions that the file takes ESLint a measurable while.
      const fn = (i: number): string =>
        `export async function deep${i}(path: string, url: string, items: string[], ${Array.from({ length: 50 }, (_, j) => `cond${j}: boolean`).join(', ')}) {\n${body}\n}`;
      const code = `${IMPORTS}\n${Array.from({ length: 12 }, (_, i) => fn(i)).join('\n')}\n`;
      const { eslint: own, rules, reports } = await share(code);
      expect(reports).toBeGreaterThan(12);
      expect(rules).toBeLessThan(own);
    },
  );
});
