import type { TSESTree } from '@typescript-eslint/utils';

import { exitText } from '../analysis/fixes/describe.js';
import { isTestFile } from '../analysis/lifetime/test-files.js';
import { createRule } from '../utils/create-rule.js';
import { mergeListeners } from '../utils/listeners.js';
import { finallyFix } from './require-paired-calls-utils/fix.js';
import { createKeyedPairs, type KeyedVerdict } from './require-paired-calls-utils/keyed.js';
import {
  callText,
  closeTextFor,
  mentionsOpen,
  pairsOf,
  type Pair,
  type PairOption,
} from './require-paired-calls-utils/pairs.js';
import { createReturnedPairs } from './require-paired-calls-utils/returned.js';
import { pairOptionsSchema } from './require-paired-calls-utils/schema.js';
import { unclosedFix, unclosedOpen } from './require-paired-calls-utils/unclosed.js';

export type Options = [
  {
    pairs?: PairOption[];
    defaultPairs?: boolean;
    exceptionPaths?: boolean;
    unknownCalleesTakeOwnership?: boolean;
  },
];
export type MessageIds =
  | 'notClosed'
  | 'notExceptionSafe'
  | 'unclosedInClass'
  | 'unclosedAfterSettle'
  | 'unclosedPerRequest'
  | 'unclosedInTest'
  | 'suggestFinally'
  | 'suggestClose';

const UNCLOSED = {
  class: 'unclosedInClass',
  promise: 'unclosedAfterSettle',
  handler: 'unclosedPerRequest',
  test: 'unclosedInTest',
} as const;

/** The open is one branch of a choice (`a ? b : await open()`, `given ?? open()`). */
function sometimesBorrowed(open: TSESTree.Node): boolean {
  let child = open;
  while (child.parent?.type === 'AwaitExpression') child = child.parent;
  const parent = child.parent;
  return (
    (parent?.type === 'ConditionalExpression' && parent.test !== child) ||
    (parent?.type === 'LogicalExpression' && parent.right === child)
  );
}

/** `pool.release(connection)`: the close is handed the handle by its name. */
const passes = (close: TSESTree.CallExpression, name: string): boolean =>
  close.arguments.some((argument) => argument.type === 'Identifier' && argument.name === name);

export default createRule<Options, MessageIds>({
  name: 'require-paired-calls',
  meta: {
    type: 'problem',
    docs: {
      description:
        'Require the closing half of paired calls (`pool.connect()`/`release()`, `startSpan()`/`end()`, `console.time()`/`timeEnd()`) to run in `finally`',
      recommended: true,
      strictOptions: { unknownCalleesTakeOwnership: false },
    },
    hasSuggestions: true,
    messages: {
      notClosed:
        'Call {{close}} in a `finally` block that covers the work. {{what}} at line {{line}} is not closed when {{exit}}.',
      notExceptionSafe:
        'Call {{close}} in a `finally` block, so it runs if line {{callLine}} throws. {{what}} at line {{line}} stays open then.',
      unclosedInClass:
        'Stop {{what}} in `{{method}}()` with {{close}}. It is started at line {{line}}, and after `{{method}}()` it still polls the file and keeps the process alive.',
      unclosedAfterSettle:
        'Call {{close}} in the listener before it settles the promise at line {{settleLine}}. {{what}} is started at line {{line}} and polls on, keeping the process alive, after the wait is over.',
      unclosedPerRequest:
        'Start {{what}} once, outside the request handler, or stop it with {{close}}. Each request starts it again at line {{line}} and nothing stops it: its listeners pile up and poll on.',
      unclosedInTest:
        'Call {{close}} at the end of the test or in an `after` hook. {{what}} is started at line {{line}} and polls on after the test, keeping the test process alive.',
      suggestFinally: 'Call {{close}} in a `finally` block.',
      suggestClose: 'Call {{close}} there.',
    },
    schema: pairOptionsSchema,
    defaultOptions: [
      { pairs: [], defaultPairs: true, exceptionPaths: true, unknownCalleesTakeOwnership: true },
    ],
  },
  create(context, [options]) {
    const sourceCode = context.sourceCode;
    const pairs = pairsOf(options.defaultPairs !== false, options.pairs);
    if (!pairs.some((pair) => mentionsOpen(sourceCode.text, pair))) return {};
    // In tests a failing assertion ends the test: only normal paths are worth a rewrite there.
    const inTests = isTestFile({ sourceCode, filename: context.filename });
    const exceptionPaths = options.exceptionPaths !== false && !inTests;
    const handles = createReturnedPairs(context, pairs, {
      exceptionPaths,
      unknownCalleeTakesOwnership: options.unknownCalleesTakeOwnership !== false,
    });
    // After the leak finder: the first tracker of a file records its code paths.
    const keyed = createKeyedPairs(context, pairs, exceptionPaths);

    const report = (
      open: TSESTree.CallExpression,
      verdict: KeyedVerdict,
      what: string,
      code: string,
    ): void => {
      const line = String(open.loc.start.line);
      const close = `\`${code}\``;
      const closes = verdict.kind === 'leaks' ? verdict.releases : [verdict.release];
      const loop = verdict.kind === 'leaks' && verdict.loop;
      const fix = loop ? null : finallyFix(sourceCode, open, code, closes);
      const suggest = fix ? [{ messageId: 'suggestFinally' as const, data: { close }, fix }] : [];
      if (verdict.kind === 'leaks') {
        const exit = exitText(verdict.exit, verdict.loop);
        context.report({
          node: open,
          messageId: 'notClosed',
          data: { what, line, close, exit },
          suggest,
        });
      } else {
        const callLine = String(verdict.call.loc.start.line);
        const data = { what, line, close, callLine };
        context.report({ node: open, messageId: 'notExceptionSafe', data, suggest });
      }
    };
    const reportKeyed = (
      open: TSESTree.CallExpression,
      pair: Pair,
      receiverOnly: boolean,
    ): void => {
      const result = keyed.analyze(open, pair, receiverOnly);
      const label = pair.label === '' ? '' : ` (${pair.label})`;
      const what = `\`${callText(sourceCode, open)}\`${label}`;
      const code = closeTextFor(sourceCode, pair, open);
      if (result) report(open, result.verdict, what, code);
      // Never closed in its function, nor anywhere in the file (`fs.watchFile`).
      else if (result === undefined && pair.closeUnlessLongLived && !keyed.closedInFile(pair))
        reportUnclosed(open, what, code);
    };
    const reportUnclosed = (open: TSESTree.CallExpression, what: string, code: string): void => {
      const found = unclosedOpen(context, open);
      if (!found) return;
      const close = `\`${code}\``;
      const data = {
        what,
        close,
        line: String(open.loc.start.line),
        method: found.kind === 'class' ? found.method : '',
        settleLine: found.kind === 'promise' ? String(found.settle.loc.start.line) : '',
      };
      const fix = unclosedFix(sourceCode, open, found, code);
      const suggest = fix ? [{ messageId: 'suggestClose' as const, data: { close }, fix }] : [];
      context.report({ node: open, messageId: UNCLOSED[found.kind], data, suggest });
    };

    return mergeListeners(handles.listeners, keyed.listeners, {
      'Program:exit'(): void {
        for (const { open, pair, verdict, name } of handles.findings) {
          // \`options.connection ?? await pool.acquire()\`: the handle is sometimes borrowed, so
          // its release is guarded by a condition we cannot match to this one (sequelize).
          if (verdict.kind === 'leaks' && verdict.releases.length > 0 && sometimesBorrowed(open))
            continue;
          // \`await mutex.acquire()\` … \`mutex.release()\`: the receiver, not the handle, closes;
          // unless a close takes the handle back (\`pool.release(connection)\`, field RP-1).
          const byReceiver =
            verdict.kind === 'discarded' ? undefined : keyed.analyze(open, pair, true);
          const takesHandle = byReceiver?.closes.some((close) => passes(close, name)) === true;
          if (verdict.kind === 'discarded' || (byReceiver !== undefined && !takesHandle)) {
            reportKeyed(open, pair, true);
            continue;
          }
          const code = pair.callable ? `${name}()` : `${name}.${pair.closes[0].name}()`;
          const from = `from \`${callText(sourceCode, open)}\``;
          const what = `\`${name}\` (${pair.label === '' ? from : `${pair.label} ${from}`})`;
          report(open, verdict, what, code);
        }
        for (const { node, pair } of keyed.opens) reportKeyed(node, pair, false);
      },
    });
  },
});
