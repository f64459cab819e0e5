import type { TSESTree } from '@typescript-eslint/utils';

import { createRule } from '../utils/create-rule.js';
import { enclosingFunction, skipWrappers, type FunctionNode } from '../utils/ast/index.js';
import { checkRemovals, connectionIntervals } from './no-leaked-listener-utils/shapes.js';
import { guardedOnce, perCallOwner } from './no-leaked-listener-utils/per-call.js';
import { coverage, handedOn } from './no-leaked-listener-utils/removals.js';
import {
  clearOnClose,
  removeAfterWork,
  removeInFinally,
} from './no-leaked-listener-utils/fixes.js';
import {
  hasSignalOption,
  registrationOf,
  type Registration,
} from './no-leaked-listener-utils/targets.js';

export type Options = [{ strict?: boolean }];
export type MessageIds =
  | 'neverRemoved'
  | 'leaks'
  | 'notExceptionSafe'
  | 'freshRemoval'
  | 'differentReference'
  | 'intervalNotCleared'
  | 'removeInFinally'
  | 'removeAfterWork'
  | 'clearOnClose';

const LISTENER = "'{{event}}' listener from `{{target}}`";

/** The file text a report needs. */
const MAY_HOLD =
  /\.(?:on|once|addListener|addEventListener|prependListener|off|removeListener|removeEventListener)\(|setInterval/;

/**
 * Where to look for the removal: the outermost function around the registration (a sibling
 * `cleanup()` or `unsubscribe()` closure, a method's own callbacks).
 */
function ownerOf(node: TSESTree.Node): FunctionNode | null {
  let owner: FunctionNode | null = null;
  for (let fn = enclosingFunction(node); fn; fn = enclosingFunction(fn)) owner = fn;
  return owner;
}

/**
 * Where removals count: the owner, or, for a handler kept on `this` (`this.#onLog`), the
 * whole class: an `on()`/`off()` pair of methods, the owner calling `off()` when done.
 */
function removalScope(reg: Registration, owner: FunctionNode): TSESTree.Node {
  const handler = reg.handler && skipWrappers(reg.handler);
  const method = owner.parent;
  if (
    handler?.type !== 'MemberExpression' ||
    skipWrappers(handler.object).type !== 'ThisExpression' ||
    method?.type !== 'MethodDefinition'
  )
    return owner;
  return method.parent;
}

export default createRule<Options, MessageIds>({
  name: 'no-leaked-listener',
  meta: {
    type: 'problem',
    docs: {
      description:
        'Require listeners added per call to a long-lived emitter or signal to be removed on every path',
      recommended: true,
      // No strict options: the `strict` option's 40 field reports were 38 false and 2 debatable
      // (tests/field/verdicts.md, LL-5 to LL-8): from one file the rule cannot tell that a
      // function runs once per process, so the option stays opt-in.
    },
    hasSuggestions: true,
    messages: {
      neverRemoved: `Remove the ${LISTENER} when {{owner}} settles. It was added at line {{line}} and nothing removes it, so every call adds one more listener that keeps its closure alive{{why}}. Or add it with \`{ signal }\` of a controller aborted then.`,
      leaks: `Remove the ${LISTENER} on every path, in a \`finally\`. It was added at line {{line}} and stays registered when the function leaves at line {{exitLine}}.`,
      notExceptionSafe: `Remove the ${LISTENER} in a \`finally\`, not only on success. It was added at line {{line}}; if the \`await\` at line {{callLine}} rejects, the removal is skipped and the listener stays.`,
      freshRemoval:
        '`{{method}}()` is given a new function, so it removes nothing. Keep the function you registered in a variable and pass that same one.',
      differentReference:
        '`{{method}}({{handler}})` does not remove the listener added at line {{line}}: that one registered a different function (a wrapper). Keep the registered function and remove that.',
      intervalNotCleared:
        "Clear the interval of line {{line}} in the connection's `close` listener (`clearInterval`). Nothing clears it, so it keeps running, and keeps the connection alive, after the peer is gone.",
      removeInFinally: 'Remove the listener in a `finally`.',
      removeAfterWork: 'Remove the listener in a `finally` once the awaited work is done.',
      clearOnClose: "Clear the interval in the connection's `close` listener.",
    },
    schema: [
      {
        type: 'object',
        properties: {
          strict: {
            type: 'boolean',
            description:
              'Also report listeners that ordinary functions add to `process`, `window`, `document` and module-scope emitters, when nothing shows the function runs more than once.',
          },
        },
        additionalProperties: false,
      },
    ],
    defaultOptions: [{ strict: false }],
  },
  create(context, [options]) {
    const sourceCode = context.sourceCode;
    if (!MAY_HOLD.test(sourceCode.text)) return {};
    const env = { sourceCode, filename: context.filename };
    const calls: TSESTree.CallExpression[] = [];

    const check = (reg: Registration): void => {
      if (hasSignalOption(reg.node.arguments[2])) return;
      if (enclosingFunction(reg.node) === null || guardedOnce(env, reg.node)) return;
      const perCall = perCallOwner(
        env,
        reg.node,
        options.strict || reg.target.kind === 'received-signal',
      );
      if (perCall === null) return;
      const owner = ownerOf(reg.node);
      if (owner === null || handedOn(sourceCode, reg)) return;
      const scope = removalScope(reg, owner);
      const own = calls.filter(
        (call) => call.range[0] >= scope.range[0] && call.range[1] <= scope.range[1],
      );
      const verdict = coverage(sourceCode, reg, owner, own);
      const data = {
        event: reg.event ?? 'event',
        target: sourceCode.getText(reg.targetNode),
        line: String(reg.node.loc.start.line),
        owner: reg.target.kind === 'received-signal' ? 'the operation' : 'the call',
        why:
          reg.target.kind === 'global' || reg.target.kind === 'module'
            ? ' for the life of the process'
            : ' until the signal aborts',
      };
      const node = skipWrappers(reg.node.callee);
      const { event, target, line } = data;
      if (verdict.kind === 'never') {
        const fix = removeAfterWork(sourceCode, reg, owner);
        const suggest = fix ? [{ messageId: 'removeAfterWork' as const, fix }] : [];
        context.report({ node, messageId: 'neverRemoved', data, suggest });
        return;
      }
      if (verdict.kind !== 'leaks' && verdict.kind !== 'not-exception-safe') return;
      const fix = removeInFinally(sourceCode, reg, owner, verdict.removal);
      const suggest = fix ? [{ messageId: 'removeInFinally' as const, fix }] : [];
      if (verdict.kind === 'leaks') {
        const exitLine = String(verdict.exit.loc.start.line);
        const more = { event, target, line, exitLine };
        context.report({ node, messageId: 'leaks', data: more, suggest });
      } else {
        const callLine = String(verdict.call.loc.start.line);
        const more = { event, target, line, callLine };
        context.report({ node, messageId: 'notExceptionSafe', data: more, suggest });
      }
    };

    return {
      CallExpression(node): void {
        calls.push(node);
      },
      'Program:exit'(): void {
        for (const call of calls) {
          const reg = registrationOf(sourceCode, call);
          if (reg) check(reg);
        }
        for (const { node, messageId, data } of checkRemovals(sourceCode, calls)) {
          if (messageId === 'freshRemoval')
            context.report({ node, messageId: 'freshRemoval', data });
          else context.report({ node, messageId: 'differentReference', data });
        }
        for (const { node, data, listener, event } of connectionIntervals(env, calls)) {
          const fix = clearOnClose(sourceCode, node, listener, event);
          const suggest = fix ? [{ messageId: 'clearOnClose' as const, fix }] : [];
          context.report({ node, messageId: 'intervalNotCleared', data, suggest });
        }
      },
    };
  },
});
