import rule from '../../src/rules/no-per-call-client.js';
import { jsRuleTester, ruleTester, typedRuleTester } from '../rule-tester.js';

ruleTester.run('no-per-call-client', rule, {
  valid: [
    {
      name: 'module scope: one pool shared by every Express handler',
      code: `
import express from 'express';
import { Pool } from 'pg';

const app = express();
const pool = new Pool({ connectionString: process.env.DATABASE_URL });

app.get('/users/:id', async (req, res) => {
  const { rows } = await pool.query('select * from users where id = $1', [req.params.id]);
  res.json(rows[0]);
});
`,
    },
    {
      name: 'class fields and constructor of a class built once',
      code: `
import { Pool } from 'pg';
import Redis from 'ioredis';

class UserRepository {
  private readonly pool = new Pool();
  private readonly cache: Redis;

  constructor() {
    this.cache = new Redis(process.env.REDIS_URL!);
  }
}

export const users = new UserRepository();
`,
    },
    {
      name: 'lazy singleton with ??=',
      code: `
import { PrismaClient } from '@prisma/client';

let prisma: PrismaClient | undefined;

export function db(): PrismaClient {
  return (prisma ??= new PrismaClient());
}
`,
    },
    {
      name: 'lazy singleton with if (!x) x = …',
      code: `
import Redis from 'ioredis';

let redis: Redis | undefined;

export function getRedis(): Redis {
  if (!redis) {
    redis = new Redis(process.env.REDIS_URL!);
  }
  return redis;
}
`,
    },
    {
      name: 'lazy singleton on globalThis (the Next.js Prisma idiom), at module scope and in a function',
      code: `
import { PrismaClient } from '@prisma/client';

const globalForPrisma = globalThis as unknown as { prisma?: PrismaClient };

export const prisma = globalForPrisma.prisma ?? new PrismaClient();

if (process.env.NODE_ENV !== 'production') globalForPrisma.prisma = prisma;

export function getPrisma() {
  return globalForPrisma.prisma ?? (globalForPrisma.prisma = new PrismaClient());
}
`,
    },
    {
      name: 'memoised getter',
      code: `
import { S3Client } from '@aws-sdk/client-s3';

export class Clients {
  #s3?: S3Client;

  get s3(): S3Client {
    return (this.#s3 ??= new S3Client({ region: 'eu-west-1' }));
  }
}
`,
    },
    {
      name: 'static getInstance of a class that builds a pool',
      code: `
import { Pool } from 'pg';

export class Database {
  private static instance?: Database;
  readonly pool = new Pool();

  static getInstance(): Database {
    if (!Database.instance) {
      Database.instance = new Database();
    }
    return Database.instance;
  }
}

app.get('/health', async (req, res) => {
  await Database.getInstance().pool.query('select 1');
  res.sendStatus(204);
});
`,
    },
    {
      name: 'dependency injection: the client is a parameter, or an injected value with a default',
      code: `
import { S3Client } from '@aws-sdk/client-s3';
import type { Pool } from 'pg';

export function makeUserRoutes(pool: Pool) {
  return async (req, res) => {
    const { rows } = await pool.query('select * from users');
    res.json(rows);
  };
}

export async function upload(key: string, body: Buffer, deps: { s3?: S3Client } = {}) {
  const s3 = deps.s3 ?? new S3Client({});
  return s3.send(putObject(key, body));
}
`,
    },
    {
      name: 'factories: the client is returned to the caller, which calls once at module scope',
      code: `
import Redis from 'ioredis';
import axios from 'axios';

export function createRedis(url: string) {
  return new Redis(url);
}

const makeApi = (baseURL: string) => axios.create({ baseURL, timeout: 5000 });

export const github = makeApi('https://api.github.com');
export const redis = createRedis(process.env.REDIS_URL!);
`,
    },
    {
      name: 'main() of a CLI builds its client once and closes it',
      code: `
import { MongoClient } from 'mongodb';

async function main() {
  const client = new MongoClient(process.env.MONGO_URL!);
  await client.connect();
  try {
    await client.db('app').collection('jobs').deleteMany({ done: true });
  } finally {
    await client.close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
`,
    },
    {
      name: 'a script function called once from module scope',
      code: `
import { Client } from 'pg';

async function purgeExpiredSessions() {
  const client = new Client();
  await client.connect();
  await client.query('delete from sessions where expires_at < now()');
  await client.end();
}

await purgeExpiredSessions();
`,
    },
    {
      name: 'Fastify plugins run once at registration',
      code: `
import fp from 'fastify-plugin';
import { Pool } from 'pg';
import Redis from 'ioredis';

export default fp(async (fastify) => {
  const pool = new Pool();
  fastify.decorate('db', pool);
  fastify.addHook('onClose', () => pool.end());
});

fastify.register(async (instance) => {
  const redis = new Redis();
  instance.decorate('redis', redis);
});
`,
    },
    {
      name: 'test callbacks build their own client (require-test-cleanup covers them)',
      code: `
import { Pool } from 'pg';

describe('users', () => {
  it('reads a user', async () => {
    const pool = new Pool();
    await pool.query('select 1');
    await pool.end();
  });
});
`,
    },
    {
      name: 'composition root: the client is captured by the routes it registers',
      code: `
import type { Router } from 'express';
import { Pool } from 'pg';

export function userRoutes(router: Router) {
  const pool = new Pool();
  router.get('/users', async (req, res) => {
    res.json((await pool.query('select * from users')).rows);
  });
}
`,
    },
    {
      name: 'one client per region, built once into a module-scope map',
      code: `
import { S3Client } from '@aws-sdk/client-s3';

const REGIONS = ['eu-west-1', 'us-east-1'];

export const byRegion = Object.fromEntries(REGIONS.map((region) => [region, new S3Client({ region })]));

const clients = new Map<string, S3Client>();
for (const region of REGIONS) {
  clients.set(region, new S3Client({ region }));
}
`,
    },
    {
      name: 'a per-tenant client cached in a handler',
      code: `
import { S3Client } from '@aws-sdk/client-s3';

const tenants = new Map<string, S3Client>();

app.get('/files/:tenant', async (req, res) => {
  let s3 = tenants.get(req.params.tenant);
  if (!s3) {
    s3 = new S3Client({ region: req.query.region });
    tenants.set(req.params.tenant, s3);
  }
  res.json(await listFiles(s3));
});

app.get('/other/:tenant', async (req, res) => {
  const s3 = await cache.fetch(req.params.tenant, () => new S3Client({}));
  res.json(await listFiles(s3));
});
`,
    },
    {
      name: 'DI container factories (NestJS useFactory)',
      code: `
import Redis from 'ioredis';

export const redisProvider = {
  provide: 'REDIS',
  useFactory: () => new Redis(process.env.REDIS_URL!),
};
`,
    },
    {
      name: 'Cloudflare Workers: a client built from the per-request env bindings',
      filename: 'src/worker.ts',
      code: `
import { Pool } from 'pg';

export default {
  async fetch(request: Request, env: Env, ctx: ExecutionContext) {
    const pool = new Pool({ connectionString: env.HYPERDRIVE.connectionString });
    const { rows } = await pool.query('select 1');
    ctx.waitUntil(pool.end());
    return Response.json(rows);
  },
} satisfies ExportedHandler<Env>;
`,
    },
    {
      name: 'Hono on Workers: a client built from c.env',
      code: `
import { Hono } from 'hono';
import { Pool } from 'pg';

const app = new Hono<{ Bindings: Env }>();

app.get('/users', async (c) => {
  const pool = new Pool({ connectionString: c.env.HYPERDRIVE.connectionString });
  return c.json((await pool.query('select * from users')).rows);
});
`,
    },
    {
      name: 'perRequestRuntimes: Next.js route handlers allowed to build per request',
      filename: 'app/api/users/route.ts',
      options: [{ perRequestRuntimes: ['next'] }],
      code: `
import { PrismaClient } from '@prisma/client';

export async function GET() {
  const prisma = new PrismaClient();
  return Response.json(await prisma.user.findMany());
}
`,
    },
    {
      name: 'an unknown callback at module scope (a CLI command) runs when the command runs',
      code: `
import { S3Client } from '@aws-sdk/client-s3';

program.command('sync').action(async () => {
  const s3 = new S3Client({});
  await sync(s3);
});
`,
    },
    {
      name: 'a service built once at module scope, and a factory called at module scope',
      code: `
import { Pool } from 'pg';

class UserService {
  private pool = new Pool();
}

function createPool() {
  return new Pool();
}

export const users = new UserService();
export const pool = createPool();
`,
    },
    {
      name: 'not a client: a per-request object of another kind',
      code: `
import { URL } from 'node:url';

app.get('/r', (req, res) => {
  const url = new URL(req.url, 'http://localhost');
  const controller = new AbortController();
  res.json({ path: url.pathname, aborted: controller.signal.aborted });
});
`,
    },
    {
      name: 'cache.get(key, factory) is not a route',
      code: `
import Redis from 'ioredis';

export function redisFor(url: string) {
  return cache.get(url, () => new Redis(url));
}
`,
    },
    {
      name: 'a script helper called only from main(), which runs once',
      code: `
import { Client } from 'pg';

async function recreateDatabase() {
  const admin = new Client({ database: 'postgres' });
  await admin.connect();
  await admin.query('DROP DATABASE IF EXISTS app');
  await admin.end();
}

async function main() {
  await recreateDatabase();
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
`,
    },
    {
      name: 'test helpers: a file that imports the test runner, and a global setup file',
      code: `
import { afterAll } from 'vitest';
import pg from 'pg';

export async function createDatabase(name: string) {
  const pool = new pg.Pool();
  await pool.query(\`CREATE DATABASE \${name}\`);
  await pool.end();
}
`,
    },
    {
      name: 'a vitest global setup file',
      filename: 'vitest.global-setup.ts',
      code: `
import { Pool } from 'pg';

export default async function () {
  const pool = new Pool({ connectionString: process.env.DATABASE_URL });
  try {
    await pool.query('DROP SCHEMA IF EXISTS jobs CASCADE');
  } finally {
    await pool.end();
  }
}
`,
    },
    {
      name: 'a factory assigned to a property wraps the client it builds',
      code: `
import { createClient } from 'redis';

RedisConnection.clientFactory = () => {
  const raw = createClient({ url: process.env.REDIS_URL });
  return wrapNodeRedis(raw);
};
`,
    },
  ],
  invalid: [
    {
      // More clients from the catalog: postgres-js, knex, Google Cloud, per request.
      code: `
import postgres from 'postgres';
import knex from 'knex';
import { Storage } from '@google-cloud/storage';
export const sql = postgres(process.env.DATABASE_URL!);
app.get('/report', async (req, res) => {
  const db = knex({ client: 'pg', connection: process.env.DATABASE_URL });
  const storage = new Storage();
  res.json(await db('jobs').count());
});`,
      errors: [
        {
          messageId: 'perCallClient',
          line: 7,
          column: 14,
          suggestions: [
            {
              messageId: 'hoistToModule',
              output: `
import postgres from 'postgres';
import knex from 'knex';
import { Storage } from '@google-cloud/storage';
export const sql = postgres(process.env.DATABASE_URL!);
const db = knex({ client: 'pg', connection: process.env.DATABASE_URL });

app.get('/report', async (req, res) => {
  const storage = new Storage();
  res.json(await db('jobs').count());
});`,
            },
          ],
        },
        {
          messageId: 'perCallClient',
          line: 8,
          column: 19,
          suggestions: [
            {
              messageId: 'hoistToModule',
              output: `
import postgres from 'postgres';
import knex from 'knex';
import { Storage } from '@google-cloud/storage';
export const sql = postgres(process.env.DATABASE_URL!);
const storage = new Storage();

app.get('/report', async (req, res) => {
  const db = knex({ client: 'pg', connection: process.env.DATABASE_URL });
  res.json(await db('jobs').count());
});`,
            },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'Express: a pg pool per request, ended per request',
      code: `
import express from 'express';
import { Pool } from 'pg';

const app = express();

app.get('/users/:id', async (req, res) => {
  const pool = new Pool();
  const { rows } = await pool.query('select * from users where id = $1', [req.params.id]);
  await pool.end();
  res.json(rows[0]);
});
`,
      errors: [
        {
          messageId: 'perCallClientReleased',
          line: 8,
          column: 16,
          suggestions: [
            {
              messageId: 'hoistToModule',
              output: `
import express from 'express';
import { Pool } from 'pg';

const app = express();

const pool = new Pool();

app.get('/users/:id', async (req, res) => {
  const { rows } = await pool.query('select * from users where id = $1', [req.params.id]);
  res.json(rows[0]);
});
`,
            },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'a client bound to a const whose field chain is called is used, not only read (PC-6 stays narrow)',
      code: `
import express from 'express';
import { S3Client } from '@aws-sdk/client-s3';

const app = express();

app.get('/region', async (req, res) => {
  const s3 = new S3Client({ region: String(req.query.region) });
  res.json({ region: await s3.config.region() });
});
`,
      errors: [{ messageId: 'perCallClient', line: 8, column: 14, suggestions: [] }],
      output: null,
    },
    {
      name: 'an object holding the awaited result of a call given the client is a result, not the client (PC-3 stays narrow)',
      code: `
import { S3Client } from '@aws-sdk/client-s3';
import { listFiles } from './storage';

export async function listing(region: string) {
  return { region, files: await listFiles(new S3Client({ region })) };
}
`,
      errors: [{ messageId: 'perCallClient', line: 6, column: 43, suggestions: [] }],
      output: null,
    },
    {
      name: 'Express router: an axios instance per request, hoisted by the suggestion',
      code: `
import { Router } from 'express';
import axios from 'axios';

const API = 'https://api.example.com';
export const router = Router();

router.post('/orders', async (req, res) => {
  const api = axios.create({ baseURL: API, timeout: 5000 });
  const { data } = await api.post('/orders', req.body);
  res.status(201).json(data);
});
`,
      errors: [
        {
          messageId: 'perCallClient',
          line: 9,
          column: 15,
          suggestions: [
            {
              messageId: 'hoistToModule',
              data: { name: 'api' },
              output: `
import { Router } from 'express';
import axios from 'axios';

const API = 'https://api.example.com';
export const router = Router();

const api = axios.create({ baseURL: API, timeout: 5000 });

router.post('/orders', async (req, res) => {
  const { data } = await api.post('/orders', req.body);
  res.status(201).json(data);
});
`,
            },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'Fastify: shorthand route and route({ handler })',
      code: `
import Fastify from 'fastify';
import Redis from 'ioredis';
import { S3Client } from '@aws-sdk/client-s3';

const fastify = Fastify();

fastify.get('/sessions/:id', async (request, reply) => {
  const redis = new Redis(process.env.REDIS_URL!);
  return redis.get(request.params.id);
});

fastify.route({
  method: 'GET',
  url: '/files',
  handler: async (request, reply) => {
    const s3 = new S3Client({ region: request.query.region });
    return listFiles(s3);
  },
});
`,
      errors: [
        {
          messageId: 'perCallClient',
          line: 9,
          column: 17,
          suggestions: [
            {
              messageId: 'hoistToModule',
              output: `
import Fastify from 'fastify';
import Redis from 'ioredis';
import { S3Client } from '@aws-sdk/client-s3';

const fastify = Fastify();

const redis = new Redis(process.env.REDIS_URL!);

fastify.get('/sessions/:id', async (request, reply) => {
  return redis.get(request.params.id);
});

fastify.route({
  method: 'GET',
  url: '/files',
  handler: async (request, reply) => {
    const s3 = new S3Client({ region: request.query.region });
    return listFiles(s3);
  },
});
`,
            },
          ],
        },
        { messageId: 'perCallClient', line: 17, column: 16, suggestions: [] },
      ],
      output: null,
    },
    {
      name: 'Koa middleware and koa-router',
      code: `
import Koa from 'koa';
import Router from '@koa/router';
import { MongoClient } from 'mongodb';
import OpenAI from 'openai';

const app = new Koa();
const router = new Router();

app.use(async (ctx, next) => {
  const client = new MongoClient(process.env.MONGO_URL!);
  ctx.state.db = client.db('app');
  await next();
});

router.post('/complete', async (ctx) => {
  const openai = new OpenAI();
  ctx.body = await openai.chat.completions.create(ctx.request.body);
});
`,
      errors: [
        {
          messageId: 'perCallClient',
          line: 11,
          column: 18,
          suggestions: [
            {
              messageId: 'hoistToModule',
              output: `
import Koa from 'koa';
import Router from '@koa/router';
import { MongoClient } from 'mongodb';
import OpenAI from 'openai';

const app = new Koa();
const router = new Router();

const client = new MongoClient(process.env.MONGO_URL!);

app.use(async (ctx, next) => {
  ctx.state.db = client.db('app');
  await next();
});

router.post('/complete', async (ctx) => {
  const openai = new OpenAI();
  ctx.body = await openai.chat.completions.create(ctx.request.body);
});
`,
            },
          ],
        },
        {
          messageId: 'perCallClient',
          line: 17,
          column: 18,
          suggestions: [
            {
              messageId: 'hoistToModule',
              output: `
import Koa from 'koa';
import Router from '@koa/router';
import { MongoClient } from 'mongodb';
import OpenAI from 'openai';

const app = new Koa();
const router = new Router();

app.use(async (ctx, next) => {
  const client = new MongoClient(process.env.MONGO_URL!);
  ctx.state.db = client.db('app');
  await next();
});

const openai = new OpenAI();

router.post('/complete', async (ctx) => {
  ctx.body = await openai.chat.completions.create(ctx.request.body);
});
`,
            },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'Hono on Node: a Stripe client per request',
      code: `
import { Hono } from 'hono';
import Stripe from 'stripe';

const app = new Hono();

app.post('/checkout', async (c) => {
  const stripe = new Stripe(process.env.STRIPE_KEY!);
  const session = await stripe.checkout.sessions.create(await c.req.json());
  return c.json(session);
});
`,
      errors: [
        {
          messageId: 'perCallClient',
          line: 8,
          column: 18,
          suggestions: [
            {
              messageId: 'hoistToModule',
              output: `
import { Hono } from 'hono';
import Stripe from 'stripe';

const app = new Hono();

const stripe = new Stripe(process.env.STRIPE_KEY!);

app.post('/checkout', async (c) => {
  const session = await stripe.checkout.sessions.create(await c.req.json());
  return c.json(session);
});
`,
            },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'Next.js route handler: a Prisma client per request, hoisted by the suggestion',
      filename: 'app/api/users/route.ts',
      code: `
import { PrismaClient } from '@prisma/client';

/** Lists every user. */
export async function GET(request: Request) {
  const prisma = new PrismaClient();
  return Response.json(await prisma.user.findMany());
}
`,
      errors: [
        {
          messageId: 'perCallClient',
          line: 6,
          column: 18,
          data: {
            client: 'Prisma client',
            line: '6',
            unit: 'request',
            site: 'async function GET(request: Request)',
          },
          suggestions: [
            {
              messageId: 'hoistToModule',
              output: `
import { PrismaClient } from '@prisma/client';

const prisma = new PrismaClient();

/** Lists every user. */
export async function GET(request: Request) {
  return Response.json(await prisma.user.findMany());
}
`,
            },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'Next.js pages/api default export',
      filename: 'pages/api/users.ts',
      code: `
import { Pool } from 'pg';

export default async function handler(req, res) {
  const pool = new Pool({ connectionString: process.env.DATABASE_URL });
  const { rows } = await pool.query('select * from users');
  res.status(200).json(rows);
}
`,
      errors: [
        {
          messageId: 'perCallClient',
          line: 5,
          column: 16,
          suggestions: [
            {
              messageId: 'hoistToModule',
              output: `
import { Pool } from 'pg';

const pool = new Pool({ connectionString: process.env.DATABASE_URL });

export default async function handler(req, res) {
  const { rows } = await pool.query('select * from users');
  res.status(200).json(rows);
}
`,
            },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'AWS Lambda handler: a DynamoDB client per invocation',
      code: `
import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';

export const handler = async (event) => {
  const client = new DynamoDBClient({ region: process.env.AWS_REGION });
  const item = await client.send(new GetItemCommand({ TableName: 'users', Key: event.key }));
  return { statusCode: 200, body: JSON.stringify(item.Item) };
};
`,
      errors: [
        {
          messageId: 'perCallClient',
          line: 5,
          column: 18,
          data: {
            client: 'AWS SDK client',
            line: '5',
            unit: 'request',
            site: 'const handler = async (event) => …',
          },
          suggestions: [
            {
              messageId: 'hoistToModule',
              output: `
import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';

const client = new DynamoDBClient({ region: process.env.AWS_REGION });

export const handler = async (event) => {
  const item = await client.send(new GetItemCommand({ TableName: 'users', Key: event.key }));
  return { statusCode: 200, body: JSON.stringify(item.Item) };
};
`,
            },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'Cloudflare Workers fetch: an axios instance that does not need the request bindings',
      filename: 'src/worker.ts',
      code: `
import axios from 'axios';

export default {
  async fetch(request: Request, env: Env) {
    const api = axios.create({ baseURL: 'https://api.example.com' });
    const { data } = await api.get('/status');
    return Response.json(data);
  },
};
`,
      errors: [
        {
          messageId: 'perCallClient',
          line: 6,
          column: 17,
          suggestions: [
            {
              messageId: 'hoistToModule',
              output: `
import axios from 'axios';

const api = axios.create({ baseURL: 'https://api.example.com' });

export default {
  async fetch(request: Request, env: Env) {
    const { data } = await api.get('/status');
    return Response.json(data);
  },
};
`,
            },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'Google Cloud Functions: functions.http',
      code: `
import * as functions from '@google-cloud/functions-framework';
import Stripe from 'stripe';

functions.http('charge', async (req, res) => {
  const stripe = Stripe(process.env.STRIPE_KEY!);
  res.json(await stripe.charges.create(req.body));
});
`,
      errors: [
        {
          messageId: 'perCallClient',
          line: 6,
          column: 18,
          data: {
            client: 'Stripe client',
            line: '6',
            unit: 'request',
            site: "functions.http('charge', …)",
          },
          suggestions: [
            {
              messageId: 'hoistToModule',
              output: `
import * as functions from '@google-cloud/functions-framework';
import Stripe from 'stripe';

const stripe = Stripe(process.env.STRIPE_KEY!);

functions.http('charge', async (req, res) => {
  res.json(await stripe.charges.create(req.body));
});
`,
            },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'node:http createServer: an https.Agent per request',
      code: `
import http from 'node:http';
import https from 'node:https';

http
  .createServer((req, res) => {
    const agent = new https.Agent({ keepAlive: true });
    https.get('https://upstream.example.com', { agent }, (upstream) => upstream.pipe(res));
  })
  .listen(8080);
`,
      errors: [
        {
          messageId: 'perCallClient',
          line: 7,
          column: 19,
          suggestions: [
            {
              messageId: 'hoistToModule',
              output: `
import http from 'node:http';
import https from 'node:https';

const agent = new https.Agent({ keepAlive: true });

http
  .createServer((req, res) => {
    https.get('https://upstream.example.com', { agent }, (upstream) => upstream.pipe(res));
  })
  .listen(8080);
`,
            },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'a loop in a job runner: an axios instance per URL',
      code: `
import axios from 'axios';

export async function checkLinks(urls: string[]) {
  const broken: string[] = [];
  for (const url of urls) {
    const http = axios.create({ timeout: 5000 });
    const response = await http.head(url).catch(() => null);
    if (!response) broken.push(url);
  }
  return broken;
}
`,
      errors: [
        {
          messageId: 'perCallClient',
          line: 7,
          column: 18,
          data: {
            client: 'axios instance',
            line: '7',
            unit: 'iteration',
            site: 'for (const url of urls)',
          },
          suggestions: [
            {
              messageId: 'hoistToModule',
              output: `
import axios from 'axios';

const http = axios.create({ timeout: 5000 });

export async function checkLinks(urls: string[]) {
  const broken: string[] = [];
  for (const url of urls) {
    const response = await http.head(url).catch(() => null);
    if (!response) broken.push(url);
  }
  return broken;
}
`,
            },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'an iteration callback: a Redis client per id',
      code: `
import Redis from 'ioredis';

export async function loadSessions(ids: string[]) {
  return Promise.all(
    ids.map(async (id) => {
      const redis = new Redis();
      return redis.get(\`session:\${id}\`);
    }),
  );
}
`,
      errors: [
        {
          messageId: 'perCallClient',
          line: 7,
          column: 21,
          suggestions: [
            {
              messageId: 'hoistToModule',
              output: `
import Redis from 'ioredis';

const redis = new Redis();

export async function loadSessions(ids: string[]) {
  return Promise.all(
    ids.map(async (id) => {
      return redis.get(\`session:\${id}\`);
    }),
  );
}
`,
            },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'one S3 client per region, built on every request',
      code: `
import { S3Client } from '@aws-sdk/client-s3';

app.get('/buckets', async (req, res) => {
  const clients = REGIONS.map((region) => new S3Client({ region }));
  res.json(await Promise.all(clients.map(listBuckets)));
});
`,
      errors: [
        {
          messageId: 'perCallClient',
          line: 5,
          column: 43,
          data: {
            client: 'AWS SDK client',
            line: '5',
            unit: 'request',
            site: "app.get('/buckets', …)",
          },
          suggestions: [],
        },
      ],
      output: null,
    },
    {
      name: 'an ordinary exported function: a pg client per query',
      code: `
import { Client } from 'pg';

export async function getUser(id: string) {
  const client = new Client();
  await client.connect();
  try {
    const { rows } = await client.query('select * from users where id = $1', [id]);
    return rows[0];
  } finally {
    await client.end();
  }
}
`,
      errors: [
        {
          messageId: 'perCallClientReleased',
          line: 5,
          column: 18,
          data: {
            client: 'pg client',
            line: '5',
            unit: 'call',
            site: 'async function getUser(id: string)',
            release: 'end',
          },
          suggestions: [],
        },
      ],
      output: null,
    },
    {
      name: 'a class method builds a MongoClient per call',
      code: `
import { MongoClient } from 'mongodb';

export class OrderRepository {
  async find(id: string) {
    const client = await MongoClient.connect(process.env.MONGO_URL!);
    return client.db('shop').collection('orders').findOne({ id });
  }
}
`,
      errors: [{ messageId: 'perCallClient', line: 6, column: 26, suggestions: [] }],
      output: null,
    },
    {
      name: 'await using of a per-request undici agent',
      code: `
import { Agent, request } from 'undici';

app.get('/proxy', async (req, res) => {
  await using agent = new Agent({ connections: 10 });
  const { body } = await request('https://upstream.example.com', { dispatcher: agent });
  res.send(await body.text());
});
`,
      errors: [
        {
          messageId: 'perCallClientUsing',
          line: 5,
          column: 23,
          data: {
            client: 'undici agent',
            line: '5',
            unit: 'request',
            site: "app.get('/proxy', …)",
          },
          suggestions: [
            {
              messageId: 'hoistToModule',
              output: `
import { Agent, request } from 'undici';

const agent = new Agent({ connections: 10 });

app.get('/proxy', async (req, res) => {
  const { body } = await request('https://upstream.example.com', { dispatcher: agent });
  res.send(await body.text());
});
`,
            },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'a service whose field builds a pool, instantiated per request',
      code: `
import { Pool } from 'pg';

class UserService {
  private pool = new Pool();

  async find(id: string) {
    return (await this.pool.query('select * from users where id = $1', [id])).rows[0];
  }
}

app.get('/users/:id', async (req, res) => {
  const service = new UserService();
  res.json(await service.find(req.params.id));
});
`,
      errors: [
        {
          messageId: 'perCallBuilder',
          line: 13,
          column: 19,
          data: {
            builder: 'new UserService()',
            client: 'pg pool',
            clientAt: 'file.ts:5',
            line: '13',
            unit: 'request',
            site: "app.get('/users/:id', …)",
          },
          suggestions: [
            {
              messageId: 'hoistToModule',
              output: `
import { Pool } from 'pg';

class UserService {
  private pool = new Pool();

  async find(id: string) {
    return (await this.pool.query('select * from users where id = $1', [id])).rows[0];
  }
}

const service = new UserService();

app.get('/users/:id', async (req, res) => {
  res.json(await service.find(req.params.id));
});
`,
            },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'a service whose constructor builds a Redis client, through a nested service',
      code: `
import Redis from 'ioredis';

class Cache {
  private redis: Redis;
  constructor() {
    this.redis = new Redis(process.env.REDIS_URL!);
  }
}

class SessionStore {
  private cache = new Cache();
}

export async function handleLogin(user: User) {
  const store = new SessionStore();
  await store.save(user);
}
`,
      errors: [
        {
          messageId: 'perCallBuilder',
          line: 16,
          column: 17,
          data: {
            builder: 'new SessionStore()',
            client: 'Redis client',
            clientAt: 'file.ts:7',
            line: '16',
            unit: 'call',
            site: 'async function handleLogin(user: User)',
          },
          suggestions: [
            {
              messageId: 'hoistToModule',
              output: `
import Redis from 'ioredis';

class Cache {
  private redis: Redis;
  constructor() {
    this.redis = new Redis(process.env.REDIS_URL!);
  }
}

class SessionStore {
  private cache = new Cache();
}

const store = new SessionStore();

export async function handleLogin(user: User) {
  await store.save(user);
}
`,
            },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'a factory called per request',
      code: `
import axios from 'axios';

function createApi() {
  return axios.create({ baseURL: process.env.API_URL });
}

router.get('/profile', async (req, res) => {
  const api = createApi();
  res.json((await api.get(\`/users/\${req.user.id}\`)).data);
});
`,
      errors: [
        {
          messageId: 'perCallBuilder',
          line: 9,
          column: 15,
          data: {
            builder: 'createApi()',
            client: 'axios instance',
            clientAt: 'file.ts:5',
            line: '9',
            unit: 'request',
            site: "router.get('/profile', …)",
          },
          suggestions: [
            {
              messageId: 'hoistToModule',
              output: `
import axios from 'axios';

function createApi() {
  return axios.create({ baseURL: process.env.API_URL });
}

const api = createApi();

router.get('/profile', async (req, res) => {
  res.json((await api.get(\`/users/\${req.user.id}\`)).data);
});
`,
            },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'a getter that builds a new client on every access',
      code: `
import Redis from 'ioredis';

export class Deps {
  get redis() {
    return new Redis(process.env.REDIS_URL!);
  }
}
`,
      errors: [{ messageId: 'perCallClient', line: 6, column: 12, suggestions: [] }],
      output: null,
    },
    {
      name: 'setInterval callback: a client per tick',
      code: `
import Redis from 'ioredis';

setInterval(async () => {
  const redis = new Redis();
  await redis.set('heartbeat', Date.now());
  redis.disconnect();
}, 10_000);
`,
      errors: [
        {
          messageId: 'perCallClientReleased',
          line: 5,
          column: 17,
          suggestions: [
            {
              messageId: 'hoistToModule',
              output: `
import Redis from 'ioredis';

const redis = new Redis();

setInterval(async () => {
  await redis.set('heartbeat', Date.now());
}, 10_000);
`,
            },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'a controller function passed to a route by name, and an asyncHandler wrapper',
      code: `
import express from 'express';
import { PrismaClient } from '@prisma/client';
import mysql from 'mysql2/promise';

const router = express.Router();

async function listUsers(req, res) {
  const prisma = new PrismaClient();
  res.json(await prisma.user.findMany());
}

router.get('/users', listUsers);

router.get(
  '/orders',
  asyncHandler(async (req, res) => {
    const pool = mysql.createPool(process.env.MYSQL_URL!);
    const [rows] = await pool.query('select * from orders');
    res.json(rows);
  }),
);
`,
      errors: [
        {
          messageId: 'perCallClient',
          line: 9,
          column: 18,
          suggestions: [
            {
              messageId: 'hoistToModule',
              output: `
import express from 'express';
import { PrismaClient } from '@prisma/client';
import mysql from 'mysql2/promise';

const router = express.Router();

const prisma = new PrismaClient();

async function listUsers(req, res) {
  res.json(await prisma.user.findMany());
}

router.get('/users', listUsers);

router.get(
  '/orders',
  asyncHandler(async (req, res) => {
    const pool = mysql.createPool(process.env.MYSQL_URL!);
    const [rows] = await pool.query('select * from orders');
    res.json(rows);
  }),
);
`,
            },
          ],
        },
        {
          messageId: 'perCallClient',
          line: 18,
          column: 18,
          suggestions: [
            {
              messageId: 'hoistToModule',
              output: `
import express from 'express';
import { PrismaClient } from '@prisma/client';
import mysql from 'mysql2/promise';

const router = express.Router();

async function listUsers(req, res) {
  const prisma = new PrismaClient();
  res.json(await prisma.user.findMany());
}

router.get('/users', listUsers);

const pool = mysql.createPool(process.env.MYSQL_URL!);

router.get(
  '/orders',
  asyncHandler(async (req, res) => {
    const [rows] = await pool.query('select * from orders');
    res.json(rows);
  }),
);
`,
            },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'Remix loader and a NestJS route',
      code: `
import { json } from '@remix-run/node';
import Redis from 'ioredis';
import { Controller, Get } from '@nestjs/common';
import { Pool } from 'pg';

export async function loader({ request }) {
  const redis = new Redis();
  return json(await redis.get('flags'));
}

@Controller('users')
export class UsersController {
  @Get(':id')
  async find() {
    const pool = new Pool();
    return (await pool.query('select 1')).rows;
  }
}
`,
      errors: [
        {
          messageId: 'perCallClient',
          line: 8,
          column: 17,
          data: {
            client: 'Redis client',
            line: '8',
            unit: 'request',
            site: 'async function loader({ request })',
          },
          suggestions: [
            {
              messageId: 'hoistToModule',
              output: `
import { json } from '@remix-run/node';
import Redis from 'ioredis';
import { Controller, Get } from '@nestjs/common';
import { Pool } from 'pg';

const redis = new Redis();

export async function loader({ request }) {
  return json(await redis.get('flags'));
}

@Controller('users')
export class UsersController {
  @Get(':id')
  async find() {
    const pool = new Pool();
    return (await pool.query('select 1')).rows;
  }
}
`,
            },
          ],
        },
        {
          messageId: 'perCallClient',
          line: 16,
          column: 18,
          data: {
            client: 'pg pool',
            line: '16',
            unit: 'request',
            site: 'async find()',
          },
          suggestions: [
            {
              messageId: 'hoistToModule',
              output: `
import { json } from '@remix-run/node';
import Redis from 'ioredis';
import { Controller, Get } from '@nestjs/common';
import { Pool } from 'pg';

export async function loader({ request }) {
  const redis = new Redis();
  return json(await redis.get('flags'));
}

const pool = new Pool();

@Controller('users')
export class UsersController {
  @Get(':id')
  async find() {
    return (await pool.query('select 1')).rows;
  }
}
`,
            },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'a user-declared client through the clients option',
      options: [
        { clients: [{ from: 'package', package: '@elastic/elasticsearch', name: 'Client' }] },
      ],
      code: `
import { Client } from '@elastic/elasticsearch';

export async function search(q: string) {
  const es = new Client({ node: 'http://localhost:9200' });
  return es.search({ q });
}
`,
      errors: [
        {
          messageId: 'perCallClient',
          line: 5,
          column: 14,
          suggestions: [
            {
              messageId: 'hoistToModule',
              output: `
import { Client } from '@elastic/elasticsearch';

const es = new Client({ node: 'http://localhost:9200' });

export async function search(q: string) {
  return es.search({ q });
}
`,
            },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'issue 10 item 11: a class whose constructor builds a client, constructed in an ordinary function that a handler calls',
      code: `
import express from 'express';
import { Pool } from 'pg';

class OrderStore {
  private readonly pool: Pool;
  constructor(url: string) {
    this.pool = new Pool({ connectionString: url });
  }
  list() {
    return this.pool.query('select * from orders');
  }
}

function loadOrders(url: string) {
  const store = new OrderStore(url);
  return store.list();
}

const app = express();
app.get('/orders', async (req, res) => {
  res.json(await loadOrders(process.env.DATABASE_URL ?? ''));
});
`,
      errors: [
        {
          messageId: 'perCallBuilder',
          line: 16,
          column: 17,
          data: {
            builder: 'new OrderStore()',
            client: 'pg pool',
            clientAt: 'file.ts:8',
            line: '16',
            unit: 'call',
            site: 'function loadOrders(url: string)',
          },
        },
      ],
      output: null,
    },
    {
      name: 'a loop whose client does not depend on the element builds the same client again and again',
      code: `
import { CloudFormationClient, ListStacksCommand } from '@aws-sdk/client-cloudformation';

export async function stackCounts(regions: string[], region: string) {
  return Promise.all(
    regions.map(async () => {
      const cf = new CloudFormationClient({ region });
      return (await cf.send(new ListStacksCommand({}))).StackSummaries?.length ?? 0;
    }),
  );
}
`,
      errors: [{ messageId: 'perCallClient', line: 7, column: 18, suggestions: [] }],
      output: null,
    },
    {
      name: 'a client built from a parameter and connected, never ended: still one per call',
      code: `
import { Client, type ClientConfig } from 'pg';

export async function countRows(config: ClientConfig, table: string) {
  const client = new Client(config);
  await client.connect();
  return client.query(\`select count(*) from \${table}\`);
}
`,
      errors: [{ messageId: 'perCallClient', line: 5, column: 18, suggestions: [] }],
      output: null,
    },
    {
      name: 'a connected client is not a property read: new Client(config).connect() is reported',
      code: `
import { Client, type ClientConfig } from 'pg';

export async function ping(config: ClientConfig) {
  return new Client(config).connect();
}
`,
      errors: [{ messageId: 'perCallClient', line: 5, column: 10, suggestions: [] }],
      output: null,
    },
  ],
});

jsRuleTester.run('no-per-call-client (JavaScript, CommonJS)', rule, {
  valid: [
    {
      name: 'module.exports of a lazy singleton',
      code: `
const { Pool } = require('pg');
let pool;
module.exports.getPool = function getPool() {
  if (!pool) pool = new Pool();
  return pool;
};
`,
    },
  ],
  invalid: [
    {
      name: 'CommonJS Lambda handler and a require()d axios',
      code: `
const axios = require('axios');
exports.handler = async function (event) {
  const api = axios.create({ baseURL: process.env.API_URL });
  return (await api.get('/items/' + event.id)).data;
};
`,
      errors: [
        {
          messageId: 'perCallClient',
          line: 4,
          column: 15,
          suggestions: [
            {
              messageId: 'hoistToModule',
              output: `
const axios = require('axios');
const api = axios.create({ baseURL: process.env.API_URL });

exports.handler = async function (event) {
  return (await api.get('/items/' + event.id)).data;
};
`,
            },
          ],
        },
      ],
      output: null,
    },
  ],
});

typedRuleTester.run('no-per-call-client (typed)', rule, {
  valid: [
    {
      name: 'typed: undici pool at module scope',
      code: `
import { Pool } from 'undici';

const upstream = new Pool('https://upstream.example.com', { connections: 16 });

export async function proxy(path: string) {
  const { body } = await upstream.request({ method: 'GET', path });
  return body.text();
}
`,
    },
  ],
  invalid: [
    {
      name: 'typed: services of another module that build clients, built per call',
      code: `
import type { Pool } from 'pg';
import { ReportService, SessionStore, TracedPool, UserService } from './per-call-services.js';

export async function monthlyReport(pool: Pool, sessionId: string) {
  const users = new UserService(pool);
  const reports = new ReportService();
  const sessions = new SessionStore();
  const traced = new TracedPool();
  await traced.query('select 1');
  return [await users.find('1'), await reports.monthly(), await sessions.get(sessionId)];
}
`,
      errors: [
        {
          messageId: 'perCallBuilder',
          line: 7,
          column: 19,
          data: {
            builder: 'new ReportService()',
            client: 'pg pool',
            clientAt: 'per-call-services.ts:7',
            line: '7',
            unit: 'call',
            site: 'async function monthlyReport(pool: Pool, sessionId: string)',
          },
          suggestions: [
            {
              messageId: 'hoistToModule',
              output: `
import type { Pool } from 'pg';
import { ReportService, SessionStore, TracedPool, UserService } from './per-call-services.js';

const reports = new ReportService();

export async function monthlyReport(pool: Pool, sessionId: string) {
  const users = new UserService(pool);
  const sessions = new SessionStore();
  const traced = new TracedPool();
  await traced.query('select 1');
  return [await users.find('1'), await reports.monthly(), await sessions.get(sessionId)];
}
`,
            },
          ],
        },
        {
          messageId: 'perCallBuilder',
          line: 8,
          column: 20,
          data: {
            builder: 'new SessionStore()',
            client: 'Redis client',
            clientAt: 'per-call-services.ts:19',
            line: '8',
            unit: 'call',
            site: 'async function monthlyReport(pool: Pool, sessionId: string)',
          },
          suggestions: [
            {
              messageId: 'hoistToModule',
              output: `
import type { Pool } from 'pg';
import { ReportService, SessionStore, TracedPool, UserService } from './per-call-services.js';

const sessions = new SessionStore();

export async function monthlyReport(pool: Pool, sessionId: string) {
  const users = new UserService(pool);
  const reports = new ReportService();
  const traced = new TracedPool();
  await traced.query('select 1');
  return [await users.find('1'), await reports.monthly(), await sessions.get(sessionId)];
}
`,
            },
          ],
        },
        {
          messageId: 'perCallClient',
          line: 9,
          column: 18,
          suggestions: [
            {
              messageId: 'hoistToModule',
              output: `
import type { Pool } from 'pg';
import { ReportService, SessionStore, TracedPool, UserService } from './per-call-services.js';

const traced = new TracedPool();

export async function monthlyReport(pool: Pool, sessionId: string) {
  const users = new UserService(pool);
  const reports = new ReportService();
  const sessions = new SessionStore();
  await traced.query('select 1');
  return [await users.find('1'), await reports.monthly(), await sessions.get(sessionId)];
}
`,
            },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'typed: ioredis and axios per request',
      code: `
import { Redis } from 'ioredis';
import axios from 'axios';

export async function handleWebhook(payload: { id: string }) {
  const redis = new Redis();
  const api = axios.create({ baseURL: 'https://hooks.example.com' });
  await redis.set(payload.id, '1');
  await api.post('/ack', payload);
}
`,
      errors: [
        {
          messageId: 'perCallClient',
          line: 6,
          column: 17,
          suggestions: [
            {
              messageId: 'hoistToModule',
              output: `
import { Redis } from 'ioredis';
import axios from 'axios';

const redis = new Redis();

export async function handleWebhook(payload: { id: string }) {
  const api = axios.create({ baseURL: 'https://hooks.example.com' });
  await redis.set(payload.id, '1');
  await api.post('/ack', payload);
}
`,
            },
          ],
        },
        {
          messageId: 'perCallClient',
          line: 7,
          column: 15,
          suggestions: [
            {
              messageId: 'hoistToModule',
              output: `
import { Redis } from 'ioredis';
import axios from 'axios';

const api = axios.create({ baseURL: 'https://hooks.example.com' });

export async function handleWebhook(payload: { id: string }) {
  const redis = new Redis();
  await redis.set(payload.id, '1');
  await api.post('/ack', payload);
}
`,
            },
          ],
        },
      ],
      output: null,
    },
  ],
});
