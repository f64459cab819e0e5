import rule from '../../src/rules/consume-response-body.js';
import { jsRuleTester, ruleTester, typedRuleTester } from '../rule-tester.js';

ruleTester.run('consume-response-body', rule, {
  valid: [
    {
      name: 'a status switch: no-body cases fall through to a return, the others cancel or read',
      code: `
export async function load(url: string) {
  const res = await fetch(url);
  switch (res.status) {
    case 204:
    case 304:
      return null;
    case 404:
      await res.body?.cancel();
      return undefined;
    default:
      return res.json();
  }
}
`,
    },
    {
      name: 'a mirror loop: each response is read before the break or cancelled before the next',
      code: `
export async function firstMirror(mirrors: string[]) {
  for (const url of mirrors) {
    const res = await fetch(url);
    if (res.ok) {
      const text = await res.text();
      return text;
    }
    await res.body?.cancel();
  }
  return null;
}
`,
    },
    {
      name: 'Express proxy: the upstream body is read on every path',
      code: `
app.get('/users/:id', async (req, res) => {
  const upstream = await fetch(\`\${USERS_API}/users/\${req.params.id}\`);
  res.status(upstream.status).json(await upstream.json());
});
`,
    },
    {
      name: 'the error path reads the body into the error',
      code: `
export async function getOrder(id: string) {
  const res = await fetch(\`https://api.example.com/orders/\${id}\`);
  if (!res.ok) {
    throw new Error(\`orders API: HTTP \${res.status}: \${await res.text()}\`);
  }
  return res.json();
}
`,
    },
    {
      name: 'the error path cancels the body first',
      code: `
export async function getInvoice(id: string) {
  const res = await fetch(\`https://billing.example.com/invoices/\${id}\`);
  if (!res.ok) {
    await res.body?.cancel();
    throw new Error(\`billing API: HTTP \${res.status}\`);
  }
  if (res.status === 404) {
    await res.body!.cancel();
    return null;
  }
  return (await res.json()) as Invoice;
}
`,
    },
    {
      name: 'HEAD requests have no body',
      code: `
export async function exists(url: string) {
  const res = await fetch(url, { method: 'HEAD' });
  return res.ok;
}

export async function touch(url: string) {
  await fetch(url, { method: 'head' });
}
`,
    },
    {
      name: 'the response is handed on: returned, passed to a parser, wrapped in an error',
      code: `
export function download(url: string) {
  return fetch(url);
}

export async function getJson<T>(url: string): Promise<T> {
  const res = await fetch(url);
  if (res.status === 401) throw new AuthError(res);
  return parseJson<T>(res);
}

export async function raw(url: string) {
  const res = await fetch(url);
  return res;
}
`,
    },
    {
      name: 'streaming the body on: pipeline, Readable.fromWeb, for await, new Response',
      code: `
import { createWriteStream } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

export async function save(url: string, path: string) {
  const res = await fetch(url);
  if (!res.ok || !res.body) throw new Error(\`HTTP \${res.status}\`);
  await pipeline(Readable.fromWeb(res.body), createWriteStream(path));
}

export async function count(url: string) {
  const res = await fetch(url);
  let bytes = 0;
  for await (const chunk of res.body!) bytes += chunk.length;
  return bytes;
}

export async function GET(request: Request) {
  const upstream = await fetch('https://cdn.example.com/feed.xml');
  return new Response(upstream.body, { status: upstream.status, headers: upstream.headers });
}

app.get('/download', async (req, res) => {
  const upstream = await fetch(FILE_URL);
  Readable.fromWeb(upstream.body).pipe(res);
});
`,
    },
    {
      name: 'undici request: the body is dumped on the error path and read otherwise',
      code: `
import { request } from 'undici';

export async function getUser(id: string) {
  const { statusCode, body } = await request(\`https://api.example.com/users/\${id}\`);
  if (statusCode !== 200) {
    await body.dump();
    throw new Error(\`users API: HTTP \${statusCode}\`);
  }
  return body.json();
}

export async function getTeam(id: string) {
  const res = await request(\`https://api.example.com/teams/\${id}\`);
  return res.body.json();
}
`,
    },
    {
      name: 'responses without a body: 204, 304, a null body',
      code: `
export async function remove(id: string) {
  const res = await fetch(\`https://api.example.com/items/\${id}\`, { method: 'DELETE' });
  if (res.status === 204) return true;
  return (await res.json()).deleted;
}

export async function cached(url: string, etag: string) {
  const res = await fetch(url, { headers: { 'if-none-match': etag } });
  if (res.status === 304) return null;
  if (!res.body) return '';
  return res.text();
}
`,
    },
    {
      name: 'promise chains and inline reads',
      code: `
export function load(url: string) {
  return fetch(url).then((res) => res.json());
}

export async function version(url: string) {
  return (await fetch(url)).text();
}
`,
    },
    {
      name: 'a module-scope request lives as long as the process',
      code: `
const res = await fetch('https://config.example.com/flags.json');
console.log(res.status);
`,
    },
    {
      name: 'released in finally, guarded by bodyUsed',
      code: `
export async function probe(url: string) {
  const res = await fetch(url);
  try {
    if (!res.ok) throw new Error(\`HTTP \${res.status}\`);
    return await res.json();
  } finally {
    if (!res.bodyUsed) await res.body?.cancel();
  }
}
`,
    },
    {
      name: 'a job loop that reads every body',
      code: `
export async function crawl(urls: string[]) {
  const pages: string[] = [];
  for (const url of urls) {
    const res = await fetch(url);
    pages.push(await res.text());
  }
  return pages;
}
`,
    },
    {
      // Issue 10 item 6: a wrapper that reads the body itself returns data, not a response.
      name: 'fetch wrappers whose responses are read',
      code: `
const getJson = async (url: string) => (await fetch(url)).json();
function api(path: string) {
  return fetch(\`https://api.example.com\${path}\`);
}
export async function user(id: string) {
  const res = await api(\`/users/\${id}\`);
  return res.json();
}
export async function settings() {
  const data = await getJson('https://api.example.com/settings');
  return data;
}
`,
    },
    {
      // Issue 10 item 7: a \`.then\` callback that reads the body.
      name: 'a promise chain that reads the body',
      code: `
export function loadConfig(url: string) {
  return fetch(url).then((res) => res.json() as Promise<Record<string, string>>);
}
`,
    },
    {
      // Issue 10 item 4: browser code (a DOM click handler), told by the \`document\` global.
      name: 'browser: a DOM event handler in a file that uses document',
      code: `
const button = document.querySelector<HTMLButtonElement>('#open-in-editor')!;
button.addEventListener('click', async () => {
  const res = await fetch(\`https://dev.example.com/open?file=\${button.dataset.file}\`);
  if (!res.ok) console.warn('could not open the editor');
});
`,
    },
    {
      name: 'browser: a root-relative URL only a page can fetch',
      code: `
export async function openInEditor(file: string) {
  const res = await fetch(\`/__open-in-editor?fileName=\${encodeURIComponent(file)}\`);
  return res.ok;
}
`,
    },
    {
      name: 'browser: a function passed to page.evaluate runs in the page',
      code: `
import type { Page } from 'puppeteer';
export async function probeHealth(page: Page, url: string) {
  return page.evaluate(async (target) => {
    const res = await fetch(target);
    return res.status;
  }, url);
}
`,
    },
    {
      name: "browser: a React client component ('use client', useState)",
      code: `
'use client';
import { useState } from 'react';
export function Subscribe() {
  const [done, setDone] = useState(false);
  async function submit(email: string) {
    const res = await fetch('https://newsletter.example.com/subscribe', {
      method: 'POST',
      body: JSON.stringify({ email }),
    });
    setDone(res.ok);
  }
  return { done, submit };
}
`,
    },
    {
      name: 'browser: a file that declares the dom lib',
      code: `
/// <reference lib="dom" />
export async function ping(url: string) {
  const res = await fetch(url);
  return res.ok;
}
`,
    },
    {
      // Field: 36 of 46 reports were \`if (!res.ok) throw …\` error paths, judged debatable.
      name: 'default options: an error path that throws is left to strict',
      code: `
export async function getInvoice(id: string) {
  const res = await fetch(\`https://billing.example.com/invoices/\${id}\`);
  if (!res.ok) throw new Error(\`billing answered \${res.status}\`);
  return (await res.json()) as { total: number };
}
`,
    },
    {
      name: 'throwPaths: false leaves throws alone',
      options: [{ throwPaths: false }],
      code: `
export async function getOrder(id: string) {
  const res = await fetch(\`https://api.example.com/orders/\${id}\`);
  if (!res.ok) throw new Error(\`HTTP \${res.status}\`);
  return res.json();
}
`,
    },
    {
      name: 'not the global fetch: a local wrapper and a shadowing parameter',
      code: `
import { fetch as apiFetch } from './api-client';

export async function getUser(id: string, fetch: (url: string) => Promise<Response>) {
  const res = await fetch(\`/users/\${id}\`);
  if (!res.ok) return null;
  const other = await apiFetch('/x');
  return other.ok;
}
`,
    },
    {
      name: 'inside try/finally (a timeout timer, an agent closed after): the body is read',
      code: `
import { Agent, request } from 'undici';

export async function getJson(url: string) {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), 5000);
  try {
    const res = await fetch(url, { signal: controller.signal });
    return await res.json();
  } finally {
    clearTimeout(timer);
  }
}

export async function mirror(url: string) {
  const dispatcher = new Agent({ keepAliveTimeout: 10_000 });
  try {
    const { body } = await request(url, { dispatcher });
    return await body.text();
  } finally {
    await dispatcher.close();
  }
}
`,
    },
    {
      name: 'a throw caught in the same function is not an exit',
      code: `
export async function tryGet(url: string) {
  const res = await fetch(url);
  try {
    if (!res.ok) throw new Error(\`HTTP \${res.status}\`);
  } catch (error) {
    console.warn(error);
  }
  return res.text();
}
`,
    },
  ],
  invalid: [
    {
      // Issue 10 item 6: a wrapper in the same file hands its caller the response.
      name: 'a fetch wrapper declared in the file',
      code: `
const BASE = 'https://api.example.com';
function api(path: string, init?: RequestInit) {
  return fetch(BASE + path, init);
}
export async function deleteUser(id: string) {
  const res = await api(\`/users/\${id}\`, { method: 'DELETE' });
  return res.ok;
}
`,
      errors: [
        {
          messageId: 'unread',
          line: 7,
          column: 21,
          data: { callee: 'api', line: '7', exitLine: '8', cancel: 'res.body?.cancel()' },
          suggestions: [
            {
              messageId: 'cancelBody',
              output: `
const BASE = 'https://api.example.com';
function api(path: string, init?: RequestInit) {
  return fetch(BASE + path, init);
}
export async function deleteUser(id: string) {
  const res = await api(\`/users/\${id}\`, { method: 'DELETE' });
  await res.body?.cancel();
  return res.ok;
}
`,
            },
          ],
        },
      ],
      output: null,
    },
    {
      // Issue 10 item 7: a promise chain that looks at the status only.
      name: 'a promise chain that reads only res.ok',
      code: `
export function isUp(url: string): Promise<boolean> {
  return fetch(\`\${url}/healthz\`).then((res) => res.ok);
}
`,
      errors: [
        {
          messageId: 'droppedAfterPeek',
          line: 3,
          column: 10,
          data: { callee: 'fetch', line: '3', property: 'ok', cancel: 'res.body?.cancel()' },
          suggestions: [
            {
              messageId: 'releaseAtOnce',
              output: `
export function isUp(url: string): Promise<boolean> {
  return fetch(\`\${url}/healthz\`).then(async (res) => { await res.body?.cancel(); return res.ok; });
}
`,
            },
          ],
        },
      ],
      output: null,
    },
    {
      // Issue 10 item 7: the dispatcher methods answer like undici's request().
      name: 'undici pool.request() and client.request()',
      code: `
import { Client, Pool } from 'undici';
const pool = new Pool('https://inventory.internal');
const client = new Client('https://prices.internal');
export async function stockStatus(sku: string) {
  const { statusCode } = await pool.request({ path: \`/stock/\${sku}\`, method: 'GET' });
  return statusCode === 200;
}
export async function price(sku: string) {
  const res = await client.request({ path: \`/prices/\${sku}\`, method: 'GET' });
  if (res.statusCode !== 200) return null;
  return (await res.body.json()) as { amount: number };
}
`,
      errors: [
        {
          messageId: 'droppedAfterDestructuring',
          line: 6,
          column: 32,
          data: { callee: 'pool.request', line: '6', names: 'statusCode', cancel: 'body.dump()' },
          suggestions: [
            {
              messageId: 'releaseAtOnce',
              output: `
import { Client, Pool } from 'undici';
const pool = new Pool('https://inventory.internal');
const client = new Client('https://prices.internal');
export async function stockStatus(sku: string) {
  const { statusCode, body } = await pool.request({ path: \`/stock/\${sku}\`, method: 'GET' });
  await body.dump();
  return statusCode === 200;
}
export async function price(sku: string) {
  const res = await client.request({ path: \`/prices/\${sku}\`, method: 'GET' });
  if (res.statusCode !== 200) return null;
  return (await res.body.json()) as { amount: number };
}
`,
            },
          ],
        },
        {
          messageId: 'unread',
          line: 10,
          column: 21,
          data: { callee: 'client.request', line: '10', exitLine: '11', cancel: 'res.body.dump()' },
          suggestions: [
            {
              messageId: 'cancelBody',
              output: `
import { Client, Pool } from 'undici';
const pool = new Pool('https://inventory.internal');
const client = new Client('https://prices.internal');
export async function stockStatus(sku: string) {
  const { statusCode } = await pool.request({ path: \`/stock/\${sku}\`, method: 'GET' });
  return statusCode === 200;
}
export async function price(sku: string) {
  const res = await client.request({ path: \`/prices/\${sku}\`, method: 'GET' });
  if (res.statusCode !== 200) { await res.body.dump(); return null; }
  return (await res.body.json()) as { amount: number };
}
`,
            },
          ],
        },
      ],
      output: null,
    },
    {
      // Issue 10 item 4: \`typeof window\` only asks where it runs: still Node code here.
      name: 'isomorphic code that tests for window is not browser code',
      code: `
const isBrowser = typeof window !== 'undefined';
export async function ping(url: string) {
  const res = await fetch(url, { keepalive: isBrowser });
  return res.ok;
}
`,
      errors: [
        {
          messageId: 'unread',
          line: 4,
          column: 21,
          suggestions: [
            {
              messageId: 'cancelBody',
              output: `
const isBrowser = typeof window !== 'undefined';
export async function ping(url: string) {
  const res = await fetch(url, { keepalive: isBrowser });
  await res.body?.cancel();
  return res.ok;
}
`,
            },
          ],
        },
      ],
      output: null,
    },
    {
      // Issue 10 item 5: a path that cancels does not hide the other leaking exits.
      name: 'one path cancels the body, another still leaks it',
      code: `
export async function getProfile(id: string) {
  const res = await fetch(\`https://users.example.com/\${id}\`);
  if (res.status === 404) {
    await res.body?.cancel();
    return null;
  }
  if (res.status === 500) return null;
  return await res.json();
}
`,
      errors: [
        {
          messageId: 'unread',
          line: 3,
          column: 21,
          data: { callee: 'fetch', line: '3', exitLine: '8', cancel: 'res.body?.cancel()' },
          suggestions: [
            {
              messageId: 'cancelBody',
              output: `
export async function getProfile(id: string) {
  const res = await fetch(\`https://users.example.com/\${id}\`);
  if (res.status === 404) {
    await res.body?.cancel();
    return null;
  }
  if (res.status === 500) { await res.body?.cancel(); return null; }
  return await res.json();
}
`,
            },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'throwPaths: false still reports every leaking return, and no throw',
      options: [{ throwPaths: false }],
      code: `
export async function getQuote(symbol: string) {
  const res = await fetch(\`https://quotes.example.com/\${symbol}\`);
  if (res.status === 429) throw new Error('rate limited');
  if (res.status === 404) return null;
  if (!res.ok) return undefined;
  return (await res.json()).price;
}
`,
      errors: [
        {
          messageId: 'unread',
          line: 3,
          column: 21,
          data: { callee: 'fetch', line: '3', exitLine: '5', cancel: 'res.body?.cancel()' },
          suggestions: [
            {
              messageId: 'cancelBody',
              output: `
export async function getQuote(symbol: string) {
  const res = await fetch(\`https://quotes.example.com/\${symbol}\`);
  if (res.status === 429) throw new Error('rate limited');
  if (res.status === 404) { await res.body?.cancel(); return null; }
  if (!res.ok) return undefined;
  return (await res.json()).price;
}
`,
            },
          ],
        },
        {
          messageId: 'unread',
          line: 3,
          column: 21,
          data: { callee: 'fetch', line: '3', exitLine: '6', cancel: 'res.body?.cancel()' },
          suggestions: [
            {
              messageId: 'cancelBody',
              output: `
export async function getQuote(symbol: string) {
  const res = await fetch(\`https://quotes.example.com/\${symbol}\`);
  if (res.status === 429) throw new Error('rate limited');
  if (res.status === 404) return null;
  if (!res.ok) { await res.body?.cancel(); return undefined; }
  return (await res.json()).price;
}
`,
            },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'a status switch: the 204 case has no body, the 404 case leaks its body',
      code: `
export async function load(url: string) {
  const res = await fetch(url);
  switch (res.status) {
    case 204:
      return null;
    case 404:
      return undefined;
    default:
      return res.json();
  }
}
`,
      errors: [
        {
          messageId: 'unread',
          line: 3,
          column: 21,
          data: { callee: 'fetch', line: '3', exitLine: '8', cancel: 'res.body?.cancel()' },
          suggestions: [
            {
              messageId: 'cancelBody',
              output: `
export async function load(url: string) {
  const res = await fetch(url);
  switch (res.status) {
    case 204:
      return null;
    case 404:
      await res.body?.cancel();
      return undefined;
    default:
      return res.json();
  }
}
`,
            },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'issue 10.5: the 404 path cancels, the 500 path returns with the body unread',
      code: `
export async function getItem(id: string) {
  const res = await fetch(\`https://api.example.com/items/\${id}\`);
  if (res.status === 404) {
    await res.body?.cancel();
    return null;
  }
  if (res.status === 500) return null;
  return await res.json();
}
`,
      errors: [
        {
          messageId: 'unread',
          line: 3,
          column: 21,
          data: { callee: 'fetch', line: '3', exitLine: '8', cancel: 'res.body?.cancel()' },
          suggestions: [
            {
              messageId: 'cancelBody',
              data: { cancel: 'res.body?.cancel()' },
              output: `
export async function getItem(id: string) {
  const res = await fetch(\`https://api.example.com/items/\${id}\`);
  if (res.status === 404) {
    await res.body?.cancel();
    return null;
  }
  if (res.status === 500) { await res.body?.cancel(); return null; }
  return await res.json();
}
`,
            },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'every leaking exit is reported: a 404 and a 500 return, each with its own fix',
      code: `
export async function getItem(id: string) {
  const res = await fetch(\`https://api.example.com/items/\${id}\`);
  if (res.status === 404) return null;
  if (res.status === 500) return null;
  return await res.json();
}
`,
      errors: [
        {
          messageId: 'unread',
          line: 3,
          column: 21,
          data: { callee: 'fetch', line: '3', exitLine: '4', cancel: 'res.body?.cancel()' },
          suggestions: [
            {
              messageId: 'cancelBody',
              output: `
export async function getItem(id: string) {
  const res = await fetch(\`https://api.example.com/items/\${id}\`);
  if (res.status === 404) { await res.body?.cancel(); return null; }
  if (res.status === 500) return null;
  return await res.json();
}
`,
            },
          ],
        },
        {
          messageId: 'unread',
          line: 3,
          column: 21,
          data: { callee: 'fetch', line: '3', exitLine: '5', cancel: 'res.body?.cancel()' },
          suggestions: [
            {
              messageId: 'cancelBody',
              output: `
export async function getItem(id: string) {
  const res = await fetch(\`https://api.example.com/items/\${id}\`);
  if (res.status === 404) return null;
  if (res.status === 500) { await res.body?.cancel(); return null; }
  return await res.json();
}
`,
            },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'a cancel on the error path does not cover the success path that only reads a header',
      code: `
export async function etagOf(url: string) {
  const res = await fetch(url);
  if (!res.ok) {
    await res.body?.cancel();
    throw new Error(\`HTTP \${res.status}\`);
  }
  return res.headers.get('etag');
}
`,
      errors: [
        {
          messageId: 'unread',
          line: 3,
          column: 21,
          data: { callee: 'fetch', line: '3', exitLine: '8', cancel: 'res.body?.cancel()' },
          suggestions: [
            {
              messageId: 'cancelBody',
              output: `
export async function etagOf(url: string) {
  const res = await fetch(url);
  if (!res.ok) {
    await res.body?.cancel();
    throw new Error(\`HTTP \${res.status}\`);
  }
  await res.body?.cancel();
  return res.headers.get('etag');
}
`,
            },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'undici request destructured: the 404 path dumps, the 5xx throw does not',
      // Error paths are reported with `throwPaths` (on in `strict`).
      options: [{ throwPaths: true }],
      code: `
import { request } from 'undici';

export async function getUser(id: string) {
  const { statusCode, body } = await request(\`https://api.example.com/users/\${id}\`);
  if (statusCode === 404) {
    await body.dump();
    return null;
  }
  if (statusCode >= 500) throw new Error(\`users API: HTTP \${statusCode}\`);
  return body.json();
}
`,
      errors: [
        {
          messageId: 'unread',
          line: 5,
          column: 38,
          data: { callee: 'request', line: '5', exitLine: '10', cancel: 'body.dump()' },
          suggestions: [
            {
              messageId: 'cancelBody',
              output: `
import { request } from 'undici';

export async function getUser(id: string) {
  const { statusCode, body } = await request(\`https://api.example.com/users/\${id}\`);
  if (statusCode === 404) {
    await body.dump();
    return null;
  }
  if (statusCode >= 500) { await body.dump(); throw new Error(\`users API: HTTP \${statusCode}\`); }
  return body.json();
}
`,
            },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'a leaking throw and a leaking return of one response are both reported',
      // Error paths are reported with `throwPaths` (on in `strict`).
      options: [{ throwPaths: true }],
      code: `
export async function getQuote(symbol: string) {
  const res = await fetch(\`https://quotes.example.com/\${symbol}\`);
  if (res.status === 429) throw new Error('rate limited');
  if (!res.ok) return null;
  return (await res.json()).price;
}
`,
      errors: [
        {
          messageId: 'unread',
          line: 3,
          column: 21,
          data: { callee: 'fetch', line: '3', exitLine: '4', cancel: 'res.body?.cancel()' },
          suggestions: [
            {
              messageId: 'cancelBody',
              output: `
export async function getQuote(symbol: string) {
  const res = await fetch(\`https://quotes.example.com/\${symbol}\`);
  if (res.status === 429) { await res.body?.cancel(); throw new Error('rate limited'); }
  if (!res.ok) return null;
  return (await res.json()).price;
}
`,
            },
          ],
        },
        {
          messageId: 'unread',
          line: 3,
          column: 21,
          data: { callee: 'fetch', line: '3', exitLine: '5', cancel: 'res.body?.cancel()' },
          suggestions: [
            {
              messageId: 'cancelBody',
              output: `
export async function getQuote(symbol: string) {
  const res = await fetch(\`https://quotes.example.com/\${symbol}\`);
  if (res.status === 429) throw new Error('rate limited');
  if (!res.ok) { await res.body?.cancel(); return null; }
  return (await res.json()).price;
}
`,
            },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'a throw on !res.ok caught and rethrown as another error',
      // Error paths are reported with `throwPaths` (on in `strict`).
      options: [{ throwPaths: true }],
      code: `
export async function playerSummary(url: string) {
  try {
    const response = await fetch(url);
    if (!response.ok) {
      throw new Error(\`Steam API: HTTP \${response.status}\`);
    }
    return await response.json();
  } catch (err) {
    console.error('Steam API Error:', err);
    throw new Error('There was an error while getting the player summary');
  }
}
`,
      errors: [
        {
          line: 4,
          column: 28,
          messageId: 'unreadAfterCatch',
          data: {
            callee: 'fetch',
            line: '4',
            throwLine: '6',
            exitLine: '11',
            cancel: 'response.body?.cancel()',
          },
          suggestions: [
            {
              messageId: 'cancelBody',
              output: `
export async function playerSummary(url: string) {
  try {
    const response = await fetch(url);
    if (!response.ok) {
      await response.body?.cancel();
      throw new Error(\`Steam API: HTTP \${response.status}\`);
    }
    return await response.json();
  } catch (err) {
    console.error('Steam API Error:', err);
    throw new Error('There was an error while getting the player summary');
  }
}
`,
            },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'a throw on !res.ok caught by the handler: named with the throw, fixed before it',
      // Error paths are reported with `throwPaths` (on in `strict`).
      options: [{ throwPaths: true }],
      code: `
export const getTumblr = async (req, res, next) => {
  try {
    const response = await fetch(TUMBLR_URL);
    if (!response.ok) throw new Error('Failed to fetch blog posts');
    const blog = await response.json();
    res.render('api/tumblr', { blog });
  } catch (error) {
    next(error);
  }
};
`,
      errors: [
        {
          line: 4,
          column: 28,
          messageId: 'unreadAfterCatch',
          data: {
            callee: 'fetch',
            line: '4',
            throwLine: '5',
            exitLine: '11',
            cancel: 'response.body?.cancel()',
          },
          suggestions: [
            {
              messageId: 'cancelBody',
              output: `
export const getTumblr = async (req, res, next) => {
  try {
    const response = await fetch(TUMBLR_URL);
    if (!response.ok) { await response.body?.cancel(); throw new Error('Failed to fetch blog posts'); }
    const blog = await response.json();
    res.render('api/tumblr', { blog });
  } catch (error) {
    next(error);
  }
};
`,
            },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'an early return inside try/finally is named as such',
      code: `
export async function getJson(url: string) {
  const timer = setTimeout(() => {}, 5000);
  try {
    const res = await fetch(url);
    if (!res.ok) return undefined;
    return await res.json();
  } finally {
    clearTimeout(timer);
  }
}
`,
      errors: [
        {
          messageId: 'unread',
          line: 5,
          column: 23,
          data: { callee: 'fetch', line: '5', exitLine: '6', cancel: 'res.body?.cancel()' },
          suggestions: [
            {
              messageId: 'cancelBody',
              output: `
export async function getJson(url: string) {
  const timer = setTimeout(() => {}, 5000);
  try {
    const res = await fetch(url);
    if (!res.ok) { await res.body?.cancel(); return undefined; }
    return await res.json();
  } finally {
    clearTimeout(timer);
  }
}
`,
            },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'a throw that leaves through finally',
      // Error paths are reported with `throwPaths` (on in `strict`).
      options: [{ throwPaths: true }],
      code: `
export async function getJson(url: string) {
  const timer = setTimeout(() => {}, 5000);
  try {
    const res = await fetch(url);
    if (!res.ok) {
      throw new Error(\`HTTP \${res.status}\`);
    }
    return await res.json();
  } finally {
    clearTimeout(timer);
  }
}
`,
      errors: [
        {
          messageId: 'unread',
          line: 5,
          column: 23,
          data: { callee: 'fetch', line: '5', exitLine: '7', cancel: 'res.body?.cancel()' },
          suggestions: [
            {
              messageId: 'cancelBody',
              output: `
export async function getJson(url: string) {
  const timer = setTimeout(() => {}, 5000);
  try {
    const res = await fetch(url);
    if (!res.ok) {
      await res.body?.cancel();
      throw new Error(\`HTTP \${res.status}\`);
    }
    return await res.json();
  } finally {
    clearTimeout(timer);
  }
}
`,
            },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'early return on !res.ok: the classic leak',
      code: `
export async function getUser(id: string) {
  const res = await fetch(\`https://api.example.com/users/\${id}\`);
  if (!res.ok) return null;
  return res.json();
}
`,
      errors: [
        {
          messageId: 'unread',
          line: 3,
          column: 21,
          data: { callee: 'fetch', line: '3', exitLine: '4', cancel: 'res.body?.cancel()' },
          suggestions: [
            {
              messageId: 'cancelBody',
              output: `
export async function getUser(id: string) {
  const res = await fetch(\`https://api.example.com/users/\${id}\`);
  if (!res.ok) { await res.body?.cancel(); return null; }
  return res.json();
}
`,
            },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'a throw on !res.ok leaves the body unread too',
      // Error paths are reported with `throwPaths` (on in `strict`).
      options: [{ throwPaths: true }],
      code: `
export async function getOrder(id: string) {
  const res = await fetch(\`https://api.example.com/orders/\${id}\`);
  if (!res.ok) {
    throw new Error(\`orders API: HTTP \${res.status}\`);
  }
  return res.json();
}
`,
      errors: [
        {
          messageId: 'unread',
          line: 3,
          column: 21,
          data: { callee: 'fetch', line: '3', exitLine: '5', cancel: 'res.body?.cancel()' },
          suggestions: [
            {
              messageId: 'cancelBody',
              output: `
export async function getOrder(id: string) {
  const res = await fetch(\`https://api.example.com/orders/\${id}\`);
  if (!res.ok) {
    await res.body?.cancel();
    throw new Error(\`orders API: HTTP \${res.status}\`);
  }
  return res.json();
}
`,
            },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'a health check that only looks at res.ok',
      code: `
export async function isHealthy(url: string): Promise<boolean> {
  const res = await fetch(\`\${url}/healthz\`);
  return res.ok;
}
`,
      errors: [
        {
          messageId: 'unread',
          line: 3,
          column: 21,
          data: { callee: 'fetch', line: '3', exitLine: '4', cancel: 'res.body?.cancel()' },
          suggestions: [
            {
              messageId: 'cancelBody',
              output: `
export async function isHealthy(url: string): Promise<boolean> {
  const res = await fetch(\`\${url}/healthz\`);
  await res.body?.cancel();
  return res.ok;
}
`,
            },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'Express handler: a fire-and-forget webhook, and an early 502',
      code: `
app.post('/orders', async (req, res) => {
  const order = await createOrder(req.body);
  await fetch(WEBHOOK_URL, { method: 'POST', body: JSON.stringify(order) });
  const stock = await fetch(\`\${STOCK_API}/reserve\`, { method: 'POST', body: JSON.stringify(order) });
  if (!stock.ok) return res.sendStatus(502);
  res.status(201).json({ order, stock: await stock.json() });
});
`,
      errors: [
        {
          messageId: 'dropped',
          line: 4,
          column: 9,
          data: { callee: 'fetch', line: '4', cancel: 'res.body?.cancel()' },
          suggestions: [
            {
              messageId: 'releaseAtOnce',
              output: `
app.post('/orders', async (req, res) => {
  const order = await createOrder(req.body);
  await (await fetch(WEBHOOK_URL, { method: 'POST', body: JSON.stringify(order) })).body?.cancel();
  const stock = await fetch(\`\${STOCK_API}/reserve\`, { method: 'POST', body: JSON.stringify(order) });
  if (!stock.ok) return res.sendStatus(502);
  res.status(201).json({ order, stock: await stock.json() });
});
`,
            },
          ],
        },
        {
          messageId: 'unread',
          line: 5,
          column: 23,
          data: { callee: 'fetch', line: '5', exitLine: '6', cancel: 'stock.body?.cancel()' },
          suggestions: [
            {
              messageId: 'cancelBody',
              output: `
app.post('/orders', async (req, res) => {
  const order = await createOrder(req.body);
  await fetch(WEBHOOK_URL, { method: 'POST', body: JSON.stringify(order) });
  const stock = await fetch(\`\${STOCK_API}/reserve\`, { method: 'POST', body: JSON.stringify(order) });
  if (!stock.ok) { await stock.body?.cancel(); return res.sendStatus(502); }
  res.status(201).json({ order, stock: await stock.json() });
});
`,
            },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'only the status of an inline response is read',
      code: `
export async function statusOf(url: string) {
  return (await fetch(url)).status;
}
`,
      errors: [
        {
          line: 3,
          column: 17,
          messageId: 'droppedAfterPeek',
          data: { callee: 'fetch', line: '3', property: 'status', cancel: 'res.body?.cancel()' },
          suggestions: [
            {
              messageId: 'releaseAtOnce',
              output: `
export async function statusOf(url: string) {
  const res = await fetch(url);
  await res.body?.cancel();
  return res.status;
}
`,
            },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'undici request: only the status code is destructured',
      code: `
import { request } from 'undici';

export async function ping(url: string) {
  const { statusCode } = await request(url);
  return statusCode < 400;
}
`,
      errors: [
        {
          line: 5,
          column: 32,
          messageId: 'droppedAfterDestructuring',
          data: { callee: 'request', line: '5', names: 'statusCode', cancel: 'body.dump()' },
          suggestions: [
            {
              messageId: 'releaseAtOnce',
              output: `
import { request } from 'undici';

export async function ping(url: string) {
  const { statusCode, body } = await request(url);
  await body.dump();
  return statusCode < 400;
}
`,
            },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'undici request: a throw on the status code before the body is read',
      // Error paths are reported with `throwPaths` (on in `strict`).
      options: [{ throwPaths: true }],
      code: `
import { request } from 'undici';

export async function getUser(id: string) {
  const { statusCode, body } = await request(\`https://api.example.com/users/\${id}\`);
  if (statusCode !== 200) throw new Error(\`users API: HTTP \${statusCode}\`);
  return body.json();
}
`,
      errors: [
        {
          messageId: 'unread',
          line: 5,
          column: 38,
          data: { callee: 'request', line: '5', exitLine: '6', cancel: 'body.dump()' },
          suggestions: [
            {
              messageId: 'cancelBody',
              output: `
import { request } from 'undici';

export async function getUser(id: string) {
  const { statusCode, body } = await request(\`https://api.example.com/users/\${id}\`);
  if (statusCode !== 200) { await body.dump(); throw new Error(\`users API: HTTP \${statusCode}\`); }
  return body.json();
}
`,
            },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'undici request bound whole: a 404 returns without dumping the body',
      code: `
import { request } from 'undici';

export async function findTeam(id: string) {
  const res = await request(\`https://api.example.com/teams/\${id}\`);
  switch (res.statusCode) {
    case 404:
      return null;
    default:
      return res.body.json();
  }
}
`,
      errors: [
        {
          messageId: 'unread',
          line: 5,
          column: 21,
          data: { callee: 'request', line: '5', exitLine: '8', cancel: 'res.body.dump()' },
          suggestions: [
            {
              messageId: 'cancelBody',
              output: `
import { request } from 'undici';

export async function findTeam(id: string) {
  const res = await request(\`https://api.example.com/teams/\${id}\`);
  switch (res.statusCode) {
    case 404:
      await res.body.dump();
      return null;
    default:
      return res.body.json();
  }
}
`,
            },
          ],
        },
      ],
      output: null,
    },
    {
      // Issue 10 item 15: the suggestions name what they declare so that nothing is shadowed.
      name: 'Express handler: the suggestions avoid res and body, which the handler already uses',
      code: `
import { request } from 'undici';

app.get('/health', async (req, res) => {
  const body = { checkedAt: Date.now() };
  const { statusCode } = await request(DB_HEALTH_URL);
  const upstream = (await fetch(UPSTREAM_URL)).ok;
  res.json({ ...body, db: statusCode === 200, upstream });
});
`,
      errors: [
        {
          messageId: 'droppedAfterDestructuring',
          line: 6,
          column: 32,
          suggestions: [
            {
              messageId: 'releaseAtOnce',
              output: `
import { request } from 'undici';

app.get('/health', async (req, res) => {
  const body = { checkedAt: Date.now() };
  const { statusCode, body: responseBody } = await request(DB_HEALTH_URL);
  await responseBody.dump();
  const upstream = (await fetch(UPSTREAM_URL)).ok;
  res.json({ ...body, db: statusCode === 200, upstream });
});
`,
            },
          ],
        },
        {
          messageId: 'droppedAfterPeek',
          line: 7,
          column: 27,
          suggestions: [
            {
              messageId: 'releaseAtOnce',
              output: `
import { request } from 'undici';

app.get('/health', async (req, res) => {
  const body = { checkedAt: Date.now() };
  const { statusCode } = await request(DB_HEALTH_URL);
  const response = await fetch(UPSTREAM_URL);
  await response.body?.cancel();
  const upstream = response.ok;
  res.json({ ...body, db: statusCode === 200, upstream });
});
`,
            },
          ],
        },
      ],
      output: null,
    },
    {
      // Issue 10 item 15: the body is read on one branch and the loop goes on past the other:
      // no \`continue\` to release it before, and the place to release it is a choice.
      name: 'a loop that reads only successful bodies: reported, no suggestion',
      code: `
export async function collect(urls: string[]) {
  const pages: string[] = [];
  for (const url of urls) {
    const res = await fetch(url);
    if (res.ok) pages.push(await res.text());
  }
  return pages;
}
`,
      errors: [{ messageId: 'unreadInLoop', line: 5, column: 23, suggestions: [] }],
      output: null,
    },
    {
      name: 'a crawler loop that skips failed pages without reading them',
      code: `
export async function crawl(urls: string[]) {
  const pages: string[] = [];
  for (const url of urls) {
    const res = await fetch(url);
    if (!res.ok) continue;
    pages.push(await res.text());
  }
  return pages;
}
`,
      errors: [
        {
          line: 5,
          column: 23,
          messageId: 'unreadInLoop',
          data: { callee: 'fetch', line: '5', exitLine: '4', cancel: 'res.body?.cancel()' },
          suggestions: [
            {
              messageId: 'cancelBeforeContinue',
              output: `
export async function crawl(urls: string[]) {
  const pages: string[] = [];
  for (const url of urls) {
    const res = await fetch(url);
    if (!res.ok) { await res.body?.cancel(); continue; }
    pages.push(await res.text());
  }
  return pages;
}
`,
            },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'a warm-up function that falls off its end',
      code: `
import { fetch } from 'undici';

export async function warmCache(url: string) {
  const res = await fetch(url);
  console.log('warmed', url, res.status);
}
`,
      errors: [
        {
          messageId: 'unread',
          line: 5,
          column: 21,
          data: { callee: 'fetch', line: '5', exitLine: '7', cancel: 'res.body?.cancel()' },
          suggestions: [],
        },
      ],
      output: null,
    },
    {
      name: 'a 404 has a body too',
      code: `
export async function findUser(id: string) {
  const res = await fetch(\`https://api.example.com/users/\${id}\`);
  if (res.status === 404) {
    return undefined;
  }
  return res.json();
}
`,
      errors: [
        {
          messageId: 'unread',
          line: 3,
          column: 21,
          data: { callee: 'fetch', line: '3', exitLine: '5', cancel: 'res.body?.cancel()' },
          suggestions: [
            {
              messageId: 'cancelBody',
              output: `
export async function findUser(id: string) {
  const res = await fetch(\`https://api.example.com/users/\${id}\`);
  if (res.status === 404) {
    await res.body?.cancel();
    return undefined;
  }
  return res.json();
}
`,
            },
          ],
        },
      ],
      output: null,
    },
    {
      // Issue 17, 7: \`res\` holds the promise. The missing \`await\` is the mistake (\`res.status\`
      // is \`undefined\`); \`res.body?.cancel()\` on a promise would be a type error and a no-op.
      code: `
export async function isUp(url: string) {
  const res = fetch(url);
  return res.status === 200;
}`,
      errors: [
        {
          messageId: 'notAwaited',
          line: 3,
          column: 15,
          data: { callee: 'fetch', line: '3', name: 'res', cancel: 'res.body?.cancel()' },
          suggestions: [
            {
              messageId: 'awaitAndCancel',
              output: `
export async function isUp(url: string) {
  const res = await fetch(url);
  await res.body?.cancel();
  return res.status === 200;
}`,
            },
          ],
        },
      ],
      output: null,
    },
    {
      // Issue 17, 7: outside an \`async\` function nothing can await: the report alone.
      code: `
export function isUp(url: string) {
  const res = fetch(url);
  return res.ok;
}`,
      errors: [{ messageId: 'notAwaited', line: 3, column: 15, suggestions: [] }],
      output: null,
    },
    {
      // Issue 17, 7: undici's \`request\` too, with every leaking exit released.
      code: `
import { request } from 'undici';
export async function status(url: string) {
  const res = request(url);
  if (res.statusCode === 404) return null;
  return res.statusCode;
}`,
      errors: [
        {
          messageId: 'notAwaited',
          line: 4,
          column: 15,
          suggestions: [
            {
              messageId: 'awaitAndCancel',
              output: `
import { request } from 'undici';
export async function status(url: string) {
  const res = await request(url);
  if (res.statusCode === 404) { await res.body.dump(); return null; }
  await res.body.dump();
  return res.statusCode;
}`,
            },
          ],
        },
      ],
      output: null,
    },
  ],
});

jsRuleTester.run('consume-response-body (JavaScript, CommonJS)', rule, {
  valid: [
    {
      name: 'require()d undici request, body read',
      code: `
const { request } = require('undici');
module.exports.load = async function load(url) {
  const { body } = await request(url);
  return body.text();
};
`,
    },
  ],
  invalid: [
    {
      name: 'CommonJS: a throw on a 5xx before the body is read',
      // Error paths are reported with `throwPaths` (on in `strict`).
      options: [{ throwPaths: true }],
      code: `
const undici = require('undici');
exports.check = async function check(url) {
  const res = await undici.request(url);
  if (res.statusCode >= 500) throw new Error('down');
  return res.body.text();
};
`,
      errors: [
        {
          messageId: 'unread',
          line: 4,
          column: 21,
          data: { callee: 'undici.request', line: '4', exitLine: '5', cancel: 'res.body.dump()' },
          suggestions: [
            {
              messageId: 'cancelBody',
              output: `
const undici = require('undici');
exports.check = async function check(url) {
  const res = await undici.request(url);
  if (res.statusCode >= 500) { await res.body.dump(); throw new Error('down'); }
  return res.body.text();
};
`,
            },
          ],
        },
      ],
      output: null,
    },
  ],
});

typedRuleTester.run('consume-response-body (typed)', rule, {
  valid: [
    {
      name: 'typed: undici request with the body consumed',
      code: `
import { request } from 'undici';

export async function getText(url: string): Promise<string> {
  const { statusCode, body } = await request(url);
  if (statusCode >= 400) {
    await body.dump();
    throw new Error(\`HTTP \${statusCode}\`);
  }
  return body.text();
}
`,
    },
  ],
  invalid: [
    {
      // Issue 10 item 6: with types, any call whose result is a \`Response\`.
      name: 'typed: a call typed Promise<Response> from another module',
      code: `
declare function callBilling(path: string): Promise<Response>;
export async function refund(id: string) {
  const res = await callBilling(\`/refunds/\${id}\`);
  if (res.status === 409) return false;
  await res.arrayBuffer();
  return true;
}
`,
      errors: [
        {
          messageId: 'unread',
          line: 4,
          column: 21,
          data: { callee: 'callBilling', line: '4', exitLine: '5', cancel: 'res.body?.cancel()' },
          suggestions: [
            {
              messageId: 'cancelBody',
              output: `
declare function callBilling(path: string): Promise<Response>;
export async function refund(id: string) {
  const res = await callBilling(\`/refunds/\${id}\`);
  if (res.status === 409) { await res.body?.cancel(); return false; }
  await res.arrayBuffer();
  return true;
}
`,
            },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'typed: global fetch, early return',
      code: `
export async function getJson(url: string): Promise<unknown> {
  const res: Response = await fetch(url);
  if (!res.ok) return undefined;
  return res.json();
}
`,
      errors: [
        {
          messageId: 'unread',
          line: 3,
          column: 31,
          suggestions: [
            {
              messageId: 'cancelBody',
              output: `
export async function getJson(url: string): Promise<unknown> {
  const res: Response = await fetch(url);
  if (!res.ok) { await res.body?.cancel(); return undefined; }
  return res.json();
}
`,
            },
          ],
        },
      ],
      output: null,
    },
    {
      // Issue 17, 7, with types: \`Promise<Response>\` is no response.
      code: `
export async function isUp(url: string): Promise<boolean> {
  const res = fetch(url);
  return (await res).ok;
}

export async function ping(url: string) {
  const res = fetch(url);
  console.log('sent', url);
  return true;
}`,
      errors: [
        {
          messageId: 'notAwaited',
          line: 8,
          column: 15,
          suggestions: [
            {
              messageId: 'awaitAndCancel',
              output: `
export async function isUp(url: string): Promise<boolean> {
  const res = fetch(url);
  return (await res).ok;
}

export async function ping(url: string) {
  const res = await fetch(url);
  console.log('sent', url);
  await res.body?.cancel();
  return true;
}`,
            },
          ],
        },
      ],
      output: null,
    },
  ],
});

// Issue 10 item 6: a response the function is given. Reading or cancelling its body on one
// path makes the function its owner: every other path must read, cancel or hand it on too.
ruleTester.run('consume-response-body (responses given as parameters)', rule, {
  valid: [
    {
      name: 'a function that only looks at the status and headers leaves the body to its caller',
      code: `
export function etagOf(res: Response): string | null {
  if (!res.ok) throw new Error(\`HTTP \${res.status}\`);
  return res.headers.get('etag');
}
`,
    },
    {
      name: "Express's Response: res.json(data) sends, it reads nothing",
      code: `
import type { Request, Response } from 'express';

export function sendUser(req: Request, res: Response, user?: { id: string }) {
  if (!user) return res.status(404).end();
  return res.json(user);
}
`,
    },
    {
      name: 'a route handler given the incoming Request reads it on one path: not a response',
      code: `
export async function POST(request: Request): Promise<Response> {
  if (!request.headers.get('authorization')) return new Response(null, { status: 401 });
  const input = await request.json();
  return Response.json({ received: input });
}
`,
    },
    {
      name: 'every path reads, hands on, or has no body (204)',
      code: `
class HttpError extends Error {
  constructor(readonly response: Response) {
    super(\`HTTP \${response.status}\`);
  }
}

export async function parse(res: Response): Promise<unknown> {
  if (res.status === 204) return null;
  if (res.redirected) return res;
  if (!res.ok) throw new HttpError(res);
  return res.json();
}
`,
      options: [{ throwPaths: true }],
    },
    {
      name: 'a throw past the response it reads otherwise: an error path, strict only',
      code: `
export async function readJson(res: Response): Promise<unknown> {
  if (!res.ok) throw new Error(\`HTTP \${res.status}\`);
  return res.json();
}
`,
    },
    {
      name: "Puppeteer's response: status() is a method, and the browser holds the body",
      code: `
export function watch(page: { on(event: string, fn: (r: any) => void): void }, log: (t: string) => void) {
  page.on('response', async (response) => {
    if (response.status() !== 200) return;
    log(await response.text());
  });
}
`,
    },
    {
      name: 'an optional response: the branch where it is absent holds nothing',
      code: `
export async function parseOptional(res?: Response): Promise<unknown> {
  if (!res) return null;
  if (res === undefined) throw new Error('unreachable');
  return res.json();
}
`,
      options: [{ throwPaths: true }],
    },
    {
      name: 'a parameter reassigned before it is read is not followed',
      code: `
export async function follow(res: Response, next: () => Promise<Response>) {
  if (res.status === 302) res = await next();
  if (res.status === 404) return null;
  return res.json();
}
`,
    },
  ],
  invalid: [
    {
      name: 'a 404 path returns without reading the response the function reads otherwise',
      code: `
export async function readUser(res: Response): Promise<unknown> {
  if (res.status === 404) return null;
  return res.json();
}
`,
      errors: [
        {
          messageId: 'unreadGiven',
          line: 2,
          column: 32,
          data: { name: 'res', cancel: 'res.body?.cancel()', readLine: '4', exitLine: '3' },
          suggestions: [
            {
              messageId: 'cancelBody',
              output: `
export async function readUser(res: Response): Promise<unknown> {
  if (res.status === 404) { await res.body?.cancel(); return null; }
  return res.json();
}
`,
            },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'strict: a throw past the response the function reads otherwise',
      code: `
export async function readJson(response: Response): Promise<unknown> {
  if (!response.ok) {
    throw new Error(\`HTTP \${response.status}\`);
  }
  return response.json();
}
`,
      options: [{ throwPaths: true }],
      errors: [
        {
          messageId: 'unreadGiven',
          line: 2,
          column: 32,
          data: {
            name: 'response',
            cancel: 'response.body?.cancel()',
            readLine: '6',
            exitLine: '4',
          },
          suggestions: [
            {
              messageId: 'cancelBody',
              output: `
export async function readJson(response: Response): Promise<unknown> {
  if (!response.ok) {
    await response.body?.cancel();
    throw new Error(\`HTTP \${response.status}\`);
  }
  return response.json();
}
`,
            },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'a response annotated with undici’s Response, cancelled on one path, falls off the end on another',
      code: `
import type { Response } from 'undici';

export async function drain(res: Response, keep: boolean, sink: (t: string) => void) {
  if (keep) {
    sink(await res.text());
  } else if (res.status >= 500) {
    await res.body?.cancel();
  }
}
`,
      errors: [
        {
          messageId: 'unreadGiven',
          line: 4,
          column: 29,
          data: { name: 'res', cancel: 'res.body?.cancel()', readLine: '6', exitLine: '10' },
          suggestions: [],
        },
      ],
      output: null,
    },
  ],
});

jsRuleTester.run('consume-response-body (responses given as parameters, JavaScript)', rule, {
  valid: [],
  invalid: [
    {
      name: 'a .then callback reads the body on one path and returns past it on another',
      code: `
export function loadUser(id) {
  return fetch(\`https://api.example.com/users/\${id}\`).then((r) => {
    if (r.status === 404) return null;
    return r.json();
  });
}
`,
      errors: [
        {
          messageId: 'unreadGiven',
          line: 3,
          column: 61,
          data: { name: 'r', cancel: 'r.body?.cancel()', readLine: '5', exitLine: '4' },
          suggestions: [
            {
              messageId: 'cancelBody',
              output: `
export function loadUser(id) {
  return fetch(\`https://api.example.com/users/\${id}\`).then((r) => {
    if (r.status === 404) { void r.body?.cancel(); return null; }
    return r.json();
  });
}
`,
            },
          ],
        },
      ],
      output: null,
    },
  ],
});

typedRuleTester.run('consume-response-body (responses given as parameters, typed)', rule, {
  valid: [
    {
      name: 'typed: an Express response passed to a callback reads nothing',
      code: `
declare function route(fn: (res: { json(body: unknown): void; status: number }) => void): void;
route((res) => {
  if (res.status === 500) return;
  res.json({ ok: true });
});
`,
    },
  ],
  invalid: [
    {
      name: 'typed: a callback given a Response by its type reads it on one path only',
      code: `
declare function withRetry(fn: (res: Response) => Promise<unknown>): void;
withRetry(async (res) => {
  if (res.status === 429) return undefined;
  return res.json();
});
`,
      errors: [
        {
          messageId: 'unreadGiven',
          line: 3,
          column: 18,
          data: { name: 'res', cancel: 'res.body?.cancel()', readLine: '5', exitLine: '4' },
          suggestions: [
            {
              messageId: 'cancelBody',
              output: `
declare function withRetry(fn: (res: Response) => Promise<unknown>): void;
withRetry(async (res) => {
  if (res.status === 429) { await res.body?.cancel(); return undefined; }
  return res.json();
});
`,
            },
          ],
        },
      ],
      output: null,
    },
  ],
});
