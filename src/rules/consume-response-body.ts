import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import type { ResourceEntry } from '../catalog/types.js';
import {
  createLeakFinder,
  type Finding,
  type LeakExit,
  type LeakSpec,
  type ParameterFinding,
} from '../analysis/engine/finder.js';
import { exitLine as exitLineOf } from '../analysis/fixes/describe.js';
import { declaratorOf } from '../analysis/fixes/leak-fixes.js';
import { staticPropertyName, enclosingFunction } from '../utils/ast/index.js';
import { BODY_PROPERTY } from '../catalog/responses.js';
import { createRule } from '../utils/create-rule.js';
import {
  fetchesRootRelative,
  isBrowserFile,
  runsInPage,
} from './consume-response-body-utils/browser.js';
import { givenResponse } from './consume-response-body-utils/parameters.js';
import { wrappedResponse } from './consume-response-body-utils/wrappers.js';
import {
  bodyDischargedAt,
  cancelBefore,
  isHeadRequest,
  peekedProperty,
  peekingThen,
  peeksAtBody,
  peeksAtResponse,
  releasesResponse,
  testsNoBody,
} from './consume-response-body-utils/response-body.js';
import { awaitAndCancel, holdsPromise } from './consume-response-body-utils/unawaited.js';
import {
  cancelDropped,
  cancelInLoop,
  cancelInThen,
  destructureBody,
  hoistPeeked,
  releaseOn,
} from './consume-response-body-utils/drop-fixes.js';

export type Options = [{ throwPaths?: boolean }];
export type MessageIds =
  | 'unread'
  | 'unreadAfterCatch'
  | 'unreadInLoop'
  | 'dropped'
  | 'droppedAfterPeek'
  | 'droppedAfterDestructuring'
  | 'unreadGiven'
  | 'cancelBody'
  | 'notAwaited'
  | 'awaitAndCancel'
  | 'releaseAtOnce'
  | 'cancelBeforeContinue';

/** `res.json()` and the like, with no argument: only then can an untyped parameter be a response. */
const NO_ARGUMENT_READ = /\.(?:json|text|arrayBuffer|blob|formData|bytes)\(\)/;

const DETAIL = 'its connection stays checked out until the garbage collector finds it';

/** What the rule owns, one function for every file (the finder keys its file gate on it). */
const ownsResponseBody = (entry: ResourceEntry): boolean => entry.kind === 'response-body';

export default createRule<Options, MessageIds>({
  name: 'consume-response-body',
  meta: {
    type: 'problem',
    docs: {
      description:
        'Require the body of every `fetch` and undici `request` response to be read, cancelled or handed on',
      recommended: true,
      // Error paths (`if (!res.ok) throw …`) are debatable leaks: strict reports them.
      strictOptions: { throwPaths: true },
    },
    hasSuggestions: true,
    messages: {
      unread: `Release the \`{{callee}}\` response body with \`await {{cancel}}\` before line {{exitLine}}. The response from line {{line}} is never read, cancelled or handed on along the path that leaves the function there, so ${DETAIL}.`,
      unreadAfterCatch: `Release the \`{{callee}}\` response body (\`await {{cancel}}\`) before the throw at line {{throwLine}}. The response from line {{line}} is never read, cancelled or handed on when that \`throw\` is caught and the function leaves at line {{exitLine}}, so ${DETAIL}.`,
      unreadInLoop: `Release the \`{{callee}}\` response body with \`await {{cancel}}\` before the loop moves on. The response from line {{line}} is never read, cancelled or handed on along a path to the next iteration of the loop at line {{exitLine}}, so ${DETAIL}.`,
      dropped: `Read the \`{{callee}}\` response body or release it with \`await {{cancel}}\`. The response from line {{line}} is dropped as soon as it arrives, so ${DETAIL}; send a \`HEAD\` request when only the status matters.`,
      droppedAfterPeek: `Read the \`{{callee}}\` response body or release it with \`await {{cancel}}\`. The response from line {{line}} is dropped after reading only its \`{{property}}\`, so ${DETAIL}; send a \`HEAD\` request when only the status matters.`,
      droppedAfterDestructuring: `Destructure the \`{{callee}}\` response body too, and read it or release it with \`await {{cancel}}\`. The response from line {{line}} is dropped after destructuring only \`{{names}}\`, so ${DETAIL}.`,
      unreadGiven: `Release the \`{{name}}\` response body with \`await {{cancel}}\` before line {{exitLine}}. This function reads or cancels the body it is given at line {{readLine}}, so it owns the response, but the path that leaves at line {{exitLine}} never reads, cancels or hands it on, so ${DETAIL}.`,
      cancelBody: 'Release the body with `await {{cancel}}` before leaving.',
      notAwaited: `Await the \`{{callee}}\` call at line {{line}}: \`{{name}}\` holds a promise, not the response. Its \`status\`, \`ok\` and \`headers\` are \`undefined\`, and the response it resolves to is never read, so ${DETAIL}.`,
      awaitAndCancel:
        'Await the `{{callee}}` call, and release the body with `await {{cancel}}` before leaving.',
      releaseAtOnce: 'Release the body as soon as the response arrives.',
      cancelBeforeContinue: 'Release the body with `{{cancel}}` before `continue`.',
    },
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          throwPaths: {
            description:
              'Also report a body left unread when the function throws (`if (!res.ok) throw …`), or when a `throw` caught in the function leaves it unread. Off by default: the error body is small and undici frees it with the response; on in `strict`.',
            type: 'boolean',
          },
        },
      },
    ],
    defaultOptions: [{ throwPaths: false }],
  },
  create(context, [options]) {
    const sourceCode = context.sourceCode;
    // The response (`value`) or its destructured `body` (`part`).
    const spec: LeakSpec = {
      owns: ownsResponseBody,
      part: BODY_PROPERTY,
      unknownCalleeTakesOwnership: true,
      exceptionPaths: false,
      throwPaths: options.throwPaths,
      isRelease: (ref, _, holder) =>
        holder === 'value' ? releasesResponse(ref) : bodyDischargedAt(ref),
      // Lenient: any use that is not a look at the status or headers may read it (`log(res)`).
      isHandOff: (ref, _, holder) =>
        holder === 'value' ? !peeksAtResponse(ref) : !peeksAtBody(ref),
      isPeek: (ref, _, holder) => holder === 'value' && peekedProperty(ref) !== null,
      holdsNothingWhen: testsNoBody,
      // Responses handed over by a function: a fetch wrapper in this file, a call typed `Response`.
      select: {
        worthAsking: (text) => /\bfetch\b|\bResponse\b/.test(text),
        entryOf: (node) => wrappedResponse(sourceCode, node),
      },
      // Responses a function is given and reads on some path: every path must read or hand on.
      parameters: {
        worthAsking: (text) =>
          /\bResponse\b/.test(text) ||
          (/\.(?:ok|status)\b/.test(text) && NO_ARGUMENT_READ.test(text)),
        entryOf: (param, fn) => givenResponse(sourceCode, param, fn),
        onLeak: (found) => reportGiven(found),
      },
    };

    /**
     * Whether `exit` is reported at these options: a throw past the response, or one caught on
     * the way out (`after`), is an error path, reported with `throwPaths` only.
     */
    const reported = (exit: LeakExit): boolean =>
      exit.kind === 'loop' || options.throwPaths === true || (exit.kind !== 'throw' && !exit.after);

    /** A parameter the function reads on one path and leaves held on another (issue 10 item 6). */
    function reportGiven({ param, fn, exits, releases }: ParameterFinding): void {
      if ((browser ??= isBrowserFile(sourceCode))) return;
      const name = param.name;
      const cancel = `${name}.${BODY_PROPERTY}?.cancel()`;
      const readLine = String(releases[0].loc.start.line);
      for (const exit of exits) {
        if (exit.kind === 'loop' || !reported(exit)) continue;
        const fix = cancelBefore(sourceCode, exit, fn, cancel, fn);
        const suggest = fix ? [{ messageId: 'cancelBody' as const, data: { cancel }, fix }] : [];
        const data = { name, cancel, readLine, exitLine: exitLineOf(exit) };
        context.report({ node: param, messageId: 'unreadGiven', data, suggest });
      }
    }

    /** `res.body?.cancel()` / `res.body.dump()`, or for a destructured body `body.dump()`. */
    function cancelOf(finding: Finding, pattern: boolean): string {
      const undici = finding.entry.releaseOn === BODY_PROPERTY;
      const name = finding.words.name || (pattern ? BODY_PROPERTY : 'res');
      const body = pattern ? name : `${name}.${BODY_PROPERTY}`;
      return undici ? `${body}.dump()` : `${body}?.cancel()`;
    }

    function reportDropped(finding: Finding, dropped: TSESTree.Node): void {
      const { node } = finding;
      const callee = sourceCode.getText(node.callee);
      const line = finding.words.line;
      const undici = finding.entry.releaseOn === BODY_PROPERTY;
      const suggest = (fix: TSESLint.ReportFixFunction | null) =>
        fix ? [{ messageId: 'releaseAtOnce' as const, fix }] : [];
      if (dropped.type === 'ExpressionStatement' || dropped.type === 'UnaryExpression') {
        const data = { callee, line, cancel: cancelOf(finding, false) };
        const fix = cancelDropped(sourceCode, dropped, node, undici);
        context.report({ node, messageId: 'dropped', data, suggest: suggest(fix) });
      } else if (dropped.type === 'MemberExpression') {
        const property = staticPropertyName(dropped) ?? '';
        const data = { callee, line, property, cancel: cancelOf(finding, false) };
        const fix = hoistPeeked(sourceCode, dropped, node, undici);
        context.report({ node, messageId: 'droppedAfterPeek', data, suggest: suggest(fix) });
      } else if (dropped.type === 'ObjectPattern') {
        const names = dropped.properties.map((p) => sourceCode.getText(p)).join('`, `');
        const data = { callee, line, names, cancel: cancelOf(finding, true) };
        const fix = destructureBody(sourceCode, dropped, node, undici);
        const report = { node, messageId: 'droppedAfterDestructuring' as const, data };
        context.report({ ...report, suggest: suggest(fix) });
      }
    }

    function reportExits(finding: Finding): void {
      const { node, exits } = finding;
      const declarator = declaratorOf(node);
      const owner = enclosingFunction(node);
      const variable = declarator
        ? sourceCode.getDeclaredVariables(declarator).find((v) => v.name === finding.words.name)
        : undefined;
      if (!owner || !declarator || !variable) return;
      const cancel = cancelOf(finding, declarator.id.type === 'ObjectPattern');
      const callee = sourceCode.getText(node.callee);
      const line = finding.words.line;
      if (holdsPromise(finding, declarator)) {
        // The missing `await` is the mistake: one report, not a body release per exit.
        const leaking = exits.filter(reported);
        if (leaking.length === 0) return;
        const cancels = leaking.map((exit) =>
          cancelBefore(sourceCode, exit, owner, cancel, variable.scope.block),
        );
        const fix = owner.async ? awaitAndCancel(node, cancels) : null;
        const data = { callee, line, cancel, name: finding.words.name };
        const suggest = fix ? [{ messageId: 'awaitAndCancel' as const, data, fix }] : [];
        context.report({ node, messageId: 'notAwaited', data, suggest });
        return;
      }
      for (const exit of exits.filter(reported)) {
        const fix = cancelBefore(sourceCode, exit, owner, cancel, variable.scope.block);
        const suggest = fix ? [{ messageId: 'cancelBody' as const, data: { cancel }, fix }] : [];
        const exitLine = exitLineOf(exit);
        if (exit.kind === 'loop') {
          const data = { callee, line, cancel, exitLine };
          const inLoop = cancelInLoop(sourceCode, declarator, exit.node, cancel);
          const messageId: MessageIds = inLoop?.atOnce ? 'releaseAtOnce' : 'cancelBeforeContinue';
          const loopSuggest = inLoop ? [{ messageId, data: { cancel }, fix: inLoop.fix }] : [];
          context.report({ node, messageId: 'unreadInLoop', data, suggest: loopSuggest });
        } else if (exit.after) {
          // A `throw` caught on the way out.
          const throwLine = String(exit.after.loc.start.line);
          const data = { callee, line, cancel, exitLine, throwLine };
          context.report({ node, messageId: 'unreadAfterCatch', data, suggest });
        } else {
          const data = { callee, line, cancel, exitLine };
          context.report({ node, messageId: 'unread', data, suggest });
        }
      }
    }

    // Browser code (see browser.ts): the browser manages its connections.
    let browser: boolean | undefined;
    const inBrowser = (call: TSESTree.CallExpression): boolean =>
      fetchesRootRelative(call) || runsInPage(call) || (browser ??= isBrowserFile(sourceCode));

    /**
     * `fetch(u).then((r) => r.ok)`: the engine hands a value reached through `.then` to the
     * callback; a callback that only looks at the status or headers drops the body.
     */
    spec.onVerdict = (node, entry, verdict) => {
      if (verdict.kind !== 'transferred' || node.type !== 'CallExpression') return;
      if (isHeadRequest(node) || inBrowser(node)) return;
      const peek = peekingThen(sourceCode, node);
      if (peek === null) return;
      const undici = entry.releaseOn === BODY_PROPERTY;
      const cancel = releaseOn(peek.name, undici);
      const fix = cancelInThen(sourceCode, node, peek.name, undici);
      const data = {
        callee: sourceCode.getText(node.callee),
        line: String(node.loc.start.line),
        property: peek.property,
        cancel,
      };
      const suggest = fix ? [{ messageId: 'releaseAtOnce' as const, fix }] : [];
      context.report({ node, messageId: 'droppedAfterPeek', data, suggest });
    };

    return createLeakFinder(context, spec, (finding) => {
      if (finding.node.type !== 'CallExpression' || isHeadRequest(finding.node)) return;
      if (inBrowser(finding.node)) return;
      if (finding.verdict.kind === 'discarded') reportDropped(finding, finding.verdict.node);
      else if (finding.verdict.kind === 'leaks') reportExits(finding);
    });
  },
});
