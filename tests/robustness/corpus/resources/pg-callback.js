import pg from 'pg';
const pool = new pg.Pool();
export function legacy(id, cb) {
  pool.connect((err, client, release) => {
    if (err) return cb(err);
    client.query('select $1::int', [id], (qerr, result) => {
      release();
      cb(qerr, result?.rows);
    });
  });
}
export function leakyLegacy(cb) {
  pool.connect((err, client, release) => {
    if (err) return cb(err);
    client.query('select 1', (qerr) => {
      if (qerr) return cb(qerr);
      release();
      cb(null);
    });
  });
}
