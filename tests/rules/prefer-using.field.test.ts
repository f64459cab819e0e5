/**
 * prefer-using, from real projects: shapes met while linting public Node and TypeScript projects,
 * rewritten in our own words (same shape, not the projects' code). Each names where it was
 * seen. Valid: shapes the rule already stays silent on, and must keep doing so; invalid: real
 * leaks it found there. Shapes it still gets wrong are in `field-pending.md`; when the rule is
 * fixed, the case moves here.
 */
import preferUsing from '../../src/rules/prefer-using.js';
import { ruleTester } from '../rule-tester.js';

ruleTester.run('field: prefer-using', preferUsing, {
  valid: [
    {
      name: 'actions/toolkit cache downloadUtils.ts: a numeric descriptor closed in finally cannot be `using`',
      code: `
import * as fs from 'node:fs';
export async function writeSegments(path: string, next: () => Promise<Buffer | null>): Promise<void> {
  const fd = fs.openSync(path, 'w');
  try {
    for (let chunk = await next(); chunk; chunk = await next()) fs.writeSync(fd, chunk);
  } finally {
    fs.closeSync(fd);
  }
}
`,
    },
    {
      name: 'bullmq src/postgres: a pg pool client released in finally (pg clients have no [Symbol.dispose])',
      code: `
import { Pool } from 'pg';
const pool = new Pool();
export async function migrate(run: (client: unknown) => Promise<void>): Promise<void> {
  const client = await pool.connect();
  try {
    await run(client);
  } finally {
    client.release();
  }
  setTimeout(() => console.log('ready'), 0);
}
`,
    },
  ],
  invalid: [],
});
