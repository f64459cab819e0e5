#!/usr/bin/env node
// `npm test`: everything that must hold. The static checks first, in two lanes at once: the
// type check, then the build and the docs check, beside the self-lint. Each lane is one
// single-threaded process at a time, so run one after the other they left a core idle for
// about 50 s; the two lanes take about as long each. Then the test suite, which needs the build.
//
//   npm test                      everything
//   npm test -- <vitest args>     the static checks, then vitest with these arguments
//
// Each lane's output is printed whole when it ends, so the two never interleave. A failing lane
// fails the run before the suite starts, as the `&&` chain this replaces did.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Runs one command with its output captured; resolves with its exit code and output. */
function capture(args) {
  return new Promise((resolve, reject) => {
    const child = spawn('npm', args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code: code ?? 1, signal, output }));
  });
}

/** Runs a lane's commands in order, stopping at the first that fails. */
async function lane(name, commands) {
  const start = performance.now();
  let output = '';
  for (const args of commands) {
    const result = await capture(args);
    output += `> npm ${args.join(' ')}\n${result.output}`;
    if (result.code !== 0) {
      return { name, ok: false, output: `${output}(exit ${result.signal ?? result.code})\n` };
    }
  }
  const seconds = ((performance.now() - start) / 1000).toFixed(0);
  return { name, ok: true, output: `${output}(${name}: ${seconds} s)\n` };
}

const lanes = await Promise.all([
  lane('type check, build, docs check', [
    ['run', 'typecheck'],
    ['run', 'docs:check'],
  ]),
  lane('self-lint', [['run', 'lint']]),
]);
for (const { output } of lanes) process.stdout.write(output);
const failed = lanes.filter((l) => !l.ok).map((l) => l.name);
if (failed.length > 0) {
  console.error(`npm test: ${failed.join(' and ')} failed; the test suite did not run.`);
  process.exit(1);
}

const vitest = spawn(
  process.execPath,
  [
    path.join(root, 'node_modules', 'vitest', 'vitest.mjs'),
    'run',
    '--reporter=default',
    '--reporter=json',
    '--outputFile.json=.tmp/vitest.json',
    ...process.argv.slice(2),
  ],
  { cwd: root, stdio: 'inherit' },
);
vitest.on('close', (code, signal) => process.exit(signal ? 1 : (code ?? 1)));
