import { createServer } from 'node:http';
import { WebSocketServer } from 'ws';

const server = createServer();
const wss = new WebSocketServer({ server });
wss.on('connection', (ws) => {
  const ping = setInterval(() => ws.ping(), 30_000);
  ws.on('close', () => clearInterval(ping));
  ws.on('message', (m) => ws.send(m));
});
wss.on('connection', (ws) => {
  const leak = setInterval(() => ws.ping(), 30_000);
  ws.on('message', () => leak.refresh());
});
server.listen(8080);
