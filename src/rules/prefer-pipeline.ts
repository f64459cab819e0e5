import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '@typescript-eslint/types';

import { findLeakyChain } from './prefer-pipeline-utils/find-chains.js';
import { isPipeCall, peelFluent, streamEvidence } from './prefer-pipeline-utils/node-streams.js';
import { onlyThisChainSees, pipelineFix } from './prefer-pipeline-utils/pipeline-fix.js';
import { typeServices } from '../analysis/types/type-services.js';
import { findVariable, skipWrappers } from '../utils/ast/index.js';
import { createRule } from '../utils/create-rule.js';

export type Options = [{ checkProcessStdio?: boolean }];
export type MessageIds =
  | 'preferPipeline'
  | 'preferPipelineCreated'
  | 'requestAborted'
  | 'requestBody'
  | 'destroyOnAbort'
  | 'usePipeline';

/** A stream's code, on one line and shortened, for a message. */
const short = (sourceCode: Readonly<TSESLint.SourceCode>, node: TSESTree.Node): string => {
  const text = sourceCode.getText(skipWrappers(peelFluent(node).base)).replace(/\s+/g, ' ');
  return text.length > 40 ? `${text.slice(0, 39)}…` : text;
};

/** The source stream for a message's first sentence: its code when short, else a description. */
const subject = (sourceCode: Readonly<TSESLint.SourceCode>, node: TSESTree.Node): string => {
  const text = sourceCode.getText(skipWrappers(peelFluent(node).base)).replace(/\s+/g, ' ');
  return text.length > 24 ? 'the source stream' : `\`${text}\``;
};

/** Where the source's `const` was declared, if it was one. */
function createdAt(
  sourceCode: Readonly<TSESLint.SourceCode>,
  source: TSESTree.Node,
): number | null {
  const base = skipWrappers(peelFluent(source).base);
  const variable =
    base.type === AST_NODE_TYPES.Identifier ? findVariable(sourceCode, base) : undefined;
  const def = variable?.defs.length === 1 ? variable.defs[0] : undefined;
  return def !== undefined && (def.type as string) === 'Variable' ? def.name.loc.start.line : null;
}

/**
 * `req.on('close', () => { if (!req.complete) file.destroy(); });` after the chain's
 * statement, when both ends are plain names.
 */
function destroyOnAbortFix(
  sourceCode: Readonly<TSESLint.SourceCode>,
  top: TSESTree.Node,
  streams: readonly TSESTree.Node[],
): TSESLint.ReportFixFunction | null {
  const statement = top.parent;
  const source = skipWrappers(streams[0]);
  const destination = skipWrappers(streams[streams.length - 1]);
  if (
    statement?.type !== AST_NODE_TYPES.ExpressionStatement ||
    source.type !== AST_NODE_TYPES.Identifier ||
    destination.type !== AST_NODE_TYPES.Identifier
  ) {
    return null;
  }
  const line = sourceCode.lines[statement.loc.start.line - 1] ?? '';
  const indent = /^\s*/.exec(line)?.[0] ?? '';
  const step = indent.includes('\t') ? '\t' : '  ';
  const text = `\n${indent}${source.name}.on('close', () => {\n${indent}${step}if (!${source.name}.complete) ${destination.name}.destroy();\n${indent}});`;
  return (fixer) => fixer.insertTextAfter(statement, text);
}

export default createRule<Options, MessageIds>({
  name: 'prefer-pipeline',
  meta: {
    type: 'problem',
    docs: {
      description:
        'Require `stream.pipeline()` instead of `.pipe()` chains that neither forward errors nor destroy the source',
      recommended: true,
      strictOptions: { checkProcessStdio: true },
    },
    fixable: 'code',
    hasSuggestions: true,
    messages: {
      preferPipeline:
        "Use `pipeline()` from 'node:stream', not `.pipe()`, so {{subject}} is destroyed on failure. `{{source}}` is piped into `{{destination}}` at line {{line}} with `.pipe()`, which neither forwards errors nor destroys it when `{{destination}}` closes early (a client disconnect, a failed write), so it stays open. Use `pipeline({{streams}}, callback)`.",
      preferPipelineCreated:
        "Use `pipeline()` from 'node:stream', not `.pipe()`, so {{subject}} is destroyed on failure. `{{source}}` (created at line {{created}}) is piped into `{{destination}}` at line {{line}} with `.pipe()`, which neither forwards errors nor destroys it when `{{destination}}` closes early (a client disconnect, a failed write), so it stays open. Use `pipeline({{streams}}, callback)`.",
      requestBody:
        "Add an 'error' listener to `{{destination}}`, which the request body is piped into. The request body `{{source}}` is piped into it at line {{line}}, and nothing handles its errors: a failure crashes the process or leaves it open. Answer the request from that listener, and destroy `{{destination}}` if the request is aborted. The suggested `pipeline()` handles the error as well, but destroys the request socket, so no error response can be sent from its callback.",
      requestAborted:
        '`{{destination}}` stays open if the client aborts `{{source}}`, piped into it at line {{line}}: destroy it when `{{source}}` closes early. `.pipe()` ends `{{destination}}` only when `{{source}}` ends, so its descriptor is left open; `pipeline()` would destroy the request socket before an error response could be sent.',
      destroyOnAbort:
        "Destroy `{{destination}}` in a `{{source}}.on('close')` listener when the request did not complete.",
      usePipeline:
        "Rewrite as `pipeline({{streams}}, callback)` from 'node:stream'. Errors reach the callback, which logs them; replace the logging with your own handling.",
    },
    schema: [
      {
        type: 'object',
        properties: {
          checkProcessStdio: {
            type: 'boolean',
            description:
              'Also report chains that read from `process.stdin` or write to `process.stdout`/`process.stderr`; these live as long as the process, so they are skipped by default.',
          },
        },
        additionalProperties: false,
      },
    ],
    defaultOptions: [{ checkProcessStdio: false }],
  },
  create(context, [{ checkProcessStdio }]) {
    const { sourceCode } = context;
    // Every report is at a `.pipe(…)` call: a file that never spells `pipe` has none.
    if (!sourceCode.text.includes('pipe')) return {};
    /** A stream made right here by a known factory, with no listener chained on it. */
    const isFactory = (node: TSESTree.Node): boolean =>
      (node.type === AST_NODE_TYPES.CallExpression || node.type === AST_NODE_TYPES.NewExpression) &&
      !isPipeCall(node) &&
      peelFluent(node).calls.length === 0 &&
      streamEvidence(sourceCode, node) === 'strong';
    const types = typeServices(sourceCode);

    return {
      'CallExpression[callee.type="MemberExpression"][callee.property.name="pipe"]'(
        node: TSESTree.CallExpression,
      ): void {
        // Select and find: a chain of Node streams, at its outermost `.pipe()`, left to leak.
        const chain = findLeakyChain(sourceCode, types, node, { checkProcessStdio });
        if (chain === null) return;
        // Report, naming the streams. The rewrite is an autofix when only the chain sees its
        // streams (an error still crashes, now after cleanup); else a suggestion, since it
        // changes error handling.
        const { outer, top, links, streams, request, unhandled, abortLeavesOpen } = chain;
        const pipeAt = links[0].callee.property.loc.start;
        const args = streams.map((stream) => short(sourceCode, stream)).join(', ');
        const created = createdAt(sourceCode, streams[0]);
        const data = {
          source: short(sourceCode, streams[0]),
          subject: subject(sourceCode, streams[0]),
          created: String(created),
          destination: short(sourceCode, streams[unhandled]),
          line: pipeAt.line,
          streams: args,
        };
        const loc = { start: pipeAt, end: node.loc.end };
        if (request && abortLeavesOpen) {
          const fix = destroyOnAbortFix(sourceCode, top, streams);
          context.report({
            loc,
            messageId: 'requestAborted',
            data,
            suggest: fix === null ? [] : [{ messageId: 'destroyOnAbort', data, fix }],
          });
          return;
        }
        if (request) {
          // An error now crashes the process: `pipeline()` with a callback that logs it is
          // better, though it destroys the request, so the answer must be sent before or
          // without it. A suggestion, which says where the handling goes.
          const fix = pipelineFix(sourceCode, context.filename, outer, top, streams, false);
          const suggest = fix
            ? [{ messageId: 'usePipeline' as const, data: { streams: args }, fix }]
            : [];
          context.report({ loc, messageId: 'requestBody', data, suggest });
          return;
        }
        const rethrow = onlyThisChainSees(sourceCode, streams, isFactory);
        const { filename } = context;
        const fix = pipelineFix(sourceCode, filename, outer, top, streams, rethrow);
        context.report({
          loc,
          messageId: created === null ? 'preferPipeline' : 'preferPipelineCreated',
          data,
          ...(rethrow && fix !== null
            ? { fix }
            : {
                suggest:
                  fix === null ? [] : [{ messageId: 'usePipeline', data: { streams: args }, fix }],
              }),
        });
      },
    };
  },
});
