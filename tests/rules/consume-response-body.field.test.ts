/**
 * consume-response-body, from real projects: shapes met while linting public Node and TypeScript projects,
 * rewritten in our own words (same shape, not the projects' code). Each names where it was
 * seen. Valid: shapes the rule already stays silent on, and must keep doing so; invalid: real
 * leaks it found there. Shapes it still gets wrong are in `field-pending.md`; when the rule is
 * fixed, the case moves here.
 */
import consumeResponseBody from '../../src/rules/consume-response-body.js';
import { ruleTester } from '../rule-tester.js';

ruleTester.run('field: consume-response-body', consumeResponseBody, {
  valid: [
    {
      name: 'node-gyp lib/download.js (FP-3): the body wrapped into a local under a test on res.body, returned',
      code: `
const { Readable } = require('stream');
async function download(url, opts) {
  const res = await fetch(url, opts);
  const body = res.body ? Readable.fromWeb(res.body) : Readable.from([]);
  return { status: res.status, body };
}
module.exports = { download };`,
    },
    {
      name: 'hackathon-starter controllers/contact.js: the JSON body read on the only path',
      filename: 'contact.js',
      code: `
async function verifyCaptcha(url, token) {
  const resp = await fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ event: { token } }),
  });
  const data = await resp.json();
  return { valid: data.tokenProperties?.valid === true, score: data.riskAnalysis?.score ?? null };
}
module.exports = { verifyCaptcha };
`,
    },
    {
      name: 'hackathon-starter controllers/ai.js: the error body read (errors swallowed) before throwing, the body returned otherwise',
      filename: 'chat.js',
      code: `
const callChatApi = async (body, apiKey) => {
  const response = await fetch('https://api.example.com/v1/chat/completions', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: \`Bearer \${apiKey}\` },
    body: JSON.stringify(body),
  });
  if (!response.ok) {
    const errData = await response.json().catch(() => ({}));
    throw new Error(errData.error?.message ?? \`API Error: \${response.status}\`);
  }
  return response.json();
};
module.exports = { callChatApi };
`,
    },
    {
      name: 'hackathon-starter controllers/api.js (Facebook): the body read on both branches inside try/catch',
      filename: 'profile.js',
      code: `
exports.getProfile = async (req, res, next) => {
  try {
    const response = await fetch(\`https://graph.example.com/\${req.user.id}?fields=id,name\`);
    if (!response.ok) {
      const error = await response.json();
      throw new Error(error.message || 'Failed to fetch the profile');
    }
    const profile = await response.json();
    res.render('profile', { profile });
  } catch (error) {
    next(error);
  }
};
`,
    },
    {
      name: 'hackathon-starter controllers/api.js (NYT): a header read first, then the body read as text or JSON',
      filename: 'books.js',
      code: `
exports.getBooks = async (req, res, next) => {
  try {
    const response = await fetch(process.env.BOOKS_URL);
    const contentType = response.headers.get('content-type') || '';
    if (!response.ok) {
      const text = await response.text();
      throw new Error(\`Books API \${response.status}: \${text.slice(0, 200)}\`);
    }
    if (!contentType.includes('application/json')) {
      const text = await response.text();
      throw new Error('Books API did not return JSON: ' + text.slice(0, 200));
    }
    const data = await response.json();
    res.render('books', { books: data.results });
  } catch (error) {
    next(error);
  }
};
`,
    },
    {
      name: 'hackathon-starter controllers/api.js (GIPHY): the error body read in a nested try before throwing',
      filename: 'gifs.js',
      code: `
exports.getGifs = async (req, res, next) => {
  try {
    const response = await fetch(\`https://api.example.com/gifs?q=\${encodeURIComponent(req.query.q)}\`);
    if (!response.ok) {
      try {
        console.error('gif API error', response.status, await response.text());
      } catch (e) {
        console.error('gif API error, body unreadable', response.status, e);
      }
      throw new Error(\`gif API \${response.status}\`);
    }
    const data = await response.json();
    res.render('gifs', { gifs: data.data });
  } catch (error) {
    next(error);
  }
};
`,
    },
    {
      name: 'node-gyp lib/download.js: the body wrapped into a Node stream and returned to the caller',
      filename: 'download.js',
      code: `
const { Readable } = require('stream');
async function download(url, opts) {
  let res;
  try {
    res = await fetch(url, opts);
  } catch (err) {
    throw err.cause ?? err;
  }
  const body = res.body ? Readable.fromWeb(res.body) : Readable.from([]);
  return { status: res.status, url: res.url, body };
}
module.exports = { download };
`,
    },
    {
      name: 'actions/toolkit github utils.ts: a fetch wrapper returns the response to its caller',
      code: `
import { ProxyAgent } from 'undici';
export function proxiedFetch(proxyUrl: string): typeof fetch {
  const dispatcher = new ProxyAgent(proxyUrl);
  const wrapped: typeof fetch = async (url, opts) => {
    return fetch(url, { ...opts, dispatcher } as RequestInit);
  };
  return wrapped;
}
`,
    },
  ],
  invalid: [
    {
      name: 'hackathon-starter controllers/api.js: polling a PDF URL with GET and never reading or cancelling the body',
      filename: 'lob.js',
      code: `
exports.waitForPdf = async (letters, letter) => {
  let attempts = 0;
  while (attempts < 3) {
    const res = await fetch(letter.url, { method: 'GET' });
    if (res.ok) break;
    attempts += 1;
    await new Promise((resolve) => setTimeout(resolve, 5000));
    Object.assign(letter, await letters.get(letter.id));
  }
  return letter.url;
};
`,
      errors: [
        {
          messageId: 'unreadInLoop',
          line: 5,
          column: 23,
          suggestions: [
            {
              messageId: 'releaseAtOnce',
              output: `
exports.waitForPdf = async (letters, letter) => {
  let attempts = 0;
  while (attempts < 3) {
    const res = await fetch(letter.url, { method: 'GET' });
    await res.body?.cancel();
    if (res.ok) break;
    attempts += 1;
    await new Promise((resolve) => setTimeout(resolve, 5000));
    Object.assign(letter, await letters.get(letter.id));
  }
  return letter.url;
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
