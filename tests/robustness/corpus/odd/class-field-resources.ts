import { createWriteStream, type WriteStream } from 'node:fs';
import { Pool } from 'pg';
export class Logger {
  readonly #out: WriteStream = createWriteStream('/tmp/log');
  private pool = new Pool();
  static shared = new Pool();
  protected timer = setInterval(() => this.flush(), 1000);
  other?: WriteStream;
  reopen(p: string) {
    this.other = createWriteStream(p);
    this.other = createWriteStream(p);
  }
  flush() {
    this.#out.write('');
  }
  async close() {
    clearInterval(this.timer);
    this.#out.end();
    await this.pool.end();
  }
}
