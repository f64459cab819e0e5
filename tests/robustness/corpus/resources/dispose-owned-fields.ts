import { createWriteStream, type WriteStream } from 'node:fs';
import { Pool } from 'pg';
import type Redis from 'ioredis';

export class AuditLog implements AsyncDisposable {
  readonly #out: WriteStream;
  readonly #pool = new Pool();
  #timer: NodeJS.Timeout | undefined;
  #disposed = false;
  constructor(path: string, private readonly redis: Redis) {
    this.#out = createWriteStream(path, { flags: 'a' });
    this.#timer = setInterval(() => this.flush(), 1000);
  }
  flush() {
    this.#out.write('');
  }
  async [Symbol.asyncDispose]() {
    if (this.#disposed) return;
    this.#disposed = true;
    clearInterval(this.#timer);
    this.#out.end();
    await this.#pool.end();
    await this.redis.quit(); // injected: not ours to close
  }
}
export class NoDispose {
  private readonly pool = new Pool();
  query() {
    return this.pool.query('select 1');
  }
}
