import { open } from 'node:fs/promises';

export async function writeReport(path: string, rows: string[]) {
  const fh = await open(path, 'w');
  for (const row of rows) {
    await fh.write(`${row}\n`); // a failed write skips the close
  }
  await fh.close();
}
