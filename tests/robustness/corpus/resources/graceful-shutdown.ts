import { createServer } from 'node:http';
import { Pool } from 'pg';
import Redis from 'ioredis';

const pool = new Pool();
const redis = new Redis();
const server = createServer(async (req, res) => {
  const { rows } = await pool.query('select 1');
  res.end(JSON.stringify(rows));
});
server.listen(3000);

async function shutdown(signal: string) {
  console.log('received', signal);
  server.close();
  server.closeAllConnections();
  await Promise.allSettled([pool.end(), redis.quit()]);
  process.exit(0);
}
for (const sig of ['SIGINT', 'SIGTERM'] as const) process.once(sig, () => void shutdown(sig));
