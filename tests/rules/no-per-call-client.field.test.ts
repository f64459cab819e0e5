/**
 * no-per-call-client, from real projects: shapes met while linting public Node and TypeScript projects,
 * rewritten in our own words (same shape, not the projects' code). Each names where it was
 * seen. Valid: shapes the rule already stays silent on, and must keep doing so; invalid: real
 * leaks it found there. Shapes it still gets wrong are in `field-pending.md`; when the rule is
 * fixed, the case moves here.
 */
import noPerCallClient from '../../src/rules/no-per-call-client.js';
import { ruleTester } from '../rule-tester.js';

ruleTester.run('field: no-per-call-client', noPerCallClient, {
  valid: [
    {
      name: 'hackathon-starter config/nodemailer.js: a non-pooled SMTP transport per message is not a shared client',
      code: `
const nodemailer = require('nodemailer');
exports.sendMail = (settings) => {
  const transporter = nodemailer.createTransport({ host: process.env.SMTP_HOST, port: 465, secure: true });
  return transporter.sendMail(settings.mailOptions);
};`,
    },
    {
      name: 'hackathon-starter app.js: mongoose connects once at module scope',
      filename: 'app.js',
      code: `
const mongoose = require('mongoose');
const express = require('express');
mongoose.connect(process.env.MONGODB_URI);
const app = express();
app.get('/health', (req, res) => res.send(mongoose.connection.readyState === 1 ? 'ok' : 'down'));
module.exports = app;
`,
    },
    {
      name: 'parse-server GridFSBucketAdapter and MongoStorageAdapter (PC-1): a connection memoised on this through a promise chain',
      code: `
import { MongoClient, type Db } from 'mongodb';

export class FileStore {
  private uri: string;
  private dbPromise?: Promise<Db>;
  client?: MongoClient;

  constructor(uri: string) {
    this.uri = uri;
  }

  db(): Promise<Db> {
    if (!this.dbPromise) {
      this.dbPromise = MongoClient.connect(this.uri).then((client) => {
        this.client = client;
        return client.db();
      });
    }
    return this.dbPromise;
  }
}

export class StorageAdapter {
  private connecting?: Promise<void>;
  private database?: Db;

  constructor(private readonly uri: string) {}

  connect(): Promise<void> {
    if (this.connecting) {
      return this.connecting;
    }
    this.connecting = MongoClient.connect(this.uri)
      .then((client) => {
        client.on('close', () => {
          delete this.connecting;
        });
        this.database = client.db();
      })
      .catch((err: unknown) => {
        delete this.connecting;
        throw err;
      });
    return this.connecting;
  }
}
`,
    },
    {
      name: 'medusa cache-redis loader (PC-2): a module loader registers the client in the DI container',
      code: `
import Redis from 'ioredis';
import { asValue, type AwilixContainer } from 'awilix';

interface LoaderArgs {
  container: AwilixContainer;
  options: { redisUrl?: string };
}

// A module loader: the framework runs it once when the module boots.
export default async ({ container, options }: LoaderArgs): Promise<void> => {
  if (!options.redisUrl) throw new Error('redisUrl is required');
  const redis = new Redis(options.redisUrl, { lazyConnect: true });
  await redis.connect();
  container.register({ cacheRedis: asValue(redis) });
};
`,
    },
    {
      name: 'medusa event-bus-redis loader (PC-2): a local factory called from the loader, clients registered in the container',
      code: `
import Redis, { type RedisOptions } from 'ioredis';
import { asValue, type AwilixContainer } from 'awilix';

export default async ({ container, url }: { container: AwilixContainer; url: string }) => {
  const publisher = await openRedis(url);
  const subscriber = await openRedis(url, { maxRetriesPerRequest: null });
  container.register({
    publisher: asValue(publisher),
    subscriber: asValue(subscriber),
    disconnect: asValue(async () => {
      publisher.disconnect();
      subscriber.disconnect();
    }),
  });
};

async function openRedis(url: string, options: RedisOptions = {}) {
  const redis = new Redis(url, { lazyConnect: true, ...options });
  await redis.connect();
  return redis;
}
`,
    },
    {
      name: 'prisma postgres.ts (PC-3): a factory returns the pool inside an object, through a helper that returns its argument',
      code: `
import { Pool } from 'pg';

interface DbOptions {
  url?: string;
  pool?: Pool;
  idleTimeoutMillis?: number;
}

function quiet(pool: Pool): Pool {
  pool.on('error', () => {});
  return pool;
}

export function resolvePool(options: DbOptions): { pool: Pool; owned: boolean } | undefined {
  if (options.pool) return { pool: options.pool, owned: false };
  if (options.url) {
    return {
      pool: quiet(
        new Pool({ connectionString: options.url, idleTimeoutMillis: options.idleTimeoutMillis }),
      ),
      owned: true,
    };
  }
  return undefined;
}
`,
    },
    {
      name: 'prisma postgres.ts and supabase.ts (PC-3, field form): the pool goes through an imported helper into the returned object',
      code: `
import { Pool } from 'pg';
import { muteIdleErrors } from './pg-helpers';

type Target = { kind: 'external'; pool: Pool } | { kind: 'url'; url: string };

export function toTarget(target: Target, timeouts: { idle?: number } = {}) {
  if (target.kind !== 'url') {
    return target;
  }
  return {
    kind: 'external',
    pool: muteIdleErrors(new Pool({ connectionString: target.url, idleTimeoutMillis: timeouts.idle ?? 10_000 })),
  } as const;
}

export function ownedPool(options: { pg?: Pool; url?: string }): { pool: Pool; owned: boolean } | undefined {
  if (options.pg !== undefined) return { pool: options.pg, owned: false };
  if (typeof options.url === 'string') {
    return { pool: muteIdleErrors(new Pool({ connectionString: options.url })), owned: true };
  }
  return undefined;
}
`,
    },
    {
      name: 'prisma postgres-serverless.ts (PC-4): a public connect() hands the client to a driver it returns',
      code: `
import { Client } from 'pg';

interface Driver {
  attach(client: Client): Promise<void>;
  close(): Promise<void>;
}

export function createDatabase(makeDriver: () => Driver) {
  return {
    async connect(binding: { url: string }) {
      const driver = makeDriver();
      const client = new Client({ connectionString: binding.url });
      await driver.attach(client);
      return { driver, close: () => driver.close() };
    },
  };
}
`,
    },
    {
      name: 'serverless reconcile.js and keystone testing/postgresql.ts (PC-5): one client per configuration in a loop over configurations',
      filename: 'configs.js',
      code: `
import { CloudFormationClient, ListStacksCommand } from '@aws-sdk/client-cloudformation';
import pg from 'pg';

export async function stacksByRegion(regions, credentials) {
  return Promise.all(
    regions.map(async (region) => {
      const cf = new CloudFormationClient({ region, credentials });
      const out = await cf.send(new ListStacksCommand({}));
      return { region, stacks: out.StackSummaries ?? [] };
    }),
  );
}

export async function createDatabase(baseConfig, name) {
  for (const maintenanceDb of ['postgres', 'template1']) {
    const client = new pg.Client({ ...baseConfig, database: maintenanceDb });
    try {
      await client.connect();
      await client.query(\`CREATE DATABASE "\${name}"\`);
      return;
    } catch (error) {
      if (error.code === '42P04') return;
    } finally {
      await client.end().catch(() => {});
    }
  }
  throw new Error(\`could not create \${name}\`);
}
`,
    },
    {
      name: 'keystone testing/postgresql.ts (PC-6): a client never connected, built to read its parsed configuration',
      code: `
import { Client, type ClientConfig } from 'pg';

export async function resetSchema(config: ClientConfig, run: (db: string) => Promise<void>) {
  // pg parses the connection string in the constructor; nothing connects here.
  const database = new Client(config).database;
  if (!database) throw new Error('a database name is required');
  await run(database);
}
`,
    },
    {
      name: 'keystone testing/postgresql.ts (PC-6, field form): the unconnected client is bound to a name and only its parsed fields are read',
      code: `
import { Client, type ClientConfig } from 'pg';

export async function recreate(config: ClientConfig, open: (c: ClientConfig) => Promise<Client>) {
  // Built only so pg parses the configuration; this object never connects.
  const parsed = new Client(config);
  const name = parsed.database;
  if (!name) throw new Error('no database name in the configuration');
  console.log(\`recreating \${name} on \${parsed.host}:\${parsed.port}\`);
  const client = await open(config);
  try {
    await client.query('select 1');
  } finally {
    await client.end();
  }
}
`,
    },
    {
      name: 'medusa medusa-cli new.ts (PC-7): a one-shot check of the credentials given as the argument, ended after its query',
      filename: 'check.js',
      code: `
const { Pool } = require('pg');

// A CLI asks for credentials until they work; each attempt checks the new ones once.
function checkCredentials(credentials) {
  const pool = new Pool(credentials);
  return new Promise((resolve, reject) => {
    pool.query('SELECT 1', (err, result) => {
      pool.end();
      if (err) reject(err);
      else resolve(result);
    });
  });
}

module.exports = { checkCredentials };
`,
    },
  ],
  invalid: [
    {
      name: 'hackathon-starter controllers/ai.js: a MongoDB client built, connected and closed on every request',
      filename: 'ai.js',
      code: `
const { MongoClient } = require('mongodb');
exports.getDashboard = async (req, res) => {
  const client = new MongoClient(process.env.MONGODB_URI);
  let files = [];
  try {
    await client.connect();
    files = await client.db().collection('chunks').distinct('fileName');
  } catch (err) {
    console.log(err);
  } finally {
    await client.close();
  }
  res.render('dashboard', { files });
};
`,
      errors: [
        {
          messageId: 'perCallClientReleased',
          line: 4,
          column: 18,
          suggestions: [],
        },
      ],
      output: null,
    },
  ],
});
