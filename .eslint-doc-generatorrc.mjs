// eslint-doc-generator: README rules table and rule doc headers, from the *built* plugin.
// The generator loads the package entry point (`exports` → `dist/index.js`), so run it after
// `npm run build`; `npm run docs` and `npm run docs:check` both build first.

const repository = 'https://github.com/leakproof/eslint-plugin-leakproof';

/** @type {import('eslint-doc-generator').GenerateOptions} */
const config = {
  configEmoji: [
    ['recommended', '✅'],
    ['recommended-type-checked', '☑️'],
    ['strict', '🔒'],
    ['all', '🌐'],
  ],
  // Only turns typed rules off for untyped files; it says nothing about a rule.
  ignoreConfig: ['disable-type-checked'],
  ruleListColumns: [
    'name',
    'description',
    'configsError',
    'configsWarn',
    'configsOff',
    'fixable',
    'hasSuggestions',
    'requiresTypeChecking',
  ],
  initRuleDocs: false,
  pathRuleDoc: 'docs/rules/{name}.md',
  urlRuleDoc: `${repository}/blob/main/docs/rules/{name}.md`,
  urlConfigs: `${repository}#configs`,
  // The house layout of a rule doc (HOUSE.md).
  ruleDocSectionInclude: ['Examples', 'When Not To Use It'],
  // Off: HOUSE wants `## Options` in every doc ("This rule has no options." included), which the
  // generator forbids for option-less rules; tests/plugin.test.ts checks every option is documented.
  ruleDocSectionOptions: false,
};

export default config;
