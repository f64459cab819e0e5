import type { TSESLint } from '@typescript-eslint/utils';

import preferPipeline from './prefer-pipeline.js';
import requireDispose from './require-dispose.js';

/** Every rule of the plugin, in alphabetical order. */
export const rules = {
  'prefer-pipeline': preferPipeline,
  'require-dispose': requireDispose,
} satisfies Record<string, TSESLint.RuleModule<string, readonly unknown[]>>;
