/**
 * Fix outputs the rules once gave that break code (issue 17, defects 3 and 4): the fix-validity
 * suite's `tsc` check and the fuzz suite's sandbox must each catch them.
 */
export interface BrokenFix {
  before: string;
  after: string;
}

/** A `try` body lifted past a declaration that shadows a name the acquisition reads (3). */
export const SHADOWED_TRY_BODY: BrokenFix = {
  before: `import { open } from 'node:fs/promises';
const p = 'settings.json';
export async function settings() {
  const fh = await open(p);
  try {
    const p = 2;
    return (await fh.readFile('utf8')) + p;
  } finally {
    await fh.close();
  }
}`,
  after: `import { open } from 'node:fs/promises';
const p = 'settings.json';
export async function settings() {
  await using fh = await open(p);
  const p = 2;
  return (await fh.readFile('utf8')) + p;
}`,
};

/** A declaration that an earlier closure reads, moved into the `try` block (4). */
export const CLOSURE_READ_MOVED: BrokenFix = {
  before: `import { open } from 'node:fs/promises';
export async function check(path: string) {
  const report = () => header.length;
  const fh = await open(path);
  const header = await fh.readFile();
  report();
  await fh.close();
}`,
  after: `import { open } from 'node:fs/promises';
export async function check(path: string) {
  const report = () => header.length;
  const fh = await open(path);
  try {
    const header = await fh.readFile();
    report();
  } finally {
    await fh.close();
  }
}`,
};
