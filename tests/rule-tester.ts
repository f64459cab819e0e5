import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { RuleTester } from '@typescript-eslint/rule-tester';
import * as espree from 'espree';
import * as vitest from 'vitest';

RuleTester.afterAll = vitest.afterAll;
RuleTester.it = vitest.it;
RuleTester.itOnly = vitest.it.only;
RuleTester.describe = vitest.describe;

export const fixturesDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures');

/** Untyped: the plain typescript-eslint parser, no program. Files are TypeScript. */
export const ruleTester = new RuleTester();

/**
 * Typed: the fixture project through the project service. Cases default to
 * `tests/fixtures/file.ts`; give `filename: 'other.ts'` etc. for a second file.
 */
export const typedRuleTester = new RuleTester({
  languageOptions: {
    parserOptions: {
      // `file.ts` belongs to the fixture project; every other name (which need not exist on
      // disk) goes to the default project. Listing `file.ts` here too is a parse error.
      projectService: {
        allowDefaultProject: ['@(!(file)).ts', '*.tsx', '*.mts', '*.cts', '*.js', '*.mjs', '*.cjs'],
      },
      tsconfigRootDir: fixturesDir,
    },
  },
});

/** Plain JavaScript through espree (ESLint's default parser), in `.js` files. */
export const jsRuleTester = new RuleTester({
  defaultFilenames: { ts: 'file.js', tsx: 'react.jsx' },
  languageOptions: {
    parser: espree as never,
    parserOptions: { ecmaVersion: 'latest', sourceType: 'module' },
  },
});
