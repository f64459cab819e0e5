// Database access: one pg pool and one Redis client for the whole process.
import { Pool, type PoolClient } from 'pg';
import { Redis } from 'ioredis';

export interface User {
  id: string;
  email: string;
  name: string;
}

export const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
export const redis = new Redis(process.env.REDIS_URL ?? 'redis://localhost:6379', { lazyConnect: true });

let analytics: Pool | undefined;

/** The analytics database is optional: its pool is created on first use, then reused. */
export function analyticsPool(): Pool {
  analytics ??= new Pool({ connectionString: process.env.ANALYTICS_URL, max: 2 });
  return analytics;
}

export async function findUser(id: string): Promise<User | undefined> {
  const client = await pool.connect();
  try {
    const { rows } = await client.query<User>('select id, email, name from users where id = $1', [id]);
    return rows[0];
  } finally {
    client.release();
  }
}

export async function withTransaction<T>(work: (client: PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('begin');
    const result = await work(client);
    await client.query('commit');
    return result;
  } catch (error) {
    await client.query('rollback');
    throw error;
  } finally {
    client.release();
  }
}

/** The pool checks a client out and back in by itself for a single query. */
export async function countUsers(): Promise<number> {
  const { rows } = await pool.query<{ n: string }>('select count(*) as n from users');
  return Number(rows[0]?.n ?? 0);
}

export async function emailTaken(email: string): Promise<boolean> {
  const client = await pool.connect(); // leak: require-dispose
  const { rowCount } = await client.query('select 1 from users where email = $1', [email]);
  if (rowCount === 0) return false;
  client.release();
  return true;
}

export async function renameUser(id: string, name: string): Promise<void> {
  const client = await pool.connect(); // leak: require-dispose
  await client.query('update users set name = $2 where id = $1', [id, name]);
  await client.query('insert into audit(user_id, action) values ($1, $2)', [id, 'rename']);
  client.release();
}

export async function databaseSize(): Promise<string> {
  const admin = new Pool({ connectionString: process.env.ADMIN_DATABASE_URL, max: 1 }); // leak: no-per-call-client
  try {
    const { rows } = await admin.query<{ size: string }>('select pg_size_pretty(pg_database_size(current_database())) as size');
    return rows[0]?.size ?? 'unknown';
  } finally {
    await admin.end();
  }
}

export async function cachedUser(id: string): Promise<User | undefined> {
  const hit = await redis.get(`user:${id}`);
  if (hit !== null) return JSON.parse(hit) as User;
  const user = await findUser(id);
  if (user) await redis.set(`user:${id}`, JSON.stringify(user), 'EX', 60);
  return user;
}

export async function rateLimited(ip: string): Promise<boolean> {
  const limiter = new Redis(process.env.REDIS_URL ?? 'redis://localhost:6379'); // leak: no-per-call-client
  try {
    const hits = await limiter.incr(`hits:${ip}`);
    if (hits === 1) await limiter.expire(`hits:${ip}`, 60);
    return hits > 100;
  } finally {
    limiter.disconnect();
  }
}

export async function closeDatabases(): Promise<void> {
  await Promise.all([pool.end(), redis.quit(), analytics?.end()]);
}
