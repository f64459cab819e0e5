function sum() {
  var total = 0;
  for (var i = 0; i < arguments.length; i++) {
    total += arguments[i];
  }
  return total;
}
function mutate(a) {
  arguments[0] = 99;
  return a;
}
function callee() {
  return typeof arguments.callee;
}
function spread() {
  return Math.max.apply(null, arguments);
}
var args = (function () {
  return Array.prototype.slice.call(arguments);
})(1, 2, 3);
module.exports = { sum: sum, mutate: mutate, callee: callee, spread: spread, args: args };
