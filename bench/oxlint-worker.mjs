#!/usr/bin/env node
// One oxlint run in this process, timed: `node bench/oxlint-worker.mjs <out.json> <oxlint args>`.
// oxlint's CLI is a Node program around a native addon (its Rust linter runs in this process,
// on threads; JS plugins run on the main thread), so this process's CPU time is all of it.
// Writes `{ cpuMs, wallMs, maxRssMB }` to <out.json> when the process exits.
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';

const [out, ...args] = process.argv.slice(2);
const require = createRequire(import.meta.url);
const cli = join(dirname(require.resolve('oxlint/package.json')), 'dist', 'cli.js');

const cpu0 = process.cpuUsage();
const t0 = performance.now();
process.on('exit', () => {
  const cpu = process.cpuUsage(cpu0);
  writeFileSync(
    out,
    JSON.stringify({
      cpuMs: (cpu.user + cpu.system) / 1000,
      wallMs: performance.now() - t0,
      maxRssMB: process.resourceUsage().maxRSS / 1024,
    }),
  );
});
process.argv = [process.argv[0], cli, ...args];
await import(pathToFileURL(cli).href);
