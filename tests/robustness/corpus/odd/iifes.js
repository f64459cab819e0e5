import fs from 'node:fs';
(function () {
  fs.createReadStream('/a');
})();
(() => {
  const s = fs.createWriteStream('/b');
  s.end();
})();
!function () {}();
void function () {}();
+function named() {}();
(async () => {
  const h = await fs.promises.open('/c');
  await h.close();
})();
(async function* () {})().next();
(function () {
  return function () {
    return () => fs.openSync('/d');
  };
})()()();
new (function () {
  this.x = 1;
})();
export default (function (x) {
  return x;
})(1);
