import fs from 'node:fs';
import { spawn } from 'node:child_process';
export function indirect(p, cb) {
  (0, fs.open)(p, 'r', cb);
  (0, fs.createReadStream)(p).on('data', () => {});
  const child = (0, spawn)('ls', []);
  (fs, fs).openSync(p);
  (0, eval)('1');
  return child;
}
