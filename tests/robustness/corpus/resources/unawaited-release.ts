import { open } from 'node:fs/promises';
import { Pool } from 'pg';

export async function notAwaited(path: string) {
  const fh = await open(path);
  try {
    return await fh.readFile();
  } finally {
    fh.close();
  }
}
export async function endNotAwaited() {
  const pool = new Pool();
  await pool.query('select 1');
  void pool.end();
}
