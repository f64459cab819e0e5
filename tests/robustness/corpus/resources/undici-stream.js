import { stream, pipeline as undiciPipeline } from 'undici';
import { createWriteStream } from 'node:fs';
import { Writable } from 'node:stream';

export function saveTo(url, path) {
  return stream(url, { method: 'GET' }, () => createWriteStream(path));
}
export function proxyThrough(url) {
  return undiciPipeline(url, { method: 'POST' }, ({ body }) => body);
}
export function toNull(url) {
  return stream(url, {}, () => new Writable({ write: (_c, _e, cb) => cb() }));
}
