// How a project would lint itself with leakproof, type information included. The demo
// (`npm run demo`) and tests/integration/examples.test.ts lint src/ with exactly this file.
import tseslint from 'typescript-eslint';

// The built plugin, as users get it from npm (`import leakproof from 'eslint-plugin-leakproof'`).
import leakproof from '../dist/index.js';

// `prefer-using` only suggests a rewrite, so it is not in the recommended configs; the demo
// opts in to show it. (The check keeps this file loading while rules are still being added.)
const optIn = Object.fromEntries(
  ['prefer-using'].filter((rule) => rule in leakproof.rules).map((rule) => [`leakproof/${rule}`, 'warn']),
);

export default [
  {
    files: ['src/**/*.ts'],
    languageOptions: {
      parser: tseslint.parser,
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
  },
  { files: ['src/**/*.ts'], ...leakproof.configs['recommended-type-checked'] },
  { files: ['src/**/*.ts'], rules: optIn },
];
