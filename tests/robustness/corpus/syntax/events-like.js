import { EventEmitter } from 'node:events';
export class Bus extends EventEmitter {
  constructor() {
    super({ captureRejections: true });
    this.on('error', (err) => console.error(err));
  }
  publish(topic, payload) {
    return this.emit(topic, payload);
  }
}
const bus = new Bus();
const handler = (p) => console.log(p);
bus.on('a', handler);
bus.once('b', handler);
bus.off('a', handler);
bus.prependListener('c', handler).prependOnceListener('d', handler);
bus.removeAllListeners();
export default bus;
