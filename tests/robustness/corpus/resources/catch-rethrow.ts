import { open } from 'node:fs/promises';

export async function catchAndClose(path: string) {
  const fh = await open(path, 'w');
  try {
    await fh.write('header');
  } catch (e) {
    await fh.close();
    throw e;
  }
  await fh.write('body');
  await fh.close();
}
export async function catchSwallow(path: string) {
  const fh = await open(path, 'w');
  try {
    await fh.write('x');
  } catch {
    return false;
  }
  await fh.close();
  return true;
}
