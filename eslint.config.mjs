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
      'tests/fuzz/regressions/',
      'tests/integration/workspaces/',
      '.tmp/',
      '.field/',
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
    rules: {
      // AST `node.type === 'Identifier'` checks are typed by the node unions already; the
      // enum rule would force AST_NODE_TYPES imports everywhere for no added safety.
      '@typescript-eslint/no-unsafe-enum-comparison': 'off',
    },
  },
  {
    // Rule files only: the test-file rules of eslint-plugin-eslint-plugin find tests by a
    // `new RuleTester()` in the same file, and ours are built once in tests/rule-tester.ts.
    files: ['src/rules/*.ts'],
    ignores: ['src/rules/index.ts'],
    ...eslintPlugin.configs['rules-recommended'],
    rules: {
      ...eslintPlugin.configs['rules-recommended'].rules,
      // HOUSE.md: descriptions start with Disallow/Require/Enforce and end without a period.
      'eslint-plugin/require-meta-docs-description': [
        'error',
        { pattern: '^(Disallow|Require|Enforce) .*[^.]$' },
      ],
      // HOUSE.md: meta in the order type, docs, fixable/hasSuggestions, messages, schema,
      // defaultOptions.
      'eslint-plugin/meta-property-ordering': [
        'error',
        [
          'type',
          'docs',
          'fixable',
          'hasSuggestions',
          'deprecated',
          'replacedBy',
          'messages',
          'schema',
          'defaultOptions',
        ],
      ],
      // `createRule` (RuleCreator) adds `meta.docs.url`, which this rule cannot see in the
      // source; tests/plugin.test.ts checks every URL against docs/rules/<name>.md instead.
      'eslint-plugin/require-meta-docs-url': 'off',
    },
  },
  {
    files: ['**/*.mjs', '**/*.js', '**/*.cjs'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: {
      ...tseslint.configs.disableTypeChecked.languageOptions,
      // Scripts and configs run on Node.
      globals: Object.fromEntries(
        [
          'AbortController',
          'AbortSignal',
          'Buffer',
          'URL',
          'URLSearchParams',
          'TextDecoder',
          'TextEncoder',
          'clearImmediate',
          'clearInterval',
          'clearTimeout',
          'console',
          'fetch',
          'performance',
          'process',
          'queueMicrotask',
          'setImmediate',
          'setInterval',
          'setTimeout',
          'structuredClone',
        ].map((name) => [name, 'readonly']),
      ),
    },
  },
);
