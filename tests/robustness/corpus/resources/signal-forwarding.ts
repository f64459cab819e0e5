import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { readFile } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { pipeline } from 'node:stream/promises';
import { createReadStream, createWriteStream } from 'node:fs';

export async function job(input: string, signal: AbortSignal) {
  const cfg = await readFile(input, { encoding: 'utf8' });
  await sleep(100);
  const res = await fetch(cfg);
  await res.body?.cancel();
  const child = spawn('true');
  await once(child, 'exit');
  await pipeline(createReadStream(input), createWriteStream(`${input}.bak`));
  await fetch(cfg, { signal: undefined });
  await fetch(cfg, { signal });
}
