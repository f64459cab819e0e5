import { open, type FileHandle } from 'node:fs/promises';

export async function* handles(paths: string[]): AsyncGenerator<FileHandle> {
  for (const p of paths) {
    const fh = await open(p);
    try {
      yield fh;
    } finally {
      await fh.close();
    }
  }
}
export async function* leaky(paths: string[]) {
  for (const p of paths) {
    const fh = await open(p);
    const { size } = await fh.stat();
    if (size === 0) continue;
    yield size;
    await fh.close();
  }
}
