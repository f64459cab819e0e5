import { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';

import {
  fileMayAcquire,
  findAcquisition,
  findReleaseCall,
  needsRelease,
} from '../../src/analysis/resolve/match.js';
import { entriesFromOptions } from '../../src/analysis/resolve/user-resources.js';
import {
  CATALOG,
  catalogEntry,
  resourceSpecifierSchema,
  type ResourceEntry,
  type ResourceSpecifier,
} from '../../src/catalog/index.js';
import { at, probe, type ProbeOptions } from '../analysis/lint-probe.js';

const acquisitions = (code: string, extra?: readonly ResourceEntry[], options?: ProbeOptions) =>
  probe(code, (sourceCode, node) => findAcquisition(sourceCode, node, extra)?.id ?? null, options);

describe('catalog entries', () => {
  it('have unique ids, labels and acquisition info', () => {
    const ids = CATALOG.map((entry) => entry.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const entry of CATALOG) {
      expect(entry.label, entry.id).toMatch(/^[\w/ -]+$/);
      expect(entry.acquire.from.length > 0 || entry.acquireMethod !== undefined, entry.id).toBe(
        true,
      );
      for (const ref of entry.acquire.from) {
        expect(ref.module, entry.id).not.toMatch(/^node:/);
        expect(ref.path.length > 0 || ref.namePattern !== undefined, entry.id).toBe(true);
      }
      if (entry.typeNames !== undefined) expect(entry.typePackage, entry.id).toBeTypeOf('string');
    }
  });

  it('say how each resource is released unless it releases itself or is a release-free client', () => {
    for (const entry of CATALOG) {
      const releaseFreeClient = entry.client === true && entry.releaseMethods.length === 0;
      expect(
        needsRelease(entry) || entry.selfReleasing === true || releaseFreeClient,
        entry.id,
      ).toBe(true);
      for (const call of entry.releaseCalls ?? [])
        expect(call.argIndex, entry.id).toBeGreaterThanOrEqual(0);
    }
  });

  it('point method acquisitions at existing receivers', () => {
    for (const entry of CATALOG) {
      for (const id of entry.acquireMethod?.receiverIds ?? [])
        expect(catalogEntry(id), `${entry.id} → ${id}`).toBeDefined();
    }
  });

  it('cover every domain RULES.md lists', () => {
    const required = [
      'fs.open',
      'fs.openSync',
      'fs.createReadStream',
      'fs.createWriteStream',
      'fs.watch',
      'fs.promises.open',
      'fs.promises.opendir',
      'child_process.spawn',
      'child_process.exec',
      'child_process.execFile',
      'child_process.fork',
      'http.createServer',
      'https.createServer',
      'http2.createServer',
      'net.createServer',
      'net.connect',
      'http.Agent',
      'https.Agent',
      'undici.Agent',
      'undici.Pool',
      'undici.Client',
      'undici.BalancedPool',
      'undici.ProxyAgent',
      'undici.request',
      'fetch',
      'worker_threads.Worker',
      'readline.createInterface',
      'setInterval',
      'setTimeout',
      'timers/promises.setInterval',
      'events.listener',
      'events.addAbortListener',
      'DisposableStack',
      'AsyncDisposableStack',
      'axios.create',
      'got.extend',
      'ky.create',
      'pg.Pool',
      'pg.Client',
      'pg.PoolClient',
      'mysql2.createPool',
      'mysql2/promise.createPool',
      'mongodb.MongoClient',
      'ioredis.Redis',
      'redis.createClient',
      '@prisma/client.PrismaClient',
      '@aws-sdk/client-*.Client',
      'openai.OpenAI',
      'stripe.Stripe',
    ];
    for (const id of required) expect(catalogEntry(id), id).toBeDefined();
  });

  it('mark the clients', () => {
    const clients = CATALOG.filter((entry) => entry.client === true).map((entry) => entry.id);
    expect(clients).toEqual(
      expect.arrayContaining([
        'axios.create',
        'pg.Pool',
        'undici.Agent',
        'http.Agent',
        'stripe.Stripe',
      ]),
    );
    expect(catalogEntry('pg.PoolClient')?.client).toBeUndefined();
  });
});

describe('findAcquisition', () => {
  it('matches node built-ins through every import form', () => {
    const results = acquisitions(`
      import fs, { createWriteStream as cws } from 'node:fs';
      import { open } from 'fs/promises';
      import * as cp from 'child_process';
      import http from 'http';
      import { Worker } from 'worker_threads';
      import readline from 'node:readline';
      import { setInterval as every } from 'timers/promises';
      import { addAbortListener } from 'node:events';
      export async function handler(req: any, signal: AbortSignal) {
        const out = cws('/tmp/out');
        const fh = await open('/tmp/x');
        const raw = fs.openSync('/tmp/y', 'r');
        const dir = await fs.promises.opendir('.');
        const child = cp.spawn('ls');
        const server = http.createServer();
        const server2 = new http.Server();
        const worker = new Worker('./w.js');
        const rl = readline.createInterface({ input: process.stdin });
        const t = setInterval(() => {}, 1000);
        const once = setTimeout(() => {}, 1000);
        for await (const _ of every(10)) break;
        using listener = addAbortListener(signal, () => {});
        const res = await fetch('https://example.com');
        new DisposableStack();
        fs.readFileSync('x');
      }
    `);
    expect(at(results, 'cws')).toBe('fs.createWriteStream');
    expect(at(results, 'open')).toBe('fs.promises.open');
    expect(at(results, 'fs.openSync')).toBe('fs.openSync');
    expect(at(results, 'fs.promises.opendir')).toBe('fs.promises.opendir');
    expect(at(results, 'cp.spawn')).toBe('child_process.spawn');
    expect(at(results, 'http.createServer')).toBe('http.createServer');
    expect(at(results, 'http.Server')).toBe('http.createServer');
    expect(at(results, 'Worker')).toBe('worker_threads.Worker');
    expect(at(results, 'readline.createInterface')).toBe('readline.createInterface');
    expect(at(results, 'setInterval')).toBe('setInterval');
    expect(at(results, 'setTimeout')).toBe('setTimeout');
    expect(at(results, 'every')).toBe('timers/promises.setInterval');
    expect(at(results, 'addAbortListener')).toBe('events.addAbortListener');
    expect(at(results, 'fetch')).toBe('fetch');
    expect(at(results, 'DisposableStack')).toBe('DisposableStack');
    expect(at(results, 'fs.readFileSync')).toBeNull();
  });

  it('matches clients, including CommonJS default interop and the AWS pattern', () => {
    const results = acquisitions(`
      import axios from 'axios';
      import got from 'got';
      import ky from 'ky';
      import pg from 'pg';
      import { Pool, Client } from 'pg';
      import mysql from 'mysql2/promise';
      import { MongoClient } from 'mongodb';
      import Redis, { Cluster } from 'ioredis';
      import { createClient } from 'redis';
      import { PrismaClient } from '@prisma/client';
      import { S3Client, PutObjectCommand } from '@aws-sdk/client-s3';
      import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
      import OpenAI from 'openai';
      import Stripe from 'stripe';
      import { Agent, request } from 'undici';
      export async function handler() {
        axios.create(); got.extend({}); ky.create({});
        new pg.Pool(); new Pool(); new Client();
        await mysql.createConnection({});
        new MongoClient('mongodb://x');
        await MongoClient.connect('mongodb://x');
        new Redis(); new Cluster([]);
        createClient();
        new PrismaClient();
        new S3Client({}); new PutObjectCommand({}); new DynamoDBClient({});
        new OpenAI(); Stripe('sk'); new Stripe('sk');
        new Agent(); await request('http://x');
      }
    `);
    expect(results.map((result) => [result.callee, result.value])).toEqual([
      ['axios.create', 'axios.create'],
      ['got.extend', 'got.extend'],
      ['ky.create', 'ky.create'],
      ['pg.Pool', 'pg.Pool'],
      ['Pool', 'pg.Pool'],
      ['Client', 'pg.Client'],
      ['mysql.createConnection', 'mysql2/promise.createConnection'],
      ['MongoClient', 'mongodb.MongoClient'],
      ['MongoClient.connect', 'mongodb.MongoClient.connect'],
      ['Redis', 'ioredis.Redis'],
      ['Cluster', 'ioredis.Cluster'],
      ['createClient', 'redis.createClient'],
      ['PrismaClient', '@prisma/client.PrismaClient'],
      ['S3Client', '@aws-sdk/client-*.Client'],
      ['PutObjectCommand', null],
      ['DynamoDBClient', '@aws-sdk/client-*.Client'],
      ['OpenAI', 'openai.OpenAI'],
      ['Stripe', 'stripe.Stripe'],
      ['Stripe', 'stripe.Stripe'],
      ['Agent', 'undici.Agent'],
      ['request', 'undici.request'],
    ]);
  });

  it('matches CommonJS requires', () => {
    const results = acquisitions(
      `
      const Redis = require('ioredis');
      const { Pool } = require('pg');
      const mysql = require('mysql2');
      const { promises: { open } } = require('node:fs');
      exports.run = async () => {
        new Redis();
        const pool = new Pool();
        const client = await pool.connect();
        const mpool = mysql.createPool({});
        mpool.getConnection((err, conn) => {});
        await open('x');
      };
    `,
      undefined,
      { parser: 'js', sourceType: 'commonjs' },
    );
    expect(at(results, 'Redis')).toBe('ioredis.Redis');
    expect(at(results, 'pool.connect')).toBe('pg.PoolClient');
    expect(at(results, 'mysql.createPool')).toBe('mysql2.createPool');
    expect(at(results, 'mpool.getConnection')).toBe('mysql2.PoolConnection');
    expect(at(results, 'open')).toBe('fs.promises.open');
  });

  it('honours call versus new and ignores look-alikes', () => {
    const results = acquisitions(`
      import { Pool } from 'undici';
      import { spawn } from 'child_process';
      export function f(pool: { connect(): void }, fetch: () => void) {
        Pool();
        new spawn('ls');
        pool.connect();
        fetch();
        db.createWriteStream('x');
        const local = { open: () => 1 };
        local.open();
      }
    `);
    expect(at(results, 'Pool')).toBeNull();
    expect(at(results, 'spawn')).toBeNull();
    expect(at(results, 'pool.connect')).toBeNull();
    expect(at(results, 'fetch')).toBeNull();
    expect(at(results, 'db.createWriteStream')).toBeNull();
    expect(at(results, 'local.open')).toBeNull();
  });

  it('does not loop on self-referencing bindings', () => {
    const results = acquisitions(`const a = a.connect(); const b = c.connect(), c = b.connect();`);
    expect(results.every((result) => result.value === null)).toBe(true);
  });
});

describe('findReleaseCall', () => {
  it('returns the argument index of function-form releases', () => {
    const results = probe(
      `
      import { closeSync } from 'node:fs';
      import * as timers from 'timers';
      export function f(fd: number, t: NodeJS.Timeout) {
        closeSync(fd);
        clearInterval(t);
        timers.clearInterval(t);
        clearInterval();
        fd.toString();
      }
    `,
      (sourceCode, node) => {
        if (node.type !== 'CallExpression') return null;
        const fd = findReleaseCall(sourceCode, node, catalogEntry('fs.openSync')!);
        const timer = findReleaseCall(sourceCode, node, catalogEntry('setInterval')!);
        return fd ?? timer;
      },
    );
    expect(at(results, 'closeSync')).toBe(0);
    expect(at(results, 'clearInterval')).toBe(0);
    expect(at(results, 'timers.clearInterval')).toBe(0);
    expect(at(results, 'clearInterval', 1)).toBeNull();
    expect(at(results, 'fd.toString')).toBeNull();
  });
});

describe('entriesFromOptions', () => {
  const specs: ResourceSpecifier[] = [
    { from: 'package', package: 'node:sqlite', name: 'DatabaseSync', release: ['close'] },
    { from: 'package', package: '@acme/sdk', name: ['AcmeClient', 'createAcme'], client: true },
    { from: 'lib', name: 'openSession', label: 'session' },
    { from: 'file', name: 'createQueue', path: 'src/queue.ts' },
    { from: 'file', name: 'makeLock' },
    'Tunnel',
  ];

  it('builds entries', () => {
    const entries = entriesFromOptions(specs);
    expect(entries.map((entry) => [entry.id, entry.label, entry.kind])).toEqual([
      ['node:sqlite:DatabaseSync', 'DatabaseSync', 'other'],
      ['@acme/sdk:AcmeClient|createAcme', 'AcmeClient or createAcme', 'sdk-client'],
      ['lib:openSession', 'session', 'other'],
      ['file:createQueue', 'createQueue', 'other'],
      ['file:makeLock', 'makeLock', 'other'],
      ['Tunnel', 'Tunnel', 'other'],
    ]);
    expect(entries[0]?.releaseMethods).toEqual(['close']);
    expect(entries[1]?.client).toBe(true);
    expect(entriesFromOptions(specs)).toBe(entries);
  });

  it('skips items the schema rejects, checking their shape instead of catching', () => {
    const malformed = [
      null,
      '',
      { from: 'package', name: 'Client' },
      { from: 'package', package: 7, name: 'Client' },
      { from: 'elsewhere', name: 'Client' },
      { from: 'lib', name: 42 },
      { from: 'lib', name: [] },
      { from: 'file', name: ['ok', ''] },
      { from: 'lib', name: 'Fine' },
    ] as unknown as ResourceSpecifier[];
    expect(entriesFromOptions(malformed).map((entry) => entry.id)).toEqual(['lib:Fine']);
  });

  it('matches user entries before the catalog', () => {
    const extra = entriesFromOptions(specs);
    const results = acquisitions(
      `
      import { DatabaseSync } from 'node:sqlite';
      import { AcmeClient } from '@acme/sdk';
      import { createQueue } from '../lib/queue.js';
      import { createQueue as otherQueue } from './other.js';
      import { Tunnel } from 'tunnels';
      function makeLock() { return {}; }
      export function f() {
        new DatabaseSync(':memory:');
        new AcmeClient();
        openSession();
        createQueue();
        otherQueue();
        makeLock();
        new Tunnel();
        fetch('x');
      }
    `,
      extra,
    );
    expect(results.map((result) => result.value)).toEqual([
      'node:sqlite:DatabaseSync',
      '@acme/sdk:AcmeClient|createAcme',
      'lib:openSession',
      'file:createQueue',
      null,
      'file:makeLock',
      'Tunnel',
      'fetch',
    ]);
  });

  it('has a schema that ESLint accepts and that rejects unknown properties', () => {
    const rule = {
      meta: { schema: [{ type: 'array', items: resourceSpecifierSchema }] },
      create: () => ({}),
    };
    const lint = (options: unknown) =>
      new Linter({ configType: 'flat' }).verify('x;', [
        { plugins: { t: { rules: { r: rule } } }, rules: { 't/r': ['error', options] } },
      ]);
    expect(lint(specs)).toEqual([]);
    expect(() => lint([{ from: 'package', package: 'x', name: 'y', extra: 1 }])).toThrow();
    expect(() => lint([{ from: 'lib' }])).toThrow();
    const described = JSON.stringify(resourceSpecifierSchema);
    expect(described).toContain('"additionalProperties":false');
  });
});

describe('fileMayAcquire', () => {
  it('filters files that import nothing relevant', () => {
    const pgOnly = CATALOG.filter((entry) => entry.id.startsWith('pg.'));
    const [withPg] = probe(`import { Pool } from 'pg'; f();`, (sourceCode) =>
      fileMayAcquire(sourceCode, pgOnly),
    );
    const [without] = probe(`import x from 'lodash'; f();`, (sourceCode) =>
      fileMayAcquire(sourceCode, pgOnly),
    );
    expect([withPg?.value, without?.value]).toEqual([true, false]);
  });

  it('lets a file through that names a global resource, however it reaches it', () => {
    const may = (code: string) =>
      probe(code, (sourceCode) => fileMayAcquire(sourceCode, CATALOG))[0]?.value;
    expect(may(`f(); const fetcher = 1; setTimeoutish();`)).toBe(false);
    expect(may(`await fetch(u);`)).toBe(true);
    expect(may(`globalThis.setInterval(tick, 10);`)).toBe(true);
    expect(may(`const { fetch: get } = globalThis; await get(u);`)).toBe(true);
    expect(may(`globalThis['fetch'](u);`)).toBe(true);
    expect(may(`using stack = new DisposableStack();`)).toBe(true);
    // An import of a catalog module, or of a module pattern (`@aws-sdk/client-*`).
    expect(may(`import { open } from 'node:fs/promises'; f();`)).toBe(true);
    expect(may(`const { S3Client } = require('@aws-sdk/client-s3'); f();`)).toBe(true);
  });

  it('asks a module import to come with the name of an export a resource is acquired from', () => {
    const may = (code: string, anyExport = false) =>
      probe(code, (sourceCode) => fileMayAcquire(sourceCode, CATALOG, { anyExport }))[0]?.value;
    // `events` holds one resource (`addAbortListener`); an emitter class is none.
    expect(may(`const EventEmitter = require('events'); class Q extends EventEmitter {}`)).toBe(
      false,
    );
    expect(may(`const events = require('events'); events.addAbortListener(s, f);`)).toBe(true);
    expect(may(`const { Pool: P } = require('pg'); new P();`)).toBe(true);
    expect(may(`import pg from 'pg'; new pg['Pool']();`)).toBe(true);
    expect(may(`import { execSync } from 'node:child_process'; execSync('ls');`)).toBe(false);
    // For the calls of a module's other exports that a rule selects (`execSync`).
    expect(may(`import { execSync } from 'node:child_process'; execSync('ls');`, true)).toBe(true);
  });

  it('lets any relative import through for entries of the project itself', () => {
    const own = entriesFromOptions([{ from: 'file', name: 'openLog' }]);
    const may = (code: string) =>
      probe(code, (sourceCode) => fileMayAcquire(sourceCode, own))[0]?.value;
    expect(may(`import { x } from './log'; x();`)).toBe(true);
    expect(may(`function openLog() {} openLog();`)).toBe(true);
    expect(may(`import x from 'lodash'; x();`)).toBe(false);
  });
});
