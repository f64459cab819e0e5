/**
 * Pairs whose open returns a handle (`const client = await pool.connect()`): the handle is an
 * acquisition for the leak finder, and its close (`client.release()`, `release()`,
 * `pool.release(client)`) is the release the ownership engine looks for.
 *
 * What the catalog or the types already know (`pool.connect()` on a `new Pool()` of this
 * file, or on anything typed `pg.Pool`) is `require-dispose`'s and is skipped here, so that
 * a line is never reported twice. A handle never closed at all is reported only where the
 * pair's package is imported: `connect` and `acquire` are common names.
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import { createLeakFinder, type Finding } from '../../analysis/engine/finder.js';
import { fileImports, normaliseModule } from '../../analysis/resolve/imports.js';
import { findAcquisition } from '../../analysis/resolve/match.js';
import { typedDisposal, type TypedDisposal } from '../../analysis/types/typed-disposal.js';
import type { ResourceEntry } from '../../catalog/types.js';
import { calledName, callParts, isClose, isOpen, mentionsOpen, type Pair } from './pairs.js';

type Context = Readonly<TSESLint.RuleContext<string, readonly unknown[]>>;

export interface HandleFinding {
  open: TSESTree.CallExpression;
  pair: Pair;
  verdict: Finding['verdict'];
  name: string;
}

/** Only its own selection: no catalog entry (one function for every file: the finder's gate key). */
const ownsNothing = (): boolean => false;

export function createReturnedPairs(
  context: Context,
  pairs: readonly Pair[],
  options: { exceptionPaths: boolean; unknownCalleeTakesOwnership: boolean },
): { listeners: TSESLint.RuleListener; findings: HandleFinding[] } {
  const sourceCode = context.sourceCode;
  const byEntry = new Map<ResourceEntry, Pair>(pairs.map((pair) => [pair.entry, pair]));
  const returned = pairs.filter((pair) => pair.match === 'returned');
  const openNames = new Set(returned.map((pair) => pair.opens.name));
  let typed: TypedDisposal | null | undefined;

  const entryFor = (
    node: TSESTree.CallExpression | TSESTree.NewExpression,
  ): ResourceEntry | null => {
    // Callback form (`pool.connect((err, client, done) => …)`): the callback gets the handle.
    const last = node.arguments.at(-1);
    if (last?.type === 'ArrowFunctionExpression' || last?.type === 'FunctionExpression')
      return null;
    if (node.type !== 'CallExpression' || !openNames.has(calledName(node) ?? '')) return null;
    const parts = callParts(sourceCode, node);
    const pair = parts && returned.find((p) => isOpen(p, parts));
    if (!pair || findAcquisition(sourceCode, node) !== null) return null;
    typed ??= typedDisposal(context);
    return typed?.entryFor(node) ? null : pair.entry;
  };
  /** `release()` (the handle is the release function) and `pool.release(resource)`. */
  const releasesHandle = (ref: TSESTree.Node, entry: ResourceEntry): boolean => {
    const pair = byEntry.get(entry);
    const call = ref.parent;
    if (!pair || call?.type !== 'CallExpression') return false;
    if (call.callee === ref) return true;
    const parts = call.arguments.includes(ref as TSESTree.CallExpressionArgument)
      ? callParts(sourceCode, call)
      : null;
    return parts !== null && isClose(pair, parts);
  };
  const evident = (pair: Pair): boolean =>
    pair.package === undefined || fileImports(sourceCode).has(normaliseModule(pair.package).module);

  const findings: HandleFinding[] = [];
  const listeners = createLeakFinder(
    context,
    {
      owns: ownsNothing,
      select: {
        worthAsking: (text) => returned.some((pair) => mentionsOpen(text, pair)),
        entryOf: entryFor,
      },
      isRelease: releasesHandle,
      ...options,
    },
    ({ node, entry, verdict, words }) => {
      const pair = byEntry.get(entry);
      if (!pair || node.type !== 'CallExpression') return;
      if (verdict.kind === 'leaks' && verdict.releases.length === 0 && !evident(pair)) return;
      // Handed on after a call that may throw: the receiver closes it, not this function.
      if (verdict.kind === 'not-exception-safe' && verdict.handOff) return;
      findings.push({ open: node, pair, verdict, name: words.name });
    },
  );
  return { listeners, findings };
}
