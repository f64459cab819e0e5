/**
 * How code gets run: request handlers of web frameworks and serverless platforms, entry points
 * that run once, and the calls that run a callback per element or per event (test runners and
 * their hooks are in `test-runners.ts`). Data only; the per-call analysis reads it to tell code
 * that runs per call from code that runs once.
 */

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

/**
 * Which framework a file's `(req, res)` handlers belong to, from what it imports: the first
 * imported module (in file order) that names one of these decides. Express is only the
 * fallback (other frameworks run on it), then Node's own `http`.
 */
export const FRAMEWORK_MODULES: readonly {
  framework: Framework;
  modules: readonly string[];
  /** Module name prefixes: `@fastify/` for its plugins. */
  prefixes?: readonly string[];
}[] = [
  { framework: 'hono', modules: ['hono'], prefixes: ['hono/', '@hono/'] },
  { framework: 'fastify', modules: ['fastify', 'fastify-plugin'], prefixes: ['@fastify/'] },
  { framework: 'koa', modules: ['koa', '@koa/router', 'koa-router'] },
  { framework: 'nestjs', modules: ['@nestjs/common'] },
];
export const FALLBACK_FRAMEWORK_MODULE = { framework: 'express', module: 'express' } as const;

/** Parameter names of a request handler: `(req, res)`, `(request, reply)`, `(ctx, next)`. */
export const HANDLER_PARAMS = {
  /** The incoming request. */
  request: ['req', 'request'],
  /** Node's `ServerResponse`, and the frameworks' responses built on it. */
  response: ['res', 'response'],
  /** Fastify's reply (not a Node stream). */
  reply: ['reply'],
  /** Koa middleware: the context and the next middleware. */
  koa: ['ctx', 'next'],
} as const;

/** Router methods that register a handler per HTTP verb: `app.get('/users', handler)`. */
export const ROUTE_METHODS: ReadonlySet<string> = new Set([
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
/** `router.route('/users').get(handler)`: a route chain. */
export const ROUTE_CHAIN_METHOD = 'route';
/** `app.use(handler)`, `app.use('/api', handler)`: middleware. */
export const MIDDLEWARE_METHOD = 'use';
/** Hono's `app.on('GET', '/path', handler)`. */
export const VERB_ROUTE_METHOD = 'on';

/** Next.js App Router route handlers: exported functions named after the verb. */
export const ROUTE_EXPORTS: ReadonlySet<string> = new Set([
  'GET',
  'POST',
  'PUT',
  'PATCH',
  'DELETE',
  'HEAD',
  'OPTIONS',
]);
/** Next.js Pages Router API routes (`pages/api/…`, `api/…`) and middleware files. */
export const NEXT_FILES = {
  apiDirectory: /\/(?:pages\/)?api\//,
  pagesDirectory: /\/pages\//,
  middleware: /(?:^|\/)middleware\.[cm]?[jt]sx?$/,
  middlewareExport: 'middleware',
} as const;

/** Remix (and React Router) route module exports, recognised when the file imports these. */
export const REMIX = {
  exports: ['loader', 'action'],
  modules: ['react-router'],
  prefixes: ['@remix-run/'],
} as const;

/** NestJS controller method decorators that route a request to the method. */
export const ROUTE_DECORATORS: ReadonlySet<string> = new Set([
  'Get',
  'Post',
  'Put',
  'Patch',
  'Delete',
  'All',
  'Head',
  'Options',
]);

/** Fastify route options whose functions run per request (`{ handler, preHandler, … }`). */
export const FASTIFY_ROUTE_HOOKS: ReadonlySet<string> = new Set([
  'handler',
  'preHandler',
  'onRequest',
  'preValidation',
  'preParsing',
  'preSerialization',
  'onSend',
]);

/** Serverless entry points. */
export const SERVERLESS = {
  /** AWS Lambda: `export const handler = async (event, context) => …` (or `…Handler`). */
  lambdaExport: 'handler',
  lambdaExportPattern: /handler$/i,
  lambdaParams: ['event', 'context'],
  /** Cloudflare Workers: `export default { fetch(request, env, ctx) {…} }`. */
  workerHandlers: new Set(['fetch', 'scheduled', 'queue', 'email', 'tail']) as ReadonlySet<string>,
  /** Google Cloud Functions: `functions.http('name', fn)`, Firebase `onRequest(fn)`. */
  cloudFunctionsNamespace: 'functions',
  cloudFunctionsMethods: new Set(['http', 'cloudEvent']) as ReadonlySet<string>,
  firebaseTriggers: new Set(['onRequest', 'onCall']) as ReadonlySet<string>,
} as const;

/** Node's `http.createServer(handler)`: the handler runs per request. */
export const SERVER_FACTORIES: ReadonlySet<string> = new Set([
  'createServer',
  'createSecureServer',
]);
/** `server.on('request', handler)`. */
export const REQUEST_EVENT = 'request';

/** Plugin bodies run once, when the app registers them: `fp(async (app) => …)`, `app.register(…)`. */
export const RUN_ONCE_WRAPPERS: ReadonlySet<string> = new Set(['fp', 'fastifyPlugin']);
export const RUN_ONCE_METHODS: ReadonlySet<string> = new Set(['register', 'listen']);

/** Names of functions that run once per process: entry points and composition roots. */
export const ENTRY_POINT_NAMES =
  /^(?:main|run|cli|serve|boot|launch|register|plugin|createApp|buildApp|makeApp|createServer|buildServer|createContainer|(?:bootstrap|start|init|initiali[sz]e|setup|setUp|configure|seed|migrate|install|compose)(?:[A-Z0-9_].*)?)$/;

/**
 * Methods that register a value in a dependency-injection container or registry
 * (`container.register({ redis: asValue(redis) })`): the container owns it from then on and
 * outlives the registering call, whoever passed the container in.
 */
export const DI_REGISTRARS: ReadonlySet<string> = new Set([
  'register',
  'registerInstance',
  'registerValue',
  'registerSingleton',
]);

/** Names of factories: what they return is the caller's (`createClient`, `getDb`). */
export const FACTORY_NAMES =
  /^(?:create|make|build|get|new|init|connect|open|setup|provide)(?:[A-Z0-9_]|$)|[Ff]actory$/;

/** Array methods whose callback runs once per element (index 0), and `Array.from(xs, fn)`. */
export const ITERATION_METHODS: ReadonlySet<string> = new Set([
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
export const ITERATION_FROM = { object: 'Array', method: 'from', callbackIndex: 1 } as const;

/** Events whose listeners run per connection, message or job (`wss.on('connection', fn)`). */
export const PER_CALL_EVENTS: ReadonlySet<string> = new Set([
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

/** Timers and schedulers whose callback runs again and again. */
export const REPEATING_TIMERS: ReadonlySet<string> = new Set(['setInterval']);
export const SCHEDULE_METHODS: ReadonlySet<string> = new Set(['schedule']);
