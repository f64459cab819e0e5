import type { TSESLint } from '@typescript-eslint/utils';

import childProcessLifecycle from './child-process-lifecycle.js';
import consumeResponseBody from './consume-response-body.js';
import disposeOwnedFields from './dispose-owned-fields.js';
import forwardAbortSignal from './forward-abort-signal.js';
import noAsyncInSyncDispose from './no-async-in-sync-dispose.js';
import noDisposeInjected from './no-dispose-injected.js';
import noLeakedAbortTimer from './no-leaked-abort-timer.js';
import noLeakedListener from './no-leaked-listener.js';
import noManagedFinalizer from './no-managed-finalizer.js';
import noPerCallClient from './no-per-call-client.js';
import noUnboundedCollection from './no-unbounded-collection.js';
import preferPipeline from './prefer-pipeline.js';
import preferUsing from './prefer-using.js';
import requireDispose from './require-dispose.js';
import requirePairedCalls from './require-paired-calls.js';
import requireTestCleanup from './require-test-cleanup.js';

/** Every rule of the plugin, in alphabetical order. */
export const rules = {
  'child-process-lifecycle': childProcessLifecycle,
  'consume-response-body': consumeResponseBody,
  'dispose-owned-fields': disposeOwnedFields,
  'forward-abort-signal': forwardAbortSignal,
  'no-async-in-sync-dispose': noAsyncInSyncDispose,
  'no-dispose-injected': noDisposeInjected,
  'no-leaked-abort-timer': noLeakedAbortTimer,
  'no-leaked-listener': noLeakedListener,
  'no-managed-finalizer': noManagedFinalizer,
  'no-per-call-client': noPerCallClient,
  'no-unbounded-collection': noUnboundedCollection,
  'prefer-pipeline': preferPipeline,
  'prefer-using': preferUsing,
  'require-dispose': requireDispose,
  'require-paired-calls': requirePairedCalls,
  'require-test-cleanup': requireTestCleanup,
} satisfies Record<string, TSESLint.RuleModule<string, readonly unknown[]>>;
