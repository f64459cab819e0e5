import { closeSync, openSync } from 'node:fs';

const registry = new FinalizationRegistry<number>((fd) => closeSync(fd));
const bad = new FinalizationRegistry<{ close(): void }>((h) => h.close());

export class NativeFile {
  readonly fd = openSync('/dev/null', 'r');
  constructor() {
    registry.register(this, this.fd, this);
  }
  [Symbol.dispose]() {
    registry.unregister(this);
    closeSync(this.fd);
  }
}
export class Forgetful {
  readonly fd = openSync('/dev/null', 'r');
  constructor() {
    registry.register(this, this.fd);
  }
  close() {
    closeSync(this.fd);
  }
}
export { bad };
