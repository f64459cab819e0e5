import dgram from 'node:dgram';

export function sendOnce(msg: string, port: number) {
  const socket = dgram.createSocket('udp4');
  socket.send(msg, port, '127.0.0.1', () => socket.close());
}
export function leakySocket(msg: string, port: number) {
  const socket = dgram.createSocket('udp4');
  socket.send(msg, port);
}
