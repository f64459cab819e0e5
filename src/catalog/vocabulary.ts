/**
 * The words of ownership: which method names release, store, stack or only look at a value,
 * which calls hand it on, which calls cannot throw. Data only; the ownership engine, the
 * type-based finder and the fixes read these lists, each kept once here.
 */

/**
 * Method names that release what their receiver holds, in the order a message prefers them.
 * The default release vocabulary of a user-declared resource, the methods a typed disposable
 * is released by, and a hint that a file releases something.
 */
export const RELEASE_METHODS: readonly string[] = [
  'close',
  'dispose',
  'release',
  'end',
  'destroy',
  'disconnect',
  'terminate',
  'quit',
  'kill',
  'abort',
];

/**
 * Methods a library's `[Symbol.dispose]`/`[Symbol.asyncDispose]` stands for, where its type
 * has one: the release names, and a driver's `endSession()` (mongodb sessions).
 */
export const DISPOSE_LIKE_METHODS: readonly string[] = [...RELEASE_METHODS, 'endSession'];

/** `x[Symbol.dispose]()` / `x[Symbol.asyncDispose]()`: the members of `Symbol` that dispose. */
export const DISPOSE_SYMBOLS: ReadonlySet<string> = new Set(['dispose', 'asyncDispose']);

/**
 * Methods that hand back their receiver or an argument rather than a new value: `ref`,
 * `unref`, `src.pipe(dest)`, `stack.use(x)`, `stack.adopt(x, f)`. With the release methods,
 * names of calls that never acquire.
 */
export const HANDS_BACK_METHODS: readonly string[] = ['ref', 'unref', 'use', 'adopt', 'pipe'];

/** Methods that store their argument in the receiver (a collection or a registry). */
export const STORING_METHODS: ReadonlySet<string> = new Set([
  'push',
  'unshift',
  'add',
  'set',
  'splice',
  'append',
  'register',
]);

/** `DisposableStack` methods that take ownership of their argument. */
export const STACKING_METHODS: ReadonlySet<string> = new Set(['use', 'adopt', 'defer', 'move']);

/** Functions that take ownership of the streams passed to them: they end or destroy them. */
export const OWNING_CALLS: ReadonlySet<string> = new Set(['pipeline', 'finished', 'pipe']);

/** Methods of a stream that hand it to another stream (`src.pipe(dest)`, web streams' forms). */
export const PIPING_METHODS: ReadonlySet<string> = new Set(['pipe', 'pipeTo', 'pipeThrough']);

/** Promise methods: a value reached through them is handed to their callbacks. */
export const PROMISE_METHODS: ReadonlySet<string> = new Set(['then', 'catch', 'finally']);

/** `resolve(x)` in a promise executor: the value goes to whoever awaits the promise. */
export const RESOLVING_CALLS: ReadonlySet<string> = new Set(['resolve']);

/** Roots of callees that only look at a value: never a hand-off, even in `recommended`. */
export const OBSERVER_ROOTS: ReadonlySet<string> = new Set([
  'console',
  'JSON',
  'String',
  'Number',
  'Boolean',
  'Object',
  'Array',
  'assert',
  'expect',
  'util',
]);

/**
 * Functions that wait on an event of the value passed first (`await once(stream, 'open')`,
 * `await finished(stream)`): they reject only when that value fails, and a stream that fails
 * has destroyed itself (`autoDestroy`), so the rejection leaks nothing.
 */
export const OWN_EVENT_WAITS: ReadonlySet<string> = new Set(['once', 'finished']);

/** Roots of calls that do not throw in practice (logging). */
export const HARMLESS_ROOTS: ReadonlySet<string> = new Set(['console', 'process']);

/** Global functions that do not throw in practice: timers and their clearing. */
export const HARMLESS_CALLS: ReadonlySet<string> = new Set([
  'setTimeout',
  'setImmediate',
  'setInterval',
  'clearTimeout',
  'clearInterval',
  'clearImmediate',
  'queueMicrotask',
]);

/**
 * Methods through which a resource outlives the statement that uses it: a listener or a pipe
 * keeps it working after the function would have disposed of it.
 */
export const ESCAPING_METHODS: ReadonlySet<string> = new Set([
  'on',
  'once',
  'addListener',
  'prependListener',
  'prependOnceListener',
  'addEventListener',
  'pipe',
]);

/**
 * Properties whose test says whether a value still holds something to release:
 * `if (!s.destroyed) s.destroy()`, `if (!res.bodyUsed) await res.body?.cancel()`. A release
 * under such a test (or a test of the value itself) discharges both branches.
 */
export const HOLDING_STATE_PROPERTIES: ReadonlySet<string> = new Set([
  'body',
  'bodyUsed',
  'closed',
  // A child process: `exitCode`/`signalCode` are null while it runs, `pid` is unset when it
  // never started, `connected` while its IPC channel is open.
  'connected',
  'destroyed',
  'exitCode',
  'fd',
  'killed',
  'pid',
  'signalCode',
  'locked',
  'pending',
  'readable',
  'writable',
  'writableEnded',
  'readableEnded',
]);

/** Resource kinds a `for await … of` over the resource consumes and closes (streams, `fs.Dir`, readline). */
export const ITERATION_CLOSES_KINDS: ReadonlySet<string> = new Set([
  'directory',
  'file-stream',
  // Leaving the loop early closes a readline interface and destroys a socket too.
  'readline',
  'socket',
]);
