import { watch, watchFile, unwatchFile } from 'node:fs';
import { watch as watchAsync } from 'node:fs/promises';

export function watchOnce(path: string, onChange: () => void) {
  const w = watch(path, () => {
    w.close();
    onChange();
  });
}
export function watchLeak(path: string) {
  watch(path, () => console.log('changed'));
}
export async function watchWithSignal(path: string, signal: AbortSignal) {
  for await (const ev of watchAsync(path, { signal })) {
    console.log(ev.eventType);
  }
}
export function poll(path: string) {
  watchFile(path, { interval: 500 }, () => {});
  return () => unwatchFile(path);
}
