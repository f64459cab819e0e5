import pg, { Pool, Client, type PoolClient } from 'pg';

const pool = new Pool({ max: 10 });

export async function getUser(id: string) {
  const client = await pool.connect();
  try {
    const { rows } = await client.query('select * from users where id = $1', [id]);
    return rows[0];
  } finally {
    client.release();
  }
}
export async function leakClient(id: string) {
  const client = await pool.connect();
  const { rows } = await client.query('select 1 where $1', [id]);
  if (rows.length === 0) return null; // never released
  client.release();
  return rows;
}
export async function perCallPool() {
  const p = new pg.Pool();
  const r = await p.query('select now()');
  await p.end();
  return r.rows;
}
export async function perCallClient() {
  const c = new Client();
  await c.connect();
  try {
    return await c.query('select 1');
  } finally {
    await c.end();
  }
}
export async function tx(fn: (c: PoolClient) => Promise<void>) {
  const c = await pool.connect();
  try {
    await c.query('BEGIN');
    await fn(c);
    await c.query('COMMIT');
  } catch (e) {
    await c.query('ROLLBACK');
    throw e;
  } finally {
    c.release();
  }
}
