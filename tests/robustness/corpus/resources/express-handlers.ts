import express, { type Request, type Response, type NextFunction } from 'express';
import { createReadStream } from 'node:fs';
import { Pool } from 'pg';

const app = express();
const pool = new Pool();

app.get('/users/:id', async (req: Request, res: Response, next: NextFunction) => {
  try {
    const { rows } = await pool.query('select * from users where id = $1', [req.params.id]);
    res.json(rows[0]);
  } catch (e) {
    next(e);
  }
});

app.get('/report', async (_req, res) => {
  const perRequest = new Pool();
  const { rows } = await perRequest.query('select 1');
  res.json(rows);
});

app.get('/file', (req, res) => {
  createReadStream(`/srv/${req.query.name}`).pipe(res);
});

app.post('/upload', (req, res) => {
  req.on('data', () => {});
  req.on('end', () => res.sendStatus(201));
});

export default app;
