import Fastify from 'fastify';
import { Pool } from 'pg';
import Redis from 'ioredis';

const fastify = Fastify({ logger: true });
const pool = new Pool();

fastify.get('/health', async () => {
  const r = await pool.query('select 1');
  return { ok: r.rowCount === 1 };
});

fastify.get('/cache/:k', async (request) => {
  const redis = new Redis();
  const v = await redis.get((request.params as { k: string }).k);
  await redis.quit();
  return v;
});

fastify.addHook('onClose', async () => {
  await pool.end();
});

export default fastify;
