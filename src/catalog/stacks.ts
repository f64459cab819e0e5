/** `DisposableStack` and `AsyncDisposableStack`: owners of what they `use`, `adopt` or `defer`. */
import type { ResourceEntry } from './types.js';

export const STACK_ENTRIES: readonly ResourceEntry[] = [
  {
    id: 'DisposableStack',
    label: 'disposable stack',
    kind: 'disposable-stack',
    acquire: { via: 'new', from: [{ module: 'global', path: ['DisposableStack'] }] },
    releaseMethods: ['dispose'],
    disposable: 'sync',
    typePackage: 'typescript',
    typeNames: ['DisposableStack'],
  },
  {
    id: 'AsyncDisposableStack',
    label: 'async disposable stack',
    kind: 'disposable-stack',
    acquire: { via: 'new', from: [{ module: 'global', path: ['AsyncDisposableStack'] }] },
    releaseMethods: ['disposeAsync'],
    asyncRelease: true,
    disposable: 'async',
    typePackage: 'typescript',
    typeNames: ['AsyncDisposableStack'],
  },
];
