#!/usr/bin/env node
// The demo: lints examples/ (a small service with deliberate leaks, each marked
// `// leak: <rule>`) with the built plugin and the example's own eslint.config.mjs, and prints
// what leakproof finds, file by file, then one line per rule.
//
//   npm run demo            (builds first)
//   node scripts/demo.mjs   (uses dist/ as it is)
//
// Exit code: 0 when linting ran, whatever it found (this is a demo, not a gate); 1 when ESLint
// or a rule crashed, or a file could not be parsed.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { ESLint } from 'eslint';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const examples = path.join(root, 'examples');

/** `// leak: a, b` markers: line → rule ids, per file. */
function markers(file) {
  const out = new Map();
  readFileSync(file, 'utf8')
    .split('\n')
    .forEach((text, index) => {
      const match = /\/\/\s*leak:\s*([\w-]+(?:\s*,\s*[\w-]+)*)/.exec(text);
      if (match) out.set(index + 1, match[1].split(/\s*,\s*/));
    });
  return out;
}

async function main() {
  const started = performance.now();
  const eslint = new ESLint({
    cwd: examples,
    overrideConfigFile: path.join(examples, 'eslint.config.mjs'),
  });
  const results = await eslint.lintFiles(['src']);
  const seconds = ((performance.now() - started) / 1000).toFixed(1);

  const fatal = results.flatMap((r) =>
    r.messages
      .filter((m) => m.fatal)
      .map((m) => `${path.relative(examples, r.filePath)}:${m.line}: ${m.message}`),
  );

  const formatter = await eslint.loadFormatter('stylish');
  const text = await formatter.format(results);
  console.log(text.trim() === '' ? '\nNo findings.' : text);

  // One line per rule: how many reports, and how many of the marked leaks they cover.
  const perRule = new Map();
  const entry = (rule) => {
    if (!perRule.has(rule)) perRule.set(rule, { reports: 0, marked: 0, found: 0 });
    return perRule.get(rule);
  };
  for (const result of results) {
    const marked = markers(result.filePath);
    for (const message of result.messages) {
      if (message.ruleId?.startsWith('leakproof/'))
        entry(message.ruleId.slice('leakproof/'.length)).reports += 1;
    }
    for (const [line, rules] of marked) {
      for (const rule of rules) {
        const e = entry(rule);
        e.marked += 1;
        if (result.messages.some((m) => m.ruleId === `leakproof/${rule}` && m.line === line))
          e.found += 1;
      }
    }
  }
  const { default: plugin } = await import(path.join(root, 'dist', 'index.js'));
  console.log('Summary by rule (reports; marked leaks found):');
  const width = Math.max(...[...perRule.keys()].map((r) => r.length), 10);
  // Only the plugin's own rules: a marker for a rule that does not exist is not shown.
  for (const [rule, { reports, marked, found }] of [...perRule]
    .filter(([rule]) => rule in plugin.rules)
    .sort(([a], [b]) => a.localeCompare(b))) {
    const status = `${found}/${marked} marked leaks found`;
    console.log(
      `  ${rule.padEnd(width)}  ${String(reports).padStart(3)} report${reports === 1 ? ' ' : 's'}  ${status}`,
    );
  }
  const total = results.reduce((n, r) => n + r.errorCount + r.warningCount, 0);
  console.log(`\n${total} finding(s) in ${results.length} file(s), ${seconds}s.`);

  if (fatal.length > 0) {
    console.error(`\nParsing failed:\n${fatal.join('\n')}`);
    process.exitCode = 1;
  }
}

main().catch((error) => {
  console.error('Linting crashed:', error);
  process.exitCode = 1;
});
