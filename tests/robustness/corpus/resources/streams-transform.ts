import { Transform, Readable, Writable, PassThrough, Duplex } from 'node:stream';
import { pipeline } from 'node:stream/promises';

export const upper = () =>
  new Transform({
    transform(chunk, _enc, cb) {
      cb(null, String(chunk).toUpperCase());
    },
  });

export async function run(input: Iterable<string>) {
  const out: string[] = [];
  await pipeline(
    Readable.from(input),
    upper(),
    new Writable({
      write(chunk, _e, cb) {
        out.push(String(chunk));
        cb();
      },
    }),
  );
  return out;
}
export function passthrough() {
  const p = new PassThrough();
  p.end('x');
  return p;
}
export const duplex = Duplex.from(async function* (source: AsyncIterable<unknown>) {
  for await (const c of source) yield c;
});
export function webStreams() {
  const rs = Readable.toWeb(Readable.from(['a']));
  return rs.getReader();
}
