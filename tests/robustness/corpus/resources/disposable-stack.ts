import { open } from 'node:fs/promises';
import { createServer } from 'node:http';

export async function many(paths: string[]) {
  await using stack = new AsyncDisposableStack();
  const handles = [];
  for (const p of paths) {
    const fh = await open(p);
    stack.defer(() => fh.close());
    handles.push(fh);
  }
  const server = stack.adopt(createServer(), (s) => s.close());
  return { count: handles.length, server: server.listening };
}
export function moveOut() {
  using stack = new DisposableStack();
  const t = setInterval(() => {}, 1000);
  stack.defer(() => clearInterval(t));
  return stack.move();
}
