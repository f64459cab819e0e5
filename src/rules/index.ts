import type { TSESLint } from '@typescript-eslint/utils';

import preferPipeline from './prefer-pipeline.js';
import preferUsing from './prefer-using.js';
import requireDispose from './require-dispose.js';

/** Every rule of the plugin, in alphabetical order. */
export const rules = {
  'prefer-pipeline': preferPipeline,
  'prefer-using': preferUsing,
  'require-dispose': requireDispose,
} satisfies Record<string, TSESLint.RuleModule<string, readonly unknown[]>>;
