import { createReadStream } from 'node:fs';
import { createHash } from 'node:crypto';
import { createBrotliCompress } from 'node:zlib';

export function sha256(file) {
  return new Promise((resolve, reject) => {
    const hash = createHash('sha256');
    const s = createReadStream(file);
    s.on('error', reject);
    s.on('data', (c) => hash.update(c));
    s.on('end', () => resolve(hash.digest('hex')));
  });
}
export function brotli(file, res) {
  res.setHeader('content-encoding', 'br');
  createReadStream(file).pipe(createBrotliCompress()).pipe(res);
}
