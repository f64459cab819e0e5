import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';

export async function countLines(path: string) {
  let n = 0;
  for await (const _line of createInterface({ input: createReadStream(path), crlfDelay: Infinity })) n++;
  return n;
}
export async function sum(path: string) {
  const stream = createReadStream(path);
  let total = 0;
  for await (const chunk of stream) total += (chunk as Buffer).length;
  return total;
}
export function firstChunk(path: string) {
  const stream = createReadStream(path, { start: 0, end: 9 });
  return new Promise<Buffer>((resolve, reject) => {
    stream.once('data', (c) => {
      stream.destroy();
      resolve(c as Buffer);
    });
    stream.once('error', reject);
  });
}
