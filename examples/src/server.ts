// The HTTP API: users, reports, file downloads, and a profile proxy.
import express from 'express';
import { randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { pipeline } from 'node:stream';
import { createGzip } from 'node:zlib';

import axios from 'axios';
import { Pool } from 'pg';

import { closeDatabases, countUsers, findUser } from './db.js';
import { closeHttpClients, fetchProfile } from './http-client.js';
import { JobRunner } from './jobs/runner.js';

const app = express();
const runner = new JobRunner(2);
runner.start();

app.use(express.json());

app.get('/users/:id', async (req, res, next) => {
  try {
    const user = await findUser(req.params.id ?? '');
    if (!user) {
      res.status(404).json({ error: 'not found' });
      return;
    }
    res.json(user);
  } catch (error) {
    next(error);
  }
});

app.get('/stats', async (_req, res, next) => {
  try {
    res.json({ users: await countUsers() });
  } catch (error) {
    next(error);
  }
});

app.get('/reports/daily', async (_req, res, next) => {
  const reporting = new Pool({ connectionString: process.env.REPORTING_URL }); // leak: no-per-call-client
  try {
    const { rows } = await reporting.query('select day, signups from daily_report order by day desc limit 30');
    res.json(rows);
  } catch (error) {
    next(error);
  } finally {
    await reporting.end();
  }
});

app.get('/weather/:city', async (req, res, next) => {
  const weather = axios.create({ baseURL: 'https://weather.example.com', timeout: 5_000 }); // leak: no-per-call-client
  try {
    const { data } = await weather.get(`/v1/current/${encodeURIComponent(req.params.city ?? '')}`);
    res.json(data);
  } catch (error) {
    next(error);
  }
});

app.get('/files/:name', (req, res) => {
  const file = createReadStream(`/srv/files/${req.params.name}`);
  file.on('error', () => res.sendStatus(404));
  file.pipe(res); // leak: prefer-pipeline
});

app.get('/logs/:name', (req, res) => {
  res.setHeader('content-encoding', 'gzip');
  createReadStream(`/var/log/service/${req.params.name}`).pipe(createGzip()).pipe(res); // leak: prefer-pipeline
});

app.get('/downloads/:name', (req, res) => {
  pipeline(createReadStream(`/srv/downloads/${req.params.name}`), res, (error) => {
    if (error && !res.headersSent) res.sendStatus(404);
  });
});

app.get('/profiles/:login', async (req, res, next) => {
  const controller = new AbortController();
  res.once('close', () => controller.abort());
  try {
    res.json(await fetchProfile(req.params.login ?? '', controller.signal));
  } catch (error) {
    next(error);
  }
});

app.post('/jobs', (req, res) => {
  const { input, output } = req.body as { input: string; output: string };
  const id = randomUUID();
  runner.enqueue({ id, input, output, timeoutMs: 10 * 60_000 });
  res.status(202).json({ id });
});

const server = app.listen(Number(process.env.PORT ?? 3000), () => {
  console.log('listening');
});

process.once('SIGTERM', () => {
  runner.stop();
  server.close(() => {
    void Promise.all([closeDatabases(), closeHttpClients()]).finally(() => process.exit(0));
  });
});
