/**
 * no-per-call-client, from real projects: shapes met while linting public Node and TypeScript projects,
 * rewritten in our own words (same shape, not the projects' code). Each names where it was
 * seen. Valid: shapes the rule already stays silent on, and must keep doing so; invalid: real
 * leaks it found there. Shapes it still gets wrong are in `field-pending.md`; when the rule is
 * fixed, the case moves here.
 */
import noPerCallClient from '../../src/rules/no-per-call-client.js';
import { ruleTester } from '../rule-tester.js';

ruleTester.run('field: no-per-call-client', noPerCallClient, {
  valid: [
    {
      name: 'hackathon-starter config/nodemailer.js: a non-pooled SMTP transport per message is not a shared client',
      code: `
const nodemailer = require('nodemailer');
exports.sendMail = (settings) => {
  const transporter = nodemailer.createTransport({ host: process.env.SMTP_HOST, port: 465, secure: true });
  return transporter.sendMail(settings.mailOptions);
};`,
    },
    {
      name: 'hackathon-starter app.js: mongoose connects once at module scope',
      filename: 'app.js',
      code: `
const mongoose = require('mongoose');
const express = require('express');
mongoose.connect(process.env.MONGODB_URI);
const app = express();
app.get('/health', (req, res) => res.send(mongoose.connection.readyState === 1 ? 'ok' : 'down'));
module.exports = app;
`,
    },
  ],
  invalid: [
    {
      name: 'hackathon-starter controllers/ai.js: a MongoDB client built, connected and closed on every request',
      filename: 'ai.js',
      code: `
const { MongoClient } = require('mongodb');
exports.getDashboard = async (req, res) => {
  const client = new MongoClient(process.env.MONGODB_URI);
  let files = [];
  try {
    await client.connect();
    files = await client.db().collection('chunks').distinct('fileName');
  } catch (err) {
    console.log(err);
  } finally {
    await client.close();
  }
  res.render('dashboard', { files });
};
`,
      errors: [
        {
          messageId: 'perCallClientReleased',
          line: 4,
          column: 18,
          suggestions: [],
        },
      ],
      output: null,
    },
  ],
});
