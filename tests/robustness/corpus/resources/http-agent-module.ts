import http from 'node:http';
import https from 'node:https';

const agent = new https.Agent({ keepAlive: true, maxSockets: 50 });
export function request(url: string) {
  return https.request(url, { agent });
}
export function handler(_req: http.IncomingMessage, res: http.ServerResponse) {
  const perRequest = new https.Agent({ keepAlive: true });
  https.get('https://api.test', { agent: perRequest }, (r) => r.pipe(res));
}
