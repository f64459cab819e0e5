import { createRequire } from 'node:module';
const require = createRequire(import.meta.url);
const fs = require('node:fs');
const { Pool } = require('pg');

export async function handler(req, res) {
  const pool = new Pool();
  const stream = fs.createReadStream(req.path);
  stream.pipe(res);
  await pool.end();
}
