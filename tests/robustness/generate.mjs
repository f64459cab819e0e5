// Generates the fuzz part of the robustness corpus with eslump, reproducibly.
//
// eslump draws from Math.random, so this script swaps in a seeded generator (mulberry32)
// while it runs: the same seed and eslump version give the same files. The output is
// committed (tests/robustness/corpus/fuzz/); rerun only to refresh the corpus:
//
//   node tests/robustness/generate.mjs [--seed 20251126] [--count 120]
//
// It also writes corpus/generated/: a function of 3000 statements full of branches, early
// returns, loops and resource calls (a stress test for path analysis), and a module of 500
// small functions that each acquire something.
//
// Half of the programs are then "resourcified": random identifiers are renamed to names
// the rules look for (fs, open, spawn, pipe, close, setInterval, Pool…) and, when that
// still parses, a prelude imports the real modules under those names. Random code rarely
// says `createReadStream`; this makes it reach the rules' deeper branches.
//
// A program is kept only when both parsers the robustness test uses accept it (espree and
// the typescript-eslint parser, in the file's source type): a parse error is not what the
// test looks for, a crashing rule is.
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

import tsParser from '@typescript-eslint/parser';
import { Linter } from 'eslint';
import * as espree from 'espree';

const require = createRequire(import.meta.url);
const { generateRandomJS } = require('eslump');

const { values } = parseArgs({
  options: {
    seed: { type: 'string', default: '20251126' },
    count: { type: 'string', default: '120' },
  },
});
const seed = Number(values.seed);
const count = Number(values.count);

/** mulberry32: a small, well-distributed 32-bit PRNG. */
function mulberry32(a) {
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const outDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'corpus', 'fuzz');
mkdirSync(outDir, { recursive: true });
for (const name of readdirSync(outDir)) rmSync(path.join(outDir, name));

const linter = new Linter({ configType: 'flat' });
const parses = (code, filename, sourceType) => {
  for (const parser of [undefined, tsParser]) {
    const config = {
      files: ['**/*'],
      languageOptions: { sourceType, ...(parser ? { parser } : {}) },
    };
    let messages;
    try {
      messages = linter.verify(code, [config], { filename });
    } catch {
      return false;
    }
    if (messages.some((m) => m.fatal)) return false;
  }
  return true;
};

const VOCABULARY = [
  'fs',
  'open',
  'openSync',
  'createReadStream',
  'createWriteStream',
  'watch',
  'spawn',
  'exec',
  'fork',
  'execFile',
  'setInterval',
  'setTimeout',
  'clearInterval',
  'clearTimeout',
  'fetch',
  'pipe',
  'pipeline',
  'close',
  'destroy',
  'end',
  'on',
  'once',
  'off',
  'removeListener',
  'addEventListener',
  'signal',
  'abort',
  'AbortController',
  'Pool',
  'Client',
  'Agent',
  'Redis',
  'connect',
  'release',
  'dispose',
  'require',
  'process',
  'req',
  'res',
  'body',
  'http',
  'net',
  'createServer',
  'listen',
  'kill',
  'unref',
  'axios',
  'create',
  'request',
  'stream',
  'child',
  'Symbol',
  'DisposableStack',
  'use',
  'defer',
  'text',
  'json',
  'cancel',
  'then',
  'finally',
];

const PRELUDE = {
  module: [
    "import fs, { open, openSync, createReadStream, createWriteStream, watch } from 'node:fs';",
    "import { spawn, exec, fork, execFile } from 'node:child_process';",
    "import http, { createServer } from 'node:http';",
    "import net from 'node:net';",
    "import { pipeline } from 'node:stream/promises';",
    "import { Pool, Client } from 'pg';",
    "import Redis from 'ioredis';",
    "import { Agent, request } from 'undici';",
    "import axios from 'axios';",
  ].join('\n'),
  script: [
    "var fs = require('node:fs');",
    'var open = fs.open, createReadStream = fs.createReadStream, createWriteStream = fs.createWriteStream;',
    "var spawn = require('node:child_process').spawn, exec = require('node:child_process').exec;",
    "var http = require('node:http'), net = require('node:net');",
    "var Pool = require('pg').Pool, Client = require('pg').Client;",
    "var Agent = require('undici').Agent;",
  ].join('\n'),
};

/** Renames about a third of the identifiers to resource vocabulary, by source range. */
function resourcify(code, sourceType, random) {
  let ast;
  try {
    ast = espree.parse(code, { ecmaVersion: 'latest', sourceType, range: true });
  } catch {
    return undefined;
  }
  const ranges = [];
  const visit = (node) => {
    if (!node || typeof node.type !== 'string') return;
    if (node.type === 'Identifier' && random() < 0.35) ranges.push(node.range);
    for (const key of Object.keys(node)) {
      if (key === 'parent') continue;
      const value = node[key];
      if (Array.isArray(value)) value.forEach(visit);
      else if (value && typeof value === 'object') visit(value);
    }
  };
  visit(ast);
  ranges.sort((a, b) => b[0] - a[0]);
  let out = code;
  for (const [start, end] of ranges) {
    const name = VOCABULARY[Math.floor(random() * VOCABULARY.length)];
    out = out.slice(0, start) + name + out.slice(end);
  }
  return out;
}

const realRandom = Math.random;
const random = mulberry32(seed);
Math.random = random;
let kept = 0;
let tried = 0;
try {
  while (kept < count && tried < count * 50) {
    tried += 1;
    // Alternate module and sloppy script; vary depth, comments and whitespace.
    const module = tried % 2 === 1;
    const options = {
      sourceType: module ? 'module' : 'script',
      maxDepth: 4 + Math.floor(random() * 5),
      comments: random() < 0.5,
      whitespace: random() < 0.5,
    };
    let code;
    try {
      code = generateRandomJS(options);
    } catch {
      continue;
    }
    if (code.length > 60_000) continue;
    const sourceType = module ? 'module' : 'commonjs';
    let flavor = 'plain';
    if (kept % 2 === 1) {
      const renamed = resourcify(code, module ? 'module' : 'script', random);
      const prelude = PRELUDE[module ? 'module' : 'script'];
      const probe = path.join(outDir, 'probe.' + (module ? 'mjs' : 'cjs'));
      if (renamed && parses(`${prelude}\n${renamed}`, probe, sourceType)) {
        code = `${prelude}\n${renamed}`;
        flavor = 'resourcified with prelude';
      } else if (renamed && parses(renamed, probe, sourceType)) {
        code = renamed;
        flavor = 'resourcified';
      }
    }
    const filename = `fuzz-${String(kept + 1).padStart(3, '0')}.${module ? 'mjs' : 'cjs'}`;
    if (!parses(code, path.join(outDir, filename), sourceType)) continue;
    const header = `// Generated by tests/robustness/generate.mjs (eslump, seed ${seed}, ${flavor}, ${JSON.stringify(options)}).\n`;
    writeFileSync(path.join(outDir, filename), header + code);
    kept += 1;
  }
} finally {
  Math.random = realRandom;
}
console.log(
  `kept ${kept} of ${tried} generated programs in ${path.relative(process.cwd(), outDir)}`,
);

// ---- generated/: size stress tests (no eslump, same seed) ----
const generatedDir = path.join(path.dirname(outDir), 'generated');
mkdirSync(generatedDir, { recursive: true });
const pick = (rnd, list) => list[Math.floor(rnd() * list.length)];

function hugeFunction(rnd, statements) {
  const lines = [
    '// Generated by tests/robustness/generate.mjs: one function of ' + statements + ' statements.',
    "import { openSync, closeSync, writeSync, createReadStream } from 'node:fs';",
    "import { open } from 'node:fs/promises';",
    "import { spawn } from 'node:child_process';",
    '',
    'export async function huge(input: number[], path: string): Promise<number> {',
    "  const fd = openSync(path, 'r');",
    '  let acc = 0;',
  ];
  const body = [
    (i) => `  acc += input[${i % 17}] ?? ${i};`,
    (i) => `  if (acc > ${i * 13}) return acc;`,
    (i) => `  const v${i} = acc * ${i % 7} + input.length;`,
    (i) =>
      `  for (let j${i} = 0; j${i} < ${i % 5}; j${i}++) { if (j${i} === acc) break; acc ^= j${i}; }`,
    (i) => `  try { writeSync(fd, String(${i})); } catch { acc--; } finally { acc++; }`,
    (i) =>
      `  switch (acc % 3) { case 0: acc += ${i}; break; case 1: continueLabel${i}: { break continueLabel${i}; } default: acc -= 1; }`,
    (i) => `  const s${i} = createReadStream(path); s${i}.destroy();`,
    (i) => `  if (input[${i % 11}] === ${i}) { closeSync(fd); return -${i}; }`,
    (i) =>
      `  const h${i} = await open(path); try { acc += (await h${i}.stat()).size; } finally { await h${i}.close(); }`,
    (i) => `  while (acc < ${i % 9}) acc += 2;`,
    (i) => `  acc = acc > ${i} ? acc - 1 : acc + 1;`,
    (i) =>
      `  if (acc === ${i}) { const c${i} = spawn('true'); c${i}.on('error', () => {}); c${i}.kill(); }`,
    (i) => `  if (acc < 0) throw new Error('negative at ${i}');`,
  ];
  for (let i = 0; i < statements - 4; i++) lines.push(pick(rnd, body)(i));
  lines.push('  closeSync(fd);', '  return acc;', '}', '');
  return lines.join('\n');
}

function manyFunctions(rnd, count) {
  const lines = [
    '// Generated by tests/robustness/generate.mjs: ' +
      count +
      ' small functions that acquire resources.',
    "import { createWriteStream } from 'node:fs';",
    "import { open } from 'node:fs/promises';",
    "import { Pool } from 'pg';",
    '',
  ];
  const shapes = [
    (i) => [
      `export function f${i}(p: string) {`,
      `  const w = createWriteStream(p);`,
      `  w.end('${i}');`,
      `}`,
    ],
    (i) => [
      `export async function f${i}(p: string) {`,
      `  await using h = await open(p);`,
      `  return (await h.stat()).size + ${i};`,
      `}`,
    ],
    (i) => [
      `export async function f${i}(p: string) {`,
      `  const h = await open(p);`,
      `  if (p.length > ${i}) return null;`,
      `  await h.close();`,
      `  return ${i};`,
      `}`,
    ],
    (i) => [
      `export async function f${i}() {`,
      `  const pool = new Pool();`,
      `  try {`,
      `    return await pool.query('select ${i}');`,
      `  } finally {`,
      `    await pool.end();`,
      `  }`,
      `}`,
    ],
    (i) => [`export const f${i} = (p: string) => createWriteStream(p);`],
    (i) => [
      `export function f${i}() {`,
      `  const id = setInterval(() => {}, ${i});`,
      `  return () => clearInterval(id);`,
      `}`,
    ],
  ];
  for (let i = 0; i < count; i++) lines.push(...pick(rnd, shapes)(i));
  lines.push('');
  return lines.join('\n');
}

const stressRandom = mulberry32(seed ^ 0x5eed);
writeFileSync(path.join(generatedDir, 'huge-function.ts'), hugeFunction(stressRandom, 3000));
writeFileSync(path.join(generatedDir, 'many-functions.ts'), manyFunctions(stressRandom, 500));
console.log(
  `wrote ${path.relative(process.cwd(), generatedDir)}/huge-function.ts and many-functions.ts`,
);
if (kept < count) process.exitCode = 1;
