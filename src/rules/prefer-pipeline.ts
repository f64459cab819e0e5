import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '@typescript-eslint/types';

import { findLeakyChain } from './prefer-pipeline-utils/find-chains.js';
import { peelFluent } from './prefer-pipeline-utils/node-streams.js';
import { pipelineFix } from './prefer-pipeline-utils/pipeline-fix.js';
import { typeServices } from '../analysis/types/type-services.js';
import { findVariable, skipWrappers } from '../utils/ast/index.js';
import { createRule } from '../utils/create-rule.js';

export type Options = [{ checkProcessStdio?: boolean }];
export type MessageIds = 'preferPipeline' | 'preferPipelineCreated' | 'requestBody' | 'usePipeline';

/** A stream's code, on one line and shortened, for a message. */
const short = (sourceCode: Readonly<TSESLint.SourceCode>, node: TSESTree.Node): string => {
  const text = sourceCode.getText(skipWrappers(peelFluent(node).base)).replace(/\s+/g, ' ');
  return text.length > 40 ? `${text.slice(0, 39)}…` : text;
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
    hasSuggestions: true,
    messages: {
      preferPipeline:
        "`{{source}}` is piped into `{{destination}}` at line {{line}} with `.pipe()`, which neither forwards errors nor destroys `{{source}}` when `{{destination}}` closes early (a client disconnect, a failed write), so `{{source}}` stays open. Use `pipeline({{streams}}, callback)` from 'node:stream'.",
      preferPipelineCreated:
        "`{{source}}` (created at line {{created}}) is piped into `{{destination}}` at line {{line}} with `.pipe()`, which neither forwards errors nor destroys `{{source}}` when `{{destination}}` closes early (a client disconnect, a failed write), so `{{source}}` stays open. Use `pipeline({{streams}}, callback)` from 'node:stream'.",
      requestBody:
        "The request body `{{source}}` is piped into `{{destination}}` at line {{line}}, and nothing handles `{{destination}}`'s errors: a failure crashes the process or leaves it open. Add an 'error' listener to `{{destination}}` that answers the request, and destroy it if the request is aborted (`pipeline()` would destroy the request socket before an error response could be sent).",
      usePipeline:
        "Rewrite as `pipeline({{streams}}, callback)` from 'node:stream' (errors reach the callback, which logs them; replace the logging with your own handling).",
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
    const types = typeServices(sourceCode);

    return {
      'CallExpression[callee.type="MemberExpression"][callee.property.name="pipe"]'(
        node: TSESTree.CallExpression,
      ): void {
        // Select and find: a chain of Node streams, at its outermost `.pipe()`, left to leak.
        const chain = findLeakyChain(sourceCode, types, node, { checkProcessStdio });
        if (chain === null) return;
        // Report, naming the streams; the rewrite is a suggestion (it changes error handling).
        const { outer, top, links, streams, request, unhandled } = chain;
        const pipeAt = links[0].callee.property.loc.start;
        const args = streams.map((stream) => short(sourceCode, stream)).join(', ');
        const created = createdAt(sourceCode, streams[0]);
        const fix = request ? null : pipelineFix(sourceCode, outer, top, streams);
        context.report({
          loc: { start: pipeAt, end: node.loc.end },
          messageId: request
            ? 'requestBody'
            : created === null
              ? 'preferPipeline'
              : 'preferPipelineCreated',
          data: {
            source: short(sourceCode, streams[0]),
            created: String(created),
            destination: short(sourceCode, streams[unhandled]),
            line: pipeAt.line,
            streams: args,
          },
          suggest: fix === null ? [] : [{ messageId: 'usePipeline', data: { streams: args }, fix }],
        });
      },
    };
  },
});
