import { openSync, closeSync, writeSync } from 'node:fs';
export function manyReturns(path: string, flags: boolean[]): number {
  const fd = openSync(path, 'w');
  if (flags[0]) return 0;
  if (flags[1]) return 1;
  if (flags[2]) return 2;
  if (flags[3]) { closeSync(fd); return 3; }
  if (flags[4]) return 4;
  for (const f of flags) {
    if (f) continue;
    if (!f) break;
  }
  switch (flags.length) {
    case 1: return 5;
    case 2: closeSync(fd); return 6;
    case 3: {
      try { writeSync(fd, 'x'); } finally { closeSync(fd); }
      return 7;
    }
  }
  while (flags.pop()) {
    if (flags.length === 3) return 8;
  }
  closeSync(fd);
  return -1;
}
