/**
 * Streams that live in memory and hold no descriptor or socket, recognized by their shape:
 * - a `new Writable({ write(chunk, enc, cb) { chunks.push(chunk); cb(); } })` that collects
 *   chunks (nothing it does can fail or close it early);
 * - a `new Readable({ read() { this.push(buf) } })`, or an instance of a local class that
 *   extends `Readable` and whose `_read` only pushes (an event log fed by its methods);
 * - an archive builder (`archiver('zip')`) fed only strings and buffers through `append()`.
 * When such a stream is the source of a `.pipe()`, nothing stays open if the destination
 * closes early; when it is the destination, nothing upstream can be left behind by it.
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '@typescript-eslint/types';

import { resolveReference } from '../../analysis/resolve/imports.js';
import { refMatches } from '../../analysis/resolve/match.js';
import { IN_MEMORY_STREAMS } from '../../catalog/streams.js';
import {
  calleeName,
  findVariable,
  isFunctionNode,
  skipWrappers,
  staticKeyName,
  staticPropertyName,
  walkValues,
  type FunctionNode,
} from '../../utils/ast/index.js';

type SourceCode = Readonly<TSESLint.SourceCode>;

const {
  bufferCalls,
  writeMethods,
  readMethods,
  archivers,
  archiverDiskFeeds,
  archiverAppend,
  pushingReadables,
} = IN_MEMORY_STREAMS;

/** A function that only moves buffers: it calls its own parameters, `super` or buffer methods. */
function staysInMemory(fn: FunctionNode): boolean {
  const params = new Set(
    fn.params.flatMap((param) => (param.type === AST_NODE_TYPES.Identifier ? [param.name] : [])),
  );
  let inMemory = true;
  walkValues(fn.body, (node) => {
    if (isFunctionNode(node) || node.type === AST_NODE_TYPES.AwaitExpression) {
      inMemory = false;
    } else if (node.type === AST_NODE_TYPES.NewExpression) {
      inMemory = false;
    } else if (node.type === AST_NODE_TYPES.CallExpression) {
      const callee = skipWrappers(node.callee);
      const allowed =
        callee.type === AST_NODE_TYPES.Super ||
        (callee.type === AST_NODE_TYPES.Identifier && params.has(callee.name)) ||
        (callee.type === AST_NODE_TYPES.MemberExpression &&
          bufferCalls.has(staticPropertyName(callee) ?? ''));
      if (!allowed) inMemory = false;
    }
    return inMemory ? true : 'stop';
  });
  return inMemory;
}

/** The functions of an options object (`{ write(chunk, enc, cb) {…} }`) by key, or `null`. */
function optionFunctions(node: TSESTree.Node | undefined): Map<string, FunctionNode> | null {
  if (node?.type !== AST_NODE_TYPES.ObjectExpression) return null;
  const functions = new Map<string, FunctionNode>();
  for (const property of node.properties) {
    if (property.type !== AST_NODE_TYPES.Property) return null;
    const key = staticKeyName(property);
    if (key === null) return null;
    if (isFunctionNode(property.value)) functions.set(key, property.value);
  }
  return functions;
}

/** `new Writable({ write })` (or `Readable` with `read`) whose functions all stay in memory. */
function inMemoryOptions(
  value: TSESTree.NewExpression,
  className: string,
  needed: ReadonlySet<string>,
): boolean {
  if (calleeName(value.callee) !== className) return false;
  const functions = optionFunctions(value.arguments[0]);
  if (functions === null || ![...functions.keys()].some((key) => needed.has(key))) return false;
  return [...functions.values()].every(staysInMemory);
}

/** A collecting `new Writable({ write(chunk, enc, cb) { chunks.push(chunk); cb(); } })`. */
export function isCollectorWritable(value: TSESTree.Node): boolean {
  return (
    value.type === AST_NODE_TYPES.NewExpression && inMemoryOptions(value, 'Writable', writeMethods)
  );
}

/** An instance of a local class that extends `Readable`, whose constructor and `_read` only push. */
function isPushingSubclass(sourceCode: SourceCode, value: TSESTree.NewExpression): boolean {
  const callee = skipWrappers(value.callee);
  if (callee.type !== AST_NODE_TYPES.Identifier) return false;
  const def = findVariable(sourceCode, callee)?.defs[0];
  if (def?.type !== 'ClassName') return false;
  const declaration = def.node;
  if (
    declaration.superClass === null ||
    declaration.superClass === undefined ||
    calleeName(declaration.superClass) !== 'Readable'
  ) {
    return false;
  }
  let reads = false;
  for (const member of declaration.body.body) {
    if (member.type !== AST_NODE_TYPES.MethodDefinition) continue;
    const name = staticKeyName(member);
    const isRead = name !== null && readMethods.has(name);
    reads ||= isRead;
    if (!isRead && member.kind !== 'constructor') continue;
    if (!isFunctionNode(member.value) || !staysInMemory(member.value)) return false;
  }
  return reads;
}

/**
 * `archive` from `archiver(…)` or `new ZipArchive()`, fed here only with strings and buffers
 * through `append()`.
 */
function isArchiveFedInMemory(
  sourceCode: SourceCode,
  id: TSESTree.Identifier,
  value: TSESTree.CallExpression | TSESTree.NewExpression,
  isStream: (node: TSESTree.Node) => boolean,
): boolean {
  const ref = resolveReference(sourceCode, value.callee);
  if (ref === null || !archivers.has(ref.module)) return false;
  const references = findVariable(sourceCode, id)?.references ?? [];
  return references.every(({ identifier }) => {
    const parent = identifier.parent;
    // Handed to a call: who knows what feeds it there.
    if (parent?.type === AST_NODE_TYPES.CallExpression) return false;
    if (parent?.type !== AST_NODE_TYPES.MemberExpression || parent.object !== identifier) {
      return true;
    }
    const method = staticPropertyName(parent) ?? '';
    if (archiverDiskFeeds.has(method)) return false;
    const call = parent.parent;
    if (method !== archiverAppend || call.type !== AST_NODE_TYPES.CallExpression) return true;
    const fed = call.arguments[0];
    return fed !== undefined && !isStream(fed);
  });
}

/**
 * The source of a chain lives in memory (see the file comment). `value` is what the source's
 * binding `id` (if any) was initialized with; `isStream` says whether a node is a stream.
 */
export function isInMemorySource(
  sourceCode: SourceCode,
  id: TSESTree.Node,
  value: TSESTree.Node,
  isStream: (node: TSESTree.Node) => boolean,
): boolean {
  if (value.type !== AST_NODE_TYPES.NewExpression && value.type !== AST_NODE_TYPES.CallExpression)
    return false;
  if (value.type === AST_NODE_TYPES.NewExpression) {
    if (inMemoryOptions(value, 'Readable', readMethods) || isPushingSubclass(sourceCode, value))
      return true;
    const ref = resolveReference(sourceCode, value.callee);
    if (ref !== null && pushingReadables.some((known) => refMatches(ref, known))) return true;
  }
  return (
    id.type === AST_NODE_TYPES.Identifier && isArchiveFedInMemory(sourceCode, id, value, isStream)
  );
}
