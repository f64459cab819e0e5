import type { IncomingMessage, ServerResponse } from 'node:http';
import { EventEmitter } from 'node:events';

export const updates = new EventEmitter();

export function sse(req: IncomingMessage, res: ServerResponse) {
  res.writeHead(200, { 'content-type': 'text/event-stream' });
  const send = (data: unknown) => res.write(`data: ${JSON.stringify(data)}\n\n`);
  const keepAlive = setInterval(() => res.write(': ping\n\n'), 15_000);
  updates.on('update', send);
  req.on('close', () => {
    clearInterval(keepAlive);
    updates.off('update', send);
  });
}
export function leakySse(_req: IncomingMessage, res: ServerResponse) {
  res.writeHead(200, { 'content-type': 'text/event-stream' });
  updates.on('update', (d) => res.write(`data: ${JSON.stringify(d)}\n\n`));
  setInterval(() => res.write(': ping\n\n'), 15_000);
}
