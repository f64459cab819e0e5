export async function retry<T>(fn: (attempt: number) => Promise<T>, attempts = 3): Promise<T> {
  let last: unknown;
  for (let i = 0; i < attempts; i++) {
    try {
      return await fn(i);
    } catch (e: unknown) {
      last = e;
      await new Promise<void>((r) => setTimeout(r, 2 ** i * 10));
    }
  }
  throw last instanceof Error ? last : new Error(String(last));
}
export const timeout = <T,>(p: Promise<T>, ms: number) =>
  Promise.race<T>([p, new Promise<never>((_, rej) => setTimeout(() => rej(new Error('t')), ms).unref())]);
