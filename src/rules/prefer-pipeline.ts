import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '@typescript-eslint/types';

import { freeName, planNamedImport } from './prefer-pipeline-utils/add-import.js';
import { findVariable, skipWrappers } from '../utils/ast/index.js';
import {
  isIncomingRequest,
  isNodeStreamByType,
  isPipeCall,
  peelFluent,
  processStdioName,
  streamEvidence,
} from './prefer-pipeline-utils/node-streams.js';
import {
  chainOf,
  chainTop,
  firstUnhandledDownstream,
  handledByHand,
  handlingOf,
  isOutermostPipe,
  wiresForCaller,
  type PipeCall,
} from './prefer-pipeline-utils/pipe-chains.js';
import { typeServices } from '../analysis/types/type-services.js';
import { createRule } from '../utils/create-rule.js';

export type Options = [{ checkProcessStdio?: boolean }];
export type MessageIds = 'preferPipeline' | 'requestBody' | 'usePipeline';

const short = (sourceCode: Readonly<TSESLint.SourceCode>, node: TSESTree.Node): string => {
  const text = sourceCode.getText(skipWrappers(peelFluent(node).base)).replace(/\s+/g, ' ');
  return text.length > 40 ? `${text.slice(0, 39)}…` : text;
};

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
        "`{{source}}`{{origin}} is piped into `{{destination}}` at line {{line}} with `.pipe()`, which neither forwards errors nor destroys `{{source}}` when `{{destination}}` closes early (a client disconnect, a failed write), so `{{source}}` stays open. Use `pipeline({{streams}}, callback)` from 'node:stream'.",
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

    /** Is this chain made of Node streams? Types decide when they can; evidence otherwise. */
    function isNodeChain(links: PipeCall[], streams: TSESTree.Node[]): boolean {
      // A source that syntax already proves a Node stream (`fs.createReadStream()`, a
      // `: Readable` annotation) needs no type query: its type could only agree.
      const first = streamEvidence(sourceCode, streams[0]);
      if (first === 'strong') return true;
      const byType = isNodeStreamByType(types, links[0].callee.object);
      if (byType !== undefined) return byType;
      const evidence = [
        first,
        ...streams.slice(1).map((stream) => streamEvidence(sourceCode, stream)),
      ];
      if (evidence.includes('strong')) return true;
      // Weak evidence (an untyped `(req, res)` pair) needs another stream of unknown kind:
      // `doc.pipe(res)` is reported, `req.pipe(res)` (one socket, closed together) is not,
      // and neither is an operator call such as `map(fn)`, which is how RxJS `pipe` is called.
      const operatorLike = links.some(
        (link) => link.arguments[0].type === AST_NODE_TYPES.CallExpression,
      );
      return evidence.includes('weak') && evidence.includes(null) && !operatorLike;
    }

    function sameReference(a: TSESTree.Node, b: TSESTree.Node): boolean {
      const left = skipWrappers(a);
      const right = skipWrappers(b);
      if (left.type !== AST_NODE_TYPES.Identifier || right.type !== AST_NODE_TYPES.Identifier)
        return false;
      const variable = findVariable(sourceCode, left);
      return variable !== undefined && variable === findVariable(sourceCode, right);
    }

    function isStdio(streams: TSESTree.Node[]): boolean {
      const first = processStdioName(sourceCode, streams[0]);
      const last = processStdioName(sourceCode, streams.at(-1)!);
      return first === 'stdin' || last === 'stdout' || last === 'stderr';
    }

    function suggestion(
      outer: PipeCall,
      top: TSESTree.Node,
      streams: TSESTree.Node[],
      args: string,
    ): TSESLint.ReportSuggestionArray<MessageIds> {
      const statement = top.parent;
      if (top !== outer || statement?.type !== AST_NODE_TYPES.ExpressionStatement) return [];
      if (outer.callee.optional || sourceCode.getCommentsInside(outer).length > 0) return [];
      const plan = planNamedImport(sourceCode, outer, { module: 'stream', name: 'pipeline' });
      if (plan === null) return [];
      const line = sourceCode.lines[statement.loc.start.line - 1] ?? '';
      const indent = /^\s*/.exec(line)?.[0] ?? '';
      const step = indent.includes('\t') ? '\t' : '  ';
      const parts = streams.map((stream) => {
        const text = sourceCode.getText(stream);
        return stream.type === AST_NODE_TYPES.SequenceExpression ? `(${text})` : text;
      });
      const err = freeName(sourceCode, outer, ['err', 'error', 'streamErr']);
      const replacement = `${plan.reference}(${parts.join(', ')}, (${err}) => {\n${indent}${step}if (${err}) console.error(${err});\n${indent}})`;
      return [
        {
          messageId: 'usePipeline',
          data: { streams: args },
          fix: (fixer) => {
            const fixes = [fixer.replaceText(outer, replacement)];
            if (plan.fix !== null) fixes.push(plan.fix(fixer));
            return fixes;
          },
        },
      ];
    }

    return {
      'CallExpression[callee.type="MemberExpression"][callee.property.name="pipe"]'(
        node: TSESTree.CallExpression,
      ): void {
        if (!isPipeCall(node)) return;
        const top = chainTop(node);
        if (!isOutermostPipe(top)) return; // the outermost `.pipe()` reports for the chain

        const { links, streams } = chainOf(node);
        // `socket.pipe(socket)`: an echo through one duplex, which closes as one.
        if (streams.length === 2 && sameReference(streams[0], streams[1])) return;
        if (!isNodeChain(links, streams)) return;
        if (!checkProcessStdio && isStdio(streams)) return;
        const handling = handlingOf(sourceCode, streams, links, top);
        // The incoming request: Node drains it when the response ends, and `pipeline()` would
        // destroy its socket before an error response could be sent. Only a downstream stream
        // whose errors nothing handles (a crash, or a parser or upstream left open) is reported.
        const request = isIncomingRequest(sourceCode, types, streams[0]);
        const unhandled = request ? firstUnhandledDownstream(sourceCode, streams, handling) : -1;
        if (request && unhandled < 0) return;
        if (!request && handledByHand(sourceCode, streams, handling)) return;
        if (!request && wiresForCaller(sourceCode, streams, top)) return;

        const first = links[0];
        const source = streams[0];
        const base = skipWrappers(peelFluent(source).base);
        const variable =
          base.type === AST_NODE_TYPES.Identifier ? findVariable(sourceCode, base) : undefined;
        const def = variable?.defs.length === 1 ? variable.defs[0] : undefined;
        const declared =
          def !== undefined && (def.type as string) === 'Variable' ? def.name : undefined;
        const args = streams.map((stream) => short(sourceCode, stream)).join(', ');
        context.report({
          loc: { start: first.callee.property.loc.start, end: node.loc.end },
          messageId: request ? 'requestBody' : 'preferPipeline',
          data: {
            source: short(sourceCode, source),
            origin: declared === undefined ? '' : ` (created at line ${declared.loc.start.line})`,
            destination: short(sourceCode, streams.at(unhandled)!),
            line: first.callee.property.loc.start.line,
            streams: args,
          },
          suggest: request ? [] : suggestion(node, top, streams, args),
        });
      },
    };
  },
});
