/**
 * Is an expression a Node.js stream (`node:stream`), as opposed to anything else that has a
 * `pipe` method (RxJS observables, lodash/fp, Effect, gulp plugins of unknown shape)?
 *
 * With type information the answer comes from the type: the `pipe` member must be the one
 * `@types/node` declares (`stream.Readable#pipe` or `NodeJS.ReadableStream#pipe`). Without it
 * the answer is syntactic evidence, graded:
 * - `strong`: a known stream factory (`fs.createReadStream`, `zlib.createGzip`,
 *   `crypto.createHash`, `new PassThrough()`, `Readable.from`, `net.connect`, `http.request`),
 *   the response parameter of an `http.request(…, (res) => …)` callback or `'response'` listener,
 *   a `.stdin`/`.stdout`/`.stderr` member (child processes, `process`), a binding declared
 *   with a Node stream type (`Readable`, `ServerResponse`, `NodeJS.WritableStream`, express
 *   `Response`), or a local whose only value is one of those.
 * - `weak`: an untyped `req`/`res` parameter pair of a request handler (`(req, res) => …`).
 * Anything else has no evidence.
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '@typescript-eslint/types';

import { refMatches } from '../../analysis/resolve/match.js';
import { LISTENER_METHODS, RECEIVER_METHODS } from '../../catalog/events.js';
import { HANDLER_PARAMS } from '../../catalog/frameworks.js';
import {
  CLIENT_REQUESTS,
  FRAMEWORK_STREAM_TYPES,
  IN_MEMORY_READS,
  IN_MEMORY_SINKS,
  NODE_TYPES_FILE,
  NODE_TYPES_NAMESPACE,
  REQUEST_TYPE_NAMES,
  RESPONSE_TYPE_NAMES,
  STDIO,
  STREAM_CLASS_FACTORIES,
  STREAM_CLASSES,
  STREAM_EXPORTS,
  STREAM_FACTORY_NAMES,
  STREAM_TYPE_MODULES,
  STREAM_TYPE_NAMES,
  WEB_STREAM_TYPE_NAMES,
} from '../../catalog/streams.js';
import type { TypeServices } from '../../analysis/types/type-services.js';
import { isCollectorWritable, isInMemorySource } from './in-memory.js';
import { resolveReference } from '../../analysis/resolve/imports.js';
import {
  calleeName,
  findVariable,
  skipWrappers,
  staticPropertyName,
  soleInitializer,
} from '../../utils/ast/index.js';

type SourceCode = Readonly<TSESLint.SourceCode>;
type Variable = TSESLint.Scope.Variable;

export type Evidence = 'strong' | 'weak' | null;

const REQUEST_NAMES: ReadonlySet<string> = new Set(HANDLER_PARAMS.request);
const RESPONSE_NAMES: ReadonlySet<string> = new Set(HANDLER_PARAMS.response);
const LISTEN_METHODS: ReadonlySet<string> = new Set([
  ...LISTENER_METHODS.add,
  ...LISTENER_METHODS.once,
]);

/** `x.on(…).setEncoding(…)` → `x`, with the member calls that were peeled off. */
export function peelFluent(node: TSESTree.Node): {
  base: TSESTree.Node;
  calls: TSESTree.CallExpression[];
} {
  const calls: TSESTree.CallExpression[] = [];
  let current = skipWrappers(node);
  while (
    current.type === AST_NODE_TYPES.CallExpression &&
    current.callee.type === AST_NODE_TYPES.MemberExpression &&
    RECEIVER_METHODS.has(staticPropertyName(current.callee) ?? '')
  ) {
    calls.push(current);
    current = skipWrappers(current.callee.object);
  }
  return { base: current, calls };
}

/** `a.pipe(b)` with exactly one plain argument: the shape a Node stream pipe has. */
export function isPipeCall(node: TSESTree.Node): node is TSESTree.CallExpression & {
  callee: TSESTree.MemberExpression;
} {
  return (
    node.type === AST_NODE_TYPES.CallExpression &&
    node.callee.type === AST_NODE_TYPES.MemberExpression &&
    !node.callee.computed &&
    node.callee.property.type === AST_NODE_TYPES.Identifier &&
    node.callee.property.name === 'pipe' &&
    node.arguments.length === 1 &&
    node.arguments[0]?.type !== AST_NODE_TYPES.SpreadElement
  );
}

/** The export path without a leading `default` (CommonJS modules imported by default). */
function exportPath(ref: { path: readonly string[] }): readonly string[] {
  return ref.path[0] === 'default' ? ref.path.slice(1) : ref.path;
}

/** `process.stdin`/`stdout`/`stderr` (the global `process` or `node:process`). */
export function processStdioName(sourceCode: SourceCode, node: TSESTree.Node): string | null {
  const base = skipWrappers(peelFluent(node).base);
  if (base.type !== AST_NODE_TYPES.MemberExpression) return null;
  const name = staticPropertyName(base);
  if (name === null || !STDIO.has(name)) return null;
  const owner = resolveReference(sourceCode, base.object);
  if (owner === null) return null;
  const path = exportPath(owner);
  const isProcess =
    (owner.module === 'global' && path.length === 1 && path[0] === 'process') ||
    (owner.module === 'process' && path.length === 0);
  return isProcess ? name : null;
}

function factoryEvidence(
  sourceCode: SourceCode,
  node: TSESTree.CallExpression | TSESTree.NewExpression,
): Evidence {
  const name = calleeName(node.callee);
  if (name === null) return null;
  if (node.type === AST_NODE_TYPES.NewExpression) {
    if (STREAM_CLASSES.has(name)) return 'strong';
  } else if (STREAM_FACTORY_NAMES.has(name)) {
    return 'strong';
  }
  // `Readable.from(…)`, `stream.Duplex.from(…)`, `Readable.fromWeb(…)`
  const callee = skipWrappers(node.callee);
  if (
    callee.type === AST_NODE_TYPES.MemberExpression &&
    STREAM_CLASS_FACTORIES.has(name) &&
    STREAM_CLASSES.has(calleeName(callee.object) ?? '')
  ) {
    return 'strong';
  }
  const ref = resolveReference(sourceCode, node.callee);
  return ref !== null && STREAM_EXPORTS.some((known) => refMatches(ref, known)) ? 'strong' : null;
}

function typeNameParts(typeName: TSESTree.EntityName): {
  qualifier: string | null;
  name: string;
  id: TSESTree.Identifier | null;
} {
  if (typeName.type === AST_NODE_TYPES.Identifier)
    return { qualifier: null, name: typeName.name, id: typeName };
  if (typeName.type === AST_NODE_TYPES.TSQualifiedName) {
    const left = typeName.left;
    return {
      qualifier: left.type === AST_NODE_TYPES.Identifier ? left.name : null,
      name: typeName.right.name,
      id: null,
    };
  }
  return { qualifier: null, name: '', id: null };
}

function annotationEvidence(sourceCode: SourceCode, annotation: TSESTree.TypeNode): Evidence {
  if (annotation.type !== AST_NODE_TYPES.TSTypeReference) return null;
  const { qualifier, name, id } = typeNameParts(annotation.typeName);
  if (
    !STREAM_TYPE_NAMES.has(name) &&
    !Object.values(FRAMEWORK_STREAM_TYPES).some((set) => set.has(name))
  ) {
    return null;
  }
  // The web `ReadableStream`/`WritableStream` globals have no `.pipe()`.
  if (WEB_STREAM_TYPE_NAMES.has(name) && qualifier !== NODE_TYPES_NAMESPACE) return null;
  if (qualifier === NODE_TYPES_NAMESPACE) return 'strong';
  if (qualifier !== null) {
    // `stream.Readable`, `http.ServerResponse`, `express.Response`: trust the written module name.
    return STREAM_TYPE_NAMES.has(name) || qualifier === 'express' ? 'strong' : null;
  }
  if (id === null) return null;
  const variable = findVariable(sourceCode, id);
  const def = variable?.defs[0];
  if (def === undefined || (def.type as string) !== 'ImportBinding') return null;
  const declaration = def.node.parent;
  if (declaration?.type !== AST_NODE_TYPES.ImportDeclaration) return null;
  const module = declaration.source.value.replace(/^node:/, '');
  if (FRAMEWORK_STREAM_TYPES[module]?.has(name) === true) return 'strong';
  return STREAM_TYPE_MODULES.has(module) && STREAM_TYPE_NAMES.has(name) ? 'strong' : null;
}

/** `http` or `https` itself, or a choice between them (`(secure ? https : http)`). */
function isHttpModule(sourceCode: SourceCode, node: TSESTree.Node): boolean {
  const value = skipWrappers(node);
  if (value.type === AST_NODE_TYPES.ConditionalExpression) {
    return isHttpModule(sourceCode, value.consequent) && isHttpModule(sourceCode, value.alternate);
  }
  const ref = resolveReference(sourceCode, value);
  return ref !== null && CLIENT_REQUESTS.modules.has(ref.module) && exportPath(ref).length === 0;
}

/**
 * `http.request(…)`, `https.get(…)`, `(secure ? https : http).request(…)`: a client request,
 * whose response is an `IncomingMessage`.
 */
function isClientRequestCall(sourceCode: SourceCode, node: TSESTree.Node): boolean {
  if (node.type !== AST_NODE_TYPES.CallExpression) return false;
  const callee = skipWrappers(node.callee);
  if (
    callee.type === AST_NODE_TYPES.MemberExpression &&
    CLIENT_REQUESTS.methods.has(staticPropertyName(callee) ?? '') &&
    isHttpModule(sourceCode, callee.object)
  ) {
    return true;
  }
  const ref = resolveReference(sourceCode, node.callee);
  if (ref === null || !CLIENT_REQUESTS.modules.has(ref.module)) return false;
  const path = exportPath(ref);
  return path.length === 1 && CLIENT_REQUESTS.methods.has(path[0] ?? '');
}

/**
 * `fn` receives an upstream response: it is the callback of `http.request(…, fn)` (or `get`,
 * `https`), or a `'response'` listener on such a request.
 */
function receivesUpstreamResponse(sourceCode: SourceCode, fn: TSESTree.Node): boolean {
  const call = fn.parent;
  if (call?.type !== AST_NODE_TYPES.CallExpression) return false;
  if (isClientRequestCall(sourceCode, call)) return call.arguments.at(-1) === fn;
  const callee = call.callee;
  const event = call.arguments[0];
  return (
    callee.type === AST_NODE_TYPES.MemberExpression &&
    LISTEN_METHODS.has(staticPropertyName(callee) ?? '') &&
    event?.type === AST_NODE_TYPES.Literal &&
    event.value === CLIENT_REQUESTS.responseEvent &&
    call.arguments[1] === fn &&
    isClientRequestCall(sourceCode, definingExpression(sourceCode, callee.object))
  );
}

function parameterEvidence(
  sourceCode: SourceCode,
  id: TSESTree.Identifier,
  fn: TSESTree.Node,
): Evidence {
  // oxlint's AST has `typeAnnotation: null` where typescript-eslint leaves it out.
  if (id.typeAnnotation) return annotationEvidence(sourceCode, id.typeAnnotation.typeAnnotation);
  if (
    fn.type !== AST_NODE_TYPES.ArrowFunctionExpression &&
    fn.type !== AST_NODE_TYPES.FunctionExpression &&
    fn.type !== AST_NODE_TYPES.FunctionDeclaration
  ) {
    return null;
  }
  if (fn.params[0] === id && receivesUpstreamResponse(sourceCode, fn)) return 'strong';
  const [first, second] = fn.params;
  const isHandler =
    first?.type === AST_NODE_TYPES.Identifier &&
    second?.type === AST_NODE_TYPES.Identifier &&
    REQUEST_NAMES.has(first.name) &&
    RESPONSE_NAMES.has(second.name);
  return isHandler && (id === first || id === second) ? 'weak' : null;
}

function variableEvidence(
  sourceCode: SourceCode,
  variable: Variable,
  visiting: Set<Variable>,
): Evidence {
  if (variable.defs.length !== 1 || visiting.has(variable)) return null;
  const def = variable.defs[0];
  if (def === undefined) return null;
  if ((def.type as string) === 'Parameter' && def.name.type === AST_NODE_TYPES.Identifier) {
    return parameterEvidence(sourceCode, def.name, def.node);
  }
  if ((def.type as string) !== 'Variable') return null;
  const declarator = def.node as TSESTree.VariableDeclarator;
  if (declarator.id !== def.name) return null;
  if (declarator.id.type === AST_NODE_TYPES.Identifier && declarator.id.typeAnnotation) {
    const annotated = annotationEvidence(sourceCode, declarator.id.typeAnnotation.typeAnnotation);
    if (annotated !== null) return annotated;
  }
  const init = soleInitializer(variable);
  if (init === null) return null;
  visiting.add(variable);
  const result = evidenceOf(sourceCode, init, visiting);
  visiting.delete(variable);
  return result;
}

function evidenceOf(sourceCode: SourceCode, raw: TSESTree.Node, visiting: Set<Variable>): Evidence {
  const node = skipWrappers(peelFluent(raw).base);
  switch (node.type) {
    case AST_NODE_TYPES.CallExpression:
      // `a.pipe(b)` returns `b`.
      if (isPipeCall(node)) return evidenceOf(sourceCode, node.arguments[0], visiting);
      return factoryEvidence(sourceCode, node);
    case AST_NODE_TYPES.NewExpression:
      return factoryEvidence(sourceCode, node);
    case AST_NODE_TYPES.MemberExpression:
      return STDIO.has(staticPropertyName(node) ?? '') ? 'strong' : null;
    case AST_NODE_TYPES.Identifier: {
      const variable = findVariable(sourceCode, node);
      return variable === undefined ? null : variableEvidence(sourceCode, variable, visiting);
    }
    default:
      return null;
  }
}

/** Syntactic evidence that `node` is a Node stream (`null`: none). */
export function streamEvidence(sourceCode: SourceCode, node: TSESTree.Node): Evidence {
  return evidenceOf(sourceCode, node, new Set());
}

// Values of `ts.TypeFlags` (stable since TypeScript 3), read without importing `typescript`
// so that the rule also loads in projects that do not install it.
const ANY_OR_UNKNOWN = 1 | 2;
const NULLISH = 16384 | 32768 | 65536 | 131072; // void, undefined, null, never

/**
 * With type information: `true` when the value's `pipe` is `@types/node`'s, `false` when it
 * has another `pipe` (or none), `undefined` when there are no types or the type is `any`.
 */
export function isNodeStreamByType(
  types: TypeServices | null,
  node: TSESTree.Node,
): boolean | undefined {
  if (types === null) return undefined;
  const { checker } = types;
  const type = types.typeOf(node);
  const parts = type.isUnion() ? type.types : [type];
  let sawStream = false;
  for (const part of parts) {
    const flags = part.getFlags();
    if ((flags & ANY_OR_UNKNOWN) !== 0) return undefined;
    if ((flags & NULLISH) !== 0) continue;
    const pipe = checker.getPropertyOfType(checker.getApparentType(part), 'pipe');
    const declarations = pipe?.getDeclarations() ?? [];
    if (declarations.length === 0) return false;
    if (!declarations.every((d) => NODE_TYPES_FILE.test(d.getSourceFile().fileName))) return false;
    sawStream = true;
  }
  return sawStream ? true : undefined;
}

/** The expression a stream expression stands for: through `.on()` chains and `const` locals. */
export function definingExpression(sourceCode: SourceCode, node: TSESTree.Node): TSESTree.Node {
  let current = skipWrappers(peelFluent(node).base);
  for (let depth = 0; depth < 8 && current.type === AST_NODE_TYPES.Identifier; depth++) {
    const init = soleInitializer(findVariable(sourceCode, current));
    if (init === null) break;
    current = skipWrappers(peelFluent(init).base);
  }
  return current;
}

type SinkUse = 'read' | 'quiet' | null;

/** A method called on a PassThrough sink: reading it, listening quietly, or anything else (`null`). */
function callUse(call: TSESTree.CallExpression): SinkUse {
  if (call.callee.type !== AST_NODE_TYPES.MemberExpression) return null;
  const method = staticPropertyName(call.callee) ?? '';
  if (IN_MEMORY_READS.methods.has(method)) return 'read';
  if (!LISTEN_METHODS.has(method)) return null;
  const event = call.arguments[0];
  const name = event?.type === AST_NODE_TYPES.Literal ? event.value : null;
  if (typeof name !== 'string') return null;
  if (IN_MEMORY_READS.events.has(name)) return 'read';
  return IN_MEMORY_READS.quietEvents.has(name) ? 'quiet' : null;
}

/**
 * How a reference of a PassThrough sink is used: `'read'` (data listener, `.read()`, `for await`),
 * `'quiet'` (fed by `.pipe()`, an end/error listener), `null` for anything that lets it go
 * elsewhere (piped on, handed to a call, returned, destroyed).
 */
function sinkUse(id: TSESTree.Node): SinkUse {
  const parent = id.parent;
  if (parent === undefined) return null;
  if (isPipeCall(parent) && parent.arguments[0] === id) return 'quiet';
  if (parent.type === AST_NODE_TYPES.ForOfStatement && parent.right === id && parent.await) {
    return 'read';
  }
  return parent.type === AST_NODE_TYPES.MemberExpression &&
    parent.object === id &&
    parent.parent.type === AST_NODE_TYPES.CallExpression &&
    parent.parent.callee === parent
    ? callUse(parent.parent)
    : null;
}

/** A `const` PassThrough that is only read here, in memory: nothing can close it early. */
function isReadInMemory(sourceCode: SourceCode, node: TSESTree.Node): boolean {
  const base = skipWrappers(peelFluent(node).base);
  if (base.type !== AST_NODE_TYPES.Identifier) return false;
  const variable = findVariable(sourceCode, base);
  const init = soleInitializer(variable);
  if (variable === undefined || init === null) return false;
  const { base: value, calls } = peelFluent(init);
  if (
    value.type !== AST_NODE_TYPES.NewExpression ||
    calleeName(value.callee) !== IN_MEMORY_READS.passThrough
  ) {
    return false;
  }
  const references = variable.references.filter((reference) => !reference.init);
  const uses = [
    ...calls.map(callUse),
    ...references.map((reference) => sinkUse(reference.identifier)),
  ];
  return uses.includes('read') && !uses.includes(null);
}

/**
 * Sinks that cannot close early, so nothing upstream can leak into them: `crypto.createHash()`
 * and `createHmac()`, a `new Writable()` that collects chunks, and a `const`
 * `new PassThrough()` that is only read here in memory.
 */
export function isInMemorySink(sourceCode: SourceCode, node: TSESTree.Node): boolean {
  const value = definingExpression(sourceCode, node);
  if (isCollectorWritable(value)) return true;
  if (
    value.type === AST_NODE_TYPES.CallExpression &&
    IN_MEMORY_SINKS.has(calleeName(value.callee) ?? '')
  ) {
    return true;
  }
  return isReadInMemory(sourceCode, node);
}

/** A source that holds no descriptor or socket (see `in-memory.ts`): nothing of it stays open. */
export function isInMemorySourceStream(sourceCode: SourceCode, node: TSESTree.Node): boolean {
  const base = skipWrappers(peelFluent(node).base);
  const value = definingExpression(sourceCode, node);
  return isInMemorySource(sourceCode, base, value, (n) => streamEvidence(sourceCode, n) !== null);
}

/** The type's name or that of one of its bases (express `Request` extends `IncomingMessage`). */
function typeNamed(
  types: TypeServices | null,
  node: TSESTree.Node,
  names: ReadonlySet<string>,
): boolean {
  if (types === null) return false;
  const seen = new Set<unknown>();
  let pending = [types.typeOf(node)];
  for (let depth = 0; depth < 6 && pending.length > 0; depth++) {
    const next: typeof pending = [];
    for (const type of pending) {
      if (seen.has(type)) continue;
      seen.add(type);
      const name = type.getSymbol()?.name;
      if (name !== undefined && names.has(name)) return true;
      // `ServerResponse & { req: IncomingMessage }`, as `http.createServer` types its listener.
      if (type.isUnionOrIntersection()) next.push(...type.types);
      next.push(...(type.isClassOrInterface() ? (type.getBaseTypes() ?? []) : []));
    }
    pending = next;
  }
  return false;
}

function sideOfHandler(
  types: TypeServices | null,
  param: TSESTree.Parameter | undefined,
  names: ReadonlySet<string>,
  typeNames: ReadonlySet<string>,
): boolean {
  if (param?.type !== AST_NODE_TYPES.Identifier) return false;
  if (names.has(param.name)) return true;
  const annotation = param.typeAnnotation?.typeAnnotation;
  if (
    annotation?.type === AST_NODE_TYPES.TSTypeReference &&
    typeNames.has(typeNameParts(annotation.typeName).name)
  ) {
    return true;
  }
  return typeNamed(types, param, typeNames);
}

/**
 * The incoming request of a server handler: the first parameter of a `(req, res)` function,
 * each side known by its name (`req`/`request`, `res`/`response`) or its type
 * (`IncomingMessage` or express `Request`; `ServerResponse` or express `Response`). An
 * `IncomingMessage` alone is not enough: a client's upstream response is one too.
 */
export function isIncomingRequest(
  sourceCode: SourceCode,
  types: TypeServices | null,
  node: TSESTree.Node,
): boolean {
  const base = skipWrappers(peelFluent(node).base);
  if (base.type !== AST_NODE_TYPES.Identifier) return false;
  const variable = findVariable(sourceCode, base);
  const def = variable?.defs.length === 1 ? variable.defs[0] : undefined;
  if (def === undefined || (def.type as string) !== 'Parameter') return false;
  const fn = def.node as TSESTree.FunctionLike;
  if (!('params' in fn) || fn.params[0] !== def.name) return false;
  return (
    sideOfHandler(types, fn.params[0], REQUEST_NAMES, REQUEST_TYPE_NAMES) &&
    sideOfHandler(types, fn.params[1], RESPONSE_NAMES, RESPONSE_TYPE_NAMES)
  );
}
