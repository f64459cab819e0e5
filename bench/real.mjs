// The benchmark's real corpora (issue 16): the sources of public projects at the commits pinned
// in tests/field/projects.json, written into bench/.real/<name>/ (ignored by git, prettier and
// ESLint; never committed). bench/run.mjs lints them besides the synthetic corpus.
//
//   node bench/real.mjs            extract (or check) every corpus and print its size
//
// The code is read from the field test's mirrors ($FIELD_MIRRORS, default /work/.mirror), or
// from a bare clone made in bench/.real/.git/ when no mirror has the commit.
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { gitDirWith, listTree, writeFiles } from '../scripts/git-snapshot.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.join(here, '..');
export const REAL_DIR = path.join(here, '.real');

/**
 * Each corpus: a project of tests/field/projects.json (repo and commit come from there), the
 * files to extract (`take`; `drop` wins), the files to lint (ESLint globs, relative to the
 * corpus; `roots`: the same for oxlint, which takes paths), and how typed linting finds its program: the project's own tsconfig files
 * (`tsconfig: 'own'`, extracted with the sources), or one written here (`tsconfig: {...}`, for
 * JavaScript: `allowJs` over the linted files).
 */
export const REAL_CORPORA = [
  {
    name: 'vite',
    what: "Vite's own package (TypeScript; classes with `close`/`dispose` methods, servers, watchers), with its tsconfig files",
    take: [/^packages\/vite\/src\//, /^packages\/vite\/tsconfig\.base\.json$/],
    drop: /\/(?:__tests__|__tests_dts__|fixtures)\//,
    lint: ['packages/vite/src/**/*.ts'],
    roots: ['packages/vite/src'],
    ignores: ['**/*.d.ts'],
    sourceType: 'module',
    tsconfig: 'own',
  },
  {
    name: 'knex',
    what: 'the knex query builder (CommonJS JavaScript; connection pools, clients, streams), typed through a written `allowJs` tsconfig',
    take: [/^knex\.js$/, /^lib\/.*\.js$/, /^bin\/.*\.js$/],
    drop: /\/(?:__tests__|fixtures)\//,
    lint: ['knex.js', 'lib/**/*.js', 'bin/**/*.js'],
    roots: ['knex.js', 'lib', 'bin'],
    ignores: [],
    sourceType: 'commonjs',
    tsconfig: {
      compilerOptions: {
        target: 'es2022',
        module: 'commonjs',
        moduleResolution: 'node10',
        allowJs: true,
        checkJs: false,
        noEmit: true,
        types: ['node'],
        skipLibCheck: true,
      },
      include: ['knex.js', 'lib', 'bin'],
    },
  },
];

const STAMP = '.bench-real.json';

/**
 * Extracts one corpus (nothing when its stamp says it is there already) and returns
 * `{ name, dir, files, lines, commit, repo, lint, ignores, sourceType }`.
 */
export function prepareReal(corpus, { log = () => {} } = {}) {
  const list = JSON.parse(readFileSync(path.join(root, 'tests/field/projects.json'), 'utf8'));
  const project = list.projects.find((p) => p.name === corpus.name);
  if (!project) throw new Error(`bench/real.mjs: no project ${corpus.name} in projects.json`);
  const dir = path.join(REAL_DIR, corpus.name);
  const stampFile = path.join(dir, STAMP);
  const key = JSON.stringify({ commit: project.commit, corpus: String(Object.values(corpus)) });
  let stamp = existsSync(stampFile) ? JSON.parse(readFileSync(stampFile, 'utf8')) : undefined;
  if (stamp?.key !== key) {
    rmSync(dir, { recursive: true, force: true });
    const mirrors = [process.env.FIELD_MIRRORS ?? '/work/.mirror', path.join(REAL_DIR, '.git')];
    const gitDir = gitDirWith(project.repo, project.commit, {
      mirrors,
      cloneInto: path.join(REAL_DIR, '.git'),
      log,
    });
    const wanted = listTree(gitDir, project.commit).filter(
      (f) => corpus.take.some((re) => re.test(f)) && !corpus.drop.test(`/${f}`),
    );
    const absent = writeFiles(gitDir, project.commit, wanted, dir);
    if (corpus.tsconfig !== 'own')
      writeFileSync(path.join(dir, 'tsconfig.json'), JSON.stringify(corpus.tsconfig, null, 2));
    const files = wanted.filter((f) => !absent.has(f) && /\.[cm]?[jt]s$/.test(f));
    const linted = files.filter((f) => !f.endsWith('.d.ts'));
    const lines = linted.reduce(
      (n, f) => n + readFileSync(path.join(dir, f), 'utf8').split('\n').length,
      0,
    );
    stamp = { key, files: linted.length, lines, absent: absent.size };
    writeFileSync(stampFile, JSON.stringify(stamp));
    log(`extracted ${corpus.name}@${project.commit.slice(0, 10)} into ${path.relative(root, dir)}`);
  }
  // The worker lints what this file names (bench/worker.mjs reads it).
  const setup = {
    lint: corpus.lint,
    ignores: corpus.ignores,
    sourceType: corpus.sourceType,
  };
  writeFileSync(path.join(dir, 'bench-corpus.json'), JSON.stringify(setup));
  return {
    ...setup,
    name: corpus.name,
    what: corpus.what,
    dir,
    repo: project.repo,
    commit: project.commit,
    files: stamp.files,
    lines: stamp.lines,
  };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  for (const c of REAL_CORPORA) {
    const r = prepareReal(c, { log: console.error });
    console.log(
      `${r.name}: ${r.repo}@${r.commit.slice(0, 10)}, ${r.files} files, ${r.lines} lines`,
    );
  }
}
