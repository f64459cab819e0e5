// eslint-doc-generator: README rules table and rule doc headers, from the *built* plugin.
// The generator loads the package entry point (`exports` → `dist/index.js`), so run it after
// `npm run build`; `npm run docs` and `npm run docs:check` both build first.

const repository = 'https://github.com/leakproof/eslint-plugin-leakproof';

const OPTIONS_LIST =
  /(<!-- begin auto-generated rule options list -->)([\s\S]*?)(<!-- end auto-generated rule options list -->)/;

/**
 * The options table lists every `properties` entry the generator finds in the schema, including
 * those of the conditions (`if`, `dependencies`) that tie `package`/`path` to `from` in a
 * resource specifier: rows that repeat an option's name without a description. Drop them.
 */
function dropConditionRows(content) {
  return content.replace(OPTIONS_LIST, (_, begin, table, end) => {
    const rows = table.split('\n');
    const cells = (row) => row.split('|').map((cell) => cell.trim());
    const described = new Set(
      rows
        .filter((row) => row.startsWith('| `') && cells(row)[2] !== '')
        .map((row) => cells(row)[1]),
    );
    const kept = rows.filter(
      (row) => !(row.startsWith('| `') && cells(row)[2] === '' && described.has(cells(row)[1])),
    );
    return `${begin}${kept.join('\n')}${end}`;
  });
}

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
  // The house layout of a rule doc (HOUSE.md); tests/plugin.test.ts checks order and content.
  ruleDocSectionInclude: [
    'Examples',
    'When Not To Use It',
    'Related Rules',
    'Version',
    'Resources',
  ],
  // Off: HOUSE wants `## Options` in every doc ("This rule has no options." included), which the
  // generator forbids for option-less rules; tests/plugin.test.ts checks every option is documented.
  ruleDocSectionOptions: false,
  postprocess: dropConditionRows,
};

export default config;
