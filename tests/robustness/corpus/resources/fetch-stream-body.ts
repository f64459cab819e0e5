import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createWriteStream } from 'node:fs';

export async function download(url: string, dest: string, signal?: AbortSignal) {
  const res = await fetch(url, { signal });
  if (!res.ok || !res.body) {
    await res.arrayBuffer().catch(() => undefined);
    throw new Error(`download failed: ${res.status}`);
  }
  await pipeline(Readable.fromWeb(res.body as import('node:stream/web').ReadableStream), createWriteStream(dest));
}
export async function thenChain(url: string) {
  return fetch(url)
    .then((r) => (r.ok ? r.json() : Promise.reject(new Error(String(r.status)))))
    .catch(() => null);
}
export async function responseClone(url: string) {
  const res = await fetch(url);
  const copy = res.clone();
  await res.text();
  return copy.status;
}
