/**
 * The package as users install it: `npm pack`, the tarball checked by publint and
 * arethetypeswrong, then installed into fresh temporary projects (npm, from the registry's
 * cache) and used exactly as the README says — a typed TypeScript project, and a plain
 * JavaScript project in which `typescript` cannot be resolved at all.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import {
  CLEAN,
  HANDLERS_LEAKY,
  JS_AUDIT_FIXED,
  JS_AUDIT_LEAKY,
  JS_SERVER_LEAKY,
} from './fixtures.js';
import {
  cleanEnv,
  findings,
  isLeakproof,
  loadBuiltPlugin,
  makeTempDir,
  parseJsonResults,
  parseOxlintJson,
  removeTempDirs,
  repoNodeModules,
  repoRoot,
  run,
  TSCONFIG,
  type Finding,
  type RunResult,
} from './helpers.js';

afterAll(removeTempDirs);

const npm = (cwd: string, args: string[]): Promise<RunResult> =>
  run('npm', [...args, '--no-audit', '--no-fund', '--loglevel', 'error'], { cwd, env: cleanEnv() });

/** The version of a package installed in this repository, so installs are served from npm's cache. */
const repoVersion = (name: string): string => {
  const pkg = JSON.parse(
    fs.readFileSync(path.join(repoNodeModules, name, 'package.json'), 'utf8'),
  ) as {
    version: string;
  };
  return pkg.version;
};

interface ConfigBlock {
  /** The file the block names in its first line (`// eslint.config.js`), else eslint.config.mjs. */
  file: string;
  code: string;
}

/** The `js` code blocks of the README that set up the plugin, each with the file it belongs in. */
function readmeConfigBlocks(): ConfigBlock[] {
  const readme = path.join(repoRoot, 'README.md');
  if (!fs.existsSync(readme)) return [];
  const text = fs.readFileSync(readme, 'utf8');
  return [...text.matchAll(/^```(?:js|javascript|mjs)\n([\s\S]*?)^```/gm)]
    .map((m) => m[1])
    .filter(
      (code) =>
        (code.includes("from 'eslint-plugin-leakproof'") && /export default/.test(code)) ||
        (code.includes("require('eslint-plugin-leakproof')") && /module\.exports\s*=/.test(code)),
    )
    .map((code) => ({
      file: /^\/\/ *(eslint\.config\.[cm]?js)\s*$/m.exec(code)?.[1] ?? 'eslint.config.mjs',
      code,
    }));
}

/** Bare package names a config block imports (`@scope/name`, `name`), except the plugin itself. */
function importedPackages(code: string): string[] {
  const names = new Set<string>();
  for (const m of code.matchAll(/\b(?:from\s+|require\()['"]([^'"./][^'"]*)['"]/g)) {
    const spec = m[1];
    if (spec.startsWith('node:') || spec.startsWith('eslint-plugin-leakproof')) continue;
    const parts = spec.split('/');
    names.add(spec.startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0]);
  }
  return [...names];
}

/** The README's `.oxlintrc.json` block, as a user copies it. */
function readmeOxlintConfig(): string {
  const text = fs.readFileSync(path.join(repoRoot, 'README.md'), 'utf8');
  const block = /^```jsonc?\n(\/\/ *\.oxlintrc\.json\n[\s\S]*?)^```/m.exec(text);
  expect(block, 'README.md has a `.oxlintrc.json` block').not.toBeNull();
  return block![1];
}

/** Leaves `file` as the project's only ESLint config file. */
function writeConfig(project: string, file: string, code: string): void {
  for (const name of fs.readdirSync(project))
    if (name.startsWith('eslint.config.')) fs.rmSync(path.join(project, name));
  fs.writeFileSync(path.join(project, file), code);
}

/** `file:line:column rule`: where a report is and which rule made it. */
const located = (f: {
  file: string;
  line: number;
  column: number;
  ruleId: string | null;
}): string => `${f.file}:${f.line}:${f.column} ${f.ruleId}`;

/** The project's own oxlint over `src`, with the `.oxlintrc.json` it finds: our reports, located. */
async function oxlint(project: string): Promise<string[]> {
  const bin = path.join(project, 'node_modules', 'oxlint', 'bin', 'oxlint');
  const result = await run(process.execPath, [bin, '-f', 'json', 'src'], {
    cwd: project,
    env: cleanEnv(),
  });
  expect(result.stderr).not.toMatch(/LEAKPROOF_INTERNAL_ERROR|Error/);
  return parseOxlintJson(result.stdout, project)
    .filter((r) => isLeakproof(r.ruleId) && r.line !== undefined)
    .map((r) => located({ ...r, line: r.line!, column: r.column! }))
    .sort();
}

const leakproofFindings = (stdout: string, cwd: string): Finding[] =>
  findings(parseJsonResults(stdout), cwd).filter((f) => isLeakproof(f.ruleId) || f.ruleId === null);

/** The project's own ESLint CLI over `src`: our reports (and fatal ones). */
async function lintProject(project: string): Promise<Finding[]> {
  const eslint = path.join(project, 'node_modules', 'eslint', 'bin', 'eslint.js');
  const result = await run(process.execPath, [eslint, '--format', 'json', 'src'], {
    cwd: project,
    env: cleanEnv(),
  });
  expect(result.stdout, result.stderr).toMatch(/^\[/);
  return leakproofFindings(result.stdout, project);
}

describe('the packed tarball', () => {
  let tarball: string;
  let packDir: string;

  beforeAll(async () => {
    packDir = makeTempDir('pack');
    // --ignore-scripts: prepack's clean rebuild would pull dist/ from under the other test
    // files that read it at the same time; npm test has just built it.
    const packed = await npm(repoRoot, [
      'pack',
      '--ignore-scripts',
      '--json',
      '--pack-destination',
      packDir,
    ]);
    expect(packed.code, packed.stderr).toBe(0);
    const [info] = JSON.parse(packed.stdout) as { filename: string; files: { path: string }[] }[];
    tarball = path.join(packDir, info.filename);
    expect(fs.existsSync(tarball)).toBe(true);
    const paths = info.files.map((f) => f.path);
    expect(paths).toContain('dist/index.js');
    expect(paths).toContain('dist/index.d.ts');
    for (const file of ['LICENSE', 'CHANGELOG.md', 'README.md']) expect(paths).toContain(file);
    expect(paths.filter((p) => /^(src|tests|node_modules)\//.test(p))).toEqual([]);
  }, 120_000);

  it('passes publint', async () => {
    const bin = path.join(repoNodeModules, 'publint', 'src', 'cli.js');
    const result = await run(
      process.execPath,
      [bin, 'run', tarball, '--strict', '--pack', 'false'],
      {
        cwd: packDir,
        env: cleanEnv(),
      },
    );
    expect(result.code, result.stdout + result.stderr).toBe(0);
  }, 60_000);

  it('passes arethetypeswrong for an ESM-only package', async () => {
    const pkg = JSON.parse(
      fs.readFileSync(
        path.join(repoNodeModules, '@arethetypeswrong', 'cli', 'package.json'),
        'utf8',
      ),
    ) as { bin: Record<string, string> };
    const bin = path.join(repoNodeModules, '@arethetypeswrong', 'cli', pkg.bin.attw);
    const result = await run(
      process.execPath,
      [bin, tarball, '--profile', 'esm-only', '--format', 'ascii'],
      {
        cwd: packDir,
        env: cleanEnv(),
      },
    );
    expect(result.code, result.stdout + result.stderr).toBe(0);
    expect(result.stdout).toMatch(
      /"eslint-plugin-leakproof"\s+node16 \(from ESM\): 🟢 \(ESM\)\s+bundler: 🟢/,
    );
  }, 60_000);

  describe.each([
    { eslint: 10, name: 'eslint' },
    { eslint: 9, name: 'eslint-v9' },
  ])('in a fresh TypeScript project with ESLint $eslint', ({ eslint, name }) => {
    let project: string;
    let block: ConfigBlock;
    let viaEslint: Finding[];

    beforeAll(async () => {
      const typed = readmeConfigBlocks().find((b) => b.code.includes('projectService'));
      expect(
        typed,
        'README.md has no typed flat-config example (a js block with projectService)',
      ).toBeDefined();
      block = typed!;
      project = makeTempDir(`fresh-ts-${eslint}`, {
        'package.json': JSON.stringify(
          { name: 'fresh-ts', private: true, type: 'module' },
          null,
          2,
        ),
        'tsconfig.json': TSCONFIG,
        '.oxlintrc.json': readmeOxlintConfig(),
        'src/handlers.ts': HANDLERS_LEAKY,
        'src/totals.ts': CLEAN,
      });
      const packages = new Set([
        'typescript',
        'typescript-eslint',
        '@types/node',
        'jiti',
        // oxlint does not load ESLint, so only the ESLint 10 project runs it (below).
        ...(eslint === 10 ? ['oxlint'] : []),
        ...importedPackages(block.code),
      ]);
      packages.delete('eslint');
      const install = await npm(project, [
        'install',
        '--prefer-offline',
        '--save-dev',
        `eslint@${repoVersion(name)}`,
        ...[...packages].map((pkg) => `${pkg}@${repoVersion(pkg)}`),
        tarball,
      ]);
      expect(install.code, install.stderr).toBe(0);
      // A real install, not a link back into this repository.
      expect(
        fs
          .lstatSync(path.join(project, 'node_modules', 'eslint-plugin-leakproof'))
          .isSymbolicLink(),
      ).toBe(false);
      const installed = JSON.parse(
        fs.readFileSync(path.join(project, 'node_modules', 'eslint', 'package.json'), 'utf8'),
      ) as { version: string };
      expect(installed.version.split('.')[0]).toBe(String(eslint));
    }, 180_000);

    const lint = (): Promise<Finding[]> => lintProject(project);

    it('lints as the README says, with its typed config', async () => {
      writeConfig(project, block.file, block.code);
      viaEslint = await lint();
      expect(viaEslint.filter((f) => f.ruleId === null)).toEqual([]);
      expect(
        viaEslint.filter((f) => f.file === path.join('src', 'handlers.ts')).length,
      ).toBeGreaterThan(0);
      expect(viaEslint.filter((f) => f.file === path.join('src', 'totals.ts'))).toEqual([]);
    }, 60_000);

    it('gives the same reports with the config in eslint.config.ts, which type-checks', async () => {
      writeConfig(project, 'eslint.config.ts', block.code);
      const found = await lint();
      expect(found).toEqual(viaEslint);
      // The plugin's types fit ESLint's and typescript-eslint's config types.
      const tsc = await run(
        process.execPath,
        [
          path.join(project, 'node_modules', 'typescript', 'bin', 'tsc'),
          '--noEmit',
          '--strict',
          '--skipLibCheck',
          '--module',
          'nodenext',
          '--target',
          'es2022',
          '--types',
          'node',
          'eslint.config.ts',
        ],
        { cwd: project, env: cleanEnv() },
      );
      expect(tsc.code, tsc.stdout + tsc.stderr).toBe(0);
    }, 90_000);

    // oxlint does not load ESLint: one of the two projects is enough.
    if (eslint !== 10) return;
    it("under oxlint with the README's .oxlintrc.json, reports what ESLint reports without types", async () => {
      const found = await oxlint(project);
      expect(
        found.filter((f) => f.startsWith(`${path.join('src', 'handlers.ts')}:`)).length,
      ).toBeGreaterThan(0);
      expect(found.filter((f) => f.startsWith(`${path.join('src', 'totals.ts')}:`))).toEqual([]);
      // The typed config can only add reports to what the untyped rules find in these files.
      const typed = viaEslint.map(located);
      expect(found.filter((f) => !typed.includes(f))).toEqual([]);
    }, 60_000);
  });

  describe('in a JavaScript project without TypeScript', () => {
    let project: string;
    // The README's plain-JavaScript configs: the CommonJS one and the ES module one.
    const jsBlocks = readmeConfigBlocks().filter((b) => !b.code.includes('typescript-eslint'));

    beforeAll(async () => {
      expect(
        jsBlocks.map((b) => (b.code.includes('require(') ? 'commonjs' : 'module')).sort(),
        'README.md shows a plain-JavaScript flat config in CommonJS and as an ES module',
      ).toEqual(['commonjs', 'module']);
      // What `npm init -y` writes with npm 11: a CommonJS package.
      project = makeTempDir('fresh-js', {
        'package.json': JSON.stringify(
          { name: 'fresh-js', version: '1.0.0', private: true, type: 'commonjs' },
          null,
          2,
        ),
        'src/server.mjs': JS_SERVER_LEAKY,
        'src/audit.cjs': JS_AUDIT_LEAKY,
        'src/audit-fixed.cjs': JS_AUDIT_FIXED,
        '.oxlintrc.json': readmeOxlintConfig(),
      });
      const packages = new Set([
        'eslint',
        'oxlint',
        ...jsBlocks.flatMap((b) => importedPackages(b.code)),
      ]);
      // npm installs required peers by itself, and our dependency @typescript-eslint/utils declares
      // `typescript` as one, so a plain install brings TypeScript along anyway. `--omit=peer` leaves
      // it out (as yarn does), which shows that linting JavaScript never needs it.
      const install = await npm(project, [
        'install',
        '--prefer-offline',
        '--omit=peer',
        '--save-dev',
        ...[...packages].map((name) => `${name}@${repoVersion(name)}`),
        tarball,
      ]);
      expect(install.code, install.stderr).toBe(0);
    }, 180_000);

    it('cannot resolve typescript at all', () => {
      const requireFromProject = createRequire(path.join(project, 'package.json'));
      expect(() => requireFromProject.resolve('typescript')).toThrow(/Cannot find module/);
      const requireFromPlugin = createRequire(
        path.join(project, 'node_modules', 'eslint-plugin-leakproof', 'package.json'),
      );
      expect(() => requireFromPlugin.resolve('typescript')).toThrow(/Cannot find module/);
    });

    const viaEslint = new Map<string, string[]>();

    // Each README block in the file it names, and in the other file name that takes the same code:
    // `.cjs` for CommonJS, `eslint.config.js` of a `"type": "module"` package for ES modules.
    it.each([
      { kind: 'commonjs', file: undefined, label: 'the file it names', type: 'commonjs' },
      { kind: 'commonjs', file: 'eslint.config.cjs', label: 'eslint.config.cjs', type: 'commonjs' },
      { kind: 'module', file: undefined, label: 'the file it names', type: 'commonjs' },
      { kind: 'module', file: 'eslint.config.js', label: 'eslint.config.js', type: 'module' },
    ])(
      'with the README $kind config in $label of a $type package, gets the untyped rules from recommended, and they report in .mjs and .cjs files',
      async ({ kind, file, type }) => {
        const block = jsBlocks.find((b) => b.code.includes('require(') === (kind === 'commonjs'))!;
        writeConfig(project, file ?? block.file, block.code);
        const manifest = path.join(project, 'package.json');
        fs.writeFileSync(
          manifest,
          JSON.stringify({ ...JSON.parse(fs.readFileSync(manifest, 'utf8')), type }, null, 2),
        );
        const plugin = await loadBuiltPlugin();
        const typed = new Set(
          Object.entries(plugin.rules)
            .filter(([, rule]) => rule.meta.docs?.requiresTypeChecking === true)
            .map(([name]) => `leakproof/${name}`),
        );
        const recommended = Object.keys(plugin.configs.recommended.rules ?? {});
        expect(recommended.length).toBeGreaterThan(0);
        expect(recommended.filter((id) => typed.has(id))).toEqual([]);

        const found = await lintProject(project);
        expect(found.filter((f) => f.ruleId === null)).toEqual([]);
        for (const f of found) expect(recommended).toContain(f.ruleId);
        expect(
          found.filter((f) => f.file === path.join('src', 'server.mjs')).length,
        ).toBeGreaterThan(0);
        expect(
          found.filter((f) => f.file === path.join('src', 'audit.cjs')).length,
        ).toBeGreaterThan(0);
        expect(found.filter((f) => f.file === path.join('src', 'audit-fixed.cjs'))).toEqual([]);
        viaEslint.set(`${kind} ${file}`, found.map(located).sort());
      },
      60_000,
    );

    it("under oxlint with the README's .oxlintrc.json, reports exactly what ESLint reports", async () => {
      const found = await oxlint(project);
      expect(found.length).toBeGreaterThan(0);
      expect(viaEslint.size).toBe(4);
      for (const reports of viaEslint.values()) expect(found).toEqual(reports);
    }, 60_000);
  });
});
