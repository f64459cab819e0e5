import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '@typescript-eslint/types';

import {
  enclosingFunction,
  isFunctionNode as isFunction,
  type FunctionNode,
} from '../utils/ast.js';
import { usePathFacts } from '../analysis/engine/code-paths.js';
import { undischargedExit, type Start } from '../analysis/engine/exit-paths.js';
import { findVariable, staticPropertyName } from '../analysis/resolve/imports.js';
import { createOwnershipTracker } from '../analysis/engine/ownership.js';
import {
  branchOf,
  cancelBefore,
  dischargesOf,
  holderOf,
  inNoBodyBranch,
  isHeadRequest,
  PEEKS,
  releasesResponse,
} from './consume-response-body-utils/response-body.js';
import { fileMayAcquire, findAcquisition } from '../analysis/resolve/match.js';
import { CATALOG, type ResourceEntry } from '../catalog/index.js';
import { createRule } from '../utils/create-rule.js';

export type Options = [{ throwPaths?: boolean }];
export type MessageIds = 'unread' | 'dropped' | 'cancelBody';

type Fetch = TSESTree.CallExpression;

/** Responses whose body must be consumed: the rule has nothing to do in a file without them. */
const BODIES: readonly ResourceEntry[] = CATALOG.filter((entry) => entry.kind === 'response-body');

export default createRule<Options, MessageIds>({
  name: 'consume-response-body',
  meta: {
    type: 'problem',
    docs: {
      description:
        'Require the body of every `fetch` and undici `request` response to be read, cancelled or handed on',
      recommended: true,
    },
    hasSuggestions: true,
    messages: {
      unread:
        'The body of the response from `{{callee}}` (line {{line}}) is never read, cancelled or handed on {{when}}{{branch}}: its connection stays checked out until the garbage collector finds it. Read it, or release it with `await {{cancel}}` on that path.',
      dropped:
        'The response from `{{callee}}` at line {{line}} is dropped {{how}}: its body is never read, so its connection stays checked out until the garbage collector finds it. Read or release the body (`await {{cancel}}`), or send a `HEAD` request when only the status matters.',
      cancelBody: 'Release the body with `await {{cancel}}` before leaving.',
    },
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          throwPaths: {
            description:
              'Also report a body left unread when the function throws (`if (!res.ok) throw …`).',
            type: 'boolean',
          },
        },
      },
    ],
    defaultOptions: [{ throwPaths: true }],
  },
  create(context, [{ throwPaths = true }]) {
    const { sourceCode } = context;
    // Cheap file filter, before asking for code paths (whoever asks first records them for all).
    if (!fileMayAcquire(sourceCode, BODIES)) return {};
    const tracker = createOwnershipTracker(context);
    const { facts } = usePathFacts(context);

    function report(
      call: Fetch,
      messageId: 'unread' | 'dropped',
      data: { cancel: string } & Record<string, string>,
      fix: TSESLint.ReportFixFunction | null = null,
    ): void {
      context.report({
        node: call,
        messageId,
        data: {
          callee: sourceCode.getText(call.callee),
          line: String(call.loc.start.line),
          ...data,
        },
        suggest: fix ? [{ messageId: 'cancelBody', data: { cancel: data.cancel }, fix }] : [],
      });
    }

    /** Walk from the call to the first exit that leaves `references` undischarged, and report it. */
    function reportFirstExit(
      { call, start }: { call: Fetch; start: Start },
      owner: FunctionNode,
      variable: TSESLint.Scope.Variable,
      form: 'response' | 'body',
      which: { returns: boolean | 'after-throw'; loops: boolean },
      names: ReadonlySet<string>,
      cancel: string,
    ): void {
      const discharges = dischargesOf(variable.references, owner, form);
      const scope = variable.scope.block;
      const exit = undischargedExit(facts, owner, start, discharges, {
        ...which,
        throws: throwPaths,
      });
      if (exit === null || exit === 'unknown') return;
      if (exit.kind !== 'loop' && inNoBodyBranch(exit.node, (n) => sourceCode.getText(n))) return;
      const after =
        exit.kind !== 'loop' && exit.after
          ? `, after the \`throw\` at line ${exit.after.loc.start.line} is caught`
          : '';
      const when =
        exit.kind === 'loop'
          ? 'before the next iteration of its loop'
          : exit.kind === 'throw'
            ? `when the function throws at line ${exit.node.loc.start.line}${after}`
            : isFunction(exit.node)
              ? `by the end of the function (line ${exit.node.loc.end.line})${after}`
              : `when the function returns at line ${exit.node.loc.start.line}${after}`;
      const branchAt = exit.kind === 'loop' ? null : (exit.after ?? exit.node);
      const branch = branchAt === null ? '' : branchOf(sourceCode, branchAt, names);
      report(
        call,
        'unread',
        { when, branch, cancel },
        cancelBefore(sourceCode, exit, owner, cancel, scope),
      );
    }

    /** `const { statusCode, body } = await request(url)`: follow the `body` binding. */
    function checkPattern(
      item: { call: Fetch; start: Start },
      pattern: TSESTree.ObjectPattern,
      owner: FunctionNode,
    ): void {
      if (pattern.properties.some((p) => p.type === AST_NODE_TYPES.RestElement)) return;
      const property = pattern.properties.find(
        (p): p is TSESTree.Property =>
          p.type === AST_NODE_TYPES.Property &&
          !p.computed &&
          p.key.type === AST_NODE_TYPES.Identifier &&
          p.key.name === 'body',
      );
      if (property === undefined) {
        const names = pattern.properties.map((p) => sourceCode.getText(p)).join('`, `');
        report(item.call, 'dropped', {
          how: `after destructuring only \`${names}\``,
          cancel: 'res.body.dump()',
        });
        return;
      }
      if (property.value.type !== AST_NODE_TYPES.Identifier) return;
      const variable = findVariable(sourceCode, property.value);
      if (variable === undefined || variable.references.some((r) => r.isWrite() && !r.init)) return;
      const names = new Set(
        pattern.properties.flatMap((p) =>
          p.type === AST_NODE_TYPES.Property && p.value.type === AST_NODE_TYPES.Identifier
            ? [p.value.name]
            : [],
        ),
      );
      const which = { returns: true, loops: true };
      reportFirstExit(item, owner, variable, 'body', which, names, `${property.value.name}.dump()`);
    }

    function check(item: { call: Fetch; undici: boolean; start: Start }): void {
      const { call, undici } = item;
      const node = holderOf(call);
      const parent = node.parent;
      const owner = enclosingFunction(call);
      if (owner === null) return;
      const sample = undici ? 'res.body.dump()' : 'res.body?.cancel()';
      if (
        parent?.type === AST_NODE_TYPES.ExpressionStatement ||
        (parent?.type === AST_NODE_TYPES.UnaryExpression && parent.operator === 'void')
      ) {
        report(call, 'dropped', { how: 'as soon as it arrives', cancel: sample });
        return;
      }
      if (parent?.type === AST_NODE_TYPES.MemberExpression && parent.object === node) {
        const name = staticPropertyName(parent);
        if (name !== null && PEEKS.has(name)) {
          report(call, 'dropped', { how: `after reading only its \`${name}\``, cancel: sample });
        }
        return;
      }
      if (parent?.type !== AST_NODE_TYPES.VariableDeclarator || parent.init !== node) return;
      if (parent.id.type === AST_NODE_TYPES.ObjectPattern) {
        checkPattern(item, parent.id, owner);
        return;
      }
      if (parent.id.type !== AST_NODE_TYPES.Identifier) return;
      // The engine decides returns and loops (aliases, guarded releases, transfers); the walk
      // from the completed call confirms them and adds explicit throws.
      const verdict = tracker.analyze(call, {
        isRelease: releasesResponse,
        unknownCalleeTakesOwnership: true,
        exceptionPaths: false,
      });
      if (verdict.kind !== 'leaks' && verdict.kind !== 'released' && verdict.kind !== 'transferred')
        return;
      if (verdict.kind !== 'leaks' && !throwPaths) return;
      const variable = findVariable(sourceCode, parent.id);
      if (variable === undefined || variable.references.some((r) => r.isWrite() && !r.init)) return;
      const { name } = parent.id;
      const leaks = verdict.kind === 'leaks';
      const cancel = undici ? `${name}.body.dump()` : `${name}.body?.cancel()`;
      reportFirstExit(
        item,
        owner,
        variable,
        'response',
        { returns: leaks || (throwPaths ? 'after-throw' : false), loops: leaks },
        new Set([name]),
        cancel,
      );
    }

    const calls: { call: Fetch; undici: boolean }[] = [];
    return {
      ...tracker.listeners,
      CallExpression(node: TSESTree.CallExpression): void {
        const entry = findAcquisition(sourceCode, node);
        if (entry?.kind !== 'response-body' || isHeadRequest(node)) return;
        calls.push({ call: node, undici: entry.releaseOn === 'body' });
      },
      'Program:exit'(): void {
        // From where each call had finished (the shared recording has them all by now).
        for (const { call, undici } of calls) {
          const start = { node: call, segments: facts.segmentsAfter(call) ?? [] };
          check({ call, undici, start });
        }
      },
    };
  },
});
