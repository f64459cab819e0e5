import fs from 'node:fs';
export function escaped(p) {
  const s = fs.cre\u0061teReadStream(p);
  const t = fs['createWrite\u0053tream'](p);
  \u0073.destroy();
  return t;
}
