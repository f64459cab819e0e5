import { setTimeout as sleep, setInterval as every, scheduler } from 'node:timers/promises';
import timers from 'node:timers';

export async function poll(check: () => Promise<boolean>, signal: AbortSignal) {
  for await (const _ of every(1000, undefined, { signal })) {
    if (await check()) return true;
  }
  return false;
}
export async function backoff(attempt: number, signal?: AbortSignal) {
  await sleep(2 ** attempt * 100, undefined, { signal });
  await scheduler.wait(10);
}
export function legacyTimers() {
  const i = timers.setInterval(() => {}, 10);
  timers.clearInterval(i);
  const im = setImmediate(() => {});
  clearImmediate(im);
}
