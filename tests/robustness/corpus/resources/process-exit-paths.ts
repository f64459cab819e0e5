import { openSync, writeSync, closeSync } from 'node:fs';

function fail(msg: string): never {
  console.error(msg);
  process.exit(1);
}
export function writeOrDie(path: string, data: string) {
  const fd = openSync(path, 'w');
  if (!data) fail('no data');
  if (data === '-') process.exit(0);
  if (data === '!') throw new Error('bang');
  writeSync(fd, data);
  closeSync(fd);
}
