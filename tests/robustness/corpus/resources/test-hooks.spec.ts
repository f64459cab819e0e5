import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { createServer, type Server } from 'node:http';
import { Pool } from 'pg';

let server: Server;
let pool: Pool;

beforeAll(async () => {
  server = createServer((_q, s) => s.end('ok'));
  await new Promise<void>((r) => server.listen(0, r));
  pool = new Pool();
});
afterAll(async () => {
  await new Promise((r) => server.close(r));
});
beforeEach(() => {
  vi.spyOn(console, 'log');
  vi.useFakeTimers();
});

describe('server', () => {
  it('responds', async () => {
    const addr = server.address();
    const port = typeof addr === 'object' && addr ? addr.port : 0;
    const res = await fetch(`http://127.0.0.1:${port}`);
    expect(await res.text()).toBe('ok');
    expect(pool).toBeDefined();
  });
});
