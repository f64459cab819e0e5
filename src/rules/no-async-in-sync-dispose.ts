import type { TSESTree } from '@typescript-eslint/utils';
import type * as ts from 'typescript';

import { classOwner, ownerOptions, type ClassOwner } from '../analysis/engine/class-owners.js';
import { shortText } from '../analysis/fixes/describe.js';
import { requiredTypeServices } from '../analysis/types/type-services.js';
import { createRule } from '../utils/create-rule.js';
import {
  asyncWorkIn,
  syncReleaseOf,
  type SyncRelease,
} from './no-async-in-sync-dispose-utils/async-work.js';
import { toAsyncFix } from './no-async-in-sync-dispose-utils/to-async.js';

export type Options = [];
export type MessageIds = 'asyncDispose' | 'asyncWork' | 'blocking' | 'suggestAsync';

// ts.TypeFlags.Void; stable across TypeScript 4.x–5.x (no value import).
const VOID_FLAG = 16384;

export default createRule<Options, MessageIds>({
  name: 'no-async-in-sync-dispose',
  meta: {
    type: 'problem',
    docs: {
      description:
        'Disallow starting or blocking on asynchronous work in a synchronous `[Symbol.dispose]()`, `dispose()` or `close(): void`',
      recommended: true,
      requiresTypeChecking: true,
    },
    hasSuggestions: true,
    messages: {
      asyncDispose:
        '`{{method}}` is `async`, but `using` does not wait for the promise it returns. Name it `[Symbol.asyncDispose]()` and use `await using`.',
      asyncWork:
        '`{{method}}` starts `{{work}}` and returns before it settles: `using` and callers move on while it runs. Make it {{fix}} and await it.',
      blocking:
        '`{{method}}` blocks the event loop on `{{work}}` to wait for async work. Make it {{fix}} and await that work instead.',
      suggestAsync: 'Make it {{fix}} and await the work it starts.',
    },
    schema: [],
  },
  create(context) {
    const sourceCode = context.sourceCode;
    const services = requiredTypeServices(sourceCode);
    if (!/dispose|close/.test(sourceCode.text)) return {};
    const ownership = ownerOptions(context);
    /** `close()` returns `void`: annotated so, or typed so. */
    const returnsVoid = (fn: TSESTree.FunctionExpression): boolean => {
      const annotation = fn.returnType?.typeAnnotation;
      if (annotation !== undefined) return annotation.type === 'TSVoidKeyword';
      const checker = services.checker;
      const declaration = services.tsNodeOf(fn) as ts.SignatureDeclaration;
      const signature = checker.getSignatureFromDeclaration(declaration);
      return (
        signature !== undefined &&
        (checker.getReturnTypeOfSignature(signature).flags & VOID_FLAG) !== 0
      );
    };

    const methodName = (release: SyncRelease, owner: ClassOwner | null): string =>
      release.name.startsWith('[')
        ? `${owner?.name ?? ''}${release.name}()`
        : `${owner?.name === null || owner === null ? '' : `${owner.name}.`}${release.name}()`;

    const check = (node: TSESTree.MethodDefinition | TSESTree.Property): void => {
      const release = syncReleaseOf(node, returnsVoid);
      if (release === null) return;
      const classNode = node.type === 'MethodDefinition' ? node.parent.parent : null;
      const owner =
        classNode?.type === 'ClassDeclaration' || classNode?.type === 'ClassExpression'
          ? classOwner(sourceCode, classNode, ownership)
          : null;
      const method = methodName(release, owner);
      const fix =
        release.name === '[Symbol.dispose]' ? '`async [Symbol.asyncDispose]()`' : '`async`';
      if (release.asyncKeyword) {
        const suggestion = toAsyncFix(sourceCode, release, []);
        const suggest = suggestion
          ? [{ messageId: 'suggestAsync' as const, data: { fix }, fix: suggestion }]
          : [];
        context.report({ node: node.key, messageId: 'asyncDispose', data: { method }, suggest });
        return;
      }
      const works = asyncWorkIn({ sourceCode, owner, services }, release);
      const suggestion = works.some((w) => w.kind === 'blocking')
        ? null
        : toAsyncFix(sourceCode, release, works);
      for (const work of works) {
        const data = { method, work: shortText(sourceCode, work.node), fix };
        const suggest = suggestion
          ? [{ messageId: 'suggestAsync' as const, data: { fix }, fix: suggestion }]
          : [];
        const messageId = work.kind === 'blocking' ? 'blocking' : 'asyncWork';
        context.report({ node: work.node, messageId, data, suggest });
      }
    };
    return { 'MethodDefinition[kind="method"], Property[method=true]': check };
  },
});
