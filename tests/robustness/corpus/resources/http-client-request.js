import http from 'node:http';
import https from 'node:https';

export function get(url) {
  return new Promise((resolve, reject) => {
    const req = https.get(url, (res) => {
      if (res.statusCode !== 200) {
        res.resume();
        return reject(new Error(String(res.statusCode)));
      }
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c) => (body += c));
      res.on('end', () => resolve(body));
    });
    req.on('error', reject);
    req.setTimeout(5000, () => req.destroy(new Error('timeout')));
  });
}
export function unreadResponse(url) {
  http.get(url, (res) => {
    if (res.statusCode !== 200) return;
    res.pipe(process.stdout);
  });
}
export function perCallAgent(url) {
  const agent = new http.Agent({ keepAlive: true });
  return http.get(url, { agent });
}
