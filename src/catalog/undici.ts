/**
 * `undici` dispatchers (clients to share, closed with `close()`), and response bodies from
 * `undici.request` and `fetch` (global or undici's), released by reading or cancelling them.
 */
import type { ResourceEntry } from './types.js';

const dispatcher = {
  releaseMethods: ['close', 'destroy'],
  asyncRelease: true,
  client: true,
  typePackage: 'undici',
} as const;

export const UNDICI_ENTRIES: readonly ResourceEntry[] = [
  {
    ...dispatcher,
    id: 'undici.Agent',
    label: 'undici agent',
    kind: 'http-agent',
    acquire: { via: 'new', from: [{ module: 'undici', path: ['Agent'] }] },
    typeNames: ['Agent'],
  },
  {
    ...dispatcher,
    id: 'undici.Pool',
    label: 'undici pool',
    kind: 'http-client',
    acquire: { via: 'new', from: [{ module: 'undici', path: ['Pool'] }] },
    typeNames: ['Pool'],
  },
  {
    ...dispatcher,
    id: 'undici.Client',
    label: 'undici client',
    kind: 'http-client',
    acquire: { via: 'new', from: [{ module: 'undici', path: ['Client'] }] },
    typeNames: ['Client'],
  },
  {
    ...dispatcher,
    id: 'undici.BalancedPool',
    label: 'undici balanced pool',
    kind: 'http-client',
    acquire: { via: 'new', from: [{ module: 'undici', path: ['BalancedPool'] }] },
    typeNames: ['BalancedPool'],
  },
  {
    ...dispatcher,
    id: 'undici.ProxyAgent',
    label: 'undici proxy agent',
    kind: 'http-agent',
    acquire: { via: 'new', from: [{ module: 'undici', path: ['ProxyAgent'] }] },
    typeNames: ['ProxyAgent'],
  },
  {
    ...dispatcher,
    id: 'undici.EnvHttpProxyAgent',
    label: 'undici proxy agent',
    kind: 'http-agent',
    acquire: { via: 'new', from: [{ module: 'undici', path: ['EnvHttpProxyAgent'] }] },
    typeNames: ['EnvHttpProxyAgent'],
  },
  {
    id: 'undici.request',
    label: 'response body',
    kind: 'response-body',
    acquire: { via: 'call', from: [{ module: 'undici', path: ['request'] }] },
    releaseOn: 'body',
    releaseMethods: ['arrayBuffer', 'blob', 'bytes', 'destroy', 'dump', 'json', 'text'],
    asyncAcquire: true,
  },
  {
    // `pool.request(opts)`, `client.request(opts)`: the dispatcher methods answer alike.
    id: 'undici.Dispatcher.request',
    label: 'response body',
    kind: 'response-body',
    acquire: { via: 'call', from: [] },
    acquireMethod: {
      receiverIds: [
        'undici.Agent',
        'undici.Pool',
        'undici.Client',
        'undici.BalancedPool',
        'undici.ProxyAgent',
        'undici.EnvHttpProxyAgent',
      ],
      method: 'request',
    },
    releaseOn: 'body',
    releaseMethods: ['arrayBuffer', 'blob', 'bytes', 'destroy', 'dump', 'json', 'text'],
    asyncAcquire: true,
  },
  {
    id: 'fetch',
    label: 'response body',
    kind: 'response-body',
    acquire: {
      via: 'call',
      from: [
        { module: 'global', path: ['fetch'] },
        { module: 'undici', path: ['fetch'] },
      ],
    },
    releaseMethods: ['arrayBuffer', 'blob', 'bytes', 'formData', 'json', 'text'],
    asyncAcquire: true,
  },
];
