import http2 from 'node:http2';

export async function fetchH2(origin: string, path: string) {
  const session = http2.connect(origin);
  session.on('error', () => {});
  try {
    const req = session.request({ ':path': path });
    req.setEncoding('utf8');
    let data = '';
    for await (const chunk of req) data += chunk;
    return data;
  } finally {
    session.close();
  }
}
export function leakSession(origin: string) {
  const session = http2.connect(origin);
  session.request({ ':path': '/' }).end();
}
