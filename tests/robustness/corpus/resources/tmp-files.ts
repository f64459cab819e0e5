import { mkdtemp, rm, open } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

export async function withTempDir<T>(fn: (dir: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(path.join(tmpdir(), 'job-'));
  try {
    return await fn(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
export async function scratch() {
  const dir = await mkdtemp(path.join(tmpdir(), 'x-'));
  const fh = await open(path.join(dir, 'a'), 'w');
  await fh.write('data');
  return { dir, fh };
}
