/**
 * Same-file wrappers (`src/analysis/resolve/wrappers.ts`) and the order of evidence for a
 * given parameter (`src/analysis/resolve/given.ts`), through probes on real source code.
 */
import { describe, expect, it } from 'vitest';

import { closingCall } from '../../src/analysis/resolve/given.js';
import { findAcquisition } from '../../src/analysis/resolve/match.js';
import { createWrapperFinder } from '../../src/analysis/resolve/wrappers.js';
import { isFunctionNode } from '../../src/utils/ast/index.js';
import { lintWith, probe } from './lint-probe.js';

/** `callee: entry id` for every call that is a wrapper call, in source order. */
function wrappers(code: string, bindings = true): string[] {
  const out: string[] = [];
  const finders = new WeakMap<object, ReturnType<typeof createWrapperFinder>>();
  for (const { callee, value } of probe(code, (sourceCode, node) => {
    let find = finders.get(sourceCode);
    if (!find) {
      find = createWrapperFinder(sourceCode, (call) => findAcquisition(sourceCode, call), {
        bindings,
      });
      finders.set(sourceCode, find);
    }
    return find(node);
  }))
    if (value) out.push(`${callee}: ${value.entry.id}`);
  return out;
}

describe('createWrapperFinder', () => {
  it('finds wrappers that return a fresh acquisition, directly, awaited or through another', () => {
    const code = `
import fs from 'node:fs';
import { Pool } from 'pg';
const pool = new Pool();
function openLog(p: string) { return fs.promises.open(p, 'a'); }
async function getClient() { return await pool.connect(); }
const openOut = (p: string) => fs.createWriteStream(p);
function again(p: string) { return openLog(p); }
export async function use() {
  await openLog('a'); await getClient(); openOut('b'); await again('c');
}`;
    expect(wrappers(code)).toEqual([
      // Inside `again`, then in `use`.
      'openLog: fs.promises.open',
      'openLog: fs.promises.open',
      'getClient: pg.PoolClient',
      'openOut: fs.createWriteStream',
      'again: fs.promises.open',
    ]);
  });

  it('takes a const set up in place only when asked to', () => {
    const code = `
import fs from 'node:fs';
function openReport(p: string) {
  const out = fs.createWriteStream(p);
  out.write('header');
  return out;
}
export function use() { openReport('r'); }`;
    expect(wrappers(code)).toEqual(['openReport: fs.createWriteStream']);
    expect(wrappers(code, false)).toEqual([]);
  });

  it('leaves caches, singletons, stores, listeners, releases and mixed returns alone', () => {
    const code = `
import fs from 'node:fs';
import net from 'node:net';
const cache = new Map();
const all: unknown[] = [];
let shared: fs.WriteStream | undefined;
function cached(p: string) { if (cache.has(p)) return cache.get(p); const s = fs.createWriteStream(p); cache.set(p, s); return s; }
function single() { return (shared ??= fs.createWriteStream('x')); }
function stored(p: string) { const s = fs.createWriteStream(p); all.push(s); return s; }
function wired(port: number) { const s = net.connect(port); s.on('data', () => {}); return s; }
function closed(p: string) { const s = fs.createWriteStream(p); s.end(); return s; }
function maybe(p?: string) { if (!p) return null; return fs.createWriteStream(p); }
function* gen(p: string) { return fs.createWriteStream(p); }
function recurse(p: string): unknown { return recurse(p); }
export function use() { cached('a'); single(); stored('b'); wired(1); closed('c'); maybe('d'); gen('e'); recurse('f'); }`;
    expect(wrappers(code)).toEqual([]);
  });
});

describe('closingCall', () => {
  /** `name.method` for every parameter use that closes it as a step of its function's body. */
  function closing(code: string): string[] {
    const out: string[] = [];
    lintWith(code, (context) => ({
      Identifier(node) {
        const variable = context.sourceCode
          .getScope(node)
          .references.find((ref) => ref.identifier === node)?.resolved;
        const fn = variable?.defs[0]?.type === 'Parameter' ? variable.defs[0].node : null;
        if (!fn || !isFunctionNode(fn)) return;
        const method = closingCall(node, fn, new Set(['close', 'release']));
        if (method) out.push(`${node.name}.${method}@${node.loc.start.line}`);
      },
    }));
    return out;
  }

  it('counts a release statement of the body or of a try block there, not one in a branch', () => {
    const code = `
export async function a(fh) { await fh.close(); }
export function b(c) { try { c.query(); c.release(); } catch { return; } }
export function d(c, x) { if (x) c.release(); }
export function e(c) { return c.release(); }
export function f(c) { const r = c.release(); return r; }`;
    expect(closing(code)).toEqual(['fh.close@2', 'c.release@3', 'c.release@5']);
  });
});
