import type { TSESTree } from '@typescript-eslint/utils';

import { createRule } from '../utils/create-rule.js';

export type Options = [];
export type MessageIds = 'preferPipeline';

export default createRule<Options, MessageIds>({
  name: 'prefer-pipeline',
  meta: {
    type: 'problem',
    docs: {
      description: 'Require `stream.pipeline` instead of `.pipe()` chains that do not propagate errors',
      recommended: true,
    },
    messages: {
      preferPipeline: 'placeholder',
    },
    schema: [],
  },
  defaultOptions: [],
  create(context) {
    return {
      'CallExpression[callee.property.name="pipe"]'(node: TSESTree.CallExpression): void {
        void node;
        void context;
      },
    };
  },
});
