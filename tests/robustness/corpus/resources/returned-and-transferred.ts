import { createReadStream, type ReadStream } from 'node:fs';
import { open } from 'node:fs/promises';

const registry: ReadStream[] = [];
let current: ReadStream | undefined;

export function returned(p: string) {
  return createReadStream(p);
}
export function stored(p: string) {
  registry.push(createReadStream(p));
  current = createReadStream(p);
  return current;
}
export async function resolvedFromAsync(p: string) {
  const fh = await open(p);
  return fh;
}
export function passedToUnknown(p: string, sink: (s: ReadStream) => void) {
  const s = createReadStream(p);
  sink(s);
}
export class Holder {
  s?: ReadStream;
  hold(p: string) {
    this.s = createReadStream(p);
  }
}
export function inObject(p: string) {
  return { stream: createReadStream(p), meta: { p } };
}
export const arrowReturn = (p: string) => createReadStream(p);
