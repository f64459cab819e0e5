import { closeSync, openSync, readSync, fstatSync } from 'node:fs';

export function readAllSync(path: string): Buffer {
  const fd = openSync(path, 'r');
  try {
    const { size } = fstatSync(fd);
    const buf = Buffer.alloc(size);
    readSync(fd, buf, 0, size, 0);
    return buf;
  } finally {
    closeSync(fd);
  }
}
export function leakSync(path: string) {
  const fd = openSync(path, 'r');
  const { size } = fstatSync(fd);
  if (size === 0) return 0;
  closeSync(fd);
  return size;
}
export function discardedSync(path: string) {
  openSync(path, 'w');
}
