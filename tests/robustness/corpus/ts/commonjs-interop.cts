import fs = require('node:fs');
import type EventEmitter = require('node:events');
const path = require('node:path') as typeof import('node:path');

function read(file: string): string {
  return fs.readFileSync(path.resolve(file), 'utf8');
}
declare const emitter: EventEmitter;
export = { read, emitter };
