/**
 * Per-call code: does a node run once per request, per iteration, per event or per call of an
 * ordinary function — or once for the life of the process?
 *
 * Two questions, asked of an expression (usually a client being built):
 * 1. **Site** (`perCallSite`): the innermost construct around it that repeats — a loop body,
 *    an iteration callback (`.map`, `.forEach`, …), a request handler (Express, Fastify, Koa,
 *    Hono, Next.js, Remix, NestJS, `http.createServer`, AWS Lambda, Cloudflare Workers, Google
 *    Cloud Functions), an event listener or `setInterval` callback, or an ordinary function.
 *    Module scope, class fields, static blocks, constructors, test callbacks, plugin bodies and
 *    functions that run once (`main`, `bootstrap`, a function only called from module scope)
 *    are not sites. Callbacks of unknown callees, IIFEs and promise executors are transparent:
 *    the function around them decides.
 * 2. **Destination** (`destinationOf`): where the value goes, relative to that site — kept
 *    somewhere that outlives the site (a module or outer binding, `this`, a cache, `globalThis`:
 *    the lazy-singleton idioms `x ??= new C()`, `if (!x) x = new C()`, memoised getters,
 *    `static getInstance()`), a fallback for an injected value (`deps.db ?? new Pool()`),
 *    returned (a factory), captured by a closure that outlives the call (a composition root),
 *    or local to the site.
 *
 * `perCallUse` combines both: a value that is local to a per-call site is built again on every
 * call. Everything is syntactic and scope-based; it never throws on odd code.
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '@typescript-eslint/types';

import {
  contains,
  enclosingFunction,
  findVariable,
  isFunctionNode,
  isWrapper,
  outermostFunctionWithin,
  outermostWrapper,
  skipWrappers,
  staticPropertyName,
  walkValues,
  type FunctionNode,
  type SourceCodeLike,
} from '../../utils/ast/index.js';
import { fileImports } from '../resolve/imports.js';

type Variable = TSESLint.Scope.Variable;

export type LoopNode =
  | TSESTree.DoWhileStatement
  | TSESTree.ForInStatement
  | TSESTree.ForOfStatement
  | TSESTree.ForStatement
  | TSESTree.WhileStatement;

/** Platforms whose request handlers are recognised; the ids of the `perRequestRuntimes` option. */
export const FRAMEWORKS = [
  'aws-lambda',
  'cloudflare-workers',
  'express',
  'fastify',
  'google-cloud-functions',
  'hono',
  'koa',
  'nestjs',
  'next',
  'node-http',
  'remix',
] as const;
export type Framework = (typeof FRAMEWORKS)[number];

const FRAMEWORK_LABEL: Record<Framework, string> = {
  'aws-lambda': 'AWS Lambda',
  'cloudflare-workers': 'Cloudflare Workers',
  express: 'Express',
  fastify: 'Fastify',
  'google-cloud-functions': 'Cloud Functions',
  hono: 'Hono',
  koa: 'Koa',
  nestjs: 'NestJS',
  next: 'Next.js',
  'node-http': 'HTTP',
  remix: 'Remix',
};

export type PerCallSite =
  | { kind: 'handler'; framework: Framework; node: FunctionNode; where: string; why: string }
  | { kind: 'loop'; node: LoopNode; where: string; why: string }
  | {
      kind: 'iteration';
      node: FunctionNode;
      call: TSESTree.CallExpression;
      where: string;
      why: string;
    }
  | { kind: 'listener'; node: FunctionNode; where: string; why: string }
  | { kind: 'function'; node: FunctionNode; where: string; why: string; getter: boolean };

/** What a function is, as far as how often it runs. */
export type FunctionRole =
  | { role: 'handler'; framework: Framework; where: string }
  | { role: 'iteration'; call: TSESTree.CallExpression; where: string }
  | { role: 'listener'; where: string }
  /** Runs when and as often as the code around it: IIFE, promise executor, unknown callback. */
  | { role: 'transparent' }
  /** Runs once per process (or per test): `main`, a plugin body, a test callback, a constructor. */
  | { role: 'once' }
  | { role: 'ordinary'; where: string; getter: boolean };

export type Destination =
  /** Stored where it outlives the site: module/outer binding, `this`, a cache, `globalThis`. */
  | { kind: 'kept' }
  /** The fallback of an injected value: `deps.db ?? new Pool()`. */
  | { kind: 'fallback' }
  /** Handed to the caller: the site is a factory. */
  | { kind: 'returned' }
  /** Captured by a closure that outlives the call (routes registered in a composition root). */
  | { kind: 'captured' }
  /** Lives and dies with the site. `binding` is the `const`/`let`/`using` it is bound to. */
  | { kind: 'local'; declarator: TSESTree.VariableDeclarator | null; using: boolean };

/** What the analysis needs from the rule context. */
export interface PerCallEnv {
  sourceCode: SourceCodeLike;
  filename: string;
}

const HTTP_VERBS = new Set([
  'get',
  'post',
  'put',
  'patch',
  'delete',
  'del',
  'options',
  'head',
  'all',
  'any',
]);
const HTTP_VERBS_UPPER = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS']);
const NEST_ROUTE_DECORATORS = new Set([
  'Get',
  'Post',
  'Put',
  'Patch',
  'Delete',
  'All',
  'Head',
  'Options',
]);
const FASTIFY_HOOKS = new Set([
  'handler',
  'preHandler',
  'onRequest',
  'preValidation',
  'preParsing',
  'preSerialization',
  'onSend',
]);
const WORKER_HANDLERS = new Set(['fetch', 'scheduled', 'queue', 'email', 'tail']);
const ITERATION = new Set([
  'map',
  'flatMap',
  'forEach',
  'filter',
  'reduce',
  'reduceRight',
  'some',
  'every',
  'find',
  'findIndex',
  'findLast',
  'findLastIndex',
]);
const PER_CALL_EVENTS = new Set([
  'request',
  'connection',
  'message',
  'data',
  'upgrade',
  'stream',
  'job',
  'task',
  'fetch',
]);
const LISTEN_METHODS = new Set(['on', 'addListener', 'addEventListener', 'prependListener']);
const TEST_FUNCTIONS = new Set([
  'describe',
  'suite',
  'context',
  'it',
  'test',
  'bench',
  'before',
  'beforeAll',
  'beforeEach',
  'after',
  'afterAll',
  'afterEach',
]);
/** Names of functions that run once per process: entry points and composition roots. */
const RUN_ONCE =
  /^(?:main|run|cli|serve|boot|launch|register|plugin|createApp|buildApp|makeApp|createServer|buildServer|createContainer|(?:bootstrap|start|init|initiali[sz]e|setup|setUp|configure|seed|migrate|install|compose)(?:[A-Z0-9_].*)?)$/;

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

function stringOf(node: TSESTree.Node | undefined): string | null {
  if (node?.type === AST_NODE_TYPES.Literal && typeof node.value === 'string') return node.value;
  if (node?.type === AST_NODE_TYPES.TemplateLiteral)
    return node.quasis.map((q) => q.value.cooked ?? '').join('…');
  return null;
}

function paramName(fn: TSESTree.Node, index: number): string | null {
  if (!isFunctionNode(fn)) return null;
  let param: TSESTree.Node | undefined = fn.params[index];
  if (param?.type === AST_NODE_TYPES.AssignmentPattern) param = param.left;
  return param?.type === AST_NODE_TYPES.Identifier ? param.name : null;
}

function frameworkFromImports(env: PerCallEnv): Framework {
  const modules = fileImports(env.sourceCode);
  for (const name of modules) {
    if (name === 'hono' || name.startsWith('hono/') || name.startsWith('@hono/')) return 'hono';
    if (name === 'fastify' || name.startsWith('@fastify/') || name === 'fastify-plugin')
      return 'fastify';
    if (name === 'koa' || name === '@koa/router' || name === 'koa-router') return 'koa';
    if (name === '@nestjs/common') return 'nestjs';
  }
  return modules.has('express') ? 'express' : 'node-http';
}

/** `(req, res)`, `(request, reply)`, `(ctx, next)`: the parameters of a request handler. */
function handlerParams(fn: TSESTree.Node, env: PerCallEnv): Framework | null {
  const first = paramName(fn, 0);
  const second = paramName(fn, 1);
  if (
    (first === 'req' || first === 'request') &&
    (second === 'res' || second === 'response' || second === 'reply')
  ) {
    return frameworkFromImports(env);
  }
  if (first === 'ctx' && second === 'next') return 'koa';
  return null;
}

function handlerRole(framework: Framework, what: string): FunctionRole {
  const name = FRAMEWORK_LABEL[framework];
  return {
    role: 'handler',
    framework,
    where: framework === 'node-http' ? `the ${what}` : `the ${name} ${what}`,
  };
}

function rootIdentifier(node: TSESTree.Node): TSESTree.Identifier | TSESTree.ThisExpression | null {
  let current = skipWrappers(node);
  for (;;) {
    if (current.type === AST_NODE_TYPES.MemberExpression) current = skipWrappers(current.object);
    else if (current.type === AST_NODE_TYPES.CallExpression) current = skipWrappers(current.callee);
    else break;
  }
  return current.type === AST_NODE_TYPES.Identifier ||
    current.type === AST_NODE_TYPES.ThisExpression
    ? current
    : null;
}

/** The role a callback gets from the call it is passed to. */
function callbackRole(
  env: PerCallEnv,
  call: TSESTree.CallExpression,
  arg: TSESTree.Node,
): FunctionRole | null {
  const index = call.arguments.indexOf(arg as TSESTree.CallExpressionArgument);
  const callee = skipWrappers(call.callee);
  const root = rootIdentifier(callee);
  if (root?.type === AST_NODE_TYPES.Identifier && TEST_FUNCTIONS.has(root.name))
    return { role: 'once' };
  const first = call.arguments[0];
  if (callee.type === AST_NODE_TYPES.Identifier) {
    switch (callee.name) {
      case 'setInterval':
        return { role: 'listener', where: 'a `setInterval` callback' };
      case 'createServer':
      case 'createSecureServer':
        return handlerRole('node-http', '`createServer` request handler');
      case 'onRequest':
      case 'onCall':
        return handlerRole('google-cloud-functions', `\`${callee.name}\` function`);
      case 'fp':
      case 'fastifyPlugin':
        return { role: 'once' };
      default:
        break;
    }
  } else if (callee.type === AST_NODE_TYPES.MemberExpression) {
    const method = staticPropertyName(callee);
    const object = skipWrappers(callee.object);
    const objectName = object.type === AST_NODE_TYPES.Identifier ? object.name : null;
    if (method === null) return null;
    if (ITERATION.has(method) && index === 0) {
      return { role: 'iteration', call, where: `a \`.${method}()\` callback` };
    }
    if (method === 'from' && objectName === 'Array' && index === 1) {
      return { role: 'iteration', call, where: 'an `Array.from()` callback' };
    }
    if (method === 'then' || method === 'catch' || method === 'finally')
      return { role: 'transparent' };
    if (HTTP_VERBS.has(method)) {
      const chained =
        object.type === AST_NODE_TYPES.CallExpression &&
        object.callee.type === AST_NODE_TYPES.MemberExpression &&
        (staticPropertyName(object.callee) === 'route' ||
          HTTP_VERBS.has(staticPropertyName(object.callee) ?? ''));
      if (
        (index >= 1 && isPathLike(first)) ||
        chained ||
        (index >= 1 && handlerParams(arg, env) !== null)
      ) {
        const path = chained ? null : stringOf(first);
        const verb =
          method === 'all' || method === 'any' ? method.toUpperCase() : method.toUpperCase();
        return handlerRole(
          frameworkFromImports(env),
          path === null ? `\`${verb}\` handler` : `handler of \`${verb} ${path}\``,
        );
      }
      return null;
    }
    if (
      method === 'use' &&
      ((index >= 1 && isPathLike(first)) || handlerParams(arg, env) !== null)
    ) {
      return handlerRole(frameworkFromImports(env), 'middleware');
    }
    if (
      method === 'on' &&
      call.arguments.length >= 3 &&
      index >= 2 &&
      isPathLike(call.arguments[1])
    ) {
      return handlerRole(
        frameworkFromImports(env),
        `handler of \`${stringOf(call.arguments[1]) ?? ''}\``,
      );
    }
    if (LISTEN_METHODS.has(method) && index === 1) {
      const event = stringOf(first);
      if (event === 'request') return handlerRole('node-http', "`'request'` handler");
      if (event !== null && PER_CALL_EVENTS.has(event))
        return { role: 'listener', where: `a \`'${event}'\` listener` };
      return null;
    }
    if (method === 'register' || method === 'listen') return { role: 'once' };
    if (method === 'createServer' || method === 'createSecureServer') {
      return handlerRole('node-http', `\`${objectName ?? 'http'}.createServer\` request handler`);
    }
    if ((method === 'http' || method === 'cloudEvent') && objectName === 'functions') {
      const name = stringOf(first);
      return handlerRole(
        'google-cloud-functions',
        name === null ? 'function' : `function \`${name}\``,
      );
    }
    if (method === 'onRequest' || method === 'onCall') {
      return handlerRole('google-cloud-functions', `\`${method}\` function`);
    }
    if (method === 'schedule' && index >= 1) return { role: 'listener', where: 'a scheduled job' };
  }
  // A wrapper: `asyncHandler(async (req, res) => …)`, `middy(async (event) => …)`.
  const wrapped = positionRole(env, call);
  if (wrapped !== null && wrapped.role === 'handler') return wrapped;
  const guessed = handlerParams(arg, env);
  if (guessed !== null) return handlerRole(guessed, 'request handler');
  return { role: 'transparent' };
}

/** The name under which a function (or a call wrapping one) is exported, if it is. */
function exportedName(env: PerCallEnv, node: TSESTree.Node): string | null {
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

function exportRole(env: PerCallEnv, name: string, fn: TSESTree.Node): FunctionRole | null {
  const file = env.filename.replaceAll('\\', '/');
  const inApiDir = /\/(?:pages\/)?api\//.test(file);
  if (HTTP_VERBS_UPPER.has(name)) return handlerRole('next', `\`${name}\` route handler`);
  if (name === 'handler')
    return inApiDir && /\/pages\//.test(file)
      ? handlerRole('next', 'API route')
      : handlerRole('aws-lambda', '`handler`');
  if (name === 'default' && inApiDir) return handlerRole('next', 'API route');
  if (name === 'middleware' && /(?:^|\/)middleware\.[cm]?[jt]sx?$/.test(file))
    return handlerRole('next', 'middleware');
  if (name === 'loader' || name === 'action') {
    const modules = fileImports(env.sourceCode);
    if ([...modules].some((m) => m.startsWith('@remix-run/') || m === 'react-router'))
      return handlerRole('remix', `\`${name}\``);
  }
  const guessed = handlerParams(fn, env);
  if (guessed !== null) return handlerRole(guessed, `request handler \`${name}\``);
  if (
    paramName(fn, 0) === 'event' &&
    (paramName(fn, 1) === 'context' || fn.type !== AST_NODE_TYPES.CallExpression)
  ) {
    if (/handler$/i.test(name)) return handlerRole('aws-lambda', `\`${name}\``);
  }
  return null;
}

/** `export default { fetch(request, env, ctx) {…} }` (Cloudflare Workers), directly or through a binding. */
function isWorkerObject(env: PerCallEnv, object: TSESTree.ObjectExpression): boolean {
  return exportedName(env, outermostWrapper(object)) === 'default';
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
      if (parent.callee === current) return isFunctionNode(node) ? { role: 'transparent' } : null;
      return callbackRole(env, parent, current);
    case AST_NODE_TYPES.NewExpression:
      return parent.callee === current ? null : { role: 'transparent' };
    case AST_NODE_TYPES.Property: {
      if (parent.value !== current || parent.parent.type !== AST_NODE_TYPES.ObjectExpression)
        return null;
      const key = parent.computed
        ? null
        : parent.key.type === AST_NODE_TYPES.Identifier
          ? parent.key.name
          : stringOf(parent.key);
      const object = parent.parent;
      const holder = object.parent;
      if (
        key !== null &&
        FASTIFY_HOOKS.has(key) &&
        holder?.type === AST_NODE_TYPES.CallExpression
      ) {
        const method =
          holder.callee.type === AST_NODE_TYPES.MemberExpression
            ? staticPropertyName(holder.callee)
            : null;
        if (method === 'route' || (method !== null && HTTP_VERBS.has(method)))
          return handlerRole('fastify', `route \`${key}\``);
      }
      if (key !== null && WORKER_HANDLERS.has(key) && isWorkerObject(env, object)) {
        return handlerRole('cloudflare-workers', `\`${key}\` handler`);
      }
      return null;
    }
    default: {
      const name = exportedName(env, current);
      return name === null ? null : exportRole(env, name, node);
    }
  }
}

function functionName(fn: FunctionNode): string | null {
  if (fn.id) return fn.id.name;
  const parent = fn.parent;
  if (
    parent?.type === AST_NODE_TYPES.VariableDeclarator &&
    parent.id.type === AST_NODE_TYPES.Identifier
  )
    return parent.id.name;
  if (
    (parent?.type === AST_NODE_TYPES.MethodDefinition ||
      parent?.type === AST_NODE_TYPES.Property ||
      parent?.type === AST_NODE_TYPES.PropertyDefinition) &&
    !parent.computed
  ) {
    return parent.key.type === AST_NODE_TYPES.Identifier ? parent.key.name : stringOf(parent.key);
  }
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

function isInLoopBody(node: TSESTree.Node, stop: TSESTree.Node | null): boolean {
  for (
    let child = node, parent = node.parent;
    parent && parent !== stop;
    child = parent, parent = parent.parent
  ) {
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
  } catch {
    role = { role: 'transparent' };
  } finally {
    inProgress.delete(fn);
  }
  // In tests, an ordinary function is a helper run per test, not per request.
  if (role.role === 'ordinary' && isTestFile(env)) role = { role: 'once' };
  memoRole.set(fn, role);
  return role;
}

function computeRole(env: PerCallEnv, fn: FunctionNode): FunctionRole {
  const parent = fn.parent;
  const name = functionName(fn);
  if (parent?.type === AST_NODE_TYPES.MethodDefinition && parent.value === fn) {
    if (parent.kind === 'constructor') return { role: 'once' };
    const decorated = parent.decorators.some((d) => {
      const expression =
        d.expression.type === AST_NODE_TYPES.CallExpression ? d.expression.callee : d.expression;
      return (
        expression.type === AST_NODE_TYPES.Identifier && NEST_ROUTE_DECORATORS.has(expression.name)
      );
    });
    if (decorated) return handlerRole('nestjs', `route handler \`${name ?? '?'}()\``);
    if (name !== null && RUN_ONCE.test(name)) return { role: 'once' };
    if (parent.kind === 'get')
      return { role: 'ordinary', where: `getter \`${name ?? '?'}\``, getter: true };
    return { role: 'ordinary', where: `method \`${name ?? '?'}()\``, getter: false };
  }
  const position = positionRole(env, fn);
  if (position !== null) return position;
  if (
    parent?.type === AST_NODE_TYPES.Property ||
    parent?.type === AST_NODE_TYPES.PropertyDefinition
  ) {
    if (name !== null && RUN_ONCE.test(name)) return { role: 'once' };
    const getter = parent.type === AST_NODE_TYPES.Property && parent.kind === 'get';
    return {
      role: 'ordinary',
      where: getter ? `getter \`${name ?? '?'}\`` : `method \`${name ?? '?'}()\``,
      getter,
    };
  }
  if (name !== null && RUN_ONCE.test(name)) return { role: 'once' };
  const binding = bindingOf(env, fn);
  if (binding !== undefined) {
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
      if (!isCall || !runsOnce(env, id) || isInLoopBody(id, null)) onlyModuleCalls = false;
    }
    if (onlyModuleCalls && exportedName(env, fn) === null) return { role: 'once' };
  }
  return {
    role: 'ordinary',
    where: name === null ? 'a function' : `function \`${name}()\``,
    getter: false,
  };
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

/** Test files and test setup: their helpers build what a test needs, once per test. */
const TEST_NAME =
  /\.(?:test|spec|e2e)\.[cm]?[jt]sx?$|(?:^|[._-])(?:global-?)?(?:setup|teardown)\b/i;
const TEST_MODULES = new Set([
  'vitest',
  '@jest/globals',
  'jest',
  'mocha',
  'test',
  'ava',
  'tap',
  'uvu',
  '@playwright/test',
  'bun:test',
]);
const testFiles = new WeakMap<object, boolean>();

/** A test file by its name (`*.test.ts`, `vitest.setup.ts`) or content (imports a test runner, calls `describe`). */
export function isTestFile(env: PerCallEnv): boolean {
  const cached = testFiles.get(env.sourceCode);
  if (cached !== undefined) return cached;
  const base = env.filename.replaceAll('\\', '/').split('/').at(-1) ?? '';
  let result =
    TEST_NAME.test(base) || [...fileImports(env.sourceCode)].some((m) => TEST_MODULES.has(m));
  if (!result) {
    result = env.sourceCode.ast.body.some((statement) => {
      if (statement.type !== AST_NODE_TYPES.ExpressionStatement) return false;
      const call = statement.expression;
      if (call.type !== AST_NODE_TYPES.CallExpression) return false;
      const root = rootIdentifier(call.callee);
      return root?.type === AST_NODE_TYPES.Identifier && TEST_FUNCTIONS.has(root.name);
    });
  }
  testFiles.set(env.sourceCode, result);
  return result;
}

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

function loopLabel(loop: LoopNode): string {
  switch (loop.type) {
    case AST_NODE_TYPES.ForOfStatement:
      return loop.await ? 'a `for await…of` loop' : 'a `for…of` loop';
    case AST_NODE_TYPES.ForInStatement:
      return 'a `for…in` loop';
    case AST_NODE_TYPES.ForStatement:
      return 'a `for` loop';
    case AST_NODE_TYPES.WhileStatement:
      return 'a `while` loop';
    case AST_NODE_TYPES.DoWhileStatement:
      return 'a `do…while` loop';
  }
}

/**
 * The innermost construct around `node` that runs per call, or `null` when `node` runs once
 * (module scope, class field, constructor, static block, run-once function, test callback).
 */
export function perCallSite(env: PerCallEnv, node: TSESTree.Node): PerCallSite | null {
  let loop: LoopNode | null = null;
  try {
    for (let child = node, parent = node.parent; parent; child = parent, parent = parent.parent) {
      if (loop === null && loopRepeats(parent, child)) loop = parent;
      switch (parent.type) {
        case AST_NODE_TYPES.PropertyDefinition:
        case AST_NODE_TYPES.AccessorProperty:
          if (parent.value === child) return null;
          break;
        case AST_NODE_TYPES.StaticBlock:
          return null;
        case AST_NODE_TYPES.ArrowFunctionExpression:
        case AST_NODE_TYPES.FunctionDeclaration:
        case AST_NODE_TYPES.FunctionExpression: {
          if (loop !== null)
            return {
              kind: 'loop',
              node: loop,
              where: loopLabel(loop),
              why: 'which runs once per iteration',
            };
          const role = functionRole(env, parent);
          switch (role.role) {
            case 'handler':
              return {
                kind: 'handler',
                framework: role.framework,
                node: parent,
                where: role.where,
                why: 'which runs on every request',
              };
            case 'iteration':
              return {
                kind: 'iteration',
                node: parent,
                call: role.call,
                where: role.where,
                why: 'which runs once per element',
              };
            case 'listener':
              return {
                kind: 'listener',
                node: parent,
                where: role.where,
                why: 'which runs on every event',
              };
            case 'ordinary':
              return {
                kind: 'function',
                node: parent,
                where: role.where,
                why: 'which runs on every call',
                getter: role.getter,
              };
            case 'once':
              return null;
            case 'transparent':
              break;
          }
          break;
        }
        default:
          break;
      }
    }
  } catch {
    return null;
  }
  return loop === null
    ? null
    : { kind: 'loop', node: loop, where: loopLabel(loop), why: 'which runs once per iteration' };
}

/** An assignment or storing target that outlives `site`: `this.x`, a module binding, `globalThis.x`. */
function outlives(env: PerCallEnv, target: TSESTree.Node, site: TSESTree.Node): boolean {
  const root = rootIdentifier(target);
  if (root === null) return false;
  if (root.type === AST_NODE_TYPES.ThisExpression) return true;
  const variable = findVariable(env.sourceCode, root);
  const def = variable?.defs[0];
  if (variable === undefined || def === undefined) return true;
  return !contains(site, def.name);
}

const STORING = new Set(['set', 'push', 'unshift', 'add', 'splice']);
const RANK: Record<Destination['kind'], number> = {
  kept: 5,
  fallback: 4,
  returned: 3,
  captured: 2,
  local: 1,
};

interface Walk {
  env: PerCallEnv;
  site: PerCallSite;
  seen: Set<Variable>;
}

/** Follow a value up from `start` to the place that decides where it goes, relative to the site. */
function follow(walk: Walk, start: TSESTree.Node, viaCall = false): Destination {
  const siteNode = walk.site.node;
  let child: TSESTree.Node = start;
  for (let parent = child.parent; parent; child = parent, parent = parent.parent) {
    if (isWrapper(parent, { await: true })) continue;
    switch (parent.type) {
      case AST_NODE_TYPES.ConditionalExpression:
        if (parent.test === child) return LOCAL;
        continue;
      case AST_NODE_TYPES.LogicalExpression:
        if (parent.right === child && parent.operator !== '&&') return { kind: 'fallback' };
        continue;
      case AST_NODE_TYPES.SequenceExpression:
        if (parent.expressions.at(-1) !== child) return LOCAL;
        continue;
      case AST_NODE_TYPES.SpreadElement:
      case AST_NODE_TYPES.ArrayExpression:
      case AST_NODE_TYPES.ObjectExpression:
        continue;
      case AST_NODE_TYPES.Property:
        if (parent.value !== child) return LOCAL;
        continue;
      case AST_NODE_TYPES.AssignmentExpression: {
        if (parent.left === child) return LOCAL;
        if (outlives(walk.env, parent.left, siteNode)) return { kind: 'kept' };
        if (parent.left.type === AST_NODE_TYPES.Identifier)
          return followVariable(
            walk,
            findVariable(walk.env.sourceCode, parent.left),
            null,
            false,
            viaCall,
          );
        return LOCAL;
      }
      case AST_NODE_TYPES.VariableDeclarator: {
        if (parent.init !== child) return LOCAL;
        const declaration = parent.parent;
        const using =
          declaration.type === AST_NODE_TYPES.VariableDeclaration &&
          (declaration.kind === 'using' || declaration.kind === 'await using');
        if (parent.id.type !== AST_NODE_TYPES.Identifier)
          return { kind: 'local', declarator: parent, using };
        return followVariable(
          walk,
          findVariable(walk.env.sourceCode, parent.id),
          parent,
          using,
          viaCall,
        );
      }
      case AST_NODE_TYPES.ReturnStatement:
      case AST_NODE_TYPES.ArrowFunctionExpression: {
        if (parent.type === AST_NODE_TYPES.ArrowFunctionExpression && parent.body !== child)
          return LOCAL;
        const fn =
          parent.type === AST_NODE_TYPES.ArrowFunctionExpression
            ? parent
            : enclosingFunction(parent);
        if (fn === null || fn === siteNode || !contains(siteNode, fn))
          return returned(walk, viaCall);
        // An iteration callback's or an IIFE's result flows into the call; any other callback
        // may hand it to a cache (`lru.fetch(key, () => new Client())`): a factory.
        const iife = fn.parent?.type === AST_NODE_TYPES.CallExpression && fn.parent.callee === fn;
        if (!iife && functionRole(walk.env, fn).role !== 'iteration') return { kind: 'returned' };
        parent = fn;
        continue;
      }
      case AST_NODE_TYPES.YieldExpression:
        return { kind: 'returned' };
      case AST_NODE_TYPES.CallExpression:
      case AST_NODE_TYPES.NewExpression: {
        if (parent.callee === child) return LOCAL;
        const callee = skipWrappers(parent.callee);
        if (
          callee.type === AST_NODE_TYPES.MemberExpression &&
          STORING.has(staticPropertyName(callee) ?? '')
        ) {
          return outlives(walk.env, callee.object, siteNode) ? { kind: 'kept' } : LOCAL;
        }
        if (callee.type === AST_NODE_TYPES.Identifier && callee.name === 'resolve')
          return { kind: 'returned' };
        // The call's result carries it on: `drizzle(pool)`, `new Repo(pool)`.
        if (parent.type === AST_NODE_TYPES.CallExpression) viaCall = true;
        continue;
      }
      case AST_NODE_TYPES.PropertyDefinition:
      case AST_NODE_TYPES.ExportDefaultDeclaration:
        return { kind: 'kept' };
      default:
        return LOCAL;
    }
  }
  return LOCAL;
}

/** Names of factories: what they return is the caller's (`createClient`, `getDb`). */
const FACTORY =
  /^(?:create|make|build|get|new|init|connect|open|setup|provide)(?:[A-Z0-9_]|$)|[Ff]actory$/;

/**
 * Returned from the site. The client itself (or an object holding it) is the caller's; the
 * result of a call that was given the client (`return listFiles(s3)`) is the caller's only
 * from a factory (`return drizzle(pool)` in `createDb()`), not from a handler or a query.
 */
function returned(walk: Walk, viaCall: boolean): Destination {
  if (!viaCall) return { kind: 'returned' };
  const { site } = walk;
  if (site.kind !== 'function') return LOCAL;
  const name = functionName(site.node);
  return site.getter || (name !== null && FACTORY.test(name)) ? { kind: 'returned' } : LOCAL;
}

const LOCAL: Destination = { kind: 'local', declarator: null, using: false };

function followVariable(
  walk: Walk,
  variable: Variable | undefined,
  declarator: TSESTree.VariableDeclarator | null,
  using: boolean,
  viaCall: boolean,
): Destination {
  const siteNode = walk.site.node;
  if (variable === undefined) return { kind: 'local', declarator, using };
  const def = variable.defs[0];
  if (def !== undefined && !contains(siteNode, def.name)) return { kind: 'kept' };
  if (walk.seen.has(variable) || walk.seen.size > 8) return { kind: 'local', declarator, using };
  walk.seen.add(variable);
  let best: Destination = { kind: 'local', declarator, using };
  for (const reference of variable.references) {
    if (reference.init === true || reference.isWrite()) continue;
    const id = reference.identifier;
    let result: Destination;
    const nested = outermostFunctionWithin(id, siteNode);
    if (
      nested !== null &&
      !['transparent', 'iteration'].includes(functionRole(walk.env, nested).role)
    ) {
      result = { kind: 'captured' };
    } else {
      result = follow(walk, id, viaCall);
    }
    if (RANK[result.kind] > RANK[best.kind]) best = result;
  }
  return best;
}

/** Where the value of `expr` goes, relative to `site`. */
export function destinationOf(
  env: PerCallEnv,
  expr: TSESTree.Node,
  site: PerCallSite,
): Destination {
  try {
    return follow({ env, site, seen: new Set() }, expr);
  } catch {
    return { kind: 'kept' };
  }
}

export interface PerCallUse {
  site: PerCallSite;
  destination: Destination;
}

/**
 * Whether the value built by `expr` is built again on every call: local to a per-call site
 * (or captured by closures made per request or per iteration, or returned by a getter).
 * A value returned from an iteration callback is judged where the iteration's result goes.
 */
export function perCallUse(env: PerCallEnv, expr: TSESTree.Node): PerCallUse | null {
  let target = expr;
  for (let depth = 0; depth < 4; depth++) {
    const site = perCallSite(env, target);
    if (site === null) return null;
    const destination = destinationOf(env, target, site);
    if (destination.kind === 'returned' && site.kind === 'iteration') {
      target = site.call;
      continue;
    }
    if (destination.kind === 'local') return { site, destination };
    if (destination.kind === 'returned' && site.kind === 'function' && site.getter)
      return { site, destination };
    if (destination.kind === 'captured' && site.kind !== 'function') return { site, destination };
    return null;
  }
  return null;
}

/**
 * Visit every node under `node` (type annotations left out) until `visit` returns `false`;
 * identifier reads come with their variable (`undefined` for an undeclared global).
 */
function walkReads(
  env: PerCallEnv,
  node: TSESTree.Node,
  visit: (node: TSESTree.Node, read: { variable: Variable | undefined } | null) => boolean,
): boolean {
  return walkValues(node, (current) => {
    let read: { variable: Variable | undefined } | null = null;
    if (current.type === AST_NODE_TYPES.Identifier) {
      const parent = current.parent;
      const isKey =
        (parent?.type === AST_NODE_TYPES.MemberExpression &&
          parent.property === current &&
          !parent.computed) ||
        (parent?.type === AST_NODE_TYPES.Property &&
          parent.key === current &&
          !parent.computed &&
          !parent.shorthand);
      if (isKey) return false;
      read = { variable: findVariable(env.sourceCode, current) };
    }
    return visit(current, read) ? true : 'stop';
  });
}

/** Whether `node` only reads values that exist at module scope (imports, module constants, globals). */
export function usesOnlyModuleScope(env: PerCallEnv, node: TSESTree.Node, before: number): boolean {
  return walkReads(env, node, (current, read) => {
    if (
      isFunctionNode(current) ||
      current.type === AST_NODE_TYPES.ThisExpression ||
      current.type === AST_NODE_TYPES.AwaitExpression
    ) {
      return false;
    }
    const def = read?.variable?.defs[0];
    if (read === null || read.variable === undefined || def === undefined) return true;
    const scopeType = read.variable.scope.type;
    if (scopeType !== 'module' && scopeType !== 'global') return false;
    const hoisted =
      (def.type as string) === 'ImportBinding' || (def.type as string) === 'FunctionName';
    return hoisted || def.name.range[1] <= before;
  });
}

/**
 * Whether `node` reads the per-request bindings of a Workers-style handler `fn`: a parameter
 * after the first (`fetch(request, env, ctx)`) or the `.env` of one (Hono's `c.env`). Those
 * exist per request, and Workers forbid sharing I/O objects between requests.
 */
export function readsRequestBindings(
  env: PerCallEnv,
  node: TSESTree.Node,
  fn: FunctionNode,
): boolean {
  return !walkReads(env, node, (current, read) => {
    const def = read?.variable?.defs[0];
    if ((def?.type as string) !== 'Parameter' || def?.node !== fn) return true;
    const parent = current.parent;
    const isEnv =
      parent?.type === AST_NODE_TYPES.MemberExpression &&
      parent.object === current &&
      staticPropertyName(parent) === 'env';
    const index = fn.params.findIndex((param) => contains(param, def.name));
    return !(isEnv || index >= 1);
  });
}
