'use strict';
const express = require('express');
const { Pool } = require('pg');
const fs = require('fs');

const app = express();
const pool = new Pool();

app.get('/download/:name', function (req, res) {
  const stream = fs.createReadStream('/data/' + req.params.name);
  stream.on('error', function () {
    res.status(404).end();
  });
  stream.pipe(res);
});

app.get('/count', async function (req, res, next) {
  let client;
  try {
    client = await pool.connect();
    const r = await client.query('select count(*) from t');
    res.json(r.rows[0]);
  } catch (err) {
    next(err);
  } finally {
    if (client) client.release();
  }
});

module.exports = app;
