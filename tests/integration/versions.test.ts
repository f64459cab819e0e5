/**
 * Both supported ESLint majors, through the `ESLint` class (what editors, formatters and
 * other tools embed) and through the CLI; and a mixed repository whose JavaScript files are
 * linted without type information next to typed TypeScript.
 */
import path from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import {
  CLEAN,
  HANDLERS_LEAKY,
  JS_AUDIT_LEAKY,
  JS_SERVER_LEAKY,
  MAGIC_AUTOFIXED,
  MAGIC_LEAKY,
} from './fixtures.js';
import {
  eslintVersions,
  findings,
  isLeakproof,
  lintInProcess,
  loadBuiltPlugin,
  loadEslintClass,
  makeTypedWorkspace,
  parseJsonResults,
  removeTempDirs,
  ruleDocs,
  runEslint,
  stylish,
  writeFiles,
  type BuiltPlugin,
} from './helpers.js';

afterAll(removeTempDirs);

const mixedConfig = (
  disableTypedForJs: boolean,
): string => `import leakproof from 'eslint-plugin-leakproof';
import tseslint from 'typescript-eslint';

export default [
  { ignores: ['eslint.config.mjs'] },
  {
    files: ['**/*.ts'],
    languageOptions: {
      parser: tseslint.parser,
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
  },
  leakproof.configs.all,
${disableTypedForJs ? "  { files: ['**/*.{js,mjs,cjs}'], ...leakproof.configs['disable-type-checked'] },\n" : ''}];
`;

describe.each(eslintVersions)('ESLint $major', (version) => {
  let workspace: string;
  let docs: Map<string, string>;
  let plugin: BuiltPlugin;

  beforeAll(async () => {
    docs = await ruleDocs();
    plugin = await loadBuiltPlugin();
    workspace = makeTypedWorkspace(
      `versions-v${version.major}`,
      {
        'src/handlers.ts': HANDLERS_LEAKY,
        'src/totals.ts': CLEAN,
        'src/magic.ts': MAGIC_LEAKY,
        'scripts/server.mjs': JS_SERVER_LEAKY,
        'scripts/audit.cjs': JS_AUDIT_LEAKY,
      },
      version,
    );
  }, 60_000);

  it('reports the leak and passes the clean file through the ESLint class', async () => {
    const ESLint = await loadEslintClass(version);
    expect(ESLint.version.split('.')[0]).toBe(String(version.major));
    const eslint = new ESLint({ cwd: workspace });
    const results = await eslint.lintFiles(['src']);
    const found = findings(results, workspace);
    const leaks = found.filter((f) => f.file === path.join('src', 'handlers.ts'));
    expect(leaks.length).toBeGreaterThan(0);
    for (const f of leaks) expect(docs.has(f.ruleId ?? '')).toBe(true);
    expect(found.filter((f) => f.file === path.join('src', 'totals.ts'))).toEqual([]);
    // What editors and formatters read to link a report to its docs.
    const meta = eslint.getRulesMetaForResults(results);
    for (const f of leaks) expect(meta[f.ruleId!]?.docs?.url).toBe(docs.get(f.ruleId!));
    // What `eslint --fix` (and lint-staged's `eslint --fix`) writes, on this major.
    const [fixed] = await new ESLint({ cwd: workspace, fix: true }).lintFiles(['src/magic.ts']);
    expect(fixed?.output).toBe(MAGIC_AUTOFIXED);
  }, 60_000);

  it('reports the leak and passes the clean file through the CLI, as the class does', async () => {
    const stylishRun = await runEslint(workspace, ['src']);
    expect(stylishRun.code).toBe(1);
    const json = await runEslint(workspace, ['--format', 'json', 'src']);
    const found = findings(parseJsonResults(json.stdout), workspace);
    expect(found).toEqual(findings(await lintInProcess(workspace, ['src'], version), workspace));
    const leaks = found.filter((f) => isLeakproof(f.ruleId));
    expect(leaks.filter((f) => f.file === path.join('src', 'handlers.ts')).length).toBeGreaterThan(
      0,
    );
    for (const f of leaks) {
      expect(stylishRun.stdout).toContain(stylish(f.message));
      expect(stylishRun.stdout).toContain(f.ruleId);
    }
    // The clean file is linted and passes: listed in the results, without a message.
    expect(
      parseJsonResults(json.stdout).map((r) => path.relative(workspace, r.filePath)),
    ).toContain(path.join('src', 'totals.ts'));
    expect(found.filter((f) => f.file === path.join('src', 'totals.ts'))).toEqual([]);
    expect(stylishRun.stdout).not.toContain('totals.ts');
  }, 90_000);

  it('lints the JavaScript of a mixed repository without types once typed rules are disabled for it', async () => {
    const typed = Object.entries(plugin.rules)
      .filter(([, rule]) => rule.meta.docs?.requiresTypeChecking === true)
      .map(([name]) => `leakproof/${name}`);
    expect(plugin.configs['disable-type-checked'].rules).toEqual(
      Object.fromEntries(typed.map((id) => [id, 'off'])),
    );

    const ESLint = await loadEslintClass(version);
    writeFiles(workspace, { 'eslint.config.mjs': mixedConfig(true) });
    const found = findings(
      await new ESLint({ cwd: workspace }).lintFiles(['src', 'scripts']),
      workspace,
    );
    expect(found.filter((f) => f.ruleId === null)).toEqual([]);
    const js = found.filter((f) => f.file.startsWith('scripts'));
    expect(js.filter((f) => typed.includes(f.ruleId ?? ''))).toEqual([]);
    expect(js.filter((f) => f.file.endsWith('server.mjs')).length).toBeGreaterThan(0);
    expect(found.filter((f) => f.file === path.join('src', 'handlers.ts')).length).toBeGreaterThan(
      0,
    );

    if (typed.length > 0) {
      // Without the override, a typed rule on a file without type information stops the run.
      writeFiles(workspace, { 'eslint.config.mjs': mixedConfig(false) });
      await expect(new ESLint({ cwd: workspace }).lintFiles(['scripts'])).rejects.toThrow(
        /type information/,
      );
    }
  }, 60_000);
});
