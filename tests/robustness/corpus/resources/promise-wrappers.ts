import { createReadStream } from 'node:fs';
import { spawn } from 'node:child_process';

export function readText(path: string) {
  return new Promise<string>((resolve, reject) => {
    const s = createReadStream(path, 'utf8');
    let text = '';
    s.on('data', (c) => (text += c));
    s.on('error', reject);
    s.on('end', () => resolve(text));
  });
}
export function exitCode(cmd: string, args: string[]) {
  return new Promise<number | null>((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: 'inherit' });
    child.once('error', reject);
    child.once('exit', resolve);
  });
}
export const resolved = (path: string) =>
  new Promise((resolve) => {
    resolve(createReadStream(path));
  });
