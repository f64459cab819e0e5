/** `net`, `tls`, `dgram`, `http`, `https`, `http2`: servers, sockets, sessions and agents. */
import type { ResourceEntry } from './types.js';

/**
 * A socket with one of these listeners works on after the function that opened it, and ends
 * when the peer does (`allowHalfOpen` is off by default): its event flow owns it.
 */
const SOCKET_EVENTS = ['data', 'readable', 'connect', 'secureConnect', 'end', 'close'];

export const NET_HTTP_ENTRIES: readonly ResourceEntry[] = [
  {
    id: 'http.createServer',
    label: 'HTTP server',
    kind: 'server',
    acquire: {
      via: 'either',
      from: [
        { module: 'http', path: ['createServer'] },
        { module: 'http', path: ['Server'] },
      ],
    },
    releaseMethods: ['close'],
    disposable: 'async',
    typePackage: 'http',
    typeNames: ['Server'],
  },
  {
    id: 'https.createServer',
    label: 'HTTPS server',
    kind: 'server',
    acquire: {
      via: 'either',
      from: [
        { module: 'https', path: ['createServer'] },
        { module: 'https', path: ['Server'] },
      ],
    },
    releaseMethods: ['close'],
    disposable: 'async',
    typePackage: 'https',
    typeNames: ['Server'],
  },
  {
    id: 'http2.createServer',
    label: 'HTTP/2 server',
    kind: 'server',
    acquire: {
      via: 'call',
      from: [
        { module: 'http2', path: ['createServer'] },
        { module: 'http2', path: ['createSecureServer'] },
      ],
    },
    releaseMethods: ['close'],
    disposable: 'async',
    typePackage: 'http2',
    typeNames: ['Http2Server', 'Http2SecureServer'],
  },
  {
    id: 'net.createServer',
    label: 'TCP server',
    kind: 'server',
    acquire: {
      via: 'either',
      from: [
        { module: 'net', path: ['createServer'] },
        { module: 'net', path: ['Server'] },
      ],
    },
    releaseMethods: ['close'],
    disposable: 'async',
    typePackage: 'net',
    typeNames: ['Server'],
  },
  {
    id: 'tls.createServer',
    label: 'TLS server',
    kind: 'server',
    acquire: {
      via: 'either',
      from: [
        { module: 'tls', path: ['createServer'] },
        { module: 'tls', path: ['Server'] },
      ],
    },
    releaseMethods: ['close'],
    disposable: 'async',
    typePackage: 'tls',
    typeNames: ['Server'],
  },
  {
    id: 'net.connect',
    label: 'socket',
    kind: 'socket',
    acquire: {
      via: 'either',
      from: [
        { module: 'net', path: ['connect'] },
        { module: 'net', path: ['createConnection'] },
        { module: 'net', path: ['Socket'] },
      ],
    },
    // `end()` first, the release a fix writes: it flushes pending writes before the FIN, where
    // `destroy()` discards them (an errored socket is destroyed already: `end()` does nothing).
    releaseMethods: ['end', 'destroy', 'resetAndDestroy'],
    liveEvents: SOCKET_EVENTS,
    liveCallbacks: ['connect'],
    closeEvents: ['close', 'end'],
    typePackage: 'net',
    typeNames: ['Socket'],
  },
  {
    id: 'tls.connect',
    label: 'TLS socket',
    kind: 'socket',
    acquire: {
      via: 'either',
      from: [
        { module: 'tls', path: ['connect'] },
        { module: 'tls', path: ['TLSSocket'] },
      ],
    },
    releaseMethods: ['end', 'destroy'],
    liveEvents: SOCKET_EVENTS,
    liveCallbacks: ['connect'],
    closeEvents: ['close', 'end'],
    typePackage: 'tls',
    typeNames: ['TLSSocket'],
  },
  {
    id: 'dgram.createSocket',
    label: 'UDP socket',
    kind: 'socket',
    acquire: { via: 'call', from: [{ module: 'dgram', path: ['createSocket'] }] },
    releaseMethods: ['close'],
    // Bound and listening (`'message'`) it is a small server of its own.
    liveEvents: ['message', 'listening', 'connect', 'close'],
    liveCallbacks: ['bind', 'connect'],
    // `close()` right after `send()` can drop the datagram: close in its callback.
    completesInCallback: ['send'],
    closeEvents: ['close'],
    disposable: 'async',
    typePackage: 'dgram',
    typeNames: ['Socket'],
  },
  {
    id: 'http2.connect',
    label: 'HTTP/2 session',
    kind: 'socket',
    acquire: { via: 'call', from: [{ module: 'http2', path: ['connect'] }] },
    releaseMethods: ['close', 'destroy'],
    liveEvents: ['connect', 'stream', 'goaway', 'close'],
    closeEvents: ['close'],
    typePackage: 'http2',
    typeNames: ['ClientHttp2Session'],
  },
  {
    id: 'http.Agent',
    label: 'HTTP agent',
    kind: 'http-agent',
    acquire: { via: 'new', from: [{ module: 'http', path: ['Agent'] }] },
    releaseMethods: ['destroy'],
    client: true,
    typePackage: 'http',
    typeNames: ['Agent'],
  },
  {
    id: 'https.Agent',
    label: 'HTTPS agent',
    kind: 'http-agent',
    acquire: { via: 'new', from: [{ module: 'https', path: ['Agent'] }] },
    releaseMethods: ['destroy'],
    client: true,
    typePackage: 'https',
    typeNames: ['Agent'],
  },
];
