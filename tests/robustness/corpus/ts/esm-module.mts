import { setTimeout as delay } from 'node:timers/promises';
export async function wait(ms: number, signal?: AbortSignal) {
  await delay(ms, undefined, { signal });
  return ms;
}
export default await Promise.resolve(1);
