/**
 * Fuzzing (issue 17, Build 1): seeded random programs (support/generate.ts) and mutants of the
 * realistic cases (support/mutate.ts over support/corpus.ts) run through every rule of the
 * plugin, with every combination of each rule's boolean and enum options (support/lint.ts):
 * no rule throws, every fix and suggestion parses, `--fix` converges in one pass, and (issue 17,
 * Build 2) no fix of a self-contained program (every generated one, the names it leaves free
 * stubbed, and the mutants whose free names are all host globals) makes it raise a new
 * TypeError or ReferenceError when it runs: the program and each fixed text run in a `node:vm`
 * sandbox with inert stubs for every module and host global, top-level code and then every
 * top-level function, class and method (tests/support/sandbox.ts).
 *
 * The seeds are fixed, so `npm test` lints the same programs every time (a few hundred, a few
 * seconds). `npm run fuzz -- --seed N --count M` (scripts/fuzz.mjs) runs the same suite larger
 * with `FUZZ_SEED`/`FUZZ_COUNT`, saves each failure, minimised, under tests/fuzz/regressions/
 * (`FUZZ_SAVE`), and prints the totals (`FUZZ_SUMMARY`, a JSON file: programs, lint runs,
 * fixes checked, programs and fixes run in the sandbox, failures by kind).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import path from 'node:path';

import { afterAll, describe, expect, it } from 'vitest';

import { realisticCorpus, root } from './support/corpus.js';
import { generateProgram, type Program } from './support/generate.js';
import { check, configCount, minimise, parses, type Failure } from './support/lint.js';
import { mutate } from './support/mutate.js';
import { createRng } from './support/random.js';
import { closeSandbox, sandboxRuns } from '../support/sandbox.js';

const SEED = Number(process.env.FUZZ_SEED ?? 20261202);
/** Programs per kind (random, mutants); the typed slice is a thirtieth of it (two programs each). */
const COUNT = Number(process.env.FUZZ_COUNT ?? 120);
/** The long run tries every option combination on every program; `npm test` one per program. */
const EVERY_CONFIG = process.env.FUZZ_COUNT !== undefined;

interface Found {
  program: Program;
  config: number;
  typed: boolean;
  failure: Failure;
  origin: string;
}

const totals = {
  programs: 0,
  lints: 0,
  reports: 0,
  fixesChecked: 0,
  /**
   * Programs whose fixes ran in the sandbox, the fixes compared with their program there (once
   * per option combination), those left undecided, and the texts run (programs and fixed texts).
   */
  sandboxPrograms: 0,
  sandboxFixes: 0,
  sandboxInconclusive: 0,
  sandboxRuns: 0,
  failures: 0,
  runtimeFailures: 0,
};
const found = new Map<string, Found>();
/** CPU seconds in the sandbox (a share of the parts' seconds). */
let sandboxSeconds = 0;
const cpuStart = process.cpuUsage();
/** CPU seconds of each part, for the summary. */
const cpuByPart: Record<string, number> = {};
function timed(part: string, body: () => void): void {
  const start = process.cpuUsage();
  try {
    body();
  } finally {
    const cpu = process.cpuUsage(start);
    cpuByPart[part] = Math.round((cpu.user + cpu.system) / 1e4) / 100;
  }
}

function run(program: Program, index: number, typed: boolean, origin: string): void {
  totals.programs += 1;
  const configs = EVERY_CONFIG
    ? Array.from({ length: configCount() }, (_, k) => k)
    : [index % configCount()];
  let sandboxed = false;
  for (const config of configs) {
    const outcome = check(program, config, typed);
    totals.lints += 1;
    totals.reports += outcome.reports;
    totals.fixesChecked += outcome.fixesChecked;
    totals.sandboxFixes += outcome.fixesRun;
    totals.sandboxInconclusive += outcome.fixesInconclusive;
    sandboxSeconds += outcome.sandboxSeconds;
    sandboxed ||= outcome.fixesRun > 0;
    for (const failure of outcome.failures) {
      totals.failures += 1;
      if (failure.kind === 'runtime error') totals.runtimeFailures += 1;
      if (!found.has(failure.signature))
        found.set(failure.signature, { program, config, typed, failure, origin });
    }
  }
  if (sandboxed) totals.sandboxPrograms += 1;
}

/** A mutant of realistic code runs in the sandbox when its free names are all known globals. */
const runnable = <P extends Program>(mutant: P): P => ({
  ...mutant,
  runnable: 'if self-contained',
});

/** Each distinct failure, minimised: saved as a regression file in a long run, else in .tmp. */
function report(): string[] {
  const dir = process.env.FUZZ_SAVE
    ? path.join(root, 'tests', 'fuzz', 'regressions')
    : path.join(root, '.tmp', 'fuzz-failures');
  const out: string[] = [];
  for (const { program, config, typed, failure, origin } of found.values()) {
    const small = minimise(program, config, failure.signature, typed);
    const hash = createHash('sha1').update(small.code).digest('hex').slice(0, 8);
    const rule = failure.signature.split('|')[1]?.replace(/^leakproof\//, '') ?? 'unknown';
    const ext = path.extname(program.filename);
    const file = path.join(dir, `${failure.kind.replace(/ /g, '-')}-${rule}-${hash}${ext}`);
    const eol = small.code.includes('\r\n') ? '\r\n' : '\n';
    const run =
      program.runnable === true ? ', run' : program.runnable ? `, run ${program.runnable}` : '';
    const flags = `${typed ? ', typed' : ''}${run}`;
    const header = `// Fuzz regression: ${failure.signature} (config ${config}${flags}; ${origin})${eol}`;
    mkdirSync(dir, { recursive: true });
    writeFileSync(file, header + small.code);
    out.push(
      `${failure.kind} (${failure.signature}), minimised into ${file}:\n${small.code}\n${failure.detail.slice(0, 2000)}`,
    );
  }
  return out;
}

describe('fuzz: every rule, every option combination', () => {
  const corpus = realisticCorpus().filter((p) => parses(p.code, p.filename));

  afterAll(async () => {
    await closeSandbox();
    totals.sandboxRuns = sandboxRuns();
    const cpu = process.cpuUsage(cpuStart);
    const summary = {
      seed: SEED,
      count: COUNT,
      ...totals,
      cpuSeconds: (cpu.user + cpu.system) / 1e6,
      cpuByPart: { ...cpuByPart, sandbox: Math.round(sandboxSeconds * 100) / 100 },
    };
    console.log(`[fuzz] ${JSON.stringify(summary)}`);
    if (process.env.FUZZ_SUMMARY) writeFileSync(process.env.FUZZ_SUMMARY, JSON.stringify(summary));
  });

  it('has realistic cases to mutate and option combinations to try', () => {
    expect(corpus.length).toBeGreaterThan(500);
    expect(configCount()).toBeGreaterThanOrEqual(8);
  });

  it(`${COUNT} seeded random programs, untyped`, { timeout: 600_000 }, () => {
    const rng = createRng(SEED);
    timed('random', () => {
      for (let i = 0; i < COUNT; i++)
        run(generateProgram(rng), i, false, `random, seed ${SEED}, #${i}`);
    });
    expect(report()).toEqual([]);
  });

  it(`${COUNT} mutants of the realistic cases, untyped`, { timeout: 600_000 }, () => {
    const rng = createRng(SEED + 1);
    timed('mutants', () => {
      for (let i = 0; i < COUNT; i++) {
        const mutant = runnable(mutate(rng.pick(corpus), rng, parses));
        run(mutant, i, false, `mutant, seed ${SEED + 1}, #${i}: ${mutant.applied.join(', ')}`);
      }
    });
    expect(report()).toEqual([]);
  });

  it(
    'a typed slice: random programs and mutants in the fixture project',
    { timeout: 600_000 },
    () => {
      const rng = createRng(SEED + 2);
      const slice = Math.max(3, Math.round(COUNT / 30));
      timed('typed', () => {
        for (let i = 0; i < slice; i++) {
          const program = generateProgram(rng);
          // The fixture project holds TypeScript: JavaScript programs are linted untyped above.
          if (program.filename.endsWith('.ts'))
            run(program, i, true, `typed random, seed ${SEED + 2}, #${i}`);
          const base = rng.pick(corpus.filter((p) => p.filename.endsWith('.ts')));
          const mutant = runnable(mutate(base, rng, parses));
          run(
            mutant,
            i,
            true,
            `typed mutant, seed ${SEED + 2}, #${i}: ${mutant.applied.join(', ')}`,
          );
        }
      });
      expect(report()).toEqual([]);
    },
  );
});
