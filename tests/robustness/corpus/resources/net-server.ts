import net from 'node:net';
import { createServer, type Socket } from 'node:net';

const sockets = new Set<Socket>();
export const server = createServer((socket) => {
  sockets.add(socket);
  socket.on('close', () => sockets.delete(socket));
  socket.setTimeout(30_000, () => socket.destroy());
  socket.pipe(socket);
});
export function stop() {
  for (const s of sockets) s.destroy();
  server.close();
}
export function probe(port: number) {
  return new Promise<boolean>((resolve) => {
    const s = net.connect(port, '127.0.0.1');
    s.once('connect', () => {
      s.end();
      resolve(true);
    });
    s.once('error', () => resolve(false));
  });
}
export function leakyProbe(port: number) {
  const s = net.createConnection({ port });
  s.write('ping');
}
