import { EventEmitter } from 'node:events';

export class Watcher extends EventEmitter {
  #timer;
  start() {
    this.#timer = setInterval(() => this.emit('tick'), 100);
    process.on('exit', this.stop);
    return this;
  }
  stop = () => {
    clearInterval(this.#timer);
    process.off('exit', this.stop);
  };
}
export function attach(emitter, fn) {
  emitter.addListener('data', fn);
  emitter.prependListener('data', fn);
  emitter.removeListener('data', fn);
}
