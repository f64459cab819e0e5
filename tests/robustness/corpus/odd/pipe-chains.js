import fs from 'node:fs';
import zlib from 'node:zlib';
export function chain(src, dst, res) {
  fs.createReadStream(src).pipe(zlib.createGzip()).pipe(fs.createWriteStream(dst));
  const a = fs.createReadStream(src);
  a.pipe(res);
  a.pipe(res).on('finish', () => {}).on('error', () => {});
  const pipe = (x) => x;
  pipe(a);
  [a].map((s) => s.pipe(res));
  return a.pipe;
}
