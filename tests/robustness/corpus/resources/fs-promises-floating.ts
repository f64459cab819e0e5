import { open } from 'node:fs/promises';
import * as fsp from 'node:fs/promises';

export async function touch(path: string) {
  await open(path, 'a');
  void fsp.open(path, 'r');
  open(path).then((fh) => fh.close());
}
