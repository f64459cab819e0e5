import rule from '../../src/rules/no-dispose-injected.js';
import { jsRuleTester, ruleTester } from '../rule-tester.js';

ruleTester.run('no-dispose-injected', rule, {
  valid: [
    // Field DI-1: the same, with the new client passed through a helper on its way.
    `
import { Client } from 'pg';
function quiet(client: Client): Client {
  client.on('error', () => {});
  return client;
}
export class ControlDriver {
  constructor(private readonly client: Client) {}
  async close(): Promise<void> {
    await this.client.end().catch(() => {});
  }
}
export async function createDriver(url: string): Promise<ControlDriver> {
  const client = quiet(new Client({ connectionString: url }));
  await client.connect();
  return new ControlDriver(client);
}`,
    // Field DI-1: the class's own factory creates the client and hands it to the constructor
    // (a private constructor; `wrap()` passes nothing there): an ownership transfer.
    `
import { MongoClient, type Db } from 'mongodb';
export class Store {
  private constructor(
    private readonly db: Db,
    private readonly client: MongoClient | undefined,
  ) {}
  static async open(uri: string, name: string): Promise<Store> {
    const client = new MongoClient(uri);
    await client.connect();
    return new Store(client.db(name), client);
  }
  static wrap(db: Db): Store {
    return new Store(db, undefined);
  }
  async close(): Promise<void> {
    await this.client?.close();
  }
}`,
    // Field DI-1: the module's factory builds and connects the client, then hands it over.
    `
import pg from 'pg';
export class AdminConnection {
  constructor(private readonly client: pg.Client) {}
  async close(): Promise<void> {
    await this.client.end().catch(() => {});
  }
}
export async function connectAdmin(url: string): Promise<AdminConnection> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  return new AdminConnection(client);
}`,
    // Releases only what it created.
    `
import { Pool } from 'pg';
export class ReportStore {
  private readonly pool = new Pool({ max: 2 });
  async close() {
    if (this.closed) return;
    this.closed = true;
    await this.pool.end();
  }
  private closed = false;
}`,
    // Given a pool, it only uses it.
    `
import { Pool } from 'pg';
export class UserRepository {
  constructor(private readonly pool: Pool) {}
  find(id: string) {
    return this.pool.query('select * from users where id = $1', [id]);
  }
  async close() {
    // the pool belongs to the caller
  }
}`,
    // Mixed ownership, with the owner recorded: release only what it made.
    `
import { Agent, type Dispatcher } from 'undici';
export class ApiClient {
  readonly #agent: Dispatcher;
  readonly #ownsAgent: boolean;
  constructor(options: { agent?: Dispatcher } = {}) {
    this.#ownsAgent = options.agent === undefined;
    this.#agent = options.agent ?? new Agent({ connections: 8 });
  }
  async close() {
    if (this.#ownsAgent) await this.#agent.close();
  }
}`,
    // A wrapper that takes over a plain socket it was given (not a shared client): its to end.
    `
import type { Socket } from 'node:net';
export class Session {
  constructor(private readonly socket: Socket) {}
  close() {
    this.socket.end();
  }
}`,
    // A transaction that returns the connection it was lent: release() is not an ending verb.
    `
import type { PoolClient } from 'pg';
export class Transaction {
  constructor(private readonly client: PoolClient) {}
  async dispose() {
    this.client.release();
  }
}`,
    // A NestJS module closes the factory provider it builds (nothing else does).
    `
import { Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import type { Redis } from 'ioredis';
export const REDIS = Symbol('REDIS');
@Module({ providers: [{ provide: REDIS, useFactory: () => new (require('ioredis'))() }], exports: [REDIS] })
export class RedisModule implements OnApplicationShutdown {
  constructor(@Inject(REDIS) private readonly redis: Redis) {}
  async onApplicationShutdown() {
    await this.redis.quit();
  }
}`,
    // Token injection may be a factory nobody else closes: only checkAllParameters reports it.
    `
import { Inject, Injectable } from '@nestjs/common';
import type { Redis } from 'ioredis';
@Injectable()
export class RedisShutdown {
  constructor(@Inject('REDIS') private readonly redis: Redis) {}
  async onApplicationShutdown() {
    await this.redis.quit();
  }
}`,
    // Released outside any release method (an error handler): not this rule's concern.
    `
import type { Pool } from 'pg';
export class Health {
  constructor(private readonly pool: Pool) {
    pool.on('error', () => this.pool.end());
  }
}`,
    // A service that only stops what it received: stop() is not an ending verb.
    `
import { Injectable } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
@Injectable()
export class Jobs {
  constructor(private readonly scheduler: SchedulerRegistry) {}
  onModuleDestroy() {
    this.scheduler.getCronJob('nightly').stop();
  }
}`,
    // A field it both received and replaced with its own value is not judged (unknown mix).
    `
import { Pool } from 'pg';
import { makePool } from './db';
export class Migrator {
  pool: Pool;
  constructor(pool: Pool) {
    this.pool = pool;
  }
  reset() {
    this.pool = makePool();
  }
  async close() {
    await this.pool.end();
  }
}`,
  ],
  invalid: [
    {
      // A repository ends the shared pool its caller passed in.
      code: `
import { Pool } from 'pg';
export class UserRepository {
  constructor(private readonly pool: Pool) {}
  async close(): Promise<void> {
    await this.pool.end();
  }
}`,
      errors: [
        {
          messageId: 'releasesInjected',
          line: 6,
          column: 11,
          data: {
            method: 'UserRepository.close()',
            field: 'pool',
            className: 'UserRepository',
            how: 'a constructor parameter at line 4',
          },
          suggestions: [
            {
              messageId: 'suggestRemove',
              output: `
import { Pool } from 'pg';
export class UserRepository {
  constructor(private readonly pool: Pool) {}
  async close(): Promise<void> {
  }
}`,
            },
          ],
        },
      ],
      output: null,
    },
    {
      // A NestJS service closes what the container gave it.
      code: `
import { Injectable, type OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import type { DataSource, Repository } from 'typeorm';
import { PrismaService } from './prisma.service';
import { User } from './user.entity';
@Injectable()
export class UsersService implements OnModuleDestroy {
  constructor(
    @InjectRepository(User) private readonly users: Repository<User>,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly prisma: PrismaService,
  ) {}
  async onModuleDestroy() {
    await this.dataSource.destroy();
    await this.prisma.$disconnect();
  }
}`,
      errors: [
        {
          messageId: 'releasesInjected',
          line: 15,
          column: 11,
          data: {
            method: 'UsersService.onModuleDestroy()',
            field: 'dataSource',
            className: 'UsersService',
            how: 'injected with `@InjectDataSource()` at line 11',
          },
          suggestions: [
            {
              messageId: 'suggestRemove',
              output: `
import { Injectable, type OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import type { DataSource, Repository } from 'typeorm';
import { PrismaService } from './prisma.service';
import { User } from './user.entity';
@Injectable()
export class UsersService implements OnModuleDestroy {
  constructor(
    @InjectRepository(User) private readonly users: Repository<User>,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly prisma: PrismaService,
  ) {}
  async onModuleDestroy() {
    await this.prisma.$disconnect();
  }
}`,
            },
          ],
        },
        {
          messageId: 'releasesInjected',
          line: 16,
          column: 11,
          data: {
            method: 'UsersService.onModuleDestroy()',
            field: 'prisma',
            className: 'UsersService',
            how: 'a constructor parameter at line 12',
          },
          suggestions: [
            {
              messageId: 'suggestRemove',
              output: `
import { Injectable, type OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import type { DataSource, Repository } from 'typeorm';
import { PrismaService } from './prisma.service';
import { User } from './user.entity';
@Injectable()
export class UsersService implements OnModuleDestroy {
  constructor(
    @InjectRepository(User) private readonly users: Repository<User>,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly prisma: PrismaService,
  ) {}
  async onModuleDestroy() {
    await this.dataSource.destroy();
  }
}`,
            },
          ],
        },
      ],
      output: null,
    },
    {
      // A type-only import of the client type is enough to know it is a shared client.
      code: `
import type { Redis } from 'ioredis';
export class RateLimiter {
  constructor(private readonly redis: Redis) {}
  async [Symbol.asyncDispose]() {
    await this.redis.quit(); // its owner quits it
  }
}`,
      errors: [
        {
          messageId: 'releasesInjected',
          line: 6,
          column: 11,
          data: {
            method: 'RateLimiter[Symbol.asyncDispose]()',
            field: 'redis',
            className: 'RateLimiter',
            how: 'a constructor parameter at line 4',
          },
          suggestions: [],
        },
      ],
      output: null,
    },
    {
      // Mixed ownership: closes the caller's agent when one was passed.
      code: `
import { Agent, type Dispatcher } from 'undici';
export class Crawler {
  readonly #agent: Dispatcher;
  constructor(options: { agent?: Dispatcher } = {}) {
    this.#agent = options.agent ?? new Agent({ connections: 8 });
  }
  async close() {
    await this.#agent.close();
  }
}`,
      errors: [
        {
          messageId: 'releasesMixed',
          line: 9,
          column: 11,
          data: {
            method: 'Crawler.close()',
            field: '#agent',
            className: 'Crawler',
            how: 'part of a constructor parameter at line 5',
            source: 'new Agent()',
            line: '6',
          },
        },
      ],
      output: null,
    },
    {
      // Looked up in a container, released through a helper of [Symbol.asyncDispose].
      code: `
import type { ModuleRef } from '@nestjs/core';
import { Redis } from 'ioredis';
export class Worker {
  private readonly redis: Redis;
  constructor(moduleRef: ModuleRef) {
    this.redis = moduleRef.get(Redis, { strict: false });
  }
  async #shutdown() {
    await this.redis.quit();
  }
  async [Symbol.asyncDispose]() {
    await this.#shutdown();
  }
}`,
      errors: [
        {
          messageId: 'releasesInjected',
          line: 10,
          column: 11,
          data: {
            method: 'Worker[Symbol.asyncDispose]()',
            field: 'redis',
            className: 'Worker',
            how: 'looked up with `moduleRef.get()` at line 7',
          },
          suggestions: [
            {
              messageId: 'suggestRemove',
              output: `
import type { ModuleRef } from '@nestjs/core';
import { Redis } from 'ioredis';
export class Worker {
  private readonly redis: Redis;
  constructor(moduleRef: ModuleRef) {
    this.redis = moduleRef.get(Redis, { strict: false });
  }
  async #shutdown() {
  }
  async [Symbol.asyncDispose]() {
    await this.#shutdown();
  }
}`,
            },
          ],
        },
      ],
      output: null,
    },
    {
      // Strict: every parameter it releases (the socket case included), and token injection.
      code: `
import type { Socket } from 'node:net';
export class Session {
  constructor(private readonly socket: Socket) {}
  close() {
    this.socket.destroy(); // the caller's
  }
}`,
      options: [{ checkAllParameters: true }],
      errors: [{ messageId: 'releasesInjected', line: 6, column: 5, suggestions: [] }],
      output: null,
    },
  ],
});

jsRuleTester.run('no-dispose-injected (JavaScript)', rule, {
  valid: [
    `
class Cache {
  constructor(redis) {
    this.redis = redis;
  }
  async close() {
    await this.redis.quit();
  }
}
module.exports = { Cache };`,
  ],
  invalid: [
    {
      code: `
const { Pool } = require('pg');
class Reports {
  constructor(options = {}) {
    this.pool = options.pool || new Pool();
  }
  async end() {
    await this.pool.end();
  }
}
module.exports = { Reports };`,
      errors: [{ messageId: 'releasesMixed', line: 8, column: 11 }],
      output: null,
    },
  ],
});
