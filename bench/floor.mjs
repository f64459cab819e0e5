#!/usr/bin/env node
// What ESLint charges for running any rule at all, and where that comes from.
//
//   node bench/floor.mjs [--rounds N] [--typed] [--quick] [--no-write]
//
// Lints the benchmark corpus with the parser and no rules, and with one rule that does nothing
// (`create: () => ({})`, no listeners), under the installed ESLint and under a copy of it whose
// `FileContext#extend` builds each rule context as a flat object instead of an object whose
// prototype is that file's context. Fresh process per run, configurations alternating.
//
// The copy lives in bench/.corpus/eslint-flat-context/ (ignored by git) and changes one line;
// rules see the same context properties either way. It exists to show the cause of the
// "any rule" cost measured as references (h) and (i) in bench/run.mjs, not to lint with.
import { spawn } from 'node:child_process';
import { cpSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

import { median, writeMarkdown } from './common.mjs';
import { SCALES, generateScale } from './generate.mjs';

const here = fileURLToPath(new URL('.', import.meta.url));
const require = createRequire(import.meta.url);

const { values: opts } = parseArgs({
  options: {
    rounds: { type: 'string' },
    typed: { type: 'boolean', default: false },
    quick: { type: 'boolean', default: false },
    write: { type: 'boolean', default: true },
  },
  allowNegative: true,
});
const ROUNDS = Number(opts.rounds ?? (opts.quick ? 2 : 4));

const STOCK = join(require.resolve('eslint/package.json'), '..');
const PATCHED = join(here, '.corpus', 'eslint-flat-context', 'node_modules', 'eslint');

const ORIGINAL = 'return Object.freeze(Object.assign(Object.create(this), extension));';
const FLAT = `return Object.freeze(
			Object.assign(
				Object.create(FileContext.prototype),
				{
					cwd: this.cwd,
					filename: this.filename,
					physicalFilename: this.physicalFilename,
					sourceCode: this.sourceCode,
					languageOptions: this.languageOptions,
					settings: this.settings,
				},
				extension,
			),
		);`;

/** A copy of the installed ESLint with the flat `extend`; `null` when the line is not there. */
function patchedEslint() {
  const version = JSON.parse(readFileSync(join(STOCK, 'package.json'), 'utf8')).version;
  const stamp = join(PATCHED, '.leakproof-floor');
  if (existsSync(stamp) && readFileSync(stamp, 'utf8') === version) return PATCHED;
  rmSync(PATCHED, { recursive: true, force: true });
  cpSync(STOCK, PATCHED, { recursive: true });
  const file = join(PATCHED, 'lib', 'linter', 'file-context.js');
  const text = readFileSync(file, 'utf8');
  if (!text.includes(ORIGINAL)) return null;
  writeFileSync(file, text.replace(ORIGINAL, FLAT));
  writeFileSync(stamp, version);
  return PATCHED;
}

function runWorker(config, dir, eslint) {
  return new Promise((resolve) => {
    const args = [join(here, 'worker.mjs'), '--config', config, '--dir', dir, '--eslint', eslint];
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.on('close', (code) => {
      if (code !== 0) resolve({ error: err || `exit ${code}` });
      else resolve(JSON.parse(out));
    });
  });
}

const patched = patchedEslint();
if (patched === null) {
  console.error(
    `This ESLint's FileContext#extend no longer reads \`${ORIGINAL}\`: nothing to compare.`,
  );
  process.exit(2);
}
const corpus = generateScale(SCALES[SCALES.length - 1], { quick: opts.quick });
const pairs = opts.typed
  ? [
      ['d', 'n'],
      ['a', 'm'],
    ]
  : [['d', 'n']];
const variants = [
  ['stock', STOCK],
  ['flat context', patched],
];
const runs = new Map();
console.log(`corpus ${corpus.lines} lines; ${ROUNDS} rounds; ESLint ${STOCK}`);
for (let r = 0; r < ROUNDS; r++) {
  const order = [];
  for (const [base, rule] of pairs)
    for (const [name, dir] of variants) order.push([base, name, dir], [rule, name, dir]);
  if (r % 2) order.reverse();
  for (const [config, name, dir] of order) {
    const res = await runWorker(config, corpus.dir, dir);
    if (res.error) {
      console.error(`${config} ${name}: ${res.error.split('\n')[0]}`);
      process.exit(1);
    }
    const key = `${config}|${name}`;
    if (!runs.has(key)) runs.set(key, []);
    runs.get(key).push(res);
    console.log(
      `  round ${r + 1}: (${config}) ${name.padEnd(12)} ${(res.lintMs / 1000).toFixed(2)} s, CPU ${(res.cpuMs / 1000).toFixed(2)} s, GC ${(res.gcMs / 1000).toFixed(2)} s`,
    );
  }
}

const stat = (key, field) => median(runs.get(key).map((r) => r[field]));
const table = [
  '| parser | ESLint | no rules (s) | one no-op rule (s) | wall ratio | CPU ratio | GC: no rules → one rule (s) |',
  '| --- | --- | ---: | ---: | ---: | ---: | ---: |',
];
for (const [base, rule] of pairs) {
  for (const [name] of variants) {
    const b = `${base}|${name}`;
    const o = `${rule}|${name}`;
    table.push(
      `| ${base === 'a' ? 'typed' : 'untyped'} | ${name} | ${(stat(b, 'lintMs') / 1000).toFixed(2)} | ${(stat(o, 'lintMs') / 1000).toFixed(2)} | ${(stat(o, 'lintMs') / stat(b, 'lintMs')).toFixed(3)} | ${(stat(o, 'cpuMs') / stat(b, 'cpuMs')).toFixed(3)} | ${(stat(b, 'gcMs') / 1000).toFixed(2)} → ${(stat(o, 'gcMs') / 1000).toFixed(2)} |`,
    );
  }
}
console.log(`\n${table.join('\n')}`);

if (opts.write && !opts.quick) {
  const eslintVersion = JSON.parse(readFileSync(join(STOCK, 'package.json'), 'utf8')).version;
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  const text = `# What ESLint charges for running any rule

Written by \`node bench/floor.mjs${opts.typed ? ' --typed' : ''}\` on ${new Date().toISOString()}: ${cpu}, \`nproc\` ${os.availableParallelism()}, Node ${process.version}, ESLint ${eslintVersion}; corpus \`bench/.corpus/scale-4\` (${corpus.lines.toLocaleString('en-US')} lines); ${ROUNDS} rounds, fresh process per run, configurations alternating; medians.

"One no-op rule" is a rule whose \`create\` returns \`{}\`: it listens to nothing and does nothing. Whatever it costs, ESLint costs.
"flat context" is the same ESLint with one line of \`lib/linter/file-context.js\` changed: \`FileContext#extend\` copies the file context's six properties into each rule context instead of making the file context that rule context's prototype. Rules see the same properties either way.

${table.join('\n')}

${pairs
  .map(([base, rule]) => {
    const pct = (name) =>
      ((stat(`${rule}|${name}`, 'lintMs') / stat(`${base}|${name}`, 'lintMs') - 1) * 100).toFixed(
        1,
      );
    const gc = (name) =>
      ((stat(`${rule}|${name}`, 'gcMs') - stat(`${base}|${name}`, 'gcMs')) / 1000).toFixed(2);
    return `${base === 'a' ? 'Typed' : 'Untyped'}: one no-op rule adds ${pct('stock')} % (garbage collection ${gc('stock')} s) with the installed ESLint, ${pct('flat context')} % (${gc('flat context')} s) with the flat context.`;
  })
  .join('\n')}

Where the two differ, the difference is ESLint's, not any rule's: with the installed ESLint each linted file's context becomes the prototype of every rule context made for that file. bench/run.mjs reports references (h) and (i), the parser with one trivial core rule, for that reason.
`;
  await writeMarkdown(join(here, 'FLOOR.md'), text);
  console.log('\nwrote bench/FLOOR.md');
}
