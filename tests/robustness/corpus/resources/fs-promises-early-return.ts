import { open } from 'node:fs/promises';

export async function readHeader(path: string): Promise<Buffer | null> {
  const fh = await open(path, 'r');
  const { size } = await fh.stat();
  if (size < 8) {
    return null; // handle leaks here
  }
  const buf = Buffer.alloc(8);
  await fh.read(buf, 0, 8, 0);
  await fh.close();
  return buf;
}
