import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import {
  classOwner,
  hasReleaseMethod,
  ownerOptions,
  releaseNames,
  type ClassOwner,
  type Received,
} from '../analysis/engine/class-owners.js';
import { statementOf } from '../analysis/engine/class-members.js';
import { methodText } from '../analysis/fixes/class-words.js';
import { acquisitionText } from '../analysis/fixes/describe.js';
import { removeStatement } from '../analysis/fixes/statement-fixes.js';
import { releaseMethodsSchema } from '../catalog/index.js';
import { createRule } from '../utils/create-rule.js';
import { findings, type Finding } from './no-dispose-injected-utils/received.js';

export type Options = [{ releaseMethods?: string[]; checkAllParameters?: boolean }];
export type MessageIds = 'releasesInjected' | 'releasesMixed' | 'suggestRemove';

/** Text that a class which releases something must contain. */
const MAY_RELEASE =
  /\.\s*(?:close|destroy|end|dispose|disposeAsync|disconnect|\$disconnect|terminate|quit|kill|shutdown)\b|Symbol\.(?:async)?[dD]ispose/;

/** "a constructor parameter (line 4)", "injected with `@InjectRepository()`", … */
function howReceived(sourceCode: Readonly<TSESLint.SourceCode>, received: Received): string {
  const line = received.node.loc.start.line;
  if (received.kind === 'container')
    return `looked up with \`${sourceCode.getText(received.node.callee)}()\` at line ${line}`;
  if (received.decorators.length > 0)
    return `injected with \`@${received.decorators[0]}()\` at line ${line}`;
  if (received.kind === 'injected') return `injected at line ${line}`;
  const part = received.part ? 'part of ' : '';
  return `${part}a ${received.where} parameter at line ${line}`;
}

export default createRule<Options, MessageIds>({
  name: 'no-dispose-injected',
  meta: {
    type: 'problem',
    docs: {
      description:
        'Disallow a class releasing what it was given (injected, looked up, or passed in) instead of what it created',
      recommended: true,
    },
    hasSuggestions: true,
    messages: {
      releasesInjected:
        'Remove this release of `{{field}}` from `{{method}}`; its owner releases it. `{{className}}` was given it ({{how}}).',
      releasesMixed:
        "Release `{{field}}` in `{{method}}` only when the class created it, not when the caller passed it. It may be the caller's ({{how}}) as well as its own (`{{source}}` at line {{line}}): record who created it.",
      suggestRemove: 'Remove this release of `{{field}}`.',
    },
    schema: [
      {
        type: 'object',
        properties: {
          releaseMethods: releaseMethodsSchema,
          checkAllParameters: {
            type: 'boolean',
            description:
              'Also report releasing any constructor or method parameter and token-injected value (`@Inject(TOKEN)`), not only container lookups, framework-injected values, DI service parameters and shared clients.',
          },
        },
        additionalProperties: false,
      },
    ],
    defaultOptions: [{ releaseMethods: [], checkAllParameters: false }],
  },
  create(context, [options]) {
    const sourceCode = context.sourceCode;
    if (!sourceCode.text.includes('class') || !MAY_RELEASE.test(sourceCode.text)) return {};
    const find = {
      names: releaseNames(options.releaseMethods),
      checkAllParameters: options.checkAllParameters === true,
    };

    const ownership = ownerOptions(context);
    const report = (owner: ClassOwner, finding: Finding): void => {
      const { release, field, received } = finding;
      const call = release.node.parent;
      const node =
        call?.type === 'CallExpression' && call.callee === release.node ? call : release.node;
      const method = methodText(owner, finding.method.member);
      const how = howReceived(sourceCode, received);
      if (finding.kind === 'mixed') {
        const { node: made } = finding.acquired;
        const source = acquisitionText(sourceCode, made);
        const line = String(made.loc.start.line);
        const data = { method, field: field.key, how, source, line };
        context.report({ node, messageId: 'releasesMixed', data });
        return;
      }
      const data = { method, field: field.key, className: owner.name ?? 'this class', how };
      const statement = statementOf(node);
      const fix = statement === null ? null : removeStatement(sourceCode, statement);
      const suggest = fix ? [{ messageId: 'suggestRemove' as const, data, fix }] : [];
      context.report({ node, messageId: 'releasesInjected', data, suggest });
    };

    const check = (node: TSESTree.ClassDeclaration | TSESTree.ClassExpression): void => {
      // Every finding is a release in a release method: a class without one is not walked.
      if (!hasReleaseMethod(node, find.names)) return;
      const owner = classOwner(sourceCode, node, ownership);
      for (const finding of findings(owner, find)) report(owner, finding);
    };
    return { ClassDeclaration: check, ClassExpression: check };
  },
});
