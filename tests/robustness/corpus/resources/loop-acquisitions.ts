import { open } from 'node:fs/promises';
import { Pool } from 'pg';

export async function sizes(paths: string[]) {
  const out: number[] = [];
  for (const p of paths) {
    const fh = await open(p);
    out.push((await fh.stat()).size);
    await fh.close();
  }
  return out;
}
export async function poolsInLoop(urls: string[]) {
  for (const connectionString of urls) {
    const pool = new Pool({ connectionString });
    await pool.query('select 1');
    await pool.end();
  }
}
export async function collected(paths: string[]) {
  const handles = [];
  for (const p of paths) handles.push(await open(p));
  return handles;
}
export async function whileLoop(paths: string[]) {
  let i = 0;
  while (i < paths.length) {
    const fh = await open(paths[i++]!);
    if (i % 2) break;
    await fh.close();
  }
}
