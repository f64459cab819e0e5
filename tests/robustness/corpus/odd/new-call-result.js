import fs from 'node:fs';
function factory() {
  return class {
    constructor() {
      this.stream = fs.createReadStream('/dev/null');
    }
  };
}
export const instance = new (factory())();
export const nested = new (new (factory())().constructor)();
export const noArgs = new Date;
export const chainedNew = new new Function('this.x = 1')().constructor();
export const member = new fs.ReadStream.prototype.constructor('/dev/null');
