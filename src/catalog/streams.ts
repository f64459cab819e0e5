/**
 * Node.js streams (`node:stream` and what builds on it): what makes one, the types that name
 * one, how code reads one in memory and how it handles one's end and errors. Data only;
 * `prefer-pipeline` reads it to tell Node streams from anything else with a `pipe` method.
 */
import type { ExportRef } from './types.js';

/** Classes of `node:stream`, constructed by name: `new PassThrough()`, `new stream.Transform()`. */
export const STREAM_CLASSES: ReadonlySet<string> = new Set([
  'Readable',
  'Writable',
  'Duplex',
  'Transform',
  'PassThrough',
]);

/** Static factories of those classes: `Readable.from(…)`, `Duplex.from(…)`, `Readable.fromWeb(…)`. */
export const STREAM_CLASS_FACTORIES: ReadonlySet<string> = new Set(['from', 'fromWeb']);

/**
 * Factories whose names alone say "Node stream", whatever module they come from: fs-extra and
 * graceful-fs re-export the `fs` ones, and no other library uses these names for anything else.
 */
export const STREAM_FACTORY_NAMES: ReadonlySet<string> = new Set([
  'createReadStream',
  'createWriteStream',
  'createGzip',
  'createGunzip',
  'createDeflate',
  'createInflate',
  'createDeflateRaw',
  'createInflateRaw',
  'createUnzip',
  'createBrotliCompress',
  'createBrotliDecompress',
  'createZstdCompress',
  'createZstdDecompress',
  'createCipheriv',
  'createDecipheriv',
  'createHash',
  'createHmac',
]);

/** Client requests of `http` and `https`: a stream, whose response is an `IncomingMessage`. */
export const CLIENT_REQUESTS = {
  modules: new Set(['http', 'https']) as ReadonlySet<string>,
  methods: new Set(['request', 'get']) as ReadonlySet<string>,
  /** The event on a client request that hands over the response. */
  responseEvent: 'response',
} as const;

/**
 * Generic names that make a stream only as exports of their module (`net.connect`, not
 * `db.connect`): matched against the resolved callee like every catalog export.
 */
export const STREAM_EXPORTS: readonly ExportRef[] = [
  { module: 'net', path: ['connect'] },
  { module: 'net', path: ['createConnection'] },
  { module: 'net', path: ['Socket'] },
  { module: 'tls', path: ['connect'] },
  { module: 'tls', path: ['TLSSocket'] },
  ...[...CLIENT_REQUESTS.modules].flatMap((module) =>
    [...CLIENT_REQUESTS.methods].map((method) => ({ module, path: [method] })),
  ),
];

/** Type names that denote a Node stream when written in an annotation. */
export const STREAM_TYPE_NAMES: ReadonlySet<string> = new Set([
  ...STREAM_CLASSES,
  'ReadStream',
  'WriteStream',
  'ServerResponse',
  'IncomingMessage',
  'ClientRequest',
  // Only as `NodeJS.ReadableStream` and friends: the web globals of these names have no `.pipe()`.
  'ReadableStream',
  'WritableStream',
  'ReadWriteStream',
]);
/** Type names shared with the web streams: Node's only under the `NodeJS` namespace. */
export const WEB_STREAM_TYPE_NAMES: ReadonlySet<string> = new Set([
  'ReadableStream',
  'WritableStream',
]);
export const NODE_TYPES_NAMESPACE = 'NodeJS';
/** Modules whose exported stream types an annotation may import (`import { Readable } from 'stream'`). */
export const STREAM_TYPE_MODULES: ReadonlySet<string> = new Set([
  'stream',
  'fs',
  'http',
  'https',
  'http2',
  'net',
  'tls',
  'zlib',
]);
/** Frameworks whose `Request`/`Response` types are Node streams (`express.Response`). */
export const FRAMEWORK_STREAM_TYPES: Readonly<Record<string, ReadonlySet<string>>> = {
  express: new Set(['Request', 'Response']),
};
/** Declaration files of Node's own types: a `pipe` declared there is a Node stream's. */
export const NODE_TYPES_FILE = /[\\/]@types[\\/]node[\\/]/;

/** The two sides of a server request handler, by type name (express's extend Node's). */
export const REQUEST_TYPE_NAMES: ReadonlySet<string> = new Set(['IncomingMessage', 'Request']);
export const RESPONSE_TYPE_NAMES: ReadonlySet<string> = new Set(['ServerResponse', 'Response']);

/** `process.stdin`, `child.stdout`: the standard streams of a process. */
export const STDIO: ReadonlySet<string> = new Set(['stdin', 'stdout', 'stderr']);

/**
 * Destinations that hold a descriptor until they are ended or destroyed: an aborted request
 * piped into one leaves it open, since `.pipe()` ends a destination only on the source's end.
 */
export const DESCRIPTOR_SINKS: ReadonlySet<string> = new Set(['createWriteStream']);

/** Sinks that never error or close early (`crypto.createHash()`): nothing upstream leaks into them. */
export const IN_MEMORY_SINKS: ReadonlySet<string> = new Set(['createHash', 'createHmac']);
/** `new PassThrough()` read in memory: the methods and events that read it, and quiet ones. */
export const IN_MEMORY_READS = {
  passThrough: 'PassThrough',
  methods: new Set(['read', 'resume', 'setEncoding']) as ReadonlySet<string>,
  events: new Set(['data', 'readable']) as ReadonlySet<string>,
  quietEvents: new Set(['end', 'error', 'close', 'finish']) as ReadonlySet<string>,
} as const;

/** How code handles a stream's end and errors by hand. */
export const STREAM_HANDLING = {
  errorEvent: 'error',
  /** Events that say the stream is done, one way or another. */
  closeEvents: new Set(['close', 'finish', 'end', 'aborted']) as ReadonlySet<string>,
  /** Methods that end a stream early. */
  destroyMethods: new Set(['destroy', 'close']) as ReadonlySet<string>,
  /** `destroy(s)` (`stream.destroy`, `pump`'s helpers). */
  destroyFunction: 'destroy',
  /** Helpers that watch a stream's errors and end: `finished(s, cb)`, `eos(s, cb)`. */
  observers: new Set(['finished', 'eos', 'endOfStream', 'onFinished']) as ReadonlySet<string>,
  /** `pipeline(…)` forwards errors and destroys every stream it is given. */
  pipeline: 'pipeline',
} as const;

/**
 * Node's functions that take ownership of the streams they are given (they end or destroy
 * every one), known by what they are, whatever name the file imports them under
 * (`import { pipeline as pump } from 'node:stream'`, `const { pipeline: copy } = require(…)`).
 */
export const STREAM_OWNERS: readonly ExportRef[] = [
  { module: 'stream', path: ['pipeline'] },
  { module: 'stream', path: ['finished'] },
  { module: 'stream', path: ['promises', 'pipeline'] },
  { module: 'stream', path: ['promises', 'finished'] },
  { module: 'stream/promises', path: ['pipeline'] },
  { module: 'stream/promises', path: ['finished'] },
];

/**
 * Streams that live in memory and hold no descriptor or socket: nothing stays open when the
 * other end of a `.pipe()` closes early. Hand-written ones are recognized by their shape: a
 * `Writable` whose `write` only collects chunks, a `Readable` whose `read` only pushes.
 */
export const IN_MEMORY_STREAMS = {
  /** Calls a collecting `write` or a pushing `read` may make besides its own callback. */
  bufferCalls: new Set([
    'push',
    'concat',
    'toString',
    'stringify',
    'from',
    'slice',
    'subarray',
    'set',
    'add',
  ]) as ReadonlySet<string>,
  /** Methods of such a stream's options (or its class) that must stay in memory. */
  writeMethods: new Set([
    'write',
    'writev',
    'final',
    '_write',
    '_writev',
    '_final',
  ]) as ReadonlySet<string>,
  readMethods: new Set(['read', '_read']) as ReadonlySet<string>,
  /**
   * Archive builders that are Readables (`archiver('zip')`, `new ZipArchive()`): in memory
   * while they are fed strings and buffers (`append(text)`); the feeding methods named here
   * read files lazily.
   */
  archivers: new Set(['archiver']) as ReadonlySet<string>,
  /** Readables of libraries that only push what their methods are given (a trace event log). */
  pushingReadables: [{ module: 'chrome-trace-event', path: ['Tracer'] }] as readonly ExportRef[],
  archiverDiskFeeds: new Set(['file', 'directory', 'glob', 'symlink']) as ReadonlySet<string>,
  archiverAppend: 'append',
} as const;
