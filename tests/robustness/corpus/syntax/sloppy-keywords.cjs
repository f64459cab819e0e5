var async = 1;
var of = 2;
var get = 3;
var set = 4;
var let = 5;
var await = 6;
var yield = 7;
var static = 8;
var implements = 9;
var package = 10;
function await2(yield, let) {
  return yield + let;
}
var o = { async: async, of: of, get: get, set: set };
async;
module.exports = [o, await, yield, static, implements, package, await2(1, 2)];
