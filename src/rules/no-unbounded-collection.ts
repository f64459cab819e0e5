import type { TSESTree } from '@typescript-eslint/utils';

import { isTestFile } from '../analysis/lifetime/test-files.js';
import { createRule } from '../utils/create-rule.js';
import { mergeListeners } from '../utils/listeners.js';
import { createCandidateScan, type Candidate } from './no-unbounded-collection-utils/candidates.js';
import { useOf } from './no-unbounded-collection-utils/uses.js';
import { whyUnbounded, type Why } from './no-unbounded-collection-utils/why.js';

export type Options = [];
export type MessageIds = 'unbounded' | 'unboundedCache' | 'unboundedResources';

/** A cheap text test: the file builds a collection somewhere. */
const MAY_HOLD = /new (?:Map|Set|Array)\b|[=:]\s*(?:\[\s*\]|\{\s*\})|Object\.create\(null\)/;

const WHAT: Record<Candidate['scope'], string> = {
  module: 'module-scope',
  static: 'static',
  field: 'long-lived field',
};

export default createRule<Options, MessageIds>({
  name: 'no-unbounded-collection',
  meta: {
    type: 'problem',
    docs: {
      description:
        'Disallow module-scope and long-lived collections that only grow: entries added per request, per event or per cache miss and never removed',
      recommended: false,
    },
    messages: {
      unbounded:
        '`{{name}}` ({{what}} {{kind}}) only grows: {{grow}} at line {{line}} runs in {{where}} and nothing removes entries. Remove them when done, cap the size, or use an LRU/TTL cache.',
      unboundedCache:
        '`{{name}}` ({{what}} {{kind}}) is a cache without eviction: {{where}} stores every miss ({{grow}} at line {{line}}) and nothing removes entries. Cap the size, expire entries, or use an LRU/TTL cache.',
      unboundedResources:
        'Delete the entry from `{{name}}`, and abort or close its {{value}}, when the work ends. `{{name}}` ({{what}} {{kind}}) keeps the {{value}} that {{where}} stores at line {{line}} and never removes it: every call leaks one.',
    },
    schema: [],
  },
  create(context) {
    const sourceCode = context.sourceCode;
    const env = { sourceCode, filename: context.filename };
    if (!MAY_HOLD.test(sourceCode.text) || isTestFile(env)) return {};
    const scan = createCandidateScan(sourceCode);

    const judge = (candidate: Candidate): void => {
      if (candidate.replaced) return;
      const uses = candidate.uses.map((node) => useOf(node, candidate.kind));
      if (uses.some((u) => u.kind === 'shrink' || u.kind === 'bounded' || u.kind === 'escape'))
        return;
      const lookups = uses.flatMap((u) => (u.kind === 'lookup' ? [u.node] : []));
      for (const use of uses) {
        if (use.kind !== 'grow') continue;
        const why = whyUnbounded(env, use, lookups);
        if (why) {
          report(candidate, use.node, why);
          return;
        }
      }
    };

    const report = (candidate: Candidate, grow: TSESTree.Node, why: Why): void => {
      const { node, name } = candidate;
      const line = String(grow.loc.start.line);
      const target = grow.type === 'AssignmentExpression' ? grow.left : grow;
      const code = sourceCode.getText(target.type === 'CallExpression' ? target.callee : target);
      const growText = target.type === 'CallExpression' ? `\`${code}()\`` : `\`${code} = …\``;
      const what = WHAT[candidate.scope];
      const kind = candidate.kind === 'object' ? 'object used as a map' : candidate.kind;
      const where = why.where;
      if (why.kind === 'resource') {
        const data = { name, what, kind, value: why.value, where, line };
        context.report({ node, messageId: 'unboundedResources', data });
      } else if (why.kind === 'cache') {
        const data = { name, what, kind, where, grow: growText, line };
        context.report({ node, messageId: 'unboundedCache', data });
      } else {
        const data = { name, what, kind, grow: growText, line, where };
        context.report({ node, messageId: 'unbounded', data });
      }
    };

    return mergeListeners(scan.listeners, {
      'Program:exit'(): void {
        for (const candidate of scan.candidates()) judge(candidate);
      },
    });
  },
});
