/**
 * The run-time check of fixes (tests/support/sandbox.ts): it reports the fixes that broke code
 * before issue 17 (3: a declaration moved past its use, 4: a declaration moved out of reach of
 * an earlier caller), stays quiet on the fixes the rules give for the same code now, and its
 * sandbox runs code inertly (stubs, no real I/O) and in bounded time.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { afterAll, describe, expect, it } from 'vitest';

import plugin from '../../src/index.js';
import type { LeakproofDocs } from '../../src/utils/create-rule.js';
import { CLOSURE_READ_MOVED, SHADOWED_TRY_BODY } from '../support/broken-fixes.js';
import { fixOutputs, fixturesDir } from '../support/fixes.js';
import {
  closeSandbox,
  parse,
  runInSandbox,
  runtimeRegressions,
  selfContained,
} from '../support/sandbox.js';

afterAll(closeSandbox);

const FILE = 'file.ts';
const errorsOf = (code: string, filename = FILE): string[] =>
  runInSandbox([code], filename, code)[0].errors;

/** Broken fixes the rules once gave (issue 17), each with the error it raises at run time. */
const BROKEN = [
  {
    what: 'a try body lifted past a shadowing declaration (3)',
    error: "ReferenceError: Cannot access 'p' before initialization",
    ...SHADOWED_TRY_BODY,
  },
  {
    what: 'a function declaration moved into try, out of reach of its earlier caller (4)',
    error: 'ReferenceError: log is not defined',
    before: `import { open } from 'node:fs/promises';
export async function read(p: string) {
  log();
  const fh = await open(p);
  await fh.read();
  function log() {}
}`,
    after: `import { open } from 'node:fs/promises';
export async function read(p: string) {
  log();
  const fh = await open(p);
  try {
    await fh.read();
    function log() {}
  } finally {
    await fh.close();
  }
}`,
  },
  {
    what: 'a declaration an earlier closure reads, moved into try (4)',
    error: 'ReferenceError: header is not defined',
    ...CLOSURE_READ_MOVED,
  },
];

/** Shapes like those, and a client hoisted to module scope, which the rules fix today. */
const RIGHT = [
  `import { open } from 'node:fs/promises';
export async function head(path: string) {
  const fh = await open(path);
  log(await fh.read(Buffer.alloc(4), 0, 4, 0));
  function log(value: unknown) {
    console.log(value);
  }
}`,
  `import { open } from 'node:fs/promises';
export async function check(path: string) {
  const fh = await open(path); // opened once
  const header = await fh.readFile();
  console.log(header.length);
  // done reading
  await fh.close();
}`,
  // `API` is free, the program's environment (a stub): the client reads it at module scope too.
  `import { Router } from 'express';
import axios from 'axios';
export const router = Router();
router.post('/orders', async (req, res) => {
  const api = axios.create({ baseURL: API, timeout: 5000 });
  const { data } = await api.post('/orders', req.body);
  res.status(201).json(data);
});`,
];

/** The rules with fixes or suggestions that run without type information. */
const FIXING_RULES = Object.entries(plugin.rules)
  .filter(([, rule]) => rule.meta?.fixable !== undefined || rule.meta?.hasSuggestions === true)
  .filter(([, rule]) => (rule.meta?.docs as Partial<LeakproofDocs>).requiresTypeChecking !== true)
  .map(([name]) => name);

describe('the run-time check of fixes', () => {
  for (const { what, error, before, after } of BROKEN) {
    it(`reports a broken fix: ${what}`, () => {
      const [result] = runtimeRegressions(before, [after], FILE);
      expect(result.inconclusive).toBeNull();
      expect(result.added).toEqual([error]);
      expect(result.before.errors).toEqual([]);
    });
  }

  it("stays quiet on the fixes today's rules give for the same shapes", () => {
    const fixedPerCase = [...BROKEN.map((b) => b.before), ...RIGHT].map((before) => {
      let checked = 0;
      for (const rule of FIXING_RULES) {
        const filename = path.join(fixturesDir, FILE);
        const { outputs } = fixOutputs(before, { tester: 'untyped', rule, filename });
        const fixed = outputs.map((o) => o.fixed);
        for (const [i, result] of runtimeRegressions(before, fixed, FILE).entries()) {
          expect(result.added, `${rule}, ${outputs[i].kind}:\n${fixed[i]}`).toEqual([]);
          checked += 1;
        }
      }
      return checked;
    });
    // Every case of RIGHT got a fix or suggestion to check.
    expect(fixedPerCase.slice(BROKEN.length).filter((n) => n === 0)).toEqual([]);
  });
});

describe('the sandbox', () => {
  // Each `none.<where>;` that runs raises a TypeError naming <where>.
  const NONE = 'const none: any = null;';
  const reached = (...where: string[]): string[] =>
    where.map((w) => `TypeError: Cannot read properties of null (reading '${w}')`);

  it('runs the code after an awaited stub, a `using` block and a stub callback', () => {
    const code = `import { open } from 'node:fs/promises';
import { EventEmitter } from 'node:events';
${NONE}
export async function f(p: string, emitter: EventEmitter) {
  const res = await fetch(p);
  await res.text();
  await using fh = await open(p);
  using stack = new DisposableStack();
  emitter.on('data', () => none.inCallback);
  none.afterUsing;
}`;
    expect(errorsOf(code)).toEqual(reached('afterUsing', 'inCallback'));
  });

  it('calls methods, static methods and disposers of classes, and non-exported functions', () => {
    const code = `declare function log(value: unknown): void;
${NONE}
class Service {
  start() { none.inStart; }
  static create() { none.inCreate; }
  [Symbol.dispose]() { none.inDispose; }
}
const helper = () => { log(1); none.inHelper; };
function* steps() { yield 1; none.inGenerator; }`;
    expect(errorsOf(code)).toEqual(
      reached('inCreate', 'inDispose', 'inGenerator', 'inHelper', 'inStart'),
    );
  });

  it('records the rejection of a floating promise, and ReferenceErrors', () => {
    const code = `${NONE}
export function f() {
  void (async () => { none.floating; })();
  return later;
}
f();
const later = 1;`;
    expect(errorsOf(code)).toEqual([
      "ReferenceError: Cannot access 'later' before initialization",
      ...reached('floating'),
    ]);
  });

  it('stubs the names a program reads but does not declare: its environment', () => {
    const code = 'export function f() { return new Client(DATABASE_URL).connect(); }';
    expect(errorsOf(code)).toEqual([]);
  });

  it('does no real I/O and does not exit', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'leakproof-sandbox-'));
    const target = path.join(dir, 'written.txt');
    try {
      const code = `import { writeFileSync } from 'node:fs';
import { spawn } from 'node:child_process';
export function f() {
  writeFileSync(${JSON.stringify(target)}, 'x');
  spawn('touch', [${JSON.stringify(target)}]);
  setTimeout(() => writeFileSync(${JSON.stringify(target)}, 'y'), 1);
  process.exit(1);
  none.afterExit;
}
${NONE}`;
      expect(errorsOf(code)).toEqual([]);
      expect(existsSync(target)).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('cuts endless loops and endless work short', () => {
    const [spin, awaits, backtracks] = runInSandbox(
      [
        'export function f(cond: boolean) { while (cond) { continue; } }',
        'export async function f(x: any) { while (true) await x.next(); }',
        "export function f() { return /^(a+)+$/.test('a'.repeat(40) + 'b'); }",
      ],
      FILE,
      'export function f() {}',
    );
    expect(spin.cutShort).toBe('budget');
    expect(awaits.cutShort).toBe('budget');
    expect(backtracks.cutShort).toBe('timeout');
  });

  it('tells self-contained programs from ones that use names they do not declare', () => {
    const declared = `import { open } from 'node:fs/promises';
declare function log(value: unknown): void;
export async function f(p: string): Promise<void> {
  const fh = await open(p);
  log(await fh.stat());
  setTimeout(() => process.exit(1), 10);
}`;
    expect(selfContained(parse(declared, FILE))).toBe(true);
    expect(selfContained(parse('export function f() { doWork(); }', FILE))).toBe(false);
    expect(selfContained(parse('const x: Foo = 1;', FILE))).toBe(true);
  });
});
