/**
 * Pre-commit: a temporary git repository whose plain `.git/hooks/pre-commit` runs lint-staged,
 * which runs the workspace's `eslint` on the staged files.
 *
 * ESLint 10 only: the hook's contract with ESLint is the CLI's exit code, its stylish output and
 * `--fix` on the files it is given, which ci.test.ts and versions.test.ts check on both majors.
 * A second major here cost a fifth of the integration suite's time and checked nothing more.
 */
import fs from 'node:fs';
import path from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { CLEAN, HANDLERS_FIXED, HANDLERS_LEAKY, MAGIC_AUTOFIXED, MAGIC_LEAKY } from './fixtures.js';
import {
  cleanEnv,
  eslint10,
  findings,
  isLeakproof,
  lintInProcess,
  makeTypedWorkspace,
  removeTempDirs,
  ruleDocs,
  run,
  stylish,
  writeFiles,
  type RunResult,
} from './helpers.js';

afterAll(removeTempDirs);

const gitEnv = cleanEnv({
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_CONFIG_GLOBAL: '/dev/null',
  GIT_TERMINAL_PROMPT: '0',
});

describe('lint-staged pre-commit hook with ESLint 10', () => {
  const version = eslint10;
  let repo: string;
  const git = (...args: string[]): Promise<RunResult> =>
    run('git', args, { cwd: repo, env: gitEnv });
  const commit = async (message: string): Promise<RunResult & { output: string }> => {
    const result = await git('commit', '-m', message);
    return { ...result, output: result.stdout + result.stderr };
  };
  const committed = async (file: string): Promise<string> =>
    (await git('show', `HEAD:${file}`)).stdout;
  const stage = async (files: Record<string, string>): Promise<void> => {
    writeFiles(repo, files);
    const added = await git('add', ...Object.keys(files));
    expect(added.code, added.stderr).toBe(0);
  };
  const lintStaged = (command: string): string =>
    `${JSON.stringify({ '*.{ts,js}': command }, null, 2)}\n`;

  beforeAll(async () => {
    repo = makeTypedWorkspace(
      `pre-commit-v${version.major}`,
      {
        '.gitignore': 'node_modules/\n',
        '.lintstagedrc.json': lintStaged('eslint --max-warnings 0'),
        'src/totals.ts': CLEAN,
      },
      version,
    );
    for (const args of [
      ['init', '-q', '-b', 'main'],
      ['config', 'user.name', 'Leakproof Test'],
      ['config', 'user.email', 'leakproof-test@example.invalid'],
      ['config', 'commit.gpgsign', 'false'],
      ['config', 'core.hooksPath', '.git/hooks'],
    ]) {
      const result = await git(...args);
      expect(result.code, result.stderr).toBe(0);
    }
    const hook = path.join(repo, '.git', 'hooks', 'pre-commit');
    fs.writeFileSync(hook, '#!/bin/sh\nexec node_modules/.bin/lint-staged\n', { mode: 0o755 });
    await git('add', '-A');
    const first = await git('commit', '--no-verify', '-m', 'Service skeleton');
    expect(first.code, first.stderr).toBe(0);
  }, 120_000);

  it("fails the commit of a leak with the rule's message and leaves HEAD alone", async () => {
    const docs = await ruleDocs();
    await stage({ 'src/handlers.ts': HANDLERS_LEAKY });
    const expected = findings(await lintInProcess(repo, ['src/handlers.ts'], version), repo).filter(
      (f) => isLeakproof(f.ruleId),
    );
    expect(
      expected.length,
      'the ESLint class finds no leakproof problem in the leaky fixture',
    ).toBeGreaterThan(0);

    const head = (await git('rev-parse', 'HEAD')).stdout;
    const result = await commit('Add report and upload handlers');
    expect(result.code, result.output).not.toBe(0);
    for (const f of expected) {
      expect(docs.has(f.ruleId ?? '')).toBe(true);
      expect(result.output).toContain(stylish(f.message));
      expect(result.output).toContain(f.ruleId);
    }
    expect((await git('rev-parse', 'HEAD')).stdout).toBe(head);
  }, 90_000);

  it('lets the fixed file through', async () => {
    await stage({ 'src/handlers.ts': HANDLERS_FIXED });
    const result = await commit('Add report and upload handlers');
    expect(result.code, result.output).toBe(0);
    expect(await committed('src/handlers.ts')).toBe(HANDLERS_FIXED);
  }, 90_000);

  it('commits the autofixed code when lint-staged runs eslint --fix', async () => {
    await stage({ '.lintstagedrc.json': lintStaged('eslint --fix --max-warnings 0') });
    const config = await commit('Fix what ESLint can fix on commit');
    expect(config.code, config.output).toBe(0);

    await stage({ 'src/magic.ts': MAGIC_LEAKY });
    const result = await commit('Check upload magic numbers');
    expect(result.code, result.output).toBe(0);
    expect(await committed('src/magic.ts')).toBe(MAGIC_AUTOFIXED);
    expect(fs.readFileSync(path.join(repo, 'src', 'magic.ts'), 'utf8')).toBe(MAGIC_AUTOFIXED);
    expect((await git('status', '--porcelain')).stdout).toBe('');
  }, 90_000);
});
