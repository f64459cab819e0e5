import { createServer } from 'node:http';
const server = await (async () => {
  const s = createServer();
  await new Promise((r) => s.listen(0, r));
  return s;
})();
server.close();
