import { EventEmitter, once, on, addAbortListener } from 'node:events';

const bus = new EventEmitter();

export function subscribe(handler: (v: unknown) => void) {
  bus.on('update', handler);
  return () => bus.off('update', handler);
}
export function leakyPerRequest(req: { id: string }) {
  process.on('SIGTERM', () => console.log('shutting down', req.id));
  bus.on('update', (v) => console.log(req.id, v));
}
export async function waitFor(signal: AbortSignal) {
  const [value] = await once(bus, 'ready', { signal });
  return value;
}
export async function iterate(signal: AbortSignal) {
  for await (const [v] of on(bus, 'tick', { signal })) {
    if (v === 'stop') break;
  }
}
export function abortListener(signal: AbortSignal, cleanup: () => void) {
  using _ = addAbortListener(signal, cleanup);
  signal.addEventListener('abort', cleanup, { once: true });
  signal.addEventListener('abort', cleanup);
  signal.onabort = cleanup;
}
export function withSignalOption(target: EventTarget, signal: AbortSignal) {
  target.addEventListener('message', () => {}, { signal });
}
