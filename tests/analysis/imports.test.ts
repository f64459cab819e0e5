import { describe, expect, it } from 'vitest';

import {
  fileImports,
  normaliseModule,
  resolveReference,
} from '../../src/analysis/resolve/imports.js';
import type { ExportRef } from '../../src/catalog/types.js';

import { at, probe, type ProbeOptions } from './lint-probe.js';

function resolveAll(code: string, options?: ProbeOptions) {
  return probe(code, (sourceCode, node) => resolveReference(sourceCode, node.callee), options);
}

const ref = (module: string, ...path: string[]): ExportRef => ({ module, path });

describe('normaliseModule', () => {
  it('strips node: and turns built-in subpaths into a path prefix', () => {
    expect(normaliseModule('node:fs')).toEqual({ module: 'fs', prefix: [] });
    expect(normaliseModule('fs/promises')).toEqual({ module: 'fs', prefix: ['promises'] });
    expect(normaliseModule('node:timers/promises')).toEqual({
      module: 'timers',
      prefix: ['promises'],
    });
    expect(normaliseModule('stream/promises')).toEqual({ module: 'stream', prefix: ['promises'] });
  });

  it('keeps packages and their subpaths as written', () => {
    expect(normaliseModule('mysql2/promise')).toEqual({ module: 'mysql2/promise', prefix: [] });
    expect(normaliseModule('@aws-sdk/client-s3')).toEqual({
      module: '@aws-sdk/client-s3',
      prefix: [],
    });
    expect(normaliseModule('./db.js')).toEqual({ module: './db.js', prefix: [] });
  });

  it('maps aliases, and only aliases: names of Object.prototype keys are packages too', () => {
    expect(normaliseModule('fs-extra')).toEqual({ module: 'fs', prefix: [] });
    expect(normaliseModule('constructor')).toEqual({ module: 'constructor', prefix: [] });
    expect(normaliseModule('toString')).toEqual({ module: 'toString', prefix: [] });
  });
});

describe('resolveReference: ES imports', () => {
  it('resolves named, renamed, default and namespace imports', () => {
    const results = resolveAll(`
      import { createWriteStream, promises as fsp } from 'node:fs';
      import fsDefault from 'fs';
      import * as ns from 'fs';
      import { open as openHandle } from 'fs/promises';
      import { setInterval as every } from 'node:timers/promises';
      import { pipeline } from 'stream/promises';
      import { Pool } from 'pg';
      import pg from 'pg';
      import Redis, { Cluster } from 'ioredis';
      import { default as axios } from 'axios';
      export async function job(path: string) {
        createWriteStream(path);
        await fsp.open(path);
        fsDefault.createReadStream(path);
        ns.promises.open(path);
        await openHandle(path);
        every(1000);
        await pipeline(a, b);
        new Pool();
        new pg.Pool();
        new Redis();
        new Cluster([]);
        axios.create();
      }
    `);
    expect(at(results, 'createWriteStream')).toEqual(ref('fs', 'createWriteStream'));
    expect(at(results, 'fsp.open')).toEqual(ref('fs', 'promises', 'open'));
    expect(at(results, 'fsDefault.createReadStream')).toEqual(
      ref('fs', 'default', 'createReadStream'),
    );
    expect(at(results, 'ns.promises.open')).toEqual(ref('fs', 'promises', 'open'));
    expect(at(results, 'openHandle')).toEqual(ref('fs', 'promises', 'open'));
    expect(at(results, 'every')).toEqual(ref('timers', 'promises', 'setInterval'));
    expect(at(results, 'pipeline')).toEqual(ref('stream', 'promises', 'pipeline'));
    expect(at(results, 'Pool')).toEqual(ref('pg', 'Pool'));
    expect(at(results, 'pg.Pool')).toEqual(ref('pg', 'default', 'Pool'));
    expect(at(results, 'Redis')).toEqual(ref('ioredis', 'default'));
    expect(at(results, 'Cluster')).toEqual(ref('ioredis', 'Cluster'));
    expect(at(results, 'axios.create')).toEqual(ref('axios', 'default', 'create'));
  });

  it('puts default before the subpath prefix', () => {
    const results = resolveAll(`
      import fsp from 'node:fs/promises';
      export const h = () => fsp.open('x');
    `);
    expect(at(results, 'fsp.open')).toEqual(ref('fs', 'default', 'promises', 'open'));
  });

  it('ignores type-only imports', () => {
    const results = resolveAll(`
      import type { Pool } from 'pg';
      import { type Client } from 'pg';
      declare const Pool: any, Client: any;
      new Pool();
      new Client();
    `);
    expect(at(results, 'Pool')).toBeNull();
    expect(at(results, 'Client')).toBeNull();
  });

  it('resolves TypeScript import-equals', () => {
    const results = resolveAll(`
      import fs = require('fs');
      fs.openSync('a', 'r');
    `);
    expect(at(results, 'fs.openSync')).toEqual(ref('fs', 'openSync'));
  });

  it('resolves await import() with a literal specifier', () => {
    const results = resolveAll(`
      export async function load() {
        const fs = await import('node:fs');
        const { open } = await import('fs/promises');
        fs.createReadStream('x');
        await open('x');
        (await import('child_process')).spawn('ls');
      }
    `);
    expect(at(results, 'fs.createReadStream')).toEqual(ref('fs', 'createReadStream'));
    expect(at(results, 'open')).toEqual(ref('fs', 'promises', 'open'));
    expect(at(results, "(await import('child_process')).spawn")).toEqual(
      ref('child_process', 'spawn'),
    );
  });
});

describe('resolveReference: require', () => {
  const options: ProbeOptions = { parser: 'js', sourceType: 'commonjs' };

  it('resolves plain, member, destructured and nested destructured requires', () => {
    const results = resolveAll(
      `
      const fs = require('node:fs');
      const { spawn, exec: run } = require('child_process');
      const { promises: { open } } = require('fs');
      const fsp = require('fs').promises;
      const { Pool } = require('pg');
      const Redis = require('ioredis');
      const { opendir } = require('fs/promises');
      module.exports = async function handler(req, res) {
        fs.createWriteStream('x');
        spawn('ls');
        run('ls');
        await open('x');
        await fsp.open('x');
        new Pool();
        new Redis();
        await opendir('.');
        require('fs').watch('.');
      };
    `,
      options,
    );
    expect(at(results, 'fs.createWriteStream')).toEqual(ref('fs', 'createWriteStream'));
    expect(at(results, 'spawn')).toEqual(ref('child_process', 'spawn'));
    expect(at(results, 'run')).toEqual(ref('child_process', 'exec'));
    expect(at(results, 'open')).toEqual(ref('fs', 'promises', 'open'));
    expect(at(results, 'fsp.open')).toEqual(ref('fs', 'promises', 'open'));
    expect(at(results, 'Pool')).toEqual(ref('pg', 'Pool'));
    expect(at(results, 'Redis')).toEqual(ref('ioredis'));
    expect(at(results, 'opendir')).toEqual(ref('fs', 'promises', 'opendir'));
    expect(at(results, "require('fs').watch")).toEqual(ref('fs', 'watch'));
  });

  it('resolves destructuring and aliases from resolved objects', () => {
    const results = resolveAll(
      `
      const fs = require('fs');
      const { open } = fs.promises;
      const mk = fs.createWriteStream;
      const again = mk;
      let once = fs.openSync;
      const { createReadStream = null } = fs;
      open('x'); mk('x'); again('x'); once('x'); createReadStream('x');
    `,
      options,
    );
    expect(at(results, 'open')).toEqual(ref('fs', 'promises', 'open'));
    expect(at(results, 'mk')).toEqual(ref('fs', 'createWriteStream'));
    expect(at(results, 'again')).toEqual(ref('fs', 'createWriteStream'));
    expect(at(results, 'once')).toEqual(ref('fs', 'openSync'));
    expect(at(results, 'createReadStream')).toEqual(ref('fs', 'createReadStream'));
  });

  it('accepts a require made by createRequire, not another local require', () => {
    const results = resolveAll(`
      import { createRequire } from 'node:module';
      const require = createRequire(import.meta.url);
      const fs = require('fs');
      fs.openSync('a');
      function other(require: (id: string) => any) {
        require('fs').openSync('b');
      }
    `);
    expect(at(results, 'fs.openSync')).toEqual(ref('fs', 'openSync'));
    expect(at(results, "require('fs').openSync")).toBeNull();
  });

  it('does not follow reassigned let bindings or array patterns', () => {
    const results = resolveAll(
      `
      const fs = require('fs');
      let open = fs.openSync;
      open = somethingElse;
      const [first] = [fs.openSync];
      open('a'); first('a');
    `,
      options,
    );
    expect(at(results, 'open')).toBeNull();
    expect(at(results, 'first')).toBeNull();
  });
});

describe('resolveReference: globals and shadowing', () => {
  it('resolves unshadowed globals and globalThis members', () => {
    const results = resolveAll(`
      export async function poll() {
        const t = setInterval(() => {}, 1000);
        await fetch('https://example.com');
        await globalThis.fetch('https://example.com');
        global.setTimeout(() => {}, 1);
        new FinalizationRegistry(() => {});
        new AbortController();
        new DisposableStack();
        clearInterval(t);
      }
    `);
    expect(at(results, 'setInterval')).toEqual(ref('global', 'setInterval'));
    expect(at(results, 'fetch')).toEqual(ref('global', 'fetch'));
    expect(at(results, 'globalThis.fetch')).toEqual(ref('global', 'fetch'));
    expect(at(results, 'global.setTimeout')).toEqual(ref('global', 'setTimeout'));
    expect(at(results, 'FinalizationRegistry')).toEqual(ref('global', 'FinalizationRegistry'));
    expect(at(results, 'AbortController')).toEqual(ref('global', 'AbortController'));
    expect(at(results, 'DisposableStack')).toEqual(ref('global', 'DisposableStack'));
    expect(at(results, 'clearInterval')).toEqual(ref('global', 'clearInterval'));
  });

  it('resolves configured globals (no definition in the file)', () => {
    const results = resolveAll(`setInterval(tick, 10); fetch(url);`, {
      parser: 'js',
      sourceType: 'script',
      globals: { setInterval: 'readonly', fetch: 'readonly' },
    });
    expect(at(results, 'setInterval')).toEqual(ref('global', 'setInterval'));
    expect(at(results, 'fetch')).toEqual(ref('global', 'fetch'));
  });

  it('does not resolve shadowed names to the global', () => {
    const results = resolveAll(`
      function fetch(url: string) { return url; }
      export function a() { fetch('x'); }
      export function b(setInterval: (f: () => void) => void) { setInterval(() => {}); }
      export function c() {
        const setTimeout = (f: () => void) => f();
        setTimeout(() => {});
        {
          class AbortController {}
          new AbortController();
        }
      }
      export function d(globalThis: { fetch(u: string): void }) { globalThis.fetch('y'); }
    `);
    expect(at(results, 'fetch')).toBeNull();
    expect(at(results, 'setInterval')).toBeNull();
    expect(at(results, 'setTimeout')).toBeNull();
    expect(at(results, 'AbortController')).toBeNull();
    expect(at(results, 'globalThis.fetch')).toBeNull();
  });

  it('resolves a const alias of a global', () => {
    const results = resolveAll(`
      const f = globalThis.fetch;
      export const get = (u: string) => f(u);
    `);
    expect(at(results, 'f')).toEqual(ref('global', 'fetch'));
  });

  it('shadowing a module binding hides the import', () => {
    const results = resolveAll(`
      import { spawn } from 'child_process';
      export function run(spawn: () => void) { spawn(); }
    `);
    expect(at(results, 'spawn')).toBeNull();
  });
});

describe('resolveReference: odd code never throws', () => {
  it('returns null for dynamic and exotic callees', () => {
    const results = resolveAll(`
      const fs = require('fs');
      const key = 'open';
      fs[key]('x');
      fs['openSync']('x');
      (0, fs.openSync)('x');
      fs.openSync!('x');
      (fs as any).openSync('x');
      fs?.openSync('x');
      require(name).open();
      (() => 1)();
      new (class {})();
      const a = b, b = a;
      a();
      var v = fs.openSync; var v = fs.closeSync;
      v();
      this.x();
      super.y;
      import.meta.resolve('x');
      new.target;
      \`\${1}\`;
      tag\`x\`;
      const { [key]: dyn } = fs;
      dyn();
      const { ...rest } = fs;
      rest.openSync();
    `);
    expect(at(results, 'fs[key]')).toBeNull();
    expect(at(results, "fs['openSync']")).toEqual(ref('fs', 'openSync'));
    expect(at(results, '0, fs.openSync')).toEqual(ref('fs', 'openSync'));
    expect(at(results, 'fs.openSync!')).toEqual(ref('fs', 'openSync'));
    expect(at(results, '(fs as any).openSync')).toEqual(ref('fs', 'openSync'));
    expect(at(results, 'fs?.openSync')).toEqual(ref('fs', 'openSync'));
    expect(at(results, 'require(name).open')).toBeNull();
    expect(at(results, 'a')).toBeNull();
    expect(at(results, 'v')).toBeNull();
    expect(at(results, 'dyn')).toBeNull();
    expect(at(results, 'rest.openSync')).toBeNull();
  });

  it('memoises per node', () => {
    const results = probe(
      `import { spawn } from 'child_process'; spawn('ls');`,
      (sourceCode, node) =>
        resolveReference(sourceCode, node.callee) === resolveReference(sourceCode, node.callee),
    );
    expect(at(results, 'spawn')).toBe(true);
  });
});

describe('fileImports', () => {
  it('collects imports, requires and literal dynamic imports, normalised', () => {
    const [result] = probe(
      `
      import { open } from 'node:fs/promises';
      import type { Pool } from 'pg';
      import Redis from 'ioredis';
      import fs = require('node:fs');
      const { spawn } = require('child_process');
      async function f() {
        const m = await import('mysql2/promise');
        const x = await import(someName);
        return require('undici');
      }
      f();
    `,
      (sourceCode) => [...fileImports(sourceCode)].sort(),
    );
    expect(result?.value).toEqual(['child_process', 'fs', 'ioredis', 'mysql2/promise', 'undici']);
  });

  it('is cached per SourceCode', () => {
    const [result] = probe(
      `import 'fs'; f();`,
      (sourceCode) => fileImports(sourceCode) === fileImports(sourceCode),
    );
    expect(result?.value).toBe(true);
  });
});
