import fs from 'node:fs';
import * as cp from 'node:child_process';
const method = 'createWriteStream';
export function computed(p) {
  const w = fs[method](p);
  const r = fs['createReadStream'](p);
  const child = cp[`sp${'awn'}`]('true');
  fs[`open`](p, () => {});
  w[['wr', 'ite'].join('')]('x');
  r['pipe'](w)['on']('close', () => child['kill']());
  return fs[Symbol.for('x')];
}
