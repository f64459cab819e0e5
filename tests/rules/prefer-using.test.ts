import rule from '../../src/rules/prefer-using.js';
import { jsRuleTester, ruleTester, typedRuleTester } from '../rule-tester.js';

ruleTester.run('prefer-using', rule, {
  valid: [
    // Without types a cleared timer may be a browser's number: no \`using\` advice.
    `
export async function poll(work: () => Promise<void>, tick: () => void) {
  const timer = setInterval(tick, 1000);
  try {
    await work();
  } finally {
    clearInterval(timer);
  }
}`,
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
    {
      // Issue 17, 2: comments on and after the declaration, and around the body, are kept.
      code: `
import { open } from 'node:fs/promises';
export async function read(p: string) {
  const fh = await open(p); // the caller checked the path
  // read it all at once
  try {
    // small files only
    return await fh.readFile('utf8'); // as text
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
export async function read(p: string) {
  await using fh = await open(p); // the caller checked the path
  // read it all at once
  // small files only
  return await fh.readFile('utf8'); // as text
}`,
            },
          ],
        },
      ],
      output: null,
    },
    {
      // Issue 17, 2: the same inside the block that keeps disposal where \`finally\` ran.
      code: `
import { open } from 'node:fs/promises';
export async function copyHeader(src: string, out: string[]) {
  const fh = await open(src); // why
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
    await using fh = await open(src); // why
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
      // Issue 17, 3: the body's \`const p\` lifted out would shadow the module's \`p\` that the
      // declaration reads (TS2448, "Cannot access 'p' before initialization"): it keeps its block.
      code: `
import { open } from 'node:fs/promises';
const p = 'settings.json';
export async function settings() {
  const fh = await open(p);
  try {
    const p = JSON.parse(await fh.readFile('utf8'));
    return p;
  } finally {
    await fh.close();
  }
}`,
      errors: [
        {
          messageId: 'preferUsing',
          line: 5,
          column: 9,
          suggestions: [
            {
              messageId: 'suggestUsing',
              output: `
import { open } from 'node:fs/promises';
const p = 'settings.json';
export async function settings() {
  await using fh = await open(p);
  {
    const p = JSON.parse(await fh.readFile('utf8'));
    return p;
  }
}`,
            },
          ],
        },
      ],
      output: null,
    },
    {
      // Issue 17, 3: a closure declared before reads an outer \`total\`; not the last statement.
      code: `
import { open } from 'node:fs/promises';
let total = 0;
export async function count(path: string) {
  const show = () => total;
  const fh = await open(path);
  try {
    const total = (await fh.stat()).size;
    console.log(total);
  } finally {
    await fh.close();
  }
  return show();
}`,
      errors: [
        {
          messageId: 'preferUsing',
          line: 6,
          column: 9,
          suggestions: [
            {
              messageId: 'suggestUsing',
              output: `
import { open } from 'node:fs/promises';
let total = 0;
export async function count(path: string) {
  const show = () => total;
  {
    await using fh = await open(path);
    {
      const total = (await fh.stat()).size;
      console.log(total);
    }
  }
  return show();
}`,
            },
          ],
        },
      ],
      output: null,
    },
    {
      // The binding is read after the \`try\`: a block around it would hide it, so no suggestion.
      code: `
import { open } from 'node:fs/promises';
export async function probe(path: string) {
  const fh = await open(path);
  try {
    await fh.stat();
  } finally {
    await fh.close();
  }
  return fh.fd;
}`,
      errors: [{ messageId: 'preferUsing', line: 4, column: 9, suggestions: [] }],
      output: null,
    },
    {
      // A comment in the \`finally\` goes with the release: no suggestion rather than losing it.
      code: `
import { open } from 'node:fs/promises';
export async function size(path: string) {
  const fh = await open(path);
  try {
    return (await fh.stat()).size;
  } finally {
    // always
    await fh.close();
  }
}`,
      errors: [{ messageId: 'preferUsing', line: 4, column: 9, suggestions: [] }],
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
    // Issue 10 item 9: a timer id the type says is a number (a browser's) has no dispose.
    `
declare function every(ms: number, tick: () => void): number;
export async function poll(work: () => Promise<void>, tick: () => void) {
  const timer = every(1000, tick);
  try {
    await work();
  } finally {
    clearInterval(timer);
  }
}`,
    // A cursor type without \`[Symbol.asyncDispose]\` (an older driver): nothing to suggest.
    `
declare class Cursor { toArray(): Promise<unknown[]>; close(): Promise<void> }
declare function query(sql: string): Cursor;
export async function rows(sql: string) {
  const cursor = query(sql);
  try {
    return await cursor.toArray();
  } finally {
    await cursor.close();
  }
}`,
    // The finally does more than release the session.
    `
import type { MongoClient } from 'mongodb';
export async function audit(client: MongoClient, log: (s: string) => void) {
  const session = client.startSession();
  try {
    await session.withTransaction(async () => undefined);
  } finally {
    await session.endSession();
    log('done');
  }
}`,
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
    {
      // Issue 10 item 9: Node's interval handle has [Symbol.dispose] (@types/node).
      code: `
export async function poll(work: () => Promise<void>, tick: () => void) {
  const timer = setInterval(tick, 1000);
  try {
    await work();
  } finally {
    clearInterval(timer);
  }
}`,
      errors: [
        {
          messageId: 'preferUsing',
          line: 3,
          column: 9,
          suggestions: [
            {
              messageId: 'suggestUsing',
              output: `
export async function poll(work: () => Promise<void>, tick: () => void) {
  using timer = setInterval(tick, 1000);
  await work();
}`,
            },
          ],
        },
      ],
      output: null,
    },
    {
      // A watchdog timeout cleared when the work settles.
      code: `
import { setTimeout as later } from 'node:timers';
export async function guarded(work: () => Promise<void>, onSlow: () => void) {
  const watchdog = later(onSlow, 5000);
  try {
    await work();
  } finally {
    clearTimeout(watchdog);
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
import { setTimeout as later } from 'node:timers';
export async function guarded(work: () => Promise<void>, onSlow: () => void) {
  using watchdog = later(onSlow, 5000);
  await work();
}`,
            },
          ],
        },
      ],
      output: null,
    },
    {
      // A database session whose type is AsyncDisposable (mongodb 6.9+).
      code: `
import type { MongoClient } from 'mongodb';
export async function transfer(client: MongoClient, work: () => Promise<void>) {
  const session = client.startSession();
  try {
    await session.withTransaction(work);
  } finally {
    await session.endSession();
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
import type { MongoClient } from 'mongodb';
export async function transfer(client: MongoClient, work: () => Promise<void>) {
  await using session = client.startSession();
  await session.withTransaction(work);
}`,
            },
          ],
        },
      ],
      output: null,
    },
    {
      // A cursor from a getter-named call: the try/finally shape proves it is owned.
      code: `
import type { Db } from 'mongodb';
export async function active(db: Db) {
  const cursor = db.collection('users').find({ active: true });
  try {
    return await cursor.toArray();
  } finally {
    await cursor.close();
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
import type { Db } from 'mongodb';
export async function active(db: Db) {
  await using cursor = db.collection('users').find({ active: true });
  return await cursor.toArray();
}`,
            },
          ],
        },
      ],
      output: null,
    },
  ],
});
