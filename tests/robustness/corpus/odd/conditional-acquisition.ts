import { open, type FileHandle } from 'node:fs/promises';
export async function maybe(path: string | undefined, flag: boolean) {
  const fh = path ? await open(path) : undefined;
  const other = flag && (await open('/dev/null'));
  let third: FileHandle | null = null;
  if (flag) third = await open('/dev/zero');
  try {
    return [fh, other, third].length;
  } finally {
    await fh?.close();
    if (other) await other.close();
    if (third !== null) await third.close();
  }
}
