import { createServer } from 'node:http';
import { createReadStream, stat } from 'node:fs';
import { pipeline } from 'node:stream';

export const server = createServer((req, res) => {
  const file = `/srv/static${req.url}`;
  if (req.url === '/pipe') {
    createReadStream(file).pipe(res);
    return;
  }
  if (req.url === '/pipeline') {
    pipeline(createReadStream(file), res, (err) => {
      if (err) console.error(err);
    });
    return;
  }
  stat(file, (err, st) => {
    if (err) {
      res.statusCode = 404;
      res.end();
      return;
    }
    res.setHeader('content-length', st.size);
    const stream = createReadStream(file);
    stream.on('error', () => res.destroy());
    res.on('close', () => stream.destroy());
    stream.pipe(res);
  });
});
