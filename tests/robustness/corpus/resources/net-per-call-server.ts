import { createServer } from 'node:net';

export async function freePort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((r) => srv.listen(0, r));
  const addr = srv.address();
  const port = typeof addr === 'object' && addr ? addr.port : 0;
  if (port === 0) return 0;
  await new Promise((r) => srv.close(r));
  return port;
}
