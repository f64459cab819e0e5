'use strict';
const fs = require('fs');
const { readFile } = require('node:fs/promises');
const path = require('path');

function load(name) {
  return readFile(path.join(__dirname, name), 'utf8');
}

if (require.main === module) {
  load('x.json').then(console.log, console.error);
}

module.exports = { load, exists: (p) => fs.existsSync(p) };
module.exports.default = module.exports;
return;
