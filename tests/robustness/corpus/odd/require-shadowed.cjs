function require(name) {
  return { createReadStream: () => ({ name }), open: () => 1, spawn: () => null };
}
const fs = require('fs');
const cp = require('child_process');
fs.createReadStream('/etc/hosts');
fs.open('/etc/hosts', () => {});
cp.spawn('ls');
module.exports = fs;
