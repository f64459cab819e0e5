const cache = new Map<string, Buffer>();
const controllers = new Map<string, AbortController>();
const seen = new Set<string>();
const log: string[] = [];

export function remember(key: string, value: Buffer) {
  cache.set(key, value);
  seen.add(key);
  log.push(key);
}
export function start(id: string) {
  const c = new AbortController();
  controllers.set(id, c);
  return c.signal;
}
export function stop(id: string) {
  controllers.get(id)?.abort();
  controllers.delete(id);
}
export class Memo {
  private readonly store = new Map<string, unknown>();
  get(k: string, make: () => unknown) {
    if (!this.store.has(k)) this.store.set(k, make());
    return this.store.get(k);
  }
}
