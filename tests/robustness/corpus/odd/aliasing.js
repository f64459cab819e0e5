import fs from 'node:fs';
import childProcess from 'node:child_process';
const f = fs;
const { createReadStream: crs, promises: { open: popen } } = fs;
const run = childProcess.spawn.bind(childProcess);
export async function aliased(p) {
  const a = f.createReadStream(p);
  const b = crs(p);
  const h = await popen(p);
  const c = run('ls');
  const same = a;
  const either = Math.random() > 0.5 ? a : b;
  const fallback = h ?? null;
  same.destroy();
  either.destroy();
  await fallback?.close();
  c.kill();
  return fs.open.call(fs, p, () => {});
}
export const viaApply = (p) => Reflect.apply(fs.createReadStream, fs, [p]);
