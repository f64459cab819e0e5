import Koa from 'koa';
import { Hono } from 'hono';
import { Pool } from 'pg';

export const koa = new Koa();
koa.use(async (ctx, next) => {
  const pool = new Pool();
  ctx.body = (await pool.query('select 1')).rows;
  await next();
});

export const hono = new Hono();
hono.get('/x', async (c) => {
  const res = await fetch('https://upstream.test/x');
  if (!res.ok) return c.text('upstream error', 502);
  return c.json(await res.json());
});

export async function GET(request: Request) {
  const upstream = await fetch(new URL('/api', request.url));
  return new Response(upstream.body, { status: upstream.status });
}
