/**
 * Does a node run once per request, per iteration, per event or per call of an ordinary
 * function — or once for the life of the process?
 *
 * `perCallSite` finds the innermost construct around a node that repeats: a loop body, an
 * iteration callback (`.map`, `.forEach`, …), a request handler (the frameworks and platforms
 * of `catalog/frameworks.ts`), an event listener or `setInterval` callback, or an ordinary
 * function. Module scope, class fields, static blocks, constructors, test callbacks, plugin
 * bodies and functions that run once (`main`, `bootstrap`, a function only called from module
 * scope) are not sites. Callbacks of unknown callees, IIFEs and promise executors are
 * transparent: the function around them decides. Syntactic and scope-based.
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '@typescript-eslint/types';

import { fileImports } from '../resolve/imports.js';
import { LISTENER_METHODS } from '../../catalog/events.js';
import { PROMISE_METHODS } from '../../catalog/vocabulary.js';
import {
  ENTRY_POINT_NAMES,
  FALLBACK_FRAMEWORK_MODULE,
  FASTIFY_ROUTE_HOOKS,
  FRAMEWORK_MODULES,
  HANDLER_PARAMS,
  ITERATION_FROM,
  ITERATION_METHODS,
  MIDDLEWARE_METHOD,
  NEXT_FILES,
  PER_CALL_EVENTS,
  REMIX,
  REPEATING_TIMERS,
  REQUEST_EVENT,
  ROUTE_CHAIN_METHOD,
  ROUTE_DECORATORS,
  ROUTE_EXPORTS,
  ROUTE_METHODS,
  RUN_ONCE_METHODS,
  RUN_ONCE_WRAPPERS,
  SCHEDULE_METHODS,
  SERVER_FACTORIES,
  SERVERLESS,
  VERB_ROUTE_METHOD,
  type Framework,
} from '../../catalog/frameworks.js';
import { TEST_CALLBACK_CALLEES } from '../../catalog/test-runners.js';
import {
  chainRoot,
  enclosingFunction,
  findVariable,
  isFunctionNode,
  outermostWrapper,
  skipWrappers,
  staticKeyName,
  staticPropertyName,
  stringValue,
  type FunctionNode,
  type SourceCodeLike,
} from '../../utils/ast/index.js';
import { isTestFile } from './test-files.js';

type Variable = TSESLint.Scope.Variable;

export type LoopNode =
  | TSESTree.DoWhileStatement
  | TSESTree.ForInStatement
  | TSESTree.ForOfStatement
  | TSESTree.ForStatement
  | TSESTree.WhileStatement;

export type PerCallSite =
  | { kind: 'handler'; framework: Framework; node: FunctionNode }
  | { kind: 'loop'; node: LoopNode }
  | { kind: 'iteration'; node: FunctionNode; call: TSESTree.CallExpression }
  | { kind: 'listener'; node: FunctionNode }
  | { kind: 'function'; node: FunctionNode; getter: boolean };

/** What a function is, as far as how often it runs. */
export type FunctionRole =
  | { role: 'handler'; framework: Framework }
  | { role: 'iteration'; call: TSESTree.CallExpression }
  | { role: 'listener' }
  /** Runs when and as often as the code around it: IIFE, promise executor, unknown callback. */
  | { role: 'transparent' }
  /** Runs once per process (or per test): `main`, a plugin body, a test callback, a constructor. */
  | { role: 'once' }
  | { role: 'ordinary'; getter: boolean };

/** What the analysis needs from the rule context. */
export interface PerCallEnv {
  sourceCode: SourceCodeLike;
  filename: string;
}

const ONCE: FunctionRole = { role: 'once' };
const TRANSPARENT: FunctionRole = { role: 'transparent' };
const LISTENER: FunctionRole = { role: 'listener' };
const LISTEN_METHODS: ReadonlySet<string> = new Set(LISTENER_METHODS.add);

const handler = (framework: Framework): FunctionRole => ({ role: 'handler', framework });

const memoRole = new WeakMap<TSESTree.Node, FunctionRole>();

/** `'/users/:id'`, `` `/v1/${x}` ``, `/^\/a/`, `['/a', '/b']`. */
function isPathLike(node: TSESTree.Node | undefined): boolean {
  if (node === undefined) return false;
  if (node.type === AST_NODE_TYPES.Literal) {
    if (typeof node.value === 'string') return node.value.startsWith('/') || node.value === '*';
    return 'regex' in node;
  }
  if (node.type === AST_NODE_TYPES.TemplateLiteral)
    return node.quasis[0]?.value.cooked?.startsWith('/') ?? false;
  if (node.type === AST_NODE_TYPES.ArrayExpression)
    return node.elements.length > 0 && node.elements.every((e) => e !== null && isPathLike(e));
  return false;
}

function paramName(fn: TSESTree.Node, index: number): string | null {
  if (!isFunctionNode(fn)) return null;
  let param: TSESTree.Node | undefined = fn.params[index];
  if (param?.type === AST_NODE_TYPES.AssignmentPattern) param = param.left;
  return param?.type === AST_NODE_TYPES.Identifier ? param.name : null;
}

const isOneOf = (names: readonly string[], name: string | null): boolean =>
  name !== null && names.includes(name);

const importsModule = (
  module: string,
  known: { modules: readonly string[]; prefixes?: readonly string[] },
): boolean =>
  known.modules.includes(module) ||
  (known.prefixes ?? []).some((prefix) => module.startsWith(prefix));

function frameworkFromImports(env: PerCallEnv): Framework {
  const modules = fileImports(env.sourceCode);
  for (const module of modules) {
    const found = FRAMEWORK_MODULES.find((known) => importsModule(module, known));
    if (found !== undefined) return found.framework;
  }
  return modules.has(FALLBACK_FRAMEWORK_MODULE.module)
    ? FALLBACK_FRAMEWORK_MODULE.framework
    : 'node-http';
}

/** `(req, res)`, `(request, reply)`, `(ctx, next)`: the parameters of a request handler. */
function handlerParams(fn: TSESTree.Node, env: PerCallEnv): Framework | null {
  const first = paramName(fn, 0);
  const second = paramName(fn, 1);
  if (
    isOneOf(HANDLER_PARAMS.request, first) &&
    (isOneOf(HANDLER_PARAMS.response, second) || isOneOf(HANDLER_PARAMS.reply, second))
  ) {
    return frameworkFromImports(env);
  }
  const [context, next] = HANDLER_PARAMS.koa;
  return first === context && second === next ? 'koa' : null;
}

/** `app.get('/a', fn)`, `app.route('/a').get(fn)`, `app.get('/a', auth, fn)`: a route. */
function routeRole(
  env: PerCallEnv,
  call: TSESTree.CallExpression,
  object: TSESTree.Node,
  arg: TSESTree.Node,
  index: number,
): FunctionRole | null {
  const chained =
    object.type === AST_NODE_TYPES.CallExpression &&
    object.callee.type === AST_NODE_TYPES.MemberExpression &&
    (staticPropertyName(object.callee) === ROUTE_CHAIN_METHOD ||
      ROUTE_METHODS.has(staticPropertyName(object.callee) ?? ''));
  const routed =
    chained || (index >= 1 && (isPathLike(call.arguments[0]) || handlerParams(arg, env) !== null));
  return routed ? handler(frameworkFromImports(env)) : null;
}

/** The role a callback gets from a method call it is passed to (`app.get`, `xs.map`, `on`). */
function methodCallbackRole(
  env: PerCallEnv,
  call: TSESTree.CallExpression,
  callee: TSESTree.MemberExpression,
  arg: TSESTree.Node,
  index: number,
): FunctionRole | null | undefined {
  const method = staticPropertyName(callee);
  const object = skipWrappers(callee.object);
  const objectName = object.type === AST_NODE_TYPES.Identifier ? object.name : null;
  const first = call.arguments[0];
  if (method === null) return null;
  if (ITERATION_METHODS.has(method) && index === 0) return { role: 'iteration', call };
  if (
    method === ITERATION_FROM.method &&
    objectName === ITERATION_FROM.object &&
    index === ITERATION_FROM.callbackIndex
  )
    return { role: 'iteration', call };
  if (PROMISE_METHODS.has(method)) return TRANSPARENT;
  if (ROUTE_METHODS.has(method)) return routeRole(env, call, object, arg, index);
  if (
    method === MIDDLEWARE_METHOD &&
    ((index >= 1 && isPathLike(first)) || handlerParams(arg, env) !== null)
  )
    return handler(frameworkFromImports(env));
  if (
    method === VERB_ROUTE_METHOD &&
    call.arguments.length >= 3 &&
    index >= 2 &&
    isPathLike(call.arguments[1])
  )
    return handler(frameworkFromImports(env));
  if (LISTEN_METHODS.has(method) && index === 1) {
    const event = stringValue(first);
    if (event === REQUEST_EVENT) return handler('node-http');
    return event !== null && PER_CALL_EVENTS.has(event) ? LISTENER : null;
  }
  if (RUN_ONCE_METHODS.has(method)) return ONCE;
  if (SERVER_FACTORIES.has(method)) return handler('node-http');
  if (
    SERVERLESS.cloudFunctionsMethods.has(method) &&
    objectName === SERVERLESS.cloudFunctionsNamespace
  )
    return handler('google-cloud-functions');
  if (SERVERLESS.firebaseTriggers.has(method)) return handler('google-cloud-functions');
  if (SCHEDULE_METHODS.has(method) && index >= 1) return LISTENER;
  return undefined;
}

/** The role a callback gets from the call it is passed to. */
function callbackRole(
  env: PerCallEnv,
  call: TSESTree.CallExpression,
  arg: TSESTree.Node,
): FunctionRole | null {
  const index = call.arguments.indexOf(arg as TSESTree.CallExpressionArgument);
  const callee = skipWrappers(call.callee);
  const root = chainRoot(callee);
  if (root?.type === AST_NODE_TYPES.Identifier && TEST_CALLBACK_CALLEES.has(root.name)) return ONCE;
  if (callee.type === AST_NODE_TYPES.Identifier) {
    if (REPEATING_TIMERS.has(callee.name)) return LISTENER;
    if (SERVER_FACTORIES.has(callee.name)) return handler('node-http');
    if (SERVERLESS.firebaseTriggers.has(callee.name)) return handler('google-cloud-functions');
    if (RUN_ONCE_WRAPPERS.has(callee.name)) return ONCE;
  } else if (callee.type === AST_NODE_TYPES.MemberExpression) {
    const role = methodCallbackRole(env, call, callee, arg, index);
    if (role !== undefined) return role;
  }
  // A wrapper: `asyncHandler(async (req, res) => …)`, `middy(async (event) => …)`.
  const wrapped = positionRole(env, call);
  if (wrapped !== null && wrapped.role === 'handler') return wrapped;
  const guessed = handlerParams(arg, env);
  return guessed === null ? TRANSPARENT : handler(guessed);
}

/** The name under which a function (or a call wrapping one) is exported, if it is. */
export function exportedName(env: PerCallEnv, node: TSESTree.Node): string | null {
  const parent = node.parent;
  if (parent === undefined) return null;
  if (parent.type === AST_NODE_TYPES.ExportDefaultDeclaration) return 'default';
  if (node.type === AST_NODE_TYPES.FunctionDeclaration) {
    if (parent.type === AST_NODE_TYPES.ExportNamedDeclaration) return node.id?.name ?? null;
    return node.id === null ? null : exportedBinding(env, node.id);
  }
  if (
    parent.type === AST_NODE_TYPES.VariableDeclarator &&
    parent.init === node &&
    parent.id.type === AST_NODE_TYPES.Identifier
  ) {
    if (parent.parent.parent?.type === AST_NODE_TYPES.ExportNamedDeclaration) return parent.id.name;
    return exportedBinding(env, parent.id);
  }
  if (parent.type === AST_NODE_TYPES.AssignmentExpression && parent.right === node)
    return commonJsExport(parent.left);
  return null;
}

/** `exports.handler`, `module.exports.handler` → `'handler'`; `module.exports` → `'default'`. */
function commonJsExport(target: TSESTree.Node): string | null {
  if (target.type !== AST_NODE_TYPES.MemberExpression) return null;
  const name = staticPropertyName(target);
  const object = target.object;
  if (object.type === AST_NODE_TYPES.Identifier && object.name === 'module' && name === 'exports')
    return 'default';
  if (object.type === AST_NODE_TYPES.Identifier && object.name === 'exports') return name;
  if (object.type === AST_NODE_TYPES.MemberExpression && commonJsExport(object) === 'default')
    return name;
  return null;
}

/** `export { GET }`, `export default handler`, `module.exports = { handler }` of a local binding. */
function exportedBinding(env: PerCallEnv, id: TSESTree.Identifier): string | null {
  const variable = findVariable(env.sourceCode, id);
  if (variable === undefined) return null;
  for (const reference of variable.references) {
    const parent = reference.identifier.parent;
    if (parent?.type === AST_NODE_TYPES.ExportSpecifier) {
      return parent.exported.type === AST_NODE_TYPES.Identifier
        ? parent.exported.name
        : String(parent.exported.value);
    }
    if (parent?.type === AST_NODE_TYPES.ExportDefaultDeclaration) return 'default';
    if (
      parent?.type === AST_NODE_TYPES.AssignmentExpression &&
      parent.right === reference.identifier
    ) {
      const name = commonJsExport(parent.left);
      if (name !== null) return name;
    }
    if (
      parent?.type === AST_NODE_TYPES.Property &&
      parent.value === reference.identifier &&
      parent.parent.type === AST_NODE_TYPES.ObjectExpression &&
      parent.parent.parent?.type === AST_NODE_TYPES.AssignmentExpression &&
      commonJsExport(parent.parent.parent.left) === 'default'
    ) {
      return parent.key.type === AST_NODE_TYPES.Identifier ? parent.key.name : null;
    }
  }
  return null;
}

/** The role an exported function gets from its name and file: routes, serverless handlers. */
function exportRole(env: PerCallEnv, name: string, fn: TSESTree.Node): FunctionRole | null {
  const file = env.filename.replaceAll('\\', '/');
  const inApiDir = NEXT_FILES.apiDirectory.test(file);
  if (ROUTE_EXPORTS.has(name)) return handler('next');
  if (name === SERVERLESS.lambdaExport)
    return handler(inApiDir && NEXT_FILES.pagesDirectory.test(file) ? 'next' : 'aws-lambda');
  if (name === 'default' && inApiDir) return handler('next');
  if (name === NEXT_FILES.middlewareExport && NEXT_FILES.middleware.test(file))
    return handler('next');
  if (isOneOf(REMIX.exports, name)) {
    if ([...fileImports(env.sourceCode)].some((module) => importsModule(module, REMIX)))
      return handler('remix');
  }
  const guessed = handlerParams(fn, env);
  if (guessed !== null) return handler(guessed);
  const [event, context] = SERVERLESS.lambdaParams;
  if (
    paramName(fn, 0) === event &&
    (paramName(fn, 1) === context || fn.type !== AST_NODE_TYPES.CallExpression) &&
    SERVERLESS.lambdaExportPattern.test(name)
  )
    return handler('aws-lambda');
  return null;
}

/** `export default { fetch(request, env, ctx) {…} }` (Cloudflare Workers), directly or through a binding. */
function isWorkerObject(env: PerCallEnv, object: TSESTree.ObjectExpression): boolean {
  return exportedName(env, outermostWrapper(object)) === 'default';
}

/** A function as the value of `{ key: fn }`: a Fastify route hook or a Workers handler. */
function propertyRole(env: PerCallEnv, property: TSESTree.Property): FunctionRole | null {
  if (property.parent.type !== AST_NODE_TYPES.ObjectExpression) return null;
  const key = staticKeyName(property);
  if (key === null) return null;
  const object = property.parent;
  const holder = object.parent;
  if (FASTIFY_ROUTE_HOOKS.has(key) && holder?.type === AST_NODE_TYPES.CallExpression) {
    const method =
      holder.callee.type === AST_NODE_TYPES.MemberExpression
        ? staticPropertyName(holder.callee)
        : null;
    if (method === ROUTE_CHAIN_METHOD || (method !== null && ROUTE_METHODS.has(method)))
      return handler('fastify');
  }
  if (SERVERLESS.workerHandlers.has(key) && isWorkerObject(env, object))
    return handler('cloudflare-workers');
  return null;
}

/**
 * The role an expression gets from where it stands: passed as a callback, exported, called in
 * place. `node` is a function, an identifier naming one, or a call wrapping one.
 */
function positionRole(env: PerCallEnv, node: TSESTree.Node): FunctionRole | null {
  const current = outermostWrapper(node);
  const parent = current.parent;
  if (parent === undefined) return null;
  switch (parent.type) {
    case AST_NODE_TYPES.CallExpression:
      if (parent.callee === current) return isFunctionNode(node) ? TRANSPARENT : null;
      return callbackRole(env, parent, current);
    case AST_NODE_TYPES.NewExpression:
      return parent.callee === current ? null : TRANSPARENT;
    case AST_NODE_TYPES.Property:
      return parent.value === current ? propertyRole(env, parent) : null;
    default: {
      const name = exportedName(env, current);
      return name === null ? null : exportRole(env, name, node);
    }
  }
}

/** The name a function is known by: its own, its binding's, its key's. */
export function functionName(fn: FunctionNode): string | null {
  if (fn.id) return fn.id.name;
  const parent = fn.parent;
  if (
    parent?.type === AST_NODE_TYPES.VariableDeclarator &&
    parent.id.type === AST_NODE_TYPES.Identifier
  )
    return parent.id.name;
  if (
    parent?.type === AST_NODE_TYPES.MethodDefinition ||
    parent?.type === AST_NODE_TYPES.Property ||
    parent?.type === AST_NODE_TYPES.PropertyDefinition
  )
    return staticKeyName(parent);
  // `Connection.clientFactory = () => …`
  if (
    parent?.type === AST_NODE_TYPES.AssignmentExpression &&
    parent.right === fn &&
    parent.left.type === AST_NODE_TYPES.MemberExpression
  ) {
    return staticPropertyName(parent.left);
  }
  return null;
}

function isInLoopBody(node: TSESTree.Node): boolean {
  for (let child = node, parent = node.parent; parent; child = parent, parent = parent.parent) {
    if (loopRepeats(parent, child)) return true;
  }
  return false;
}

/** The binding a named function is referenced through (declaration or `const f = …`). */
function bindingOf(env: PerCallEnv, fn: FunctionNode): Variable | undefined {
  if (fn.type === AST_NODE_TYPES.FunctionDeclaration && fn.id)
    return findVariable(env.sourceCode, fn.id);
  const parent = fn.parent;
  if (
    parent?.type === AST_NODE_TYPES.VariableDeclarator &&
    parent.init === fn &&
    parent.id.type === AST_NODE_TYPES.Identifier
  ) {
    return findVariable(env.sourceCode, parent.id);
  }
  return undefined;
}

/** How often a function runs: handler, iteration callback, listener, once, ordinary. Memoised. */
export function functionRole(env: PerCallEnv, fn: FunctionNode): FunctionRole {
  const cached = memoRole.get(fn);
  if (cached !== undefined) return cached;
  let role: FunctionRole;
  inProgress.add(fn);
  try {
    role = computeRole(env, fn);
  } finally {
    inProgress.delete(fn);
  }
  // In tests, an ordinary function is a helper run per test, not per request.
  if (role.role === 'ordinary' && isTestFile(env)) role = ONCE;
  memoRole.set(fn, role);
  return role;
}

/** A method with a route decorator: `@Get(':id') find() {…}`. */
function isRouteMethod(method: TSESTree.MethodDefinition): boolean {
  // espree (plain JavaScript) gives class members no `decorators` array.
  return (method.decorators ?? []).some((decorator) => {
    const expression = decorator.expression;
    const callee =
      expression.type === AST_NODE_TYPES.CallExpression ? expression.callee : expression;
    return callee.type === AST_NODE_TYPES.Identifier && ROUTE_DECORATORS.has(callee.name);
  });
}

/** A function called only from code that runs once (module scope, `main()`), and not exported. */
function calledOnlyOnce(env: PerCallEnv, fn: FunctionNode): FunctionRole | null {
  const binding = bindingOf(env, fn);
  if (binding === undefined) return null;
  const uses = binding.references.filter(
    (reference) => !reference.init && reference.identifier !== fn.id,
  );
  let onlyModuleCalls = uses.length > 0;
  for (const reference of uses) {
    const id = reference.identifier;
    const role = positionRole(env, id);
    if (role !== null && role.role !== 'transparent') return role;
    const call = id.parent;
    const isCall = call?.type === AST_NODE_TYPES.CallExpression && call.callee === id;
    if (!isCall || !runsOnce(env, id) || isInLoopBody(id)) onlyModuleCalls = false;
  }
  return onlyModuleCalls && exportedName(env, fn) === null ? ONCE : null;
}

function computeRole(env: PerCallEnv, fn: FunctionNode): FunctionRole {
  const parent = fn.parent;
  const name = functionName(fn);
  const entryPoint = name !== null && ENTRY_POINT_NAMES.test(name);
  if (parent?.type === AST_NODE_TYPES.MethodDefinition && parent.value === fn) {
    if (parent.kind === 'constructor') return ONCE;
    if (isRouteMethod(parent)) return handler('nestjs');
    if (entryPoint) return ONCE;
    return { role: 'ordinary', getter: parent.kind === 'get' };
  }
  const position = positionRole(env, fn);
  if (position !== null) return position;
  if (
    parent?.type === AST_NODE_TYPES.Property ||
    parent?.type === AST_NODE_TYPES.PropertyDefinition
  ) {
    if (entryPoint) return ONCE;
    return {
      role: 'ordinary',
      getter: parent.type === AST_NODE_TYPES.Property && parent.kind === 'get',
    };
  }
  if (entryPoint) return ONCE;
  return calledOnlyOnce(env, fn) ?? { role: 'ordinary', getter: false };
}

/**
 * Whether `node` runs once per process: at module scope, in an IIFE there, or in a function
 * that itself runs once (`main()` calling `recreateDatabase()`).
 */
function runsOnce(env: PerCallEnv, node: TSESTree.Node): boolean {
  for (let fn = enclosingFunction(node); fn; fn = enclosingFunction(fn)) {
    const parent = fn.parent;
    if (parent?.type === AST_NODE_TYPES.CallExpression && parent.callee === fn) continue;
    if (inProgress.has(fn)) return false;
    return functionRole(env, fn).role === 'once';
  }
  return true;
}

/** Functions whose role is being computed: a cycle of calls is not evidence of running once. */
const inProgress = new WeakSet<TSESTree.Node>();

/** `child` is a part of loop `node` that runs on every iteration. */
function loopRepeats(node: TSESTree.Node, child: TSESTree.Node): node is LoopNode {
  switch (node.type) {
    case AST_NODE_TYPES.ForStatement:
      return child === node.body || child === node.test || child === node.update;
    case AST_NODE_TYPES.ForInStatement:
    case AST_NODE_TYPES.ForOfStatement:
      return child === node.body;
    case AST_NODE_TYPES.WhileStatement:
    case AST_NODE_TYPES.DoWhileStatement:
      return child === node.body || child === node.test;
    default:
      return false;
  }
}

/** The site a function is, given its role; `null` when it runs once, `undefined` when transparent. */
function siteOf(env: PerCallEnv, fn: FunctionNode): PerCallSite | null | undefined {
  const role = functionRole(env, fn);
  switch (role.role) {
    case 'handler':
      return { kind: 'handler', framework: role.framework, node: fn };
    case 'iteration':
      return { kind: 'iteration', node: fn, call: role.call };
    case 'listener':
      return { kind: 'listener', node: fn };
    case 'ordinary':
      return { kind: 'function', node: fn, getter: role.getter };
    case 'once':
      return null;
    case 'transparent':
      return undefined;
  }
}

/**
 * The innermost construct around `node` that runs per call, or `null` when `node` runs once
 * (module scope, class field, constructor, static block, run-once function, test callback).
 */
export function perCallSite(env: PerCallEnv, node: TSESTree.Node): PerCallSite | null {
  let loop: LoopNode | null = null;
  for (let child = node, parent = node.parent; parent; child = parent, parent = parent.parent) {
    if (loop === null && loopRepeats(parent, child)) loop = parent;
    if (
      (parent.type === AST_NODE_TYPES.PropertyDefinition ||
        parent.type === AST_NODE_TYPES.AccessorProperty) &&
      parent.value === child
    )
      return null;
    if (parent.type === AST_NODE_TYPES.StaticBlock) return null;
    if (isFunctionNode(parent)) {
      if (loop !== null) return { kind: 'loop', node: loop };
      const site = siteOf(env, parent);
      if (site !== undefined) return site;
    }
  }
  return loop === null ? null : { kind: 'loop', node: loop };
}
