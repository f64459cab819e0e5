import type { TSESTree } from '@typescript-eslint/utils';

import { classOwner, ownerOptions, releaseNames } from '../analysis/engine/class-owners.js';
import { isFinalizationRegistry } from '../analysis/engine/class-listeners.js';
import { methodsText, methodText } from '../analysis/fixes/class-words.js';
import { acquisitionText, shortText } from '../analysis/fixes/describe.js';
import { resolveReference } from '../analysis/resolve/imports.js';
import { releaseMethodsSchema } from '../catalog/index.js';
import { createRule } from '../utils/create-rule.js';
import {
  cleanupCallback,
  managedReleases,
  registersWeakListeners,
  weakResource,
} from './no-managed-finalizer-utils/cleanup.js';
import { missingUnregisters, unregisterFix } from './no-managed-finalizer-utils/unregister.js';

export type Options = [{ nativeReleases?: string[]; releaseMethods?: string[] }];
export type MessageIds =
  | 'managedCleanup'
  | 'weakResource'
  | 'missingUnregister'
  | 'noUnregisterToken'
  | 'suggestUnregister';

export default createRule<Options, MessageIds>({
  name: 'no-managed-finalizer',
  meta: {
    type: 'problem',
    docs: {
      description:
        'Disallow finalizers that release JS-managed resources, and self-registrations that a release method never unregisters',
      recommended: true,
    },
    hasSuggestions: true,
    messages: {
      managedCleanup:
        'This FinalizationRegistry callback {{verb}} `{{target}}`, a JS-managed resource. Finalizers run late or never: release it explicitly (`close()`, `[Symbol.dispose]()`), and keep finalizers for native handles.',
      weakResource:
        'The {{label}} from `{{source}}` (line {{line}}) is held only through a `WeakRef`: when it is collected, nothing closes it. Close it when you drop it.',
      missingUnregister:
        '{{methods}} does not unregister the instance from `{{registry}}` (registered at line {{line}}): its finalizer still runs after the release. Call `{{registry}}.unregister(…)` there.',
      noUnregisterToken:
        'Pass `this` as the unregister token of `{{registry}}.register(this, …)`. Without one, {{methods}} cannot unregister the instance: unregister it there.',
      suggestUnregister: 'Unregister the instance in `{{method}}`.',
    },
    schema: [
      {
        type: 'object',
        properties: {
          nativeReleases: {
            type: 'array',
            description:
              'Functions or methods that free native handles (`free`, `binding.close`): allowed in cleanup callbacks even when named like a release.',
            items: { type: 'string', minLength: 1 },
            uniqueItems: true,
          },
          releaseMethods: releaseMethodsSchema,
        },
        additionalProperties: false,
      },
    ],
    defaultOptions: [{ nativeReleases: [], releaseMethods: [] }],
  },
  create(context, [options]) {
    const sourceCode = context.sourceCode;
    const text = sourceCode.text;
    if (!text.includes('FinalizationRegistry') && !text.includes('WeakRef')) return {};
    const allowed = new Set(options.nativeReleases);
    const names = releaseNames(options.releaseMethods);
    const ownership = ownerOptions(context);

    const checkRegistry = (node: TSESTree.NewExpression): void => {
      const callback = cleanupCallback(sourceCode, node);
      if (callback === null) return;
      const weak = registersWeakListeners(sourceCode, node);
      for (const found of managedReleases(sourceCode, callback, allowed, weak)) {
        const { node: call, verb, target } = found;
        const data = { verb, target: shortText(sourceCode, target) };
        context.report({ node: call, messageId: 'managedCleanup', data });
      }
    };

    const isWeakRef = (node: TSESTree.NewExpression): boolean => {
      const resolved = resolveReference(sourceCode, node.callee);
      return resolved?.module === 'global' && resolved.path.join('.') === 'WeakRef';
    };
    const checkWeakRef = (node: TSESTree.NewExpression): void => {
      const found = weakResource(sourceCode, node);
      if (found === null) return;
      const data = {
        label: found.entry.label,
        source: acquisitionText(sourceCode, found.acquired),
        line: String(found.acquired.loc.start.line),
      };
      context.report({ node, messageId: 'weakResource', data });
    };

    const checkClass = (node: TSESTree.ClassDeclaration | TSESTree.ClassExpression): void => {
      const owner = classOwner(sourceCode, node, ownership);
      for (const finding of missingUnregisters(owner, names)) {
        const { registration, methods, target } = finding;
        const data = {
          methods: methodsText(owner, methods),
          registry: registration.registry,
          line: String(registration.node.loc.start.line),
        };
        const fix = unregisterFix(sourceCode, finding);
        const suggest =
          fix && target
            ? [
                {
                  messageId: 'suggestUnregister' as const,
                  data: { method: methodText(owner, target.member) },
                  fix,
                },
              ]
            : [];
        if (registration.token === null)
          context.report({
            node: registration.node,
            messageId: 'noUnregisterToken',
            data,
            suggest,
          });
        else
          context.report({
            node: target?.member.node.key ?? registration.node,
            messageId: 'missingUnregister',
            data,
            suggest,
          });
      }
    };

    return {
      NewExpression(node): void {
        if (isFinalizationRegistry(sourceCode, node)) checkRegistry(node);
        else if (isWeakRef(node)) checkWeakRef(node);
      },
      ClassDeclaration: checkClass,
      ClassExpression: checkClass,
    };
  },
});
