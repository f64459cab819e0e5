/**
 * Test runners: Vitest, Jest, Mocha (BDD interface), `node:test` and Bun. Their hooks, where
 * they come from, and the test-only resources the resource catalog does not list (temporary
 * directories, spies, fake timers, servers started with `listen()`). Data only, read by
 * `require-test-cleanup`.
 */
import type { ExportRef, ResourceKind } from './types.js';

/** Modules the hooks are imported from (normalised: `node:test` is `test`). */
export const TEST_RUNNER_MODULES: ReadonlySet<string> = new Set([
  'vitest',
  '@jest/globals',
  'mocha',
  'test',
  'bun:test',
]);

/** Modules whose import makes a file a test file: the runners above, and runners with other APIs. */
export const TEST_FILE_MODULES: ReadonlySet<string> = new Set([
  ...TEST_RUNNER_MODULES,
  'jest',
  'ava',
  'tap',
  'uvu',
  '@playwright/test',
]);

/** Test files and test setup by name: `*.test.ts`, `vitest.setup.ts`, `global-teardown.js`. */
export const TEST_FILE_NAME =
  /\.(?:test|spec|e2e)\.[cm]?[jt]sx?$|(?:^|[._-])(?:global-?)?(?:setup|teardown)\b/i;

/** `all`: once around the block's tests; `each`: around every test. */
export type HookTiming = 'all' | 'each';

/** Hooks that set up, by name (globals, or named imports of a test runner). */
export const SETUP_HOOKS: Readonly<Record<string, HookTiming>> = {
  beforeAll: 'all',
  before: 'all',
  beforeEach: 'each',
};

/** Hooks that tear down, by name. */
export const TEARDOWN_HOOKS: Readonly<Record<string, HookTiming>> = {
  afterAll: 'all',
  after: 'all',
  afterEach: 'each',
};

/** The teardown that matches a setup hook's timing, by runner style. */
export const MATCHING_TEARDOWN: Readonly<Record<string, string>> = {
  beforeAll: 'afterAll',
  before: 'after',
  beforeEach: 'afterEach',
};

/**
 * Calls that register cleanup from inside a hook: Vitest's `onTestFinished`, `node:test`'s
 * `t.after`, a nested `afterAll`. A release in a callback given to one of them counts.
 */
export const CLEANUP_REGISTRARS: ReadonlySet<string> = new Set([
  'onTestFinished',
  'after',
  'afterAll',
  'afterEach',
  'addCleanup',
  'teardown',
  'defer',
]);

/** Calls that declare tests or blocks of tests (globals or imports; `.each`, `.only` etc. too). */
export const TEST_DECLARATIONS: ReadonlySet<string> = new Set([
  'describe',
  'suite',
  'context',
  'it',
  'test',
  'specify',
]);

/** Benchmarks declared like tests (Vitest's `bench('name', fn)`). */
export const BENCH_DECLARATIONS: ReadonlySet<string> = new Set(['bench']);

/**
 * Every call whose callback a test runner runs (per test or per block, never per request):
 * test and block declarations, benchmarks, setup and teardown hooks.
 */
export const TEST_CALLBACK_CALLEES: ReadonlySet<string> = new Set([
  ...TEST_DECLARATIONS,
  ...BENCH_DECLARATIONS,
  ...Object.keys(SETUP_HOOKS),
  ...Object.keys(TEARDOWN_HOOKS),
]);

/** Resource kinds a hook may keep in a describe-scope variable: each must be released. */
export const HELD_KINDS: ReadonlySet<ResourceKind> = new Set<ResourceKind>([
  'server',
  'socket',
  'watcher',
  'child-process',
  'http-agent',
  'db-client',
  'db-connection',
  'sdk-client',
  'worker',
  'readline',
  'timer',
  'file-stream',
  'file-handle',
]);

/**
 * Kinds reported when a hook creates one and neither keeps nor releases it. Not child
 * processes (most exit by themselves) nor what `require-dispose` already checks in every
 * function (file handles and streams, pool clients).
 */
export const DROPPED_KINDS: ReadonlySet<ResourceKind> = new Set<ResourceKind>([
  'server',
  'socket',
  'watcher',
  'http-agent',
  'db-client',
  'sdk-client',
  'worker',
  'readline',
  'timer',
]);

/** Temporary directories, removed with `rm(dir, { recursive: true })`. */
export const TEMP_DIRS: readonly ExportRef[] = [
  { module: 'fs', path: ['mkdtemp'] },
  { module: 'fs', path: ['mkdtempSync'] },
  { module: 'fs', path: ['promises', 'mkdtemp'] },
];

/**
 * Methods that start serving on their receiver (`app.listen(0)`, Fastify's `await
 * app.ready()`): the receiver, or what `listen()` returns when it is kept (Express, Koa and
 * `http.Server` return the server), must be closed.
 */
export const SERVER_STARTS: ReadonlySet<string> = new Set(['listen', 'ready']);

/** The test-double namespaces of Vitest and Jest. */
export const MOCK_NAMESPACES: ReadonlySet<string> = new Set(['vi', 'jest']);

export const SPY_FACTORIES: ReadonlySet<string> = new Set(['spyOn']);
/** Called on a spy: puts the original back. */
export const SPY_RESTORES: ReadonlySet<string> = new Set(['mockRestore']);
/** Called on the namespace: puts every spy back. */
export const RESTORE_ALL_SPIES: ReadonlySet<string> = new Set(['restoreAllMocks']);

export const FAKE_TIMERS = { install: 'useFakeTimers', restore: 'useRealTimers' } as const;

/**
 * Names that release what they are called on (`server.close()`, `spy.mockRestore()`) or given
 * (`clearInterval(timer)`, `rm(dir)`, `closeServer(server)`): a resource used so outside its
 * setup hook (the last test shuts the server down) is taken as released there.
 */
export const RELEASE_WORDS =
  /^(?:close|destroy|end|stop|kill|quit|disconnect|\$disconnect|terminate|dispose|release|abort|shutdown|teardown|mockRestore|restore|clear(?:Interval|Timeout)|rm|rmSync|rmdir|rmdirSync|rimraf|remove|removeSync|(?:close|stop|destroy|teardown|cleanup|kill|shutdown)[A-Z]\w*)$/;
