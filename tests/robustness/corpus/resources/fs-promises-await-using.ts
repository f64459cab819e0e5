import { open } from 'node:fs/promises';

export async function appendLine(path: string, line: string) {
  await using fh = await open(path, 'a');
  await fh.appendFile(`${line}\n`);
}
