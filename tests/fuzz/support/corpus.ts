/**
 * The realistic code the mutator starts from: every multi-line code string of the rule tests
 * (valid and invalid, read from the test files' syntax trees, never run), the demo service
 * (examples/src) and the hand-written files of the robustness corpus.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { parse } from '@typescript-eslint/parser';
import type { TSESTree } from '@typescript-eslint/utils';

import type { Program } from './generate.js';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

function files(dir: string, exts: RegExp): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => exts.test(f))
    .sort()
    .map((f) => path.join(dir, f));
}

/** Code strings of a rule test file: template literals without `${}` and strings with a line break. */
function snippetsOf(file: string): string[] {
  const ast = parse(readFileSync(file, 'utf8'), { range: false, loc: false });
  const out: string[] = [];
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) {
      for (const child of node) visit(child);
      return;
    }
    if (node === null || typeof node !== 'object') return;
    const n = node as TSESTree.Node;
    if (n.type === 'TemplateLiteral' && n.expressions.length === 0) {
      const text = n.quasis[0].value.cooked;
      if (text?.includes('\n')) out.push(text);
      return;
    }
    if (n.type === 'Literal' && typeof n.value === 'string' && n.value.includes('\n')) {
      out.push(n.value);
      return;
    }
    for (const [key, value] of Object.entries(n)) if (key !== 'parent') visit(value);
  };
  visit(ast);
  return out;
}

/** Every realistic program, as `.ts` (rule tests and TypeScript files) or its own extension. */
export function realisticCorpus(): Program[] {
  const out: Program[] = [];
  for (const file of files(path.join(root, 'tests', 'rules'), /\.test\.ts$/)) {
    for (const code of snippetsOf(file)) out.push({ code, filename: 'file.ts' });
  }
  for (const file of [
    ...files(path.join(root, 'examples', 'src'), /\.ts$/),
    ...files(path.join(root, 'tests', 'robustness', 'corpus', 'resources'), /\.(ts|js|mjs|cjs)$/),
    ...files(path.join(root, 'tests', 'robustness', 'corpus', 'ts'), /\.ts$/),
  ]) {
    const ext = path.extname(file);
    out.push({ code: readFileSync(file, 'utf8'), filename: `file${ext}` });
  }
  return out;
}
