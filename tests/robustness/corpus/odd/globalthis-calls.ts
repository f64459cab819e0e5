export async function viaGlobal(url: string) {
  const res = await globalThis.fetch(url);
  const id = globalThis.setInterval(() => {}, 1000);
  globalThis.clearInterval(id);
  const win = (globalThis as unknown as { window?: { fetch: typeof fetch } }).window;
  await win?.fetch(url);
  return res.status;
}
