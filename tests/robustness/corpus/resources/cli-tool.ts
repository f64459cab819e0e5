#!/usr/bin/env node
import { createReadStream, createWriteStream, existsSync } from 'node:fs';
import { open, readFile, writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';

const { values, positionals } = parseArgs({ options: { out: { type: 'string', short: 'o' } }, allowPositionals: true });

async function main() {
  const [input] = positionals;
  if (!input || !existsSync(input)) {
    console.error('usage: cli <input> [-o out]');
    process.exit(2);
  }
  if (input.endsWith('.gz')) {
    await pipeline(createReadStream(input), createGunzip(), createWriteStream(values.out ?? 'out.txt'));
    return;
  }
  const fh = await open(input);
  const text = await fh.readFile('utf8');
  if (text.length === 0) {
    console.error('empty');
    process.exit(1);
  }
  await fh.close();
  await writeFile(values.out ?? '/dev/stdout', text.toUpperCase());
  await readFile(input);
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
