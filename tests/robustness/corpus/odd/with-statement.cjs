var fs = require('fs');
var config = { path: '/tmp/x', flags: 'r' };
with (config) {
  fs.open(path, flags, function () {});
}
module.exports = config;
