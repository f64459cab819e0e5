/**
 * Source files the integration suite lints: real-shaped Node code with the leaks the plugin
 * exists for, and the same code with the leaks fixed by hand.
 */

/** A CSV export handler that pipes a file into the response (a client disconnect leaks the file). */
export const REPORT_LEAKY = `import { createReadStream } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';

export function sendReport(req: IncomingMessage, res: ServerResponse): void {
  res.setHeader('content-type', 'text/csv');
  createReadStream('/var/reports/latest.csv').pipe(res);
}
`;

export const REPORT_FIXED = `import { createReadStream } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { pipeline } from 'node:stream/promises';

export async function sendReport(req: IncomingMessage, res: ServerResponse): Promise<void> {
  res.setHeader('content-type', 'text/csv');
  await pipeline(createReadStream('/var/reports/latest.csv'), res);
}
`;

/** An upload check that opens a file handle and never closes it. */
export const MAGIC_LEAKY = `import { open } from 'node:fs/promises';

/** Reads the magic number of an upload before it is stored. */
export async function readMagic(path: string): Promise<string> {
  const file = await open(path, 'r');
  const { buffer } = await file.read(Buffer.alloc(4), 0, 4, 0);
  return buffer.toString('hex');
}
`;

/** Fixed by hand the way the plugin recommends: the handle is bound with `await using`. */
export const MAGIC_FIXED = `import { open } from 'node:fs/promises';

/** Reads the magic number of an upload before it is stored. */
export async function readMagic(path: string): Promise<string> {
  await using file = await open(path, 'r');
  const { buffer } = await file.read(Buffer.alloc(4), 0, 4, 0);
  return buffer.toString('hex');
}
`;

/** What \`require-dispose\`'s autofix makes of MAGIC_LEAKY: the handle is bound with \`await using\`. */
export const MAGIC_AUTOFIXED = MAGIC_LEAKY.replace(
  'const file = await open(path, ',
  'await using file = await open(path, ',
);

/** Both leaks in one module, as the editor opens it. */
export const HANDLERS_LEAKY = `${REPORT_LEAKY}
${MAGIC_LEAKY.replace("import { open } from 'node:fs/promises';\n\n", '')}`.replace(
  "import { createReadStream } from 'node:fs';\n",
  "import { createReadStream } from 'node:fs';\nimport { open } from 'node:fs/promises';\n",
);

export const HANDLERS_FIXED = `${REPORT_FIXED}
${MAGIC_FIXED.replace("import { open } from 'node:fs/promises';\n\n", '')}`.replace(
  "import { createReadStream } from 'node:fs';\n",
  "import { createReadStream } from 'node:fs';\nimport { open } from 'node:fs/promises';\n",
);

/** Plain code with no resources at all. */
export const CLEAN = `export interface Order {
  id: string;
  total: number;
}

export function totalOf(orders: readonly Order[]): number {
  return orders.reduce((sum, order) => sum + order.total, 0);
}
`;

/** JavaScript (ESM): a static file server whose handler pipes without error propagation. */
export const JS_SERVER_LEAKY = `import fs from 'node:fs';
import http from 'node:http';

const server = http.createServer((req, res) => {
  res.setHeader('content-type', 'text/csv');
  fs.createReadStream(new URL('./latest.csv', import.meta.url)).pipe(res);
});

server.listen(8080);
`;

/** JavaScript (CommonJS): an audit logger that opens a write stream per line and drops it. */
export const JS_AUDIT_LEAKY = `'use strict';
const fs = require('node:fs');

function appendAudit(line) {
  fs.createWriteStream('/var/log/audit.log', { flags: 'a' }).write(\`\${line}\\n\`);
}

module.exports = { appendAudit };
`;

export const JS_AUDIT_FIXED = `'use strict';
const fs = require('node:fs');

function appendAudit(line) {
  fs.appendFileSync('/var/log/audit.log', \`\${line}\\n\`);
}

module.exports = { appendAudit };
`;
