import { createReadStream, createWriteStream } from 'node:fs';
import { createGzip } from 'node:zlib';
import { pipeline } from 'node:stream/promises';
import { pipeline as pipelineCb, finished } from 'node:stream';

export function gzipPipe(src: string, dst: string) {
  createReadStream(src).pipe(createGzip()).pipe(createWriteStream(dst));
}
export async function gzipPipeline(src: string, dst: string) {
  await pipeline(createReadStream(src), createGzip(), createWriteStream(dst));
}
export function gzipCallback(src: string, dst: string, cb: (e?: Error | null) => void) {
  pipelineCb(createReadStream(src), createGzip(), createWriteStream(dst), (err) => cb(err));
}
export function withFinished(src: string) {
  const s = createReadStream(src);
  finished(s, () => s.destroy());
  s.resume();
}
