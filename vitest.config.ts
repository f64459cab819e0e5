import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    testTimeout: 60_000,
    // Vitest runs one file at a time on two cores (availableParallelism - 1). The rule tests use
    // one core while the integration files wait on ESLint, npm and oxlint child processes: two at
    // once took the suite from 279 s to 214 s on two quiet cores.
    maxWorkers: 2,
    hookTimeout: 120_000,
    // Any internal error of a rule fails the test that met it (src/utils/internal-errors.ts).
    env: { LEAKPROOF_STRICT_ANALYSIS: '1' },
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['tests/*.test.ts', 'tests/{rules,analysis,catalog,utils}/**/*.test.ts'],
          // It replaces tests/rule-tester.js with a recorder (vi.mock), which must not leak into
          // the rule tests that share a worker.
          exclude: ['tests/fix-validity.test.ts'],
          // One module graph per worker rather than per file: the typed RuleTester's project
          // service (9-15 s to start) and the TypeScript program are then built once per worker,
          // not once per rule file (tests/rules: 80 s of CPU isolated, 28 s shared). The files
          // share no mutable state: each RuleTester run is self-contained.
          isolate: false,
        },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          // Real ESLint/oxlint/npm processes, the robustness corpus and the fuzzer. They share one
          // module graph per worker like the unit files (ESLint, typescript-eslint and TypeScript
          // imported once, not once per file); each builds its own ESLint instances and
          // workspaces, and what they run as users do runs in child processes.
          include: ['tests/{integration,robustness,fuzz}/**/*.test.ts'],
          isolate: false,
        },
      },
      {
        extends: true,
        test: {
          name: 'fix-validity',
          // Isolated: it replaces tests/rule-tester.js with a recorder (vi.mock).
          include: ['tests/fix-validity.test.ts'],
        },
      },
    ],
  },
});
