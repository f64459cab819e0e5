import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Any internal error of a rule fails the test that met it (src/utils/internal-errors.ts).
    env: { LEAKPROOF_STRICT_ANALYSIS: '1' },
  },
});
