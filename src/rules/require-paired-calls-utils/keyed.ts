/**
 * Pairs matched by key (`console.time(label)` … `console.timeEnd(label)`,
 * `monitor.startMonitoring(id)` … `monitor.stopMonitoring(id)`): there is no handle to
 * follow, so the closes are found by the receiver and first argument written at the open, in
 * the function that opens, and the ownership engine judges the paths between them.
 *
 * A function that opens and never closes in its own body (the close lives in another method,
 * or a listener) is left alone here: where the pair closes is a design we cannot see. Pairs
 * marked `closeUnlessLongLived` (`fs.watchFile`) that the file never closes at all are judged
 * by `unclosed.ts`.
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import { createOwnershipTracker, type Verdict } from '../../analysis/engine/ownership.js';
import { resolveReference } from '../../analysis/resolve/imports.js';
import { contains, enclosingFunction, rootName } from '../../utils/ast/index.js';
import {
  argumentKey,
  calledName,
  callParts,
  isClose,
  isOpen,
  type CallParts,
  type Pair,
} from './pairs.js';

type Context = Readonly<TSESLint.RuleContext<string, readonly unknown[]>>;

export type KeyedVerdict = Extract<Verdict, { kind: 'leaks' } | { kind: 'not-exception-safe' }>;

interface Call {
  node: TSESTree.CallExpression;
  parts: CallParts;
}

/** `using x = monitor.start(id)`: released by the declaration. */
function inUsing(node: TSESTree.Node): boolean {
  let child = node;
  while (child.parent?.type === 'AwaitExpression') child = child.parent;
  const parent = child.parent;
  return (
    parent?.type === 'VariableDeclarator' &&
    parent.init === child &&
    (parent.parent.kind === 'using' || parent.parent.kind === 'await using')
  );
}

export function createKeyedPairs(
  context: Context,
  pairs: readonly Pair[],
  exceptionPaths: boolean,
): {
  listeners: TSESLint.RuleListener;
  /** The `argument` opens of the file, once it is walked. */
  opens: { node: TSESTree.CallExpression; pair: Pair }[];
  /**
   * The verdict for `open` against the closes of `pair` in its function: on the same receiver,
   * and with the same first argument unless `receiverOnly`. `undefined` when the function has
   * no such close, `null` when nothing leaks.
   */
  analyze(
    open: TSESTree.CallExpression,
    pair: Pair,
    receiverOnly: boolean,
  ): { verdict: KeyedVerdict; closes: TSESTree.CallExpression[] } | null | undefined;
  /** Some call of the file, in any function, closes one of `pair`'s opens. */
  closedInFile(pair: Pair): boolean;
} {
  const sourceCode = context.sourceCode;
  // Created after the leak finder's: the first tracker of a file records the paths.
  const tracker = createOwnershipTracker(context);
  const opens: { node: TSESTree.CallExpression; pair: Pair }[] = [];
  const closes: Call[] = [];
  const closeNames = new Set(pairs.flatMap((p) => p.closes.map((c) => c.name)));
  const keyed = pairs.filter((p) => p.match === 'argument');
  const openNames = new Set(keyed.map((p) => p.opens.name));

  const closesOf = (
    open: TSESTree.CallExpression,
    pair: Pair,
    receiverOnly: boolean,
  ): TSESTree.CallExpression[] => {
    const owner = enclosingFunction(open);
    const parts = callParts(sourceCode, open);
    if (!owner || !parts) return [];
    const key = argumentKey(sourceCode, open);
    return closes
      .filter(
        (close) =>
          isClose(pair, close.parts) &&
          contains(owner.body, close.node) &&
          (pair.closes.some((c) => c.receiver !== null && c.name === close.parts.name) ||
            close.parts.receiver === parts.receiver) &&
          (receiverOnly || argumentKey(sourceCode, close.node) === key),
      )
      .map((close) => close.node);
  };

  // `fs.watchFile`, not a `watchFile` of the project's own (vite's plugin context has one).
  const fromModule = (pair: Pair, call: TSESTree.CallExpression): boolean =>
    pair.module === undefined || resolveReference(sourceCode, call.callee)?.module === pair.module;

  return {
    listeners: {
      ...tracker.listeners,
      CallExpression(node: TSESTree.CallExpression): void {
        // By name first: the receiver's text is read only for the calls a pair names.
        const name = calledName(node);
        if (name === null || (!closeNames.has(name) && !openNames.has(name))) return;
        const parts = callParts(sourceCode, node);
        if (!parts) return;
        if (closeNames.has(parts.name)) closes.push({ node, parts });
        const pair = keyed.find((p) => isOpen(p, parts) && fromModule(p, node));
        if (pair && !inUsing(node)) opens.push({ node, pair });
      },
    },
    opens,
    closedInFile: (pair) => closes.some((close) => isClose(pair, close.parts)),
    analyze(open, pair, receiverOnly) {
      const found = closesOf(open, pair, receiverOnly);
      if (found.length === 0) return undefined;
      const root = rootName(open.callee);
      const names = new Set(root === null ? [] : [root]);
      const verdict = tracker.analyzeReleases(open, pair.open, names, found, {
        isRelease: () => false,
        unknownCalleeTakesOwnership: true,
        exceptionPaths,
      });
      return verdict.kind === 'leaks' || verdict.kind === 'not-exception-safe'
        ? { verdict, closes: found }
        : null;
    },
  };
}
