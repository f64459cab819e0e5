export async function cancellable(urls: string[], outer: AbortSignal) {
  const controller = new AbortController();
  const onAbort = () => controller.abort(outer.reason);
  outer.addEventListener('abort', onAbort, { once: true });
  try {
    return await Promise.all(urls.map((u) => fetch(u, { signal: controller.signal }).then((r) => r.text())));
  } finally {
    outer.removeEventListener('abort', onAbort);
  }
}
export function linked(outer: AbortSignal) {
  const controller = new AbortController();
  outer.addEventListener('abort', () => controller.abort());
  return controller.signal;
}
export function throwIfAborted(signal: AbortSignal) {
  signal.throwIfAborted();
  return signal.aborted ? signal.reason : null;
}
