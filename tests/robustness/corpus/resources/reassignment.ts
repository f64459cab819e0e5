import { createWriteStream, type WriteStream } from 'node:fs';

export function rotate(paths: string[]) {
  let out: WriteStream = createWriteStream(paths[0]!);
  for (const p of paths.slice(1)) {
    out.end();
    out = createWriteStream(p);
  }
  out.end();
}
export function rotateLeak(paths: string[]) {
  let out = createWriteStream(paths[0]!);
  out = createWriteStream(paths[1]!);
  out.end();
}
