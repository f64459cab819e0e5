// Reading public projects at pinned commits out of git directories, for the field test
// (scripts/field.mjs) and the benchmark's real corpora (bench/real.mjs). Neither commits any of
// that code: the files are written into ignored folders.
//
// A project's git directory is a mirror (brought with the `fetch` tool to
// <mirrors>/<owner>+<name>/, where the repository may sit in `repo/` or `repo/.git`) or a bare
// clone made here when there is no mirror.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** The git directory of `owner/name` under `mirrors`, or `undefined`. */
export function gitDirOf(repo, mirrors) {
  const base = path.join(mirrors, repo.replace('/', '+'));
  for (const dir of [path.join(base, 'repo/.git'), path.join(base, 'repo'), base]) {
    if (existsSync(path.join(dir, 'HEAD')) && existsSync(path.join(dir, 'objects'))) return dir;
  }
  return undefined;
}

/** Runs git on a git directory and returns its standard output. */
export function git(gitDir, args) {
  return execFileSync('git', [`--git-dir=${gitDir}`, ...args], {
    encoding: 'utf8',
    maxBuffer: 1 << 30,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/** Whether the git directory holds that commit. */
export function hasCommit(gitDir, commit) {
  try {
    git(gitDir, ['cat-file', '-e', `${commit}^{commit}`]);
    return true;
  } catch {
    return false;
  }
}

/**
 * A git directory holding `commit` of `owner/name`: the first of `mirrors` that has it, else a
 * bare clone from GitHub into `cloneInto/<owner>+<name>` (made, or fetched into, as needed).
 */
export function gitDirWith(repo, commit, { mirrors, cloneInto, log = () => {} }) {
  for (const m of mirrors) {
    const dir = gitDirOf(repo, m);
    if (dir && hasCommit(dir, commit)) return dir;
  }
  const dir = path.join(cloneInto, repo.replace('/', '+'));
  const url = `https://github.com/${repo}`;
  if (!existsSync(path.join(dir, 'HEAD'))) {
    log(`git clone --bare ${url} ${dir}`);
    mkdirSync(cloneInto, { recursive: true });
    execFileSync('git', ['clone', '--bare', '--quiet', url, dir], { stdio: 'inherit' });
  }
  if (!hasCommit(dir, commit)) {
    log(`git fetch ${url} ${commit}`);
    git(dir, ['fetch', '--quiet', url, commit]);
  }
  return dir;
}

/** The paths of every file in the tree of `commit`. */
export function listTree(gitDir, commit) {
  return git(gitDir, ['ls-tree', '-r', '--name-only', commit]).split('\n').filter(Boolean);
}

/**
 * Writes `files` as of `commit` under `dir` (one `git cat-file --batch` for all) and returns
 * the set of those the git directory lacks (snapshots leave the largest blobs out).
 */
export function writeFiles(gitDir, commit, files, dir) {
  const absent = new Set();
  if (!files.length) return absent;
  const out = execFileSync('git', [`--git-dir=${gitDir}`, 'cat-file', '--batch'], {
    input: files.map((file) => `${commit}:${file}\n`).join(''),
    maxBuffer: 2 ** 31,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let at = 0;
  for (const file of files) {
    const eol = out.indexOf(10, at);
    const header = out.toString('utf8', at, eol).split(' ');
    at = eol + 1;
    if (header[1] !== 'blob') {
      absent.add(file); // "<name> missing": left out of the snapshot
      continue;
    }
    const size = Number(header[2]);
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), out.subarray(at, at + size));
    at += size + 1;
  }
  return absent;
}
