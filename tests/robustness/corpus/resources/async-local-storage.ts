import { AsyncLocalStorage, AsyncResource } from 'node:async_hooks';

const als = new AsyncLocalStorage<{ requestId: string }>();
export function withContext<T>(id: string, fn: () => T) {
  return als.run({ requestId: id }, fn);
}
export function bound(fn: () => void) {
  return AsyncResource.bind(fn);
}
export function disabled() {
  const local = new AsyncLocalStorage();
  local.enterWith({});
  local.disable();
}
