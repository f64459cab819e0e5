import type { ParserServicesWithTypeInformation, TSESLint } from '@typescript-eslint/utils';
import { describe, expect, it } from 'vitest';

import ts from 'typescript';

import {
  callMayReturn,
  DeclarationMemo,
  disposeKind,
  findAcquisitionByType,
  isDisposableType,
  typeDeclaredIn,
} from '../../src/analysis/types/type-queries.js';
import { typeServices, typeScriptModule } from '../../src/analysis/types/type-services.js';
import { CATALOG } from '../../src/catalog/index.js';

import { at, probe } from './lint-probe.js';

function servicesOf(sourceCode: TSESLint.SourceCode): ParserServicesWithTypeInformation {
  const services = sourceCode.parserServices as ParserServicesWithTypeInformation | undefined;
  if (services?.program == null) throw new Error('no type information');
  return services;
}

/** For every `probe(x)` call: what `fn` says about the type of `x`. */
function argumentTypes<T>(
  code: string,
  fn: (services: ParserServicesWithTypeInformation, type: import('typescript').Type) => T,
) {
  return probe(
    code,
    (sourceCode, node) => {
      const argument = node.arguments[0];
      if (argument === undefined) return null;
      const services = servicesOf(sourceCode);
      return fn(services, services.getTypeAtLocation(argument));
    },
    { typed: true },
  ).filter((result) => result.callee === 'probe');
}

describe('isDisposableType / disposeKind', () => {
  it('finds [Symbol.dispose] and [Symbol.asyncDispose], through unions with nullish members', () => {
    const results = argumentTypes(
      `
      import { spawn } from 'node:child_process';
      import net from 'node:net';
      declare function probe(value: unknown): void;
      declare const plain: { close(): void };
      declare const sync: Disposable;
      declare const both: Disposable & AsyncDisposable;
      declare const maybe: AsyncDisposable | undefined;
      declare const mixed: Disposable | string;
      declare const anything: any;
      class Lock { [Symbol.dispose]() {} }
      probe(plain);
      probe(sync);
      probe(both);
      probe(maybe);
      probe(mixed);
      probe(anything);
      probe(new Lock());
      probe(spawn('ls'));
      probe(net.createServer());
      probe(new DisposableStack());
    `,
      (services, type) => {
        const checker = services.program.getTypeChecker();
        return [isDisposableType(checker, type), disposeKind(checker, type)];
      },
    );
    expect(results.map((result) => result.value)).toEqual([
      [false, null],
      [true, 'sync'],
      [true, 'sync'],
      [true, 'async'],
      [false, null],
      [false, null],
      [true, 'sync'],
      [true, 'sync'],
      [true, 'async'],
      [true, 'sync'],
    ]);
  });
});

describe('typeDeclaredIn', () => {
  it('recognises packages by declaration path and by ambient module', () => {
    const results = argumentTypes(
      `
      import { Pool } from 'pg';
      import { open } from 'node:fs/promises';
      import { PrismaClient } from '@prisma/client';
      import { Agent } from 'undici';
      declare function probe(value: unknown, ...packages: string[]): void;
      export async function f() {
        probe(new Pool());
        probe(await open('x'));
        probe(new PrismaClient());
        probe(new Agent());
        probe(new Map());
      }
    `,
      (_services, type) =>
        [
          'pg',
          'fs/promises',
          'node:fs/promises',
          'fs',
          '@prisma/client',
          'undici',
          'mysql2',
        ].filter((pkg) => typeDeclaredIn(type, pkg)),
    );
    expect(results.map((result) => result.value)).toEqual([
      ['pg'],
      ['fs/promises', 'node:fs/promises'],
      ['@prisma/client'],
      ['undici'],
      [],
    ]);
  });
});

describe('findAcquisitionByType', () => {
  const acquisitionsByType = (code: string) =>
    probe(
      code,
      (sourceCode, node) =>
        findAcquisitionByType(typeServices(sourceCode)!, node, CATALOG)?.id ?? null,
      {
        typed: true,
      },
    );

  it('matches results by declared type, whatever the callee is called', () => {
    const results = acquisitionsByType(`
      import { Pool, type PoolClient } from 'pg';
      import { open } from 'node:fs/promises';
      import * as cp from 'node:child_process';
      import http from 'node:http';
      import net from 'node:net';
      import { Redis } from 'ioredis';
      import axios from 'axios';
      import { createClient } from 'redis';
      import OpenAI from 'openai';
      import Stripe from 'stripe';
      import mysql from 'mysql2/promise';
      import got from 'got';
      import ky from 'ky';
      import { MongoClient } from 'mongodb';
      import { Agent } from 'undici';
      import { S3Client } from '@aws-sdk/client-s3';

      function makePool(): Pool { return new Pool(); }

      export async function handler(pool: Pool, reuse: PoolClient | undefined) {
        const client = await pool.connect();
        pool.connect((err, c, done) => done());
        const fh = await open('/tmp/x');
        const child = cp.exec('ls');
        const server = http.createServer();
        const tcp = net.createServer();
        const redis = new Redis();
        const api = axios.create();
        const r = createClient();
        const ai = new OpenAI();
        const stripe = new Stripe('sk');
        const mpool = mysql.createPool({});
        const conn = await mpool.getConnection();
        const g = got.extend({});
        const k = ky.create({});
        const mongo = await MongoClient.connect('mongodb://x');
        const agent = new Agent();
        const s3 = new S3Client({});
        const mine = makePool();
        const cached = new Map<string, Pool>();
        cached.get('x');
        JSON.parse('{}');
      }
    `);
    expect(results.map((result) => [result.callee, result.value])).toEqual([
      ['Pool', 'pg.Pool'],
      ['pool.connect', 'pg.PoolClient'],
      ['pool.connect', null],
      ['done', null],
      ['open', 'fs.promises.open'],
      ['cp.exec', 'child_process.spawn'],
      ['http.createServer', 'http.createServer'],
      ['net.createServer', 'net.createServer'],
      ['Redis', 'ioredis.Redis'],
      ['axios.create', 'axios.create'],
      ['createClient', 'redis.createClient'],
      ['OpenAI', 'openai.OpenAI'],
      ['Stripe', 'stripe.Stripe'],
      ['mysql.createPool', 'mysql2/promise.createPool'],
      ['mpool.getConnection', 'mysql2/promise.PoolConnection'],
      ['got.extend', 'got.extend'],
      ['ky.create', 'ky.create'],
      ['MongoClient.connect', 'mongodb.MongoClient'],
      ['Agent', 'undici.Agent'],
      ['S3Client', null],
      ['makePool', 'pg.Pool'],
      ['Map', null],
      ['cached.get', 'pg.Pool'],
      ['JSON.parse', null],
    ]);
    expect(at(results, 'makePool')).toBe('pg.Pool');
  });

  it('never throws without a usable node', () => {
    const results = acquisitionsByType(`declare const f: any; f()(); new (f as any)();`);
    expect(results.every((result) => result.value === null)).toBe(true);
  });
});

describe('callMayReturn', () => {
  const DISPOSABLE = {};
  const mayReturnDisposable = (code: string) =>
    probe(
      code,
      (sourceCode, node) =>
        node.type === 'CallExpression'
          ? callMayReturn(typeServices(sourceCode)!, node, DISPOSABLE, (checker, type) =>
              isDisposableType(checker, type),
            )
          : null,
      { typed: true },
    ).filter((result) => result.value !== null);

  it('decides a function that returns only plain values by syntax, and asks about the rest', () => {
    const results = mayReturnDisposable(`
      class Handle { [Symbol.dispose]() {} }
      function plain(n: number) {
        if (n > 2) return { ok: true, n, label: \`#\${n}\`, at() { return n; } };
        if (n) return n + 1 > 2 || n === 3;
        return [n];
      }
      const objects = (n: number) => ({ n });
      async function later(n: number) { return n > 1 ? 'big' : null; }
      function computed() { return { [Symbol.dispose]() {} }; }
      // A class's methods are not spread; an object type's are.
      function spread(h: { [Symbol.dispose](): void }) { return { ...h }; }
      function either(h: Handle, n: number) { return n ? h : null; }
      function fallback(h: Handle | undefined) { return h ?? null; }
      function assigned(h: Handle) { let x; return (x = h); }
      export function use(h: Handle) {
        plain(1); objects(1); later(1);
        computed(); spread(h); either(h, 1); fallback(h); assigned(h);
      }
    `);
    expect(results.map((result) => [result.callee, result.value])).toEqual([
      ['plain', false],
      ['objects', false],
      ['later', false],
      ['computed', true],
      ['spread', true],
      ['either', true],
      ['fallback', true],
      ['assigned', true],
    ]);
  });
});

describe('DeclarationMemo', () => {
  const classIn = (text: string, name = 'a.ts') =>
    ts.createSourceFile(name, text, ts.ScriptTarget.Latest, true).statements[0];

  it('remembers a declaration across programs while its file is unchanged', () => {
    const memo = new DeclarationMemo<string>();
    memo.set(classIn('class A { x = 1 }'), 'built');
    // A new program parses the same file again: new nodes, same file name, position and text.
    expect(memo.get(classIn('class A { x = 1 }'))).toEqual({ value: 'built' });
    expect(memo.get(classIn('class A { x = 1 }', 'b.ts'))).toBeUndefined();
  });

  it("forgets a file's entries when its text changes", () => {
    const memo = new DeclarationMemo<string | null>();
    memo.set(classIn('class A { x = 1 }'), null);
    expect(memo.get(classIn('class A { x = 2 }'))).toBeUndefined();
    expect(memo.get(classIn('class A { x = 1 }'))).toBeUndefined();
  });
});

describe('typeServices', () => {
  const services = (typed: boolean) =>
    probe('probe(1);', (sourceCode) => typeServices(sourceCode), { typed }).map((r) => r.value);

  it('is null without type information, and the program, checker and node map with it', () => {
    expect(services(false)).toEqual([null]);
    const [typed] = services(true);
    expect(typed).not.toBeNull();
    expect(typed?.checker).toBe(typed?.program.getTypeChecker());
  });

  it('reads one copy of the services per file', () => {
    const same = probe('probe(1); probe(2);', (sourceCode) => typeServices(sourceCode), {
      typed: true,
    }).map((r) => r.value);
    expect(same[0]).toBe(same[1]);
  });

  it('loads the typescript module when it is installed', () => {
    expect(typeScriptModule()).toBe(ts);
  });
});
