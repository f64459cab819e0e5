import { describe, expect, it } from 'vitest';
import { Linter } from 'eslint';
import tsParser from '@typescript-eslint/parser';

import probe from './ownership-probe.js';

function verdicts(
  code: string,
  options: { strict?: boolean; exceptionPaths?: boolean } = {},
): string[] {
  const linter = new Linter({ configType: 'flat' });
  const messages = linter.verify(
    code,
    [
      {
        files: ['**/*.ts'],
        languageOptions: { parser: tsParser, ecmaVersion: 'latest', sourceType: 'module' },
        plugins: { t: { rules: { probe: probe as never } } },
        rules: { 't/probe': ['error', options] },
      },
    ],
    'file.ts',
  );
  const fatal = messages.find((m) => m.fatal || m.ruleId === null);
  if (fatal) throw new Error(fatal.message);
  return messages.map((m) => m.message);
}

describe('ownership engine', () => {
  it('straight-line release', () => {
    expect(verdicts(`function f() { const r = acquire(); r.use(); r.close(); }`)).toEqual([
      'released via release',
    ]);
    expect(
      verdicts(`function f() {\n const r = acquire();\n compute(r.size);\n r.close(); }`),
    ).toEqual(['not exception safe: r at line 3']);
  });
  it('module scope is never an obligation', () => {
    expect(verdicts(`const r = acquire();`)).toEqual(['module']);
  });
  it('early return before release', () => {
    expect(
      verdicts(
        `function f(a) {\n const r = acquire();\n if (a) return 1;\n r.close();\n return 2; }`,
      ),
    ).toEqual(['leaks r at return line 3']);
  });
  it('release in one branch only', () => {
    expect(verdicts(`function f(a) { const r = acquire(); if (a) { r.close(); } }`)).toEqual([
      'leaks r at end',
    ]);
  });
  it('release in finally', () => {
    expect(
      verdicts(
        `async function f(a) { const r = acquire(); try { if (a) return 1; await r.read(); } finally { r.close(); } }`,
      ),
    ).toEqual(['released via release']);
  });
  it('catch that releases and rethrows', () => {
    expect(
      verdicts(
        `async function f() { const r = acquire(); try { await r.read(); } catch (e) { r.close(); throw e; } r.close(); }`,
      ),
    ).toEqual(['released via release']);
  });
  it('a catch that swallows is an exception path: the call that throws into it is named', () => {
    expect(
      verdicts(
        `async function f() {\n const r = acquire();\n try { await r.read(); } catch (e) {\n return null; }\n r.close(); }`,
      ),
    ).toEqual(['not exception safe: r at line 3']);
  });
  it('an acquisition that throws into its own catch acquired nothing (field: execa, node-tar)', () => {
    expect(
      verdicts(
        `function f(p) {\n let r;\n try { r = acquire(p); } catch (e) { return null; }\n try { r.use(); } finally { r.close(); } }`,
      ),
    ).toEqual(['released via release']);
    expect(
      verdicts(
        `function f(ps) { for (const p of ps) { let r; try { r = acquire(p); } catch { continue; } r.close(); return p; } }`,
      ),
    ).toEqual(['released via release']);
  });
  it('a hand-off after an await that can fail leaks on that throw (field: actions/toolkit)', () => {
    expect(
      verdicts(
        `async function f(url) {\n const r = acquire();\n const body = await download(url);\n return save(body, r); }`,
      ),
    ).toEqual(['not exception safe: r at line 3']);
    expect(
      verdicts(`async function f() { const r = acquire(); await r.connect(); return r; }`),
    ).toEqual(['transferred by return']);
  });
  it('a release in a closure declared before the acquisition (field: node-tar)', () => {
    expect(
      verdicts(
        `function f(e) { const done = () => r.close(); let r; r = acquire(); e.on('end', done); }`,
      ),
    ).toEqual(['transferred by closure']);
  });
  it('another cleanup call in the releasing finally does not count (field: actions/toolkit)', () => {
    expect(
      verdicts(
        `async function f(p) { const r = acquire(); try { await p.go(r); } finally { p.stop(); r.close(); } }`,
      ),
    ).toEqual(['released via release']);
  });
  it('a release in finally makes other uses borrows (field: actions/toolkit)', () => {
    expect(
      verdicts(
        `function f(o) {\n const r = acquire();\n check(o);\n try { read({ fd: r }); } finally { free(r); } }`,
      ),
    ).toEqual(['not exception safe: r at line 3']);
  });
  it('using and await using', () => {
    expect(verdicts(`function f() { using r = acquire(); }`)).toEqual(['released via using']);
    expect(verdicts(`async function f() { await using r = new Resource(); }`)).toEqual([
      'released via using',
    ]);
  });
  it('DisposableStack use / adopt / defer', () => {
    expect(
      verdicts(
        `function f() { using stack = new DisposableStack(); const r = stack.use(acquire()); }`,
      ),
    ).toEqual(['transferred by stack']);
    expect(
      verdicts(
        `function f() { using stack = new DisposableStack(); const r = acquire(); stack.adopt(r, (x) => x.close()); }`,
      ),
    ).toEqual(['transferred by stack']);
    expect(
      verdicts(
        `function f() { using stack = new DisposableStack(); const r = acquire(); stack.defer(() => r.close()); }`,
      ),
    ).toEqual(['transferred by stack']);
  });
  it('returned, yielded, resolved', () => {
    expect(verdicts(`function f() { return acquire(); }`)).toEqual(['transferred by return']);
    expect(verdicts(`function f() { const r = acquire(); r.init(); return r; }`)).toEqual([
      'transferred by return',
    ]);
    expect(verdicts(`const f = () => acquire();`)).toEqual(['transferred by return']);
    expect(verdicts(`function* f() { const r = acquire(); yield r; }`)).toEqual([
      'transferred by yield',
    ]);
    expect(
      verdicts(
        `function f() { return new Promise((resolve) => { const r = acquire(); resolve(r); }); }`,
      ),
    ).toEqual(['transferred by resolve']);
    expect(
      verdicts(`async function f() { const r = acquire(); await r.ready(); return r; }`),
    ).toEqual(['transferred by return']);
  });
  it('stored on this, in an outer binding, in a collection', () => {
    expect(verdicts(`class A { start() { this.r = acquire(); } }`)).toEqual([
      'transferred by field',
    ]);
    expect(verdicts(`class A { start() { const r = acquire(); this.r = r; } }`)).toEqual([
      'transferred by field',
    ]);
    expect(verdicts(`let shared; function f() { shared = acquire(); }`)).toEqual([
      'transferred by outer',
    ]);
    expect(verdicts(`const all = []; function f() { const r = acquire(); all.push(r); }`)).toEqual([
      'transferred by collection',
    ]);
    expect(verdicts(`const m = new Map(); function f(k) { m.set(k, acquire()); }`)).toEqual([
      'transferred by collection',
    ]);
    expect(verdicts(`class A { r = acquire(); }`)).toEqual(['module']);
  });
  it('passed to pipeline', () => {
    expect(
      verdicts(`async function f(src) { const r = acquire(); await pipeline(src, r); }`),
    ).toEqual(['transferred by pipeline']);
  });
  it('passed to an unknown function: transfer in recommended, tracked in strict', () => {
    const code = `function f() { const r = acquire(); register(r); }`;
    expect(verdicts(code)).toEqual(['transferred by callee']);
    expect(verdicts(code, { strict: true })).toEqual(['leaks r at end']);
    expect(verdicts(`function f() { register(acquire()); }`, { strict: true })).toEqual([
      'discarded',
    ]);
    expect(verdicts(`function f() { const r = acquire(); console.log(r); }`)).toEqual([
      'leaks r at end',
    ]);
  });
  it('alias then release', () => {
    expect(verdicts(`function f() { const r = acquire(); const s = r; s.close(); }`)).toEqual([
      'released via release',
    ]);
    expect(
      verdicts(`function f(c) { const r = acquire(); const s = c ? r : null; s?.close(); }`),
    ).toEqual(['released via release']);
  });
  it('an empty start is fine; an earlier value is not', () => {
    expect(
      verdicts(
        `async function f() { let r = null; try { r = acquire(); await r.go(); } finally { await r?.close(); } }`,
      ),
    ).toEqual(['released via release']);
  });
  it('reassignment is not followed', () => {
    expect(verdicts(`function f() { let r = acquire(); r = acquire(); r.close(); }`)).toEqual([
      'unknown',
      'unknown',
    ]);
  });
  it('acquisition in a loop: released per iteration, or not', () => {
    expect(
      verdicts(`function f(xs) { for (const x of xs) { const r = acquire(x); r.close(); } }`),
    ).toEqual(['released via release']);
    expect(
      verdicts(`function f(xs) { for (const x of xs) { const r = acquire(x); r.use(); } }`),
    ).toEqual(['leaks r at end (loop)']);
    expect(
      verdicts(
        `function f(xs) { for (const x of xs) { const r = acquire(x); if (x.skip) continue; r.close(); } }`,
      ),
    ).toEqual(['leaks r at end (loop)']);
    expect(
      verdicts(
        `function f(xs) { const out = []; for (const x of xs) { out.push(acquire(x)); } return out; }`,
      ),
    ).toEqual(['transferred by collection']);
  });
  it('release inside x.on("close") and inside a setTimeout callback', () => {
    expect(verdicts(`function f() { const r = acquire(); r.on('end', () => r.close()); }`)).toEqual(
      ['transferred by closure'],
    );
    expect(
      verdicts(`function f() { const r = acquire(); setTimeout(() => r.close(), 10); }`),
    ).toEqual(['transferred by closure']);
    expect(
      verdicts(`function f() { const r = acquire(); setTimeout(() => r.close(), 10); }`, {
        strict: true,
      }),
    ).toEqual(['transferred by closure']);
    expect(
      verdicts(`function f(xs) { const r = acquire(); xs.forEach((x) => r.write(x)); }`),
    ).toEqual(['leaks r at end']);
  });
  it('conditional acquisition with a guarded release', () => {
    expect(
      verdicts(
        `async function f(p) { let r; try { if (p) r = acquire(p); await r.work(); } finally { if (r) r.close(); } }`,
      ),
    ).toEqual(['released via release']);
    expect(
      verdicts(
        `async function f(p) { let r; try { r = acquire(p); await r.go(); } finally { r?.close(); } }`,
      ),
    ).toEqual(['released via release']);
    expect(verdicts(`function f() { const r = acquire(); r && r.close(); }`)).toEqual([
      'released via release',
    ]);
  });
  it('a guard on the value itself covers both branches; a test of anything else does not', () => {
    // Nothing to release on the other branch: null checks, state, a descriptor's sign.
    for (const test of [
      'r',
      'r != null',
      '!r.destroyed',
      'typeof r === "object"',
      'r >= 0',
      'r.close',
    ]) {
      expect(
        verdicts(
          `async function f() { const r = acquire(); try { await r.work(); } finally { if (${test}) r.close(); } }`,
        ),
      ).toEqual(['released via release']);
    }
    // A release under a test of what the value says leaves the other branch to release it.
    expect(
      verdicts(
        `function f() {\n const r = acquire();\n if (r.status === 404) { r.close(); return null; }\n if (r.status === 500) return null;\n r.close();\n return 1; }`,
      ),
    ).toEqual(['leaks r at return line 4']);
    expect(verdicts(`function f(a) {\n const r = acquire();\n if (r && a) r.close();\n }`)).toEqual(
      ['leaks r at end'],
    );
  });
  it('discarded acquisition, and chains', () => {
    expect(verdicts(`function f() { acquire(); }`)).toEqual(['discarded']);
    expect(verdicts(`function f(x) { acquire().write(x); }`)).toEqual(['discarded']);
    expect(verdicts(`function f(x) { acquire().on('error', h).write(x); }`)).toEqual(['discarded']);
    expect(verdicts(`function f() { return acquire().on('error', h); }`)).toEqual([
      'transferred by return',
    ]);
    expect(verdicts(`function f(res) { acquire().pipe(res); }`)).toEqual([
      'transferred by pipeline',
    ]);
  });
  it('process.exit() paths carry no obligation', () => {
    expect(
      verdicts(`function f(a) { const r = acquire(); if (a) process.exit(1); r.close(); }`),
    ).toEqual(['released via release']);
  });
  it('throw paths are exception paths, not normal exits', () => {
    expect(
      verdicts(
        `function f(a) { const r = acquire(); if (!a) { r.close(); throw new Error('x'); } r.close(); }`,
      ),
    ).toEqual(['released via release']);
  });
  it('exception paths: a call between acquisition and a plain release', () => {
    const code = `async function f() {\n const r = acquire();\n const data = await r.read();\n r.close();\n return data; }`;
    expect(verdicts(code)).toEqual(['not exception safe: r at line 3']);
    expect(verdicts(code, { exceptionPaths: false })).toEqual(['released via release']);
    expect(
      verdicts(
        `async function f() {\n const r = acquire();\n console.log('opened');\n try { await r.read(); } finally { r.close(); } }`,
      ),
    ).toEqual(['released via release']);
    expect(
      verdicts(
        `async function f() {\n const r = acquire();\n await prepare();\n try { await r.read(); } finally { r.close(); } }`,
      ),
    ).toEqual(['not exception safe: r at line 3']);
  });
  it('a release call not awaited still counts as the release', () => {
    expect(
      verdicts(
        `async function f() { const r = acquire(); try { await r.go(); } finally { r.close(); } }`,
      ),
    ).toEqual(['released via release']);
  });
  it('keyed releases found by the caller (analyzeReleases)', () => {
    expect(verdicts(`function f(id) { open(id); work(); shut(id); }`)).toEqual([
      'not exception safe: id at line 1',
    ]);
    expect(verdicts(`function f(id) { try { open(id); work(); } finally { shut(id); } }`)).toEqual([
      'released via release',
    ]);
    expect(verdicts(`function f(id, a) {\n open(id);\n if (a) return;\n shut(id); }`)).toEqual([
      'leaks id at return line 3',
    ]);
    // A close in a callback hands the decision to whoever runs it.
    expect(verdicts(`function f(id, res) { open(id); res.on('finish', () => shut(id)); }`)).toEqual(
      ['transferred by closure'],
    );
    // A close of another key does not count.
    expect(verdicts(`function f(a, b) { open(a); shut(b); }`)).toEqual(['leaks a at end']);
    expect(verdicts(`open('boot'); shut('boot');`)).toEqual(['module']);
  });
  it('switch, labels, nested loops and odd code do not throw', () => {
    verdicts(
      `function f(k) { outer: for (;;) { switch (k) { case 1: { const r = acquire(); if (k) break outer; r.close(); break; } default: continue outer; } } }`,
    );
    verdicts(`function f() { (0, acquire)(); new (acquire())(); acquire()?.x?.(); }`);
    verdicts(`async function* g() { for await (const r of acquire()) { yield r; } }`);
  });
});
