/**
 * A resource built over a process-wide stream (`createInterface({ input: process.stdin })`)
 * in code that runs once per process (a CLI's `main`, module scope) lives as long as the
 * process: leaving it open there is how a CLI works, not a leak. The streams come from the
 * entry's `processLifetimeOver`; which code runs once, from the per-call analysis.
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import { perCallSite } from '../../analysis/lifetime/per-call-site.js';
import type { ResourceEntry } from '../../catalog/types.js';

/** `process.stdin` (or another of `streams`). */
function isProcessStream(node: TSESTree.Node, streams: readonly string[]): boolean {
  return (
    node.type === 'MemberExpression' &&
    !node.computed &&
    node.object.type === 'Identifier' &&
    node.object.name === 'process' &&
    node.property.type === 'Identifier' &&
    streams.includes(node.property.name)
  );
}

/** An argument, or the `input` of an options object, is one of `streams`. */
function builtOver(
  node: TSESTree.CallExpression | TSESTree.NewExpression,
  streams: readonly string[],
): boolean {
  return node.arguments.some(
    (arg) =>
      isProcessStream(arg, streams) ||
      (arg.type === 'ObjectExpression' &&
        arg.properties.some(
          (p) =>
            p.type === 'Property' &&
            !p.computed &&
            p.key.type === 'Identifier' &&
            p.key.name === 'input' &&
            isProcessStream(p.value, streams),
        )),
  );
}

/**
 * Whether to stay silent about an acquisition over `process.stdin`: always in code that runs
 * once per process; elsewhere unless `everywhere` (the `processStdin` option). A prompt left
 * open in a CLI command usually ends with the command's `process.exit()`; a senior engineer
 * would close it, but it leaks nothing in practice.
 */
export function livesWithProcess(
  context: Readonly<TSESLint.RuleContext<string, readonly unknown[]>>,
  node: TSESTree.CallExpression | TSESTree.NewExpression,
  entry: ResourceEntry,
  everywhere: boolean,
): boolean {
  const streams = entry.processLifetimeOver;
  if (!streams || !builtOver(node, streams)) return false;
  if (!everywhere) return true;
  return perCallSite({ sourceCode: context.sourceCode, filename: context.filename }, node) === null;
}
