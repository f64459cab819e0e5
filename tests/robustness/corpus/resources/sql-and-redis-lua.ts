import Redis from 'ioredis';
import { Pool } from 'pg';

const redis = new Redis({ lazyConnect: true });
const pool = new Pool();

export async function incrWithLimit(key: string, limit: number) {
  await redis.connect().catch(() => {});
  const n = await redis.eval('return redis.call("INCR", KEYS[1])', 1, key);
  const pipe = redis.pipeline();
  pipe.expire(key, 60);
  await pipe.exec();
  const client = await pool.connect();
  try {
    await client.query('insert into hits(key, n) values ($1, $2)', [key, n]);
  } finally {
    client.release();
  }
  return Number(n) <= limit;
}
