/**
 * Records where each interesting node sits in ESLint's code-path graph, once per file.
 *
 * ESLint runs its code-path analysis on every file anyway; a rule only has to listen. The
 * first rule that asks for a file's paths does the recording for every rule that asks after
 * it (keyed by the `SourceCode` object in a `WeakMap`, so nothing outlives the file).
 * Recording is limited to the node types the ownership engine anchors on, and to code inside
 * functions: module-scope resources live as long as the process and are never reported.
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

export type Segment = TSESLint.CodePathSegment;
export type CodePath = TSESLint.CodePath;

/** Node types whose position in the graph the engine asks about. */
const RECORDED = new Set<string>([
  'ArrowFunctionExpression',
  'AssignmentExpression',
  'AwaitExpression',
  'CallExpression',
  'CatchClause',
  'ChainExpression',
  'ExpressionStatement',
  'ForOfStatement',
  'FunctionExpression',
  'IfStatement',
  'LogicalExpression',
  'NewExpression',
  'ReturnStatement',
  'TaggedTemplateExpression',
  'ThrowStatement',
  'VariableDeclarator',
  'YieldExpression',
]);

export interface PathFacts {
  /** Segments that were current when the node was entered (several inside `finally`). */
  segmentsOf(node: TSESTree.Node): readonly Segment[] | undefined;
  /**
   * Segments current when a call or `new` had finished. Inside a `try`, ESLint forks to the
   * `catch`/`finally` at the first call that may throw: a walk that starts here leaves that
   * fork (a path on which the call threw and acquired nothing) behind.
   */
  segmentsAfter(node: TSESTree.Node): readonly Segment[] | undefined;
  /** The code path a function node owns. */
  codePathOf(fn: TSESTree.Node): CodePath | undefined;
  /** `return` statements by the segment they end. */
  returnIn(segment: Segment): TSESTree.ReturnStatement | undefined;
  /** Segments that end the process (`process.exit()`): no obligation past them. */
  isTerminal(segment: Segment): boolean;
  /**
   * First segments of a `catch` clause. Every edge into one means "something in the `try`
   * threw" (ESLint forks at the first throwable node and at the end of the block): an
   * exception path, never normal flow.
   */
  isCatchEntry(segment: Segment): boolean;
  /** Final segments that end normally: by `return` or the end of the body, not a throw. */
  returnedFinal(segment: Segment): boolean;
  /** Nodes in the segment that may throw: calls, `new`, `await`, `throw`, tagged templates. */
  riskyIn(segment: Segment): readonly TSESTree.Node[];
  /** The `throw` statements among them (the exit walk reads these alone, once per value). */
  throwsIn(segment: Segment): readonly TSESTree.ThrowStatement[];
}

const RISKY = new Set<string>([
  'AwaitExpression',
  'CallExpression',
  'NewExpression',
  'TaggedTemplateExpression',
  'ThrowStatement',
]);

interface Recorder extends PathFacts {
  owner: symbol;
  listeners: TSESLint.RuleListener;
}

const recorders = new WeakMap<object, Recorder>();

function isProcessExit(node: TSESTree.CallExpression): boolean {
  const callee = node.callee;
  return (
    callee.type === 'MemberExpression' &&
    !callee.computed &&
    callee.object.type === 'Identifier' &&
    callee.object.name === 'process' &&
    callee.property.type === 'Identifier' &&
    (callee.property.name === 'exit' || callee.property.name === 'abort')
  );
}

function createRecorder(): Recorder {
  const owner = Symbol('code-path-recorder');
  // Plain maps: the recorder lives and dies with its file.
  const nodeSegments = new Map<TSESTree.Node, readonly Segment[]>();
  const afterSegments = new Map<TSESTree.Node, readonly Segment[]>();
  const codePaths = new Map<TSESTree.Node, CodePath>();
  const returns = new Map<Segment, TSESTree.ReturnStatement>();
  const terminal = new Set<Segment>();
  const returned = new Set<Segment>();
  const catchEntries = new Set<Segment>();
  const risky = new Map<Segment, TSESTree.Node[]>();
  const throws = new Map<Segment, TSESTree.ThrowStatement[]>();
  /** Current segments, one set per open code path (innermost last). */
  const stack: Set<Segment>[] = [];
  /**
   * The current segments of each open path as a list, made when first asked for and shared by
   * every node recorded until the segments change: one array per segment, not per node.
   */
  const lists: (readonly Segment[] | null)[] = [];
  const listAt = (depth: number): readonly Segment[] => {
    let list = lists[depth];
    if (list === null || list === undefined) lists[depth] = list = [...stack[depth]];
    return list;
  };

  const enterSegment = (segment: Segment): void => {
    stack[stack.length - 1]?.add(segment);
    lists[stack.length - 1] = null;
  };
  const leaveSegment = (segment: Segment): void => {
    stack[stack.length - 1]?.delete(segment);
    lists[stack.length - 1] = null;
  };

  const listeners: Record<string, (...args: never[]) => void> = {
    onCodePathStart(codePath: CodePath, node: TSESTree.Node): void {
      codePaths.set(node, codePath);
      stack.push(new Set());
      lists.push(null);
    },
    onCodePathEnd(codePath: CodePath): void {
      for (const s of codePath.returnedSegments) returned.add(s);
      stack.pop();
      lists.pop();
    },
    onCodePathSegmentStart: enterSegment,
    onCodePathSegmentEnd: leaveSegment,
    onUnreachableCodePathSegmentStart: enterSegment,
    onUnreachableCodePathSegmentEnd: leaveSegment,
    // `:exit` applies to the whole selector list.
    'CallExpression, NewExpression:exit'(node: TSESTree.Node): void {
      const segments = stack.length >= 2 ? stack[stack.length - 1] : undefined;
      if (segments && segments.size > 0) afterSegments.set(node, listAt(stack.length - 1));
    },
    [[...RECORDED].join(', ')](node: TSESTree.Node): void {
      // A function's own path has already started when its node is entered: its position is
      // in the path around it. Only code inside functions counts (the Program's path is first).
      const isFunction = node.type.endsWith('FunctionExpression');
      const depth = isFunction ? stack.length - 1 : stack.length;
      if (depth < 2) return;
      if (stack[depth - 1].size === 0) return;
      const list = listAt(depth - 1);
      nodeSegments.set(node, list);
      if (node.type === 'ReturnStatement') {
        for (const s of list) returns.set(s, node);
      } else if (node.type === 'CatchClause') {
        for (const s of list) catchEntries.add(s);
      } else if (node.type === 'CallExpression' && isProcessExit(node)) {
        for (const s of list) terminal.add(s);
      }
      if (RISKY.has(node.type)) {
        for (const s of list) {
          const nodes = risky.get(s);
          if (nodes) nodes.push(node);
          else risky.set(s, [node]);
        }
      }
      if (node.type === 'ThrowStatement') {
        for (const s of list) {
          const nodes = throws.get(s);
          if (nodes) nodes.push(node);
          else throws.set(s, [node]);
        }
      }
    },
  };

  return {
    owner,
    listeners: listeners,
    segmentsOf: (node) => nodeSegments.get(node),
    segmentsAfter: (node) => afterSegments.get(node),
    codePathOf: (fn) => codePaths.get(fn),
    returnIn: (segment) => returns.get(segment),
    isTerminal: (segment) => terminal.has(segment),
    returnedFinal: (segment) => returned.has(segment),
    isCatchEntry: (segment) => catchEntries.has(segment),
    riskyIn: (segment) => risky.get(segment) ?? [],
    throwsIn: (segment) => throws.get(segment) ?? [],
  };
}

/**
 * Path facts for this file, and the listeners the calling rule must spread into its own.
 * Only the first caller per file gets live listeners; the others share its recording.
 */
export function usePathFacts(context: Readonly<TSESLint.RuleContext<string, readonly unknown[]>>): {
  facts: PathFacts;
  listeners: TSESLint.RuleListener;
} {
  const key = context.sourceCode;
  let recorder = recorders.get(key);
  if (!recorder) {
    recorder = createRecorder();
    recorders.set(key, recorder);
    return { facts: recorder, listeners: recorder.listeners };
  }
  return { facts: recorder, listeners: {} };
}

/** Segments of the nearest recorded node at or above `node` inside `owner`. */
export function segmentsAround(
  node: TSESTree.Node,
  facts: PathFacts,
  owner: TSESTree.Node,
): readonly Segment[] | undefined {
  for (let n: TSESTree.Node | undefined = node; n && n !== owner; n = n.parent) {
    const segments = facts.segmentsOf(n);
    if (segments) return segments;
  }
  return undefined;
}
