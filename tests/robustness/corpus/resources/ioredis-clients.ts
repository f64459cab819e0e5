import Redis, { Cluster } from 'ioredis';

const redis = new Redis(process.env.REDIS_URL ?? 'redis://localhost');

export async function cached(key: string, compute: () => Promise<string>) {
  const hit = await redis.get(key);
  if (hit !== null) return hit;
  const value = await compute();
  await redis.set(key, value, 'EX', 60);
  return value;
}
export async function perCall(key: string) {
  const client = new Redis();
  const v = await client.get(key);
  client.disconnect();
  return v;
}
export async function subscriber(channel: string, onMessage: (m: string) => void, signal: AbortSignal) {
  const sub = redis.duplicate();
  await sub.subscribe(channel);
  sub.on('message', (_c, m) => onMessage(m));
  signal.addEventListener('abort', () => void sub.quit(), { once: true });
}
export function cluster() {
  return new Cluster([{ host: 'a', port: 6379 }]);
}
