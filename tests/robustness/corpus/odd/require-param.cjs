module.exports = function load(require, module) {
  const fs = require('fs');
  fs.createReadStream('/tmp/x');
  module.exports = fs;
};
