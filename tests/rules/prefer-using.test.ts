import rule from '../../src/rules/prefer-using.js';
import { jsRuleTester, ruleTester, typedRuleTester } from '../rule-tester.js';

ruleTester.run('prefer-using', rule, {
  valid: [
    // Already `await using`.
    `
import { open } from 'node:fs/promises';
export async function size(path: string) {
  await using fh = await open(path);
  return (await fh.stat()).size;
}`,
    // A catch clause: \`using\` would change what the catch sees.
    `
import { open } from 'node:fs/promises';
export async function read(path: string) {
  const fh = await open(path);
  try {
    return await fh.readFile('utf8');
  } catch {
    return '';
  } finally {
    await fh.close();
  }
}`,
    // The finally does more than release: keep it.
    `
import { open } from 'node:fs/promises';
export async function read(path: string, log: (s: string) => void) {
  const fh = await open(path);
  try {
    return await fh.readFile('utf8');
  } finally {
    await fh.close();
    log('closed');
  }
}`,
    // A release not awaited: \`await using\` would wait for it, changing timing.
    `
import { open } from 'node:fs/promises';
export async function read(path: string) {
  const fh = await open(path);
  try {
    return await fh.readFile('utf8');
  } finally {
    void fh.close();
  }
}`,
    // Not an async function: \`await using\` cannot be written here.
    `
import { open } from 'node:fs/promises';
export function later(path: string) {
  return open(path).then(async (fh) => {
    try { return await fh.stat(); } finally { await fh.close(); }
  });
}`,
    // A pooled connection: pg clients have no [Symbol.dispose].
    `
import { Pool } from 'pg';
const pool = new Pool();
export async function one() {
  const client = await pool.connect();
  try {
    return await client.query('select 1');
  } finally {
    client.release();
  }
}`,
  ],
  invalid: [
    {
      code: `
import { open } from 'node:fs/promises';
export async function firstBytes(path: string) {
  const fh = await open(path);
  try {
    const { buffer } = await fh.read(Buffer.alloc(16), 0, 16, 0);
    return buffer;
  } finally {
    await fh.close();
  }
}`,
      errors: [
        {
          messageId: 'preferUsing',
          line: 4,
          column: 9,
          data: {
            name: 'fh',
            label: 'file handle',
            line: '4',
            releaseLine: '9',
            keyword: 'await using',
          },
          suggestions: [
            {
              messageId: 'suggestUsing',
              output: `
import { open } from 'node:fs/promises';
export async function firstBytes(path: string) {
  await using fh = await open(path);
  const { buffer } = await fh.read(Buffer.alloc(16), 0, 16, 0);
  return buffer;
}`,
            },
          ],
        },
      ],
      output: null,
    },
    {
      // Not the last statement: a block keeps the handle closing where finally closed it.
      code: `
import { open } from 'node:fs/promises';
export async function copyHeader(src: string, out: string[]) {
  const fh = await open(src);
  try {
    out.push(await fh.readFile('utf8'));
  } finally {
    await fh.close();
  }
  out.push('done');
}`,
      errors: [
        {
          messageId: 'preferUsing',
          line: 4,
          column: 9,
          suggestions: [
            {
              messageId: 'suggestUsing',
              output: `
import { open } from 'node:fs/promises';
export async function copyHeader(src: string, out: string[]) {
  {
    await using fh = await open(src);
    out.push(await fh.readFile('utf8'));
  }
  out.push('done');
}`,
            },
          ],
        },
      ],
      output: null,
    },
    {
      // A template literal keeps its line breaks when the body moves out one level.
      code: `
import { open } from 'node:fs/promises';
export async function header(path: string) {
  const fh = await open(path, 'w');
  try {
    await fh.write(\`a
  b\`);
  } finally {
    await fh.close();
  }
}`,
      errors: [
        {
          messageId: 'preferUsing',
          line: 4,
          column: 9,
          suggestions: [
            {
              messageId: 'suggestUsing',
              output: `
import { open } from 'node:fs/promises';
export async function header(path: string) {
  await using fh = await open(path, 'w');
  await fh.write(\`a
  b\`);
}`,
            },
          ],
        },
      ],
      output: null,
    },
  ],
});

jsRuleTester.run('prefer-using (JavaScript)', rule, {
  valid: [
    // JavaScript runs as written: \`using\` may not exist on the target runtime.
    `
const { open } = require('node:fs/promises');
async function read(p) {
  const fh = await open(p);
  try { return await fh.readFile(); } finally { await fh.close(); }
}`,
  ],
  invalid: [],
});

typedRuleTester.run('prefer-using (typed)', rule, {
  valid: [
    // The type has no dispose method: nothing to suggest.
    `
class Conn { close() {} }
export function run() {
  const c = new Conn();
  try { return 1; } finally { c.close(); }
}`,
  ],
  invalid: [
    {
      // A user class with [Symbol.dispose], proven by its type.
      code: `
class Lock { release() {} [Symbol.dispose]() { this.release(); } }
export function critical(work: () => number) {
  const lock = new Lock();
  try {
    return work();
  } finally {
    lock.release();
  }
}`,
      errors: [
        {
          messageId: 'preferUsing',
          line: 4,
          column: 9,
          suggestions: [
            {
              messageId: 'suggestUsing',
              output: `
class Lock { release() {} [Symbol.dispose]() { this.release(); } }
export function critical(work: () => number) {
  using lock = new Lock();
  return work();
}`,
            },
          ],
        },
      ],
      output: null,
    },
  ],
});
