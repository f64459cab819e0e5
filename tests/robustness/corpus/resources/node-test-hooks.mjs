import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:net';

let server;
before(() => {
  server = createServer().listen(0);
});
after(() => server.close());

test('interval cleaned', (t) => {
  const id = setInterval(() => {}, 10);
  t.after(() => clearInterval(id));
  assert.ok(id);
});
test('mocha style', function (done) {
  const s = createServer();
  s.listen(0, () => s.close(done));
});
