// Self-lint: typescript-eslint (type-checked) and eslint-plugin-eslint-plugin over our own rules.
import eslintPlugin from 'eslint-plugin-eslint-plugin';
import tseslint from 'typescript-eslint';
import js from '@eslint/js';

export default tseslint.config(
  {
    ignores: [
      'dist/',
      'node_modules/',
      'coverage/',
      'examples/',
      'bench/',
      'scripts/',
      'tests/fixtures/',
      'tests/robustness/corpus/',
      'tests/integration/workspaces/',
      '.tmp/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: { allowDefaultProject: ['*.mjs', '*.js'] },
        tsconfigRootDir: import.meta.dirname,
      },
    },
  },
  {
    files: ['src/rules/*.ts'],
    ignores: ['src/rules/index.ts'],
    ...eslintPlugin.configs.recommended,
  },
  {
    files: ['**/*.mjs', '**/*.js'],
    ...tseslint.configs.disableTypeChecked,
  },
);
