import { createWriteStream } from 'node:fs';
import fs from 'node:fs';

export function log(path: string, line: string) {
  createWriteStream(path, { flags: 'a' }).write(line + '\n');
}
export function logTwo(path: string) {
  fs.createWriteStream(path).end('done');
}
