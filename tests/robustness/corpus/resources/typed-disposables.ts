class Conn implements Disposable {
  [Symbol.dispose]() {}
  query() {
    return 1;
  }
}
class AsyncConn implements AsyncDisposable {
  async [Symbol.asyncDispose]() {}
}
function connect(): Conn {
  return new Conn();
}
async function connectAsync(): Promise<AsyncConn> {
  return new AsyncConn();
}
export function leaks() {
  const c = connect();
  return c.query();
}
export async function leaksAsync() {
  const c = await connectAsync();
  return c !== null;
}
export function ok() {
  using c = connect();
  return c.query();
}
export const cached = new Map<string, Conn>();
export function fromCache(k: string) {
  const c = cached.get(k);
  return c?.query();
}
