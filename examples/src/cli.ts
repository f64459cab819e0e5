#!/usr/bin/env node
// The service's admin CLI: `cli <command> [args]`.
//   lines <file>                count lines
//   head <file> [bytes]         print the first bytes as hex
//   first <file>                print the first line
//   size <file>                 print the size in bytes
//   gzip <file> <out>           compress a file
//   report <out> <name=size>... write a CSV report
//   label <file> <text>         write a label file
//   log <message>               append to the audit log
import { closeSync, createReadStream, createWriteStream, openSync, writeSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { pipeline } from 'node:stream/promises';
import { parseArgs } from 'node:util';
import { createGzip } from 'node:zlib';

async function countLines(path: string): Promise<number> {
  let lines = 0;
  for await (const _line of createInterface({ input: createReadStream(path), crlfDelay: Infinity })) lines += 1;
  return lines;
}

async function head(path: string, bytes: number): Promise<Buffer> {
  await using file = await open(path, 'r');
  const buffer = Buffer.alloc(bytes);
  const { bytesRead } = await file.read(buffer, 0, bytes, 0);
  return buffer.subarray(0, bytesRead);
}

async function firstLine(path: string): Promise<string | undefined> {
  const file = await open(path, 'r'); // leak: require-dispose
  const { size } = await file.stat();
  if (size === 0) return undefined;
  const text = await file.readFile('utf8');
  await file.close();
  return text.split('\n')[0];
}

async function size(path: string): Promise<number> {
  const file = await open(path, 'r'); // leak: prefer-using
  try {
    return (await file.stat()).size;
  } finally {
    await file.close();
  }
}

async function gzip(path: string, out: string): Promise<void> {
  await pipeline(createReadStream(path), createGzip(), createWriteStream(out));
}

async function writeReport(path: string, rows: string[][]): Promise<void> {
  const out = await open(path, 'w'); // leak: require-dispose
  await out.write('name,size\n');
  for (const row of rows) await out.write(`${row.join(',')}\n`);
  await out.close();
}

function writeLabel(path: string, label: string): boolean {
  const fd = openSync(path, 'w'); // leak: require-dispose
  if (label.trim() === '') return false;
  writeSync(fd, label);
  closeSync(fd);
  return true;
}

function writeLabelSafely(path: string, label: string): void {
  const fd = openSync(path, 'w');
  try {
    writeSync(fd, label);
  } finally {
    closeSync(fd);
  }
}

function appendLog(path: string, message: string): void {
  createWriteStream(path, { flags: 'a' }).write(`${new Date().toISOString()} ${message}\n`); // leak: require-dispose
}

async function main(argv: string[]): Promise<void> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { force: { type: 'boolean', default: false } },
  });
  const [command, file = '', ...rest] = positionals;
  switch (command) {
    case 'lines':
      console.log(await countLines(file));
      break;
    case 'head':
      console.log((await head(file, Number(rest[0] ?? 16))).toString('hex'));
      break;
    case 'first':
      console.log((await firstLine(file)) ?? '(empty)');
      break;
    case 'size':
      console.log(await size(file));
      break;
    case 'gzip':
      await gzip(file, rest[0] ?? `${file}.gz`);
      break;
    case 'report':
      await writeReport(file, rest.map((pair) => pair.split('=')));
      break;
    case 'label':
      if (values.force) writeLabelSafely(file, rest.join(' '));
      else if (!writeLabel(file, rest.join(' '))) console.error('empty label');
      break;
    case 'log':
      appendLog('/var/log/service/audit.log', [file, ...rest].join(' '));
      break;
    default:
      console.error('usage: cli <lines|head|first|size|gzip|report|label|log> <file> [args]');
      process.exitCode = 2;
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
