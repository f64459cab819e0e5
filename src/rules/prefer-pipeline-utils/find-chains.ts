/**
 * The `.pipe()` chains worth a report: the whole chain at its outermost `.pipe()`, made of Node
 * streams, whose errors or early close nothing here handles by hand.
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '@typescript-eslint/types';

import type { TypeServices } from '../../analysis/types/type-services.js';
import { DESCRIPTOR_SINKS } from '../../catalog/streams.js';
import { calleeName, findVariable, skipWrappers } from '../../utils/ast/index.js';
import {
  definingExpression,
  isInMemorySourceStream,
  isIncomingRequest,
  isNodeStreamByType,
  isPipeCall,
  processStdioName,
  streamEvidence,
} from './node-streams.js';
import {
  chainOf,
  chainTop,
  firstUnhandledDownstream,
  handledByHand,
  handlingOf,
  isOutermostPipe,
  wiresForCaller,
  type PipeCall,
} from './pipe-chains.js';

type SourceCode = Readonly<TSESLint.SourceCode>;

export interface LeakyChain {
  /** The outermost `.pipe()` call, and where the chain's value ends up (after any `.on()`). */
  outer: PipeCall;
  top: TSESTree.Node;
  links: PipeCall[];
  streams: TSESTree.Node[];
  /** The source is the incoming request of a server handler. */
  request: boolean;
  /** The index of the stream whose errors nothing handles (the last one when not a request). */
  unhandled: number;
  /**
   * The request body goes into a file whose errors are handled, but nothing destroys the file
   * when the client aborts (`.pipe()` never ends it then): its descriptor stays open.
   */
  abortLeavesOpen: boolean;
}

/** A destination that holds a descriptor until it is ended or destroyed: a file write stream. */
function holdsDescriptor(sourceCode: SourceCode, stream: TSESTree.Node): boolean {
  const value = definingExpression(sourceCode, stream);
  return (
    value.type === AST_NODE_TYPES.CallExpression &&
    DESCRIPTOR_SINKS.has(calleeName(value.callee) ?? '')
  );
}

/** Is this chain made of Node streams? Types decide when they can; evidence otherwise. */
function isNodeChain(
  sourceCode: SourceCode,
  types: TypeServices | null,
  links: PipeCall[],
  streams: TSESTree.Node[],
): boolean {
  // A source that syntax already proves a Node stream (`fs.createReadStream()`, a
  // `: Readable` annotation) needs no type query: its type could only agree.
  const first = streamEvidence(sourceCode, streams[0]);
  if (first === 'strong') return true;
  const byType = isNodeStreamByType(types, links[0].callee.object);
  if (byType !== undefined) return byType;
  const evidence = [first, ...streams.slice(1).map((stream) => streamEvidence(sourceCode, stream))];
  if (evidence.includes('strong')) return true;
  // Weak evidence (an untyped `(req, res)` pair) needs another stream of unknown kind:
  // `doc.pipe(res)` is reported, `req.pipe(res)` (one socket, closed together) is not,
  // and neither is an operator call such as `map(fn)`, which is how RxJS `pipe` is called.
  const operatorLike = links.some(
    (link) => link.arguments[0].type === AST_NODE_TYPES.CallExpression,
  );
  return evidence.includes('weak') && evidence.includes(null) && !operatorLike;
}

/** `socket.pipe(socket)`: an echo through one duplex, which closes as one. */
function sameReference(sourceCode: SourceCode, a: TSESTree.Node, b: TSESTree.Node): boolean {
  const left = skipWrappers(a);
  const right = skipWrappers(b);
  if (left.type !== AST_NODE_TYPES.Identifier || right.type !== AST_NODE_TYPES.Identifier)
    return false;
  const variable = findVariable(sourceCode, left);
  return variable !== undefined && variable === findVariable(sourceCode, right);
}

/** Reads from `process.stdin` or writes to `process.stdout`/`stderr`: lives as long as the process. */
function isStdio(sourceCode: SourceCode, streams: TSESTree.Node[]): boolean {
  const first = processStdioName(sourceCode, streams[0]);
  const last = processStdioName(sourceCode, streams[streams.length - 1]);
  return first === 'stdin' || last === 'stdout' || last === 'stderr';
}

/** The chain whose outermost `.pipe()` is `node`, when it leaks; else `null`. */
export function findLeakyChain(
  sourceCode: SourceCode,
  types: TypeServices | null,
  node: TSESTree.CallExpression,
  options: { checkProcessStdio: boolean },
): LeakyChain | null {
  if (!isPipeCall(node)) return null;
  const top = chainTop(node);
  if (!isOutermostPipe(top)) return null; // the outermost `.pipe()` reports for the chain
  const { links, streams } = chainOf(node);
  if (streams.length === 2 && sameReference(sourceCode, streams[0], streams[1])) return null;
  if (!isNodeChain(sourceCode, types, links, streams)) return null;
  if (!options.checkProcessStdio && isStdio(sourceCode, streams)) return null;
  const handling = handlingOf(sourceCode, streams, links, top);
  // The incoming request: Node drains it when the response ends, and `pipeline()` would
  // destroy its socket before an error response could be sent. Only a downstream stream
  // whose errors nothing handles (a crash, or a parser or upstream left open) is reported.
  const request = isIncomingRequest(sourceCode, types, streams[0]);
  if (request) {
    const unhandled = firstUnhandledDownstream(sourceCode, streams, handling);
    if (unhandled >= 0) {
      return { outer: node, top, links, streams, request, unhandled, abortLeavesOpen: false };
    }
    const last = streams.length - 1;
    if (!holdsDescriptor(sourceCode, streams[last]) || handling[last].destroyed) return null;
    return { outer: node, top, links, streams, request, unhandled: last, abortLeavesOpen: true };
  }
  // A source in memory (a collecting archive, a pushing Readable) has nothing to leave open.
  if (isInMemorySourceStream(sourceCode, streams[0])) return null;
  if (handledByHand(sourceCode, streams, handling)) return null;
  if (wiresForCaller(sourceCode, streams, top)) return null;
  return {
    outer: node,
    top,
    links,
    streams,
    request,
    unhandled: streams.length - 1,
    abortLeavesOpen: false,
  };
}
