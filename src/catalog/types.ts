/**
 * The shape of resource knowledge. The catalog is data: rules and the ownership engine read
 * it; it imports nothing from them.
 */

/** Where a value comes from: a module export path, or a global. */
export interface ExportRef {
  /** Module specifier without `node:` (`fs`, `undici`, `@aws-sdk/client-s3`), or `'global'`. */
  module: string;
  /**
   * Property path from the module namespace: `['createReadStream']`, `['promises', 'open']`,
   * `['Pool']`. A default import is `['default', ...]`; for CommonJS-style packages a match
   * also tries the path without the leading `default`.
   */
  path: readonly string[];
  /**
   * Match any module whose normalised name matches (`/^@aws-sdk\/client-/`); `module` is then
   * only a readable placeholder (`'@aws-sdk/client-*'`).
   */
  modulePattern?: RegExp;
  /**
   * Match any export whose last path element matches (`/Client$/`); `path` then holds only the
   * prefix before that element (usually `[]`).
   */
  namePattern?: RegExp;
  /**
   * For `module: 'file'` (user specifiers `{ from: 'file' }`): the declaring file, matched by
   * its base name against relative imports (`./db.js` matches `src/db.ts`). Absent: any
   * relative import or local declaration of that name.
   */
  file?: string;
}

/**
 * Every kind of resource, once: the `ResourceKind` type and the options schema (`kind` of a
 * user-declared resource) both read this list.
 */
export const RESOURCE_KINDS = [
  'file-handle',
  'file-descriptor',
  'file-stream',
  'directory',
  'watcher',
  'child-process',
  'server',
  'socket',
  'http-agent',
  'http-client',
  'db-client',
  'db-connection',
  'sdk-client',
  'response-body',
  'worker',
  'readline',
  'timer',
  'listener',
  'disposable-stack',
  /** A value whose type has `[Symbol.dispose]`/`[Symbol.asyncDispose]`, found by types alone. */
  'typed-disposable',
  /** User-declared resources (options) whose kind was not given. */
  'other',
] as const;

export type ResourceKind = (typeof RESOURCE_KINDS)[number];

export interface ReleaseCall {
  /** `fn(resource)` forms: `clearInterval(t)`, `fs.closeSync(fd)`. */
  fn: ExportRef;
  /** Which argument receives the resource. */
  argIndex: number;
}

export interface ResourceEntry {
  /** Stable id used in messages and options: `fs.createReadStream`, `pg.Pool`. */
  id: string;
  /** Human words for messages: `write stream`, `pg pool`, `child process`. */
  label: string;
  kind: ResourceKind;
  /** How it is acquired: a call of, or `new` on, one of these exports. */
  acquire: { via: 'call' | 'new' | 'either'; from: readonly ExportRef[] };
  /**
   * Acquisition through a method of another resource, e.g. `pool.connect()` on a `pg.Pool`
   * (matched by the receiver's type when types are available).
   */
  acquireMethod?: { receiverIds: readonly string[]; method: string };
  /**
   * Methods that release it: `close`, `destroy`, `end`, `release`, `kill`, … Empty together
   * with no `releaseCalls` and no `disposable`: nothing to release (an axios instance); the
   * entry serves `no-per-call-client` only.
   */
  releaseMethods: readonly string[];
  /**
   * The release methods are called on this property of the resource, not on the resource
   * itself: `body` for undici `request()` (`res.body.dump()`).
   */
  releaseOn?: string;
  /** It implements `[Symbol.dispose]` (`'sync'`) or `[Symbol.asyncDispose]` (`'async'`). */
  disposable?: 'sync' | 'async';
  /**
   * Callback-style acquisition: the resource is not the return value but this parameter of
   * the last-argument callback (`fs.open(p, (err, fd) => …)` → `1`).
   */
  callbackResult?: number;
  /** Function forms that release it: `clearInterval(t)`, `fs.close(fd)`. */
  releaseCalls?: readonly ReleaseCall[];
  /** The release returns a promise that must be awaited for the release to finish. */
  asyncRelease?: boolean;
  /** The acquisition returns a promise of the resource (`fs/promises.open`). */
  asyncAcquire?: boolean;
  /**
   * Releasing it twice fails: these release methods reject or throw on a second call (a pg
   * pool's `end()`). A class that releases it must guard its release method.
   */
  releaseOnce?: { methods: readonly string[]; error: string };
  /**
   * Methods whose result takes the resource over and releases it: `fh.createReadStream()`
   * closes the handle when the stream ends or is destroyed (`autoClose`), unless the call
   * passes `{ autoClose: false }`.
   */
  handOffMethods?: readonly string[];

  /**
   * Called without arguments it opens nothing: `mongoose.createConnection()` is a registry of
   * models until `openUri()`. Only a call with arguments is an acquisition.
   */
  opensOnlyWithArguments?: boolean;
  /**
   * Events whose listener keeps the resource at work after the function returns (a socket's
   * `'data'`, a readline's `'line'`, a watcher's `'change'`): registering one (`x.on(event, …)`)
   * hands it on to its event flow, which ends when the peer or the input does.
   */
  liveEvents?: readonly string[];
  /**
   * Methods whose function argument is a listener for one of `liveEvents`
   * (`socket.connect(port, onConnect)`, `udp.bind(port, onListening)`): the same hand-off.
   */
  liveCallbacks?: readonly string[];
  /**
   * Methods whose work finishes only when their callback runs (a UDP socket's `send`, which
   * looks the address up and queues the datagram): a release right after one can drop that
   * work, so the release belongs in that callback, and no `finally` fix is offered after one.
   */
  completesInCallback?: readonly string[];
  /** Events that say it closed: waiting for one (`await once(rl, 'close')`) releases it. */
  closeEvents?: readonly string[];
  /**
   * Built over one of these process-wide streams (`createInterface({ input: process.stdin })`)
   * in code that runs once per process (a CLI's `main`), it lives as long as the process.
   */
  processLifetimeOver?: readonly string[];
  /** Releases itself (one-shot timer; a read stream with autoClose when fully consumed). */
  selfReleasing?: boolean;
  /** An HTTP, database or SDK client that should be shared, not built per call. */
  client?: boolean;
  /** The package whose type declarations declare it, for type-based matching. */
  typePackage?: string;
  /** Type name(s) to match by type (`Pool`, `ChildProcess`). */
  typeNames?: readonly string[];
}
