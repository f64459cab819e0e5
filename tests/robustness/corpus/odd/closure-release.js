import fs from 'node:fs';
import { spawn } from 'node:child_process';
export function closures(p, emitter) {
  const s = fs.createReadStream(p);
  s.on('end', () => s.close());
  const t = fs.createWriteStream(p);
  setTimeout(() => t.end(), 100);
  emitter.once('done', () => {
    t.destroy();
  });
  const c = spawn('sleep', ['1']);
  process.on('exit', () => c.kill());
  const d = fs.createReadStream(p);
  return () => d.destroy();
}
