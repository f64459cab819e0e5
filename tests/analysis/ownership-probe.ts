/**
 * A probe rule for engine tests: `acquire()` / `new Resource()` acquire; `.close()`,
 * `.release()` or `free(x)` release. Keyed: `open(k)` acquires and `shut(k)` (same key text)
 * releases, through `analyzeReleases`. It reports every verdict, so a test asserts each.
 */
import type { TSESTree } from '@typescript-eslint/utils';
import { ESLintUtils } from '@typescript-eslint/utils';

import { createOwnershipTracker } from '../../src/analysis/engine/ownership.js';

const createRule = ESLintUtils.RuleCreator((name) => name);

export default createRule<[{ strict?: boolean; exceptionPaths?: boolean }], string>({
  name: 'ownership-probe',
  meta: {
    type: 'problem',
    docs: { description: 'Probe' },
    messages: {
      module: 'module',
      unknown: 'unknown',
      released: 'released via {{via}}',
      transferred: 'transferred by {{how}}',
      discarded: 'discarded',
      leaks: 'leaks {{name}} at {{exit}}{{loop}}',
      notExceptionSafe: 'not exception safe: {{name}} at line {{line}}',
    },
    schema: [
      {
        type: 'object',
        properties: { strict: { type: 'boolean' }, exceptionPaths: { type: 'boolean' } },
        additionalProperties: false,
      },
    ],
  },
  defaultOptions: [{}],
  create(context, [options]) {
    const tracker = createOwnershipTracker(context);
    const found: TSESTree.Expression[] = [];
    const opens: TSESTree.CallExpression[] = [];
    const shuts: TSESTree.CallExpression[] = [];
    const key = (call: TSESTree.CallExpression): string =>
      call.arguments[0] ? context.sourceCode.getText(call.arguments[0]) : '';
    const spec = {
      unknownCalleeTakesOwnership: options.strict !== true,
      exceptionPaths: options.exceptionPaths !== false,
      isRelease(ref: TSESTree.Identifier): boolean {
        const p = ref.parent;
        if (p.type === 'MemberExpression' && p.object === ref && !p.computed) {
          const name = p.property.type === 'Identifier' ? p.property.name : '';
          return (name === 'close' || name === 'release') && p.parent.type === 'CallExpression';
        }
        return (
          p.type === 'CallExpression' &&
          p.callee.type === 'Identifier' &&
          p.callee.name === 'free' &&
          p.arguments[0] === ref
        );
      },
    };
    return {
      ...tracker.listeners,
      'CallExpression[callee.name="acquire"], NewExpression[callee.name="Resource"]'(
        node: TSESTree.CallExpression | TSESTree.NewExpression,
      ): void {
        found.push(node);
      },
      'CallExpression[callee.name="open"]'(node: TSESTree.CallExpression): void {
        opens.push(node);
        found.push(node);
      },
      'CallExpression[callee.name="shut"]'(node: TSESTree.CallExpression): void {
        shuts.push(node);
      },
      'Program:exit'(): void {
        for (const node of found) {
          const v = opens.includes(node as TSESTree.CallExpression)
            ? tracker.analyzeReleases(
                node,
                key(node as TSESTree.CallExpression),
                new Set(),
                shuts.filter((s) => key(s) === key(node as TSESTree.CallExpression)),
                spec,
              )
            : tracker.analyze(node, spec);
          switch (v.kind) {
            case 'leaks':
              context.report({
                node,
                messageId: 'leaks',
                data: {
                  name: v.name,
                  exit:
                    v.exit.type === 'ReturnStatement'
                      ? `return line ${v.exit.loc.start.line}`
                      : 'end',
                  loop: v.loop ? ' (loop)' : '',
                },
              });
              break;
            case 'not-exception-safe':
              context.report({
                node,
                messageId: 'notExceptionSafe',
                data: { name: v.name, line: v.call.loc.start.line },
              });
              break;
            case 'transferred':
              context.report({ node, messageId: 'transferred', data: { how: v.how } });
              break;
            case 'released':
              context.report({ node, messageId: 'released', data: { via: v.via } });
              break;
            default:
              context.report({ node, messageId: v.kind });
          }
        }
      },
    };
  },
});
