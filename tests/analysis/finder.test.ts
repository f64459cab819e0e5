/**
 * The leak finder's surface, through a probe rule run by the real ESLint `Linter`: what a
 * lifecycle rule states (`LeakSpec`) and what it gets back (`Finding`).
 */
import tsParser from '@typescript-eslint/parser';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';

import {
  createLeakFinder,
  gateFor,
  type Finding,
  type LeakSpec,
} from '../../src/analysis/engine/finder.js';
import { exitLine } from '../../src/analysis/fixes/describe.js';
import { catalogEntry } from '../../src/catalog/index.js';
import type { ResourceEntry } from '../../src/catalog/types.js';

type Spec = Omit<LeakSpec, 'unknownCalleeTakesOwnership' | 'exceptionPaths'> &
  Partial<Pick<LeakSpec, 'unknownCalleeTakesOwnership' | 'exceptionPaths'>>;

/** Every finding of `spec` in `code`, as the probe saw it. */
function findingsOf(code: string, spec: Spec, filename = 'file.ts'): Finding[] {
  const found: Finding[] = [];
  const rule = {
    meta: { type: 'problem' as const, schema: [] },
    create(context: TSESLint.RuleContext<string, []>) {
      return createLeakFinder(
        context,
        { unknownCalleeTakesOwnership: true, exceptionPaths: false, ...spec },
        (finding) => found.push(finding),
      );
    },
  };
  const linter = new Linter({ configType: 'flat' });
  const messages = linter.verify(
    code,
    [
      {
        files: ['**/*.ts', '**/*.js'],
        languageOptions: {
          // The TypeScript parser for both: the file name alone decides the language level.
          parser: tsParser,
          ecmaVersion: 'latest',
          sourceType: 'module',
        },
        plugins: { probe: { rules: { finder: rule as never } } },
        rules: { 'probe/finder': 'error' },
      },
    ],
    filename,
  );
  const fatal = messages.find((m) => m.fatal === true || m.ruleId === 'probe/finder');
  if (fatal) throw new Error(fatal.message);
  return found;
}

/** `leaks x: return@5, throw@7` / `discarded` / `not-exception-safe x@4`. */
function summary(finding: Finding): string {
  const { verdict } = finding;
  if (verdict.kind === 'discarded') return `discarded ${verdict.node.type}`;
  if (verdict.kind === 'not-exception-safe')
    return `not-exception-safe ${verdict.name}@${verdict.call.loc.start.line}`;
  const exits = finding.exits.map((exit) => {
    if (exit.kind === 'loop') return 'loop';
    const at = exit.kind === 'end' ? 'end' : `${exit.kind}@${exitLine(exit)}`;
    return exit.after ? `${at} after@${exit.after.loc.start.line}` : at;
  });
  return `leaks ${verdict.name}: ${exits.join(', ')}`;
}

const summaries = (code: string, spec: Spec, filename?: string): string[] =>
  findingsOf(code, spec, filename).map(summary);

const fileHandles: Spec = { owns: (entry) => entry.kind === 'file-handle' };

describe('createLeakFinder', () => {
  it('returns every exit that leaks a value, in source order', () => {
    const code = `
import { open } from 'node:fs/promises';
export async function f(path: string, a: boolean, b: boolean) {
  const fh = await open(path);
  if (a) return 1;
  if (b) return 2;
  await fh.close();
  return 3;
}`;
    expect(summaries(code, fileHandles)).toEqual(['leaks fh: return@5, return@6']);
  });

  it('keeps exits a release reaches out of the list, whatever the branch order', () => {
    const code = `
import { open } from 'node:fs/promises';
export async function f(path: string, a: boolean, b: boolean) {
  const fh = await open(path);
  if (a) {
    await fh.close();
    return 1;
  }
  if (b) return 2;
  await fh.close();
  return 3;
}`;
    expect(summaries(code, fileHandles)).toEqual(['leaks fh: return@9']);
  });

  it('counts explicit throws as exits under throwPaths, and names a caught throw on the way', () => {
    const code = `
import { open } from 'node:fs/promises';
export async function f(path: string, a: boolean) {
  try {
    const fh = await open(path);
    if (a) throw new Error('a');
    await fh.close();
  } catch (error) {
    console.error(error);
  }
  const fh2 = await open(path);
  if (a) throw new Error('b');
  await fh2.close();
}`;
    // A caught throw is followed either way; an uncaught one is an exit only under throwPaths.
    expect(summaries(code, fileHandles)).toEqual(['leaks fh: end after@6']);
    // The caught path goes on: past the catch, the throw at line 12 leaves with `fh` held too.
    expect(summaries(code, { ...fileHandles, throwPaths: true })).toEqual([
      'leaks fh: end after@6, throw@12 after@6',
      'leaks fh2: throw@12',
    ]);
  });

  it('asks the rule what releases and what hands on, on top of the entry', () => {
    const code = `
import { open } from 'node:fs/promises';
export async function f(path: string, pool: { adopt(x: unknown): void }) {
  const a = await open(path);
  shutdown(a);
  const b = await open(path);
  pool.adopt(b);
}`;
    const strict = { ...fileHandles, unknownCalleeTakesOwnership: false };
    expect(summaries(code, strict)).toEqual(['leaks a: end']);
    const callee = (ref: TSESTree.Node, name: string): boolean =>
      ref.parent?.type === 'CallExpression' &&
      ref.parent.callee.type === 'Identifier' &&
      ref.parent.callee.name === name;
    expect(
      summaries(code, {
        ...strict,
        isRelease: (ref) => callee(ref, 'shutdown'),
        isHandOff: (ref) =>
          ref.parent?.type === 'CallExpression' &&
          ref.parent.callee.type === 'MemberExpression' &&
          ref.parent.callee.property.type === 'Identifier' &&
          ref.parent.callee.property.name === 'adopt',
      }),
    ).toEqual([]);
  });

  it('places a rule hand-off in a callback where the callback is created', () => {
    const code = `
import { open } from 'node:fs/promises';
export async function f(path: string, a: boolean, later: (f: () => void) => void) {
  const fh = await open(path);
  if (a) return;
  later(() => keep(fh));
}`;
    const spec: Spec = {
      ...fileHandles,
      unknownCalleeTakesOwnership: false,
      isHandOff: (ref) =>
        ref.parent?.type === 'CallExpression' &&
        ref.parent.callee.type === 'Identifier' &&
        ref.parent.callee.name === 'keep',
    };
    expect(summaries(code, spec)).toEqual(['leaks fh: return@5']);
  });

  it('tracks an expression the rule selects itself, with the rule’s entry', () => {
    const abortTimer: ResourceEntry = {
      id: 'abort-timer',
      label: 'abort timer',
      kind: 'timer',
      acquire: { via: 'call', from: [] },
      releaseMethods: [],
      releaseCalls: [{ fn: { module: 'global', path: ['clearTimeout'] }, argIndex: 0 }],
    };
    /** `setTimeout(() => x.abort(), ms)`. */
    const abortsLater = (node: TSESTree.CallExpression | TSESTree.NewExpression): boolean => {
      const callback = node.arguments[0];
      return (
        node.callee.type === 'Identifier' &&
        node.callee.name === 'setTimeout' &&
        callback?.type === 'ArrowFunctionExpression' &&
        callback.body.type === 'CallExpression' &&
        callback.body.callee.type === 'MemberExpression' &&
        callback.body.callee.property.type === 'Identifier' &&
        callback.body.callee.property.name === 'abort'
      );
    };
    const code = `
export async function get(url: string, ms: number) {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), ms);
  const res = await fetch(url, { signal: controller.signal });
  if (!res.ok) return null;
  clearTimeout(timer);
  return res;
}
export function harmless() {
  const t = setTimeout(() => console.log('tick'), 10);
  return 1;
}`;
    const spec: Spec = {
      owns: () => false,
      select: {
        worthAsking: (text) => text.includes('.abort()'),
        entryOf: (node) => (abortsLater(node) ? abortTimer : null),
      },
    };
    const found = findingsOf(code, spec);
    expect(found.map(summary)).toEqual(['leaks timer: return@6']);
    expect(found[0].entry).toBe(abortTimer);
    expect(found[0].words).toMatchObject({
      label: 'abort timer',
      release: '`clearTimeout(timer)`',
    });
    // Without the text a file cannot hold one, nothing is asked or recorded.
    expect(summaries(code.replaceAll('.abort()', '.cancel()'), spec)).toEqual([]);
  });

  it('follows the destructured part, and drops a value destructured without it', () => {
    const code = `
import { request } from 'undici';
export async function f(url: string) {
  const { statusCode, body } = await request(url);
  if (statusCode === 404) return null;
  return body.json();
}
export async function g(url: string) {
  const { statusCode } = await request(url);
  return statusCode;
}`;
    const bodies: Spec = {
      owns: (entry) => entry.kind === 'response-body',
      unknownCalleeTakesOwnership: false,
    };
    expect(summaries(code, bodies)).toEqual(['leaks body: return@5', 'discarded ObjectPattern']);
  });

  it('drops exits in a branch whose test says the value holds nothing', () => {
    const code = `
export async function f(url: string) {
  const res = await fetch(url);
  if (res.status === 204) return null;
  if (res.status === 500) return null;
  return res.json();
}`;
    const bodies: Spec = {
      owns: (entry) => entry.kind === 'response-body',
      unknownCalleeTakesOwnership: false,
    };
    expect(summaries(code, bodies)).toEqual(['leaks res: return@4, return@5']);
    const noContent = (test: TSESTree.Expression): boolean =>
      test.type === 'BinaryExpression' && test.right.type === 'Literal' && test.right.value === 204;
    expect(summaries(code, { ...bodies, holdsNothingWhen: noContent })).toEqual([
      'leaks res: return@5',
    ]);
  });

  it('discards a value never bound that the rule says is only looked at', () => {
    const code = `
export async function f(url: string) {
  return (await fetch(url)).status;
}
export async function g(url: string) {
  return (await fetch(url)).text();
}`;
    const bodies: Spec = { owns: (entry) => entry.kind === 'response-body' };
    expect(summaries(code, bodies)).toEqual([]);
    const peeks: Spec = {
      ...bodies,
      isPeek: (ref) =>
        ref.parent?.type === 'MemberExpression' &&
        ref.parent.property.type === 'Identifier' &&
        ref.parent.property.name === 'status',
    };
    // `.text()` is the entry's own release, asked of the unbound value too.
    expect(summaries(code, peeks)).toEqual(['discarded MemberExpression']);
  });

  it('advises `using` only where the entry is disposable and the file can parse it', () => {
    const code = `
import { open, opendir } from 'node:fs/promises';
import { openSync } from 'node:fs';
export async function f(path: string) {
  const fh = await open(path);
  const dir = await opendir(path);
  const fd = openSync(path, 'r');
  return 1;
}
export function g(path: string) {
  const fh = open(path);
  return 1;
}`;
    const spec: Spec = {
      owns: (entry) => ['file-handle', 'directory', 'file-descriptor'].includes(entry.kind),
      unknownCalleeTakesOwnership: false,
    };
    const words = (filename: string) =>
      findingsOf(code, spec, filename).map((f) => [f.words.name, f.words.canUse, f.words.fix]);
    expect(words('file.ts')).toEqual([
      ['fh', true, '`await using fh = …`'],
      ['dir', false, '`try { … } finally { await dir.close(); }`'],
      ['fd', false, '`try { … } finally { closeSync(fd); }`'],
      // Neither `await using` nor `await` can sit in a function that is not async.
      ['fh', false, '`try { … } finally { fh.close(); }`'],
    ]);
    // JavaScript runs as written, on runtimes that may not parse `using`.
    expect(words('file.js').map(([name, canUse]) => [name, canUse])).toEqual([
      ['fh', false],
      ['dir', false],
      ['fd', false],
      ['fh', false],
    ]);
  });
});

describe('gateFor', () => {
  it('adds the entries an owned entry is acquired from', () => {
    const client = catalogEntry('pg.PoolClient');
    const pool = catalogEntry('pg.Pool');
    expect(client).toBeDefined();
    expect(gateFor([client!])).toContain(pool);
  });
});

describe('parameters', () => {
  /** `name: exits` for every parameter named `fh` that the function owns and leaks. */
  function givenLeaks(code: string, throwPaths = false): string[] {
    const handle = catalogEntry('fs.promises.open')!;
    const out: string[] = [];
    findingsOf(code, {
      ...fileHandles,
      throwPaths,
      parameters: {
        worthAsking: () => true,
        entryOf: (param) => (param.name === 'fh' ? handle : null),
        onLeak: ({ param, exits, releases }) =>
          out.push(
            `${param.name}: ${exits.map((e) => (e.kind === 'loop' ? 'loop' : `${e.kind}@${exitLine(e)}`)).join(', ')} (released@${releases.map((r) => r.loc.start.line).join(',')})`,
          ),
      },
    });
    return out;
  }

  it('owns a parameter released on one path and reports the other exits', () => {
    const code = `
async function finish(fh, keep) {
  if (keep) return fh;
  if (!fh) return null;
  await fh.sync();
  if (keep === 0) throw new Error('zero');
  if (keep === 1) return null;
  await fh.close();
}
`;
    expect(givenLeaks(code)).toEqual(['fh: return@7 (released@8)']);
    expect(givenLeaks(code, true)).toEqual(['fh: throw@6, return@7 (released@8)']);
  });

  it('leaves a parameter it never releases, or releases on every path, to the caller', () => {
    expect(givenLeaks(`async function peek(fh) { if (!fh) return; await fh.stat(); }`)).toEqual([]);
    expect(
      givenLeaks(
        `async function done(fh) { try { await fh.sync(); } finally { await fh.close(); } }`,
      ),
    ).toEqual([]);
    // Reassigned: not followed.
    expect(
      givenLeaks(
        `async function f(fh, o) { if (o) fh = o; if (o === 1) return; await fh.close(); }`,
      ),
    ).toEqual([]);
  });
});
