const fs = require('fs');
const { createReadStream } = require('node:fs');
const cp = require('child_process');
const { spawn: run } = require('node:child_process');
const fsp = require('fs').promises;
const http = require('http');

async function main(file) {
  const a = fs.createWriteStream(file);
  a.write('x');
  const b = createReadStream(file);
  b.resume();
  const c = cp.spawn('ls');
  const d = run('pwd');
  const fh = await fsp.open(file);
  const srv = http.createServer();
  if (!file) return;
  a.end();
  b.destroy();
  c.kill();
  d.kill();
  await fh.close();
  srv.close();
}
module.exports = main;
