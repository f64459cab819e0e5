var setInterval = function (fn) {
  return fn;
};
setInterval(function () {});
var fetch = function () {
  return Promise.resolve({ ok: true });
};
fetch('/x');
globalThis.setTimeout(function () {}, 10);
global.setInterval(function () {}, 10);
process.on('SIGINT', function () {});
module.exports = { setInterval: setInterval };
