import fs from 'node:fs';
export function pyramid(dir, done) {
  fs.readdir(dir, (e1, files) => {
    if (e1) return done(e1);
    fs.open(`${dir}/${files[0]}`, 'r', (e2, fd) => {
      if (e2) return done(e2);
      fs.fstat(fd, (e3, st) => {
        if (e3) {
          fs.close(fd, () => done(e3));
          return;
        }
        fs.read(fd, Buffer.alloc(st.size), 0, st.size, 0, (e4, n, buf) => {
          fs.close(fd, (e5) => {
            if (e4 || e5) return done(e4 || e5);
            setTimeout(() => {
              process.nextTick(() => {
                setImmediate(() => {
                  queueMicrotask(() => {
                    Promise.resolve().then(() => {
                      new Promise((resolve) => resolve(buf.toString('utf8', 0, n))).then((text) => {
                        fs.writeFile(`${dir}/copy`, text, (e6) => {
                          fs.stat(`${dir}/copy`, (e7) => {
                            fs.unlink(`${dir}/copy`, () => {
                              done(e6 || e7, text);
                            });
                          });
                        });
                      });
                    });
                  });
                });
              });
            }, 0);
          });
        });
      });
    });
  });
}
