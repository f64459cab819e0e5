#!/usr/bin/env node
const fs = require('fs');
const path = require('path');

const dir = process.argv[2] || '.';
const out = fs.openSync(path.join(dir, 'index.txt'), 'w');
for (const name of fs.readdirSync(dir)) {
  const fd = fs.openSync(path.join(dir, name), 'r');
  const buf = Buffer.alloc(16);
  fs.readSync(fd, buf, 0, 16, 0);
  if (buf[0] === 0) continue;
  fs.writeSync(out, name + ' ' + buf.toString('hex') + '\n');
  fs.closeSync(fd);
}
fs.closeSync(out);
