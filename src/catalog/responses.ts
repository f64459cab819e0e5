/**
 * HTTP responses (`fetch`, `undici.fetch`, `undici.request`): what reads, releases or only
 * looks at a response and its body. Data only; `consume-response-body` reads it.
 */

/** The property that holds the body: `res.body`, `const { body } = await request(url)`. */
export const BODY_PROPERTY = 'body';

/** `res.json()` and friends read the whole body. */
export const READING_METHODS: ReadonlySet<string> = new Set([
  'json',
  'text',
  'arrayBuffer',
  'blob',
  'formData',
  'bytes',
]);

/** Methods on the body (a web `ReadableStream` or an undici `Readable`) that consume or end it. */
export const BODY_METHODS: ReadonlySet<string> = new Set([
  ...READING_METHODS,
  'cancel',
  'dump',
  'destroy',
  'pipe',
  'pipeTo',
  'pipeThrough',
  'getReader',
  'resume',
  'on',
  'once',
  'tee',
  'values',
  'read',
]);

/** Properties that only look at the status line and headers. */
export const PEEKS: ReadonlySet<string> = new Set([
  'ok',
  'status',
  'statusCode',
  'statusText',
  'headers',
  'url',
  'redirected',
  'type',
  'trailers',
  'context',
  'opaque',
]);

/** Properties holding the status code, compared against `NO_BODY_STATUSES`. */
export const STATUS_PROPERTIES: ReadonlySet<string> = new Set(['status', 'statusCode']);

/** Statuses whose response has no body to read: No Content, Reset Content, Not Modified. */
export const NO_BODY_STATUSES: ReadonlySet<number> = new Set([204, 205, 304]);

/** Request methods whose response has no body. */
export const NO_BODY_METHODS: ReadonlySet<string> = new Set(['HEAD']);
