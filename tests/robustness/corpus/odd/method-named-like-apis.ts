export class Fake {
  createReadStream(_path: string) {
    return { pipe: <T>(d: T) => d, destroy() {} };
  }
  spawn(_cmd: string) {
    return { kill() {}, on() {} };
  }
  setInterval(_fn: () => void) {
    return 0;
  }
  open(_p: string) {
    return Promise.resolve({ close: async () => {} });
  }
  fetch(_u: string) {
    return Promise.resolve({ ok: false, body: null });
  }
}
export async function useFake(f: Fake) {
  f.createReadStream('/x').pipe(process.stdout);
  f.spawn('ls');
  f.setInterval(() => {});
  const h = await f.open('/x');
  const res = await f.fetch('/x');
  if (!res.ok) return null;
  return h;
}
