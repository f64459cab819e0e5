/**
 * `dispose-owned-fields` findings as report descriptors: the node, the message id, the data
 * the message needs, and the suggestion where the fix is mechanical (a release added to the
 * existing release method, a release before a reassignment, a listener removal).
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import type { ClassOwner, ReleaseMethod } from '../../analysis/engine/class-owners.js';
import {
  blockOf,
  fieldRef,
  fieldNode,
  mayBeEmpty,
  methodText,
  methodsText,
  primaryRelease,
  releaseCall,
  releaseStatement,
  releaseWords,
  type ReleaseCall,
} from '../../analysis/fixes/class-words.js';
import { acquisitionText, shortText } from '../../analysis/fixes/describe.js';
import { statementOf } from '../../analysis/engine/class-members.js';
import { appendStatement, insertBefore, type FixFn } from '../../analysis/fixes/statement-fixes.js';
import { closedFlag, keepInterval } from './guards.js';
import type { Finding, OwnedField } from './owned-fields.js';

type SourceCode = Readonly<TSESLint.SourceCode>;

export type MessageIds =
  | 'noReleaseMethod'
  | 'notReleased'
  | 'reassigned'
  | 'notIdempotent'
  | 'notGuarded'
  | 'listenerKept'
  | 'intervalDropped'
  | 'suggestRelease'
  | 'suggestReleaseFirst'
  | 'suggestRemoveListener'
  | 'suggestClosedFlag'
  | 'suggestKeepInterval';

export interface Report {
  node: TSESTree.Node;
  messageId: MessageIds;
  data: Record<string, string>;
  suggest: {
    messageId: MessageIds;
    data: Record<string, string>;
    fix: FixFn | ((fixer: TSESLint.RuleFixer) => TSESLint.RuleFix[]);
  }[];
}

const className = (owner: ClassOwner): string => owner.name ?? 'This class';

/** `` `pool` (pg pool from `new Pool()` at line 5) `` */
function ownedWords(sourceCode: SourceCode, owned: OwnedField): string {
  const { entry, node } = owned.acquired;
  const what = owned.elements ? `${entry.label} entries` : entry.label;
  return `\`${owned.field.key}\` (${what} from \`${acquisitionText(sourceCode, node)}\` at line ${node.loc.start.line})`;
}

function releaseOf(owned: OwnedField): ReleaseCall | null {
  if (owned.elements) return null;
  return releaseCall(owned.field.key, owned.acquired.entry, mayBeEmpty(owned.field));
}

/** `` `clearInterval(this.timer)` `` or, for a collection, a loop over it. */
function releaseText(owned: OwnedField): string {
  const release = releaseOf(owned);
  if (release !== null) return releaseWords(release);
  const verb = owned.acquired.entry.releaseMethods[0] ?? '[Symbol.dispose]';
  const call = verb.startsWith('[') ? `item${verb}()` : `item.${verb}()`;
  return `\`for (const item of ${fieldRef(owned.field.key)}.values()) ${call}\``;
}

export function describe(
  sourceCode: SourceCode,
  filename: string,
  owner: ClassOwner,
  finding: Finding,
): Report {
  switch (finding.kind) {
    case 'noRelease': {
      const async = finding.owned.some((o) => releaseOf(o)?.async === true);
      return {
        node: owner.node.id ?? owner.node,
        messageId: 'noReleaseMethod',
        data: {
          className: className(owner),
          fields: finding.owned.map((o) => ownedWords(sourceCode, o)).join(', '),
          method: async ? '[Symbol.asyncDispose]()' : '[Symbol.dispose]()',
        },
        suggest: [],
      };
    }
    case 'notReleased':
      return notReleased(sourceCode, owner, finding.owned, finding.methods);
    case 'reassigned': {
      const { owned, assignment } = finding;
      const release = releaseCall(owned.field.key, owned.acquired.entry, mayBeEmpty(owned.field));
      const member = assignment.member;
      const statement = release && member ? releaseStatement(release, member) : null;
      const target = statementOf(assignment.node);
      const fix = statement && target ? insertBefore(sourceCode, target, statement) : null;
      const field = owned.field.key;
      return {
        node: fieldNode(assignment),
        messageId: 'reassigned',
        data: {
          method: member ? methodText(owner, member) : 'This method',
          field,
          label: owned.acquired.entry.label,
          line: String(owned.acquired.node.loc.start.line),
          release: releaseText(owned),
        },
        suggest: fix ? [{ messageId: 'suggestReleaseFirst', data: { field }, fix }] : [],
      };
    }
    case 'notIdempotent': {
      const call = finding.release.node.parent ?? finding.release.node;
      const method = methodText(owner, finding.method.member);
      const fix = closedFlag(sourceCode, owner, finding.method);
      return {
        node: finding.release.node,
        messageId: 'notIdempotent',
        data: {
          method: methodText(owner, finding.method.member),
          call: shortText(sourceCode, call),
          error: finding.entry.releaseOnce?.error ?? '',
        },
        suggest: fix ? [{ messageId: 'suggestClosedFlag', data: { method }, fix }] : [],
      };
    }
    case 'notGuarded': {
      const method = methodText(owner, finding.method.member);
      const fix = closedFlag(sourceCode, owner, finding.method);
      return {
        node: finding.method.member.node.key,
        messageId: 'notGuarded',
        data: { method, field: finding.owned.field.key },
        suggest: fix ? [{ messageId: 'suggestClosedFlag', data: { method }, fix }] : [],
      };
    }
    case 'listenerKept':
      return listenerKept(sourceCode, owner, finding.listener, finding.methods);
    case 'intervalDropped': {
      const fix = keepInterval(sourceCode, filename, owner, finding.timer, finding.methods);
      const target = primaryRelease(finding.methods);
      const method = target ? methodText(owner, target.member) : '';
      return {
        node: finding.timer,
        messageId: 'intervalDropped',
        data: { className: className(owner), methods: methodsText(owner, finding.methods) },
        suggest: fix ? [{ messageId: 'suggestKeepInterval', data: { method }, fix }] : [],
      };
    }
  }
}

function notReleased(
  sourceCode: SourceCode,
  owner: ClassOwner,
  owned: OwnedField,
  methods: readonly ReleaseMethod[],
): Report {
  const target = primaryRelease(methods);
  const release = releaseOf(owned);
  const statement = target && release ? releaseStatement(release, target.member) : null;
  const block = target ? blockOf(target.member) : null;
  const fix = statement && block ? appendStatement(sourceCode, block, statement) : null;
  const method = target ? methodText(owner, target.member) : 'release';
  return {
    node: fieldNode(owned.at),
    messageId: 'notReleased',
    data: {
      methods: methods.length > 0 ? methodsText(owner, methods) : `\`${method}\``,
      field: ownedWords(sourceCode, owned),
      release: releaseText(owned),
    },
    suggest: fix
      ? [{ messageId: 'suggestRelease', data: { field: owned.field.key, method }, fix }]
      : [],
  };
}

const REMOVER: Readonly<Record<string, string>> = {
  on: 'off',
  once: 'off',
  addListener: 'removeListener',
  prependListener: 'removeListener',
  prependOnceListener: 'removeListener',
  addEventListener: 'removeEventListener',
};

function listenerKept(
  sourceCode: SourceCode,
  owner: ClassOwner,
  listener: ClassOwner['listeners'][number],
  methods: readonly ReleaseMethod[],
): Report {
  const callee = listener.node.callee;
  const added = callee.type === 'MemberExpression' ? sourceCode.getText(callee.property) : '';
  const handler = listener.handler;
  const target = listener.target;
  const targetText =
    target.kind === 'field'
      ? `this.${target.key}`
      : target.kind === 'parameter'
        ? null
        : listener.targetText;
  const remover = REMOVER[added];
  const event = listener.node.arguments[0];
  const primary = primaryRelease(methods);
  const block = primary ? blockOf(primary.member) : null;
  const fix =
    handler.kind === 'field' &&
    !handler.bound &&
    targetText !== null &&
    remover !== undefined &&
    event !== undefined &&
    listener.node.arguments.length === 2 &&
    block !== null
      ? appendStatement(
          sourceCode,
          block,
          `${targetText}.${remover}(${sourceCode.getText(event)}, this.${handler.key});`,
        )
      : null;
  const keeps = handler.kind === 'inline' || (handler.kind === 'field' && handler.bound);
  return {
    node: listener.node,
    messageId: 'listenerKept',
    data: {
      className: className(owner),
      event: listener.event === null ? 'a listener' : `a '${listener.event}' listener`,
      target: listener.targetText,
      methods: methodsText(owner, methods),
      keep: keeps ? ' (keep the handler in a field: a new function cannot be removed)' : '',
    },
    suggest:
      fix && primary
        ? [
            {
              messageId: 'suggestRemoveListener',
              data: { method: methodText(owner, primary.member) },
              fix,
            },
          ]
        : [],
  };
}
