/**
 * The suggestion of `require-test-cleanup`: add the release at the end of an existing teardown
 * hook of the same describe block and timing, when its callback has a block body (and is
 * `async` if the release is awaited). Never a new hook: where and how to add one is the
 * suite author's choice.
 */
import type { TSESLint } from '@typescript-eslint/utils';

import type { Hook } from './hooks.js';

type Fix = (fixer: TSESLint.RuleFixer) => TSESLint.RuleFix;

export function addToTeardown(
  sourceCode: Readonly<TSESLint.SourceCode>,
  teardown: Hook,
  code: string,
  awaited: boolean,
): Fix | null {
  const body = teardown.body;
  if (!body || body.body.type !== 'BlockStatement' || (awaited && !body.async)) return null;
  // A teardown defined elsewhere (`afterAll(closeAll)`) is shared: leave it alone.
  if (!teardown.call.arguments.includes(body as never)) return null;
  const last = body.body.body.at(-1);
  if (!last || last.type === 'ReturnStatement' || last.type === 'ThrowStatement') return null;
  const line = sourceCode.lines[last.loc.start.line - 1] ?? '';
  const indent = /^\s*/.exec(line)?.[0] ?? '';
  // `\n`: createRule's context writes it in the file's own line endings.
  return (fixer) => fixer.insertTextAfter(last, `\n${indent}${code};`);
}
