import type { TSESTree } from '@typescript-eslint/utils';

import {
  classOwner,
  hasReleaseMethod,
  ownerOptions,
  releaseNames,
} from '../analysis/engine/class-owners.js';
import { entriesFromOptions } from '../analysis/resolve/user-resources.js';
import { releaseMethodsSchema, resourceSpecifierSchema } from '../catalog/index.js';
import type { ResourceSpecifier } from '../catalog/options.js';
import { createRule } from '../utils/create-rule.js';
import {
  classMayRegister,
  fileMayOwn,
  findings,
} from './dispose-owned-fields-utils/owned-fields.js';
import { describe, type MessageIds } from './dispose-owned-fields-utils/reports.js';

export type Options = [
  {
    releaseMethods?: string[];
    resources?: ResourceSpecifier[];
    checkAllReassignments?: boolean;
    requireIdempotent?: boolean;
    checkInjectedEmitters?: boolean;
  },
];
export type { MessageIds };

export default createRule<Options, MessageIds>({
  name: 'dispose-owned-fields',
  meta: {
    type: 'problem',
    docs: {
      description:
        'Require a class to release the resources it creates in its fields, in its release method',
      recommended: true,
      strictOptions: {
        checkAllReassignments: true,
        requireIdempotent: true,
        checkInjectedEmitters: true,
      },
    },
    hasSuggestions: true,
    messages: {
      noReleaseMethod:
        '`{{className}}` owns resources but has no method that releases them: {{fields}}. Add `{{method}}` (or `close()`) and release each there.',
      notReleased:
        'Release {{field}} with {{release}}. {{methods}} does not release it: call it there.',
      reassigned:
        '`{{method}}` replaces `{{field}}` without releasing the {{label}} it holds (from line {{line}}). Call {{release}} first.',
      notIdempotent:
        '`{{method}}` is not idempotent: a second call runs `{{call}}` again, which fails ("{{error}}"). Return early on a `closed` flag, or empty the field after a guarded release.',
      notGuarded:
        '`{{method}}` is not idempotent: a second call releases `{{field}}` again. Return early on a `closed` flag, or empty the field after a guarded release.',
      listenerKept:
        'Remove {{event}} that `{{className}}` adds to `{{target}}` when it is released. {{methods}} never removes it, and the emitter keeps each instance alive: remove it there{{keep}}.',
      intervalDropped:
        '`{{className}}` starts an interval without keeping its handle, so {{methods}} cannot clear it. Keep it in a field and clear it there.',
      suggestRelease: 'Release `{{field}}` in `{{method}}`.',
      suggestReleaseFirst: 'Release the old `{{field}}` before replacing it.',
      suggestRemoveListener: 'Remove the listener in `{{method}}`.',
      suggestClosedFlag: 'Return early from `{{method}}` when it has already run.',
      suggestKeepInterval: 'Keep the interval in a field and clear it in `{{method}}`.',
    },
    schema: [
      {
        type: 'object',
        properties: {
          releaseMethods: releaseMethodsSchema,
          resources: {
            type: 'array',
            description:
              'More resources to track, in typescript-eslint `TypeOrValueSpecifier` shape.',
            items: resourceSpecifierSchema,
          },
          checkAllReassignments: {
            type: 'boolean',
            description:
              'Also report a method that replaces a resource only another method call could have set (`start()` called twice); by default only fields set in the constructor or an initializer.',
          },
          checkInjectedEmitters: {
            type: 'boolean',
            description:
              'Also report listeners the constructor adds to an emitter the class was given (which may or may not outlive it); by default only `process`, globals and module-scope emitters.',
          },
          requireIdempotent: {
            type: 'boolean',
            description:
              'Report every release method that releases an owned field twice when called twice, not only the releases known to fail the second time.',
          },
        },
        additionalProperties: false,
      },
    ],
    defaultOptions: [
      {
        releaseMethods: [],
        resources: [],
        checkAllReassignments: false,
        requireIdempotent: false,
        checkInjectedEmitters: false,
      },
    ],
  },
  create(context, [options]) {
    const sourceCode = context.sourceCode;
    if (!sourceCode.text.includes('class')) return {};
    const extra = entriesFromOptions(options.resources);
    const ownership = ownerOptions(context, extra);
    const mayOwn = fileMayOwn(sourceCode, extra, ownership.entryByType != null);
    const find = {
      names: releaseNames(options.releaseMethods),
      checkAllReassignments: options.checkAllReassignments === true,
      requireIdempotent: options.requireIdempotent === true,
      checkInjectedEmitters: options.checkInjectedEmitters === true,
    };

    const check = (node: TSESTree.ClassDeclaration | TSESTree.ClassExpression): void => {
      // Every finding is about an owned field, or needs a release method and a listener or
      // interval of the class's own: a class with neither is not walked.
      if (
        !mayOwn &&
        !(hasReleaseMethod(node, find.names) && classMayRegister(sourceCode.text, node))
      )
        return;
      const owner = classOwner(sourceCode, node, ownership);
      for (const finding of findings(owner, find)) {
        const {
          node: at,
          messageId,
          data,
          suggest,
        } = describe(sourceCode, context.filename, owner, finding);
        context.report({ node: at, messageId, data, suggest });
      }
    };
    return { ClassDeclaration: check, ClassExpression: check };
  },
});
