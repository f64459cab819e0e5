import { request, Agent, Pool, Client, setGlobalDispatcher, fetch as undiciFetch } from 'undici';

const pool = new Pool('http://localhost:3000', { connections: 10 });
setGlobalDispatcher(new Agent({ keepAliveTimeout: 10_000 }));

export async function getStatus(path: string) {
  const { statusCode, body } = await pool.request({ path, method: 'GET' });
  if (statusCode !== 200) {
    return statusCode; // body not consumed
  }
  return body.json();
}
export async function getDump(url: string) {
  const { statusCode, body } = await request(url);
  await body.dump();
  return statusCode;
}
export async function perCallClient(url: string) {
  const client = new Client(url);
  try {
    const { body } = await client.request({ path: '/', method: 'GET' });
    return await body.text();
  } finally {
    await client.close();
  }
}
export async function perCallAgentLeak(url: string) {
  const dispatcher = new Agent();
  const res = await undiciFetch(url, { dispatcher });
  return res.json();
}
