import { EventEmitter } from 'node:events';
import { Readable } from 'node:stream';
export class Source extends Readable {
  #n = 0;
  override _read() {
    this.push(this.#n++ < 3 ? 'x' : null);
  }
  override _destroy(err: Error | null, cb: (e?: Error | null) => void) {
    super._destroy(err, cb);
  }
  close() {
    super.destroy();
  }
}
export class Emitter extends EventEmitter {
  override on(event: string | symbol, fn: (...a: any[]) => void): this {
    return super.on(event, fn);
  }
}
