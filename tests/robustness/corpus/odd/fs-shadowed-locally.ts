import * as realFs from 'node:fs';
export function shadow() {
  const fs = { createReadStream: (_p: string) => ({ close() {} }), open: async () => ({ close() {} }) };
  fs.createReadStream('/x');
  void fs.open();
  {
    const setInterval = (fn: () => void) => fn();
    setInterval(() => {});
  }
  const spawn = (cmd: string) => cmd;
  spawn('ls');
  return realFs;
}
export function fetchShadow(fetch: (u: string) => Promise<{ ok: boolean }>) {
  return fetch('/x').then((r) => r.ok);
}
