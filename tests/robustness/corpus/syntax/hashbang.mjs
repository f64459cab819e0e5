#!/usr/bin/env node
import process from 'node:process';
const [, , ...args] = process.argv;
if (args.includes('--help')) {
  console.log('usage: hashbang [files...]');
  process.exit(0);
}
process.exitCode = args.length === 0 ? 1 : 0;
