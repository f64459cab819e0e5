import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '@typescript-eslint/utils';

import { enclosingFunction, type FunctionNode } from '../analysis/ast.js';
import { usePathFacts } from '../analysis/code-paths.js';
import { undischargedExit, type Exit } from '../analysis/exit-paths.js';
import { findVariable, staticPropertyName } from '../analysis/imports.js';
import { createOwnershipTracker } from '../analysis/ownership.js';
import {
  bodyDischargedAt,
  peeksAtResponse,
  PEEKS,
  releasesResponse,
} from '../analysis/response-body.js';
import { findAcquisition } from '../catalog/index.js';
import { createRule } from '../utils/create-rule.js';

export type Options = [{ throwPaths?: boolean }];
export type MessageIds = 'unread' | 'dropped' | 'cancelBody';

type Fetch = TSESTree.CallExpression;

/** `fetch(url, { method: 'HEAD' })`: no body to read. */
function isHead(call: Fetch): boolean {
  return call.arguments.some(
    (arg) =>
      arg.type === AST_NODE_TYPES.ObjectExpression &&
      arg.properties.some(
        (p) =>
          p.type === AST_NODE_TYPES.Property &&
          !p.computed &&
          p.key.type === AST_NODE_TYPES.Identifier &&
          p.key.name === 'method' &&
          p.value.type === AST_NODE_TYPES.Literal &&
          String(p.value.value).toUpperCase() === 'HEAD',
      ),
  );
}

/** The node holding the awaited response: `await fetch(u)` (past parentheses and `as`). */
function holder(call: Fetch): TSESTree.Node {
  let node: TSESTree.Node = call;
  while (
    node.parent &&
    (node.parent.type === AST_NODE_TYPES.AwaitExpression ||
      node.parent.type === AST_NODE_TYPES.TSAsExpression ||
      node.parent.type === AST_NODE_TYPES.TSNonNullExpression)
  )
    node = node.parent;
  return node;
}

/** The `if (…)` a path to `exit` takes, when it tests the response: ` (the \`if (!res.ok)\` branch)`. */
function branchOf(
  sourceCode: Readonly<TSESLint.SourceCode>,
  exit: TSESTree.Node,
  names: ReadonlySet<string>,
): string {
  for (let child = exit, n = exit.parent; n && !enclosingIsFunction(n); child = n, n = n.parent) {
    if (n.type !== AST_NODE_TYPES.IfStatement || n.test === child) continue;
    const test = sourceCode.getText(n.test);
    const mentions = sourceCode.ast.tokens.some(
      (t) =>
        t.range[0] >= n.test.range[0] &&
        t.range[1] <= n.test.range[1] &&
        t.type === 'Identifier' &&
        names.has(t.value),
    );
    if (!mentions || test.length > 40) return '';
    return n.consequent === child
      ? ` (the \`if (${test})\` branch)`
      : ` (the \`else\` of \`if (${test})\`)`;
  }
  return '';
}

const enclosingIsFunction = (node: TSESTree.Node): boolean =>
  node.type === AST_NODE_TYPES.ArrowFunctionExpression ||
  node.type === AST_NODE_TYPES.FunctionDeclaration ||
  node.type === AST_NODE_TYPES.FunctionExpression;

/** The suggestion: `await res.body?.cancel();` right before the `return`/`throw` that leaks. */
function cancelBefore(
  sourceCode: Readonly<TSESLint.SourceCode>,
  exit: Exit,
  owner: FunctionNode,
  cancel: string,
): TSESLint.ReportFixFunction | null {
  if (exit.kind === 'loop' || enclosingIsFunction(exit.node)) return null;
  const statement = exit.node;
  const call = owner.async ? `await ${cancel};` : `void ${cancel};`;
  const parent = statement.parent;
  if (
    parent?.type === AST_NODE_TYPES.BlockStatement ||
    parent?.type === AST_NODE_TYPES.SwitchCase
  ) {
    const indent = ' '.repeat(statement.loc.start.column);
    return (fixer) => fixer.insertTextBefore(statement, `${call}\n${indent}`);
  }
  if (parent?.type === AST_NODE_TYPES.IfStatement) {
    return (fixer) => fixer.replaceText(statement, `{ ${call} ${sourceCode.getText(statement)} }`);
  }
  return null;
}

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
    const tracker = createOwnershipTracker(context);
    const { facts } = usePathFacts(context);
    const found: { call: Fetch; undici: boolean }[] = [];

    function report(
      call: Fetch,
      messageId: 'unread' | 'dropped',
      data: Record<string, string>,
      fix?: TSESLint.ReportFixFunction | null,
    ): void {
      context.report({
        node: call,
        messageId,
        data: {
          callee: sourceCode.getText(call.callee),
          line: String(call.loc.start.line),
          ...data,
        },
        suggest: fix ? [{ messageId: 'cancelBody', data: { cancel: data.cancel ?? '' }, fix }] : [],
      });
    }

    function reportExit(
      call: Fetch,
      exit: Exit,
      owner: FunctionNode,
      names: ReadonlySet<string>,
      cancel: string,
    ): void {
      const when =
        exit.kind === 'loop'
          ? 'before the next iteration of its loop'
          : exit.kind === 'throw'
            ? `when the function throws at line ${exit.node.loc.start.line}`
            : enclosingIsFunction(exit.node)
              ? `by the end of the function (line ${exit.node.loc.end.line})`
              : `when the function returns at line ${exit.node.loc.start.line}`;
      if (exit.kind !== 'loop' && inNoBodyBranch(sourceCode, exit.node)) return;
      const branch = exit.kind === 'loop' ? '' : branchOf(sourceCode, exit.node, names);
      report(
        call,
        'unread',
        { when, branch, cancel },
        cancelBefore(sourceCode, exit, owner, cancel),
      );
    }

    /** `const { statusCode, body } = await request(url)`: follow the `body` binding. */
    function checkPattern(call: Fetch, pattern: TSESTree.ObjectPattern, owner: FunctionNode): void {
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
        report(call, 'dropped', {
          how: `after destructuring only \`${names}\``,
          cancel: 'res.body.dump()',
        });
        return;
      }
      if (property.value.type !== AST_NODE_TYPES.Identifier) return;
      const variable = findVariable(sourceCode, property.value);
      if (variable === undefined) return;
      const discharges = variable.references
        .filter((r) => !r.init)
        .map((r) => anchorIn(r.identifier, owner))
        .filter(
          (node) =>
            node.type !== AST_NODE_TYPES.Identifier || bodyDischargedAt(node) || !isBodyPeek(node),
        );
      const exit = undischargedExit(facts, owner, pattern.parent, discharges, {
        returns: true,
        throws: throwPaths,
        loops: true,
      });
      if (exit === null || exit === 'unknown') return;
      const names = new Set(
        pattern.properties.flatMap((p) =>
          p.type === AST_NODE_TYPES.Property && p.value.type === AST_NODE_TYPES.Identifier
            ? [p.value.name]
            : [],
        ),
      );
      reportExit(call, exit, owner, names, `${property.value.name}.dump()`);
    }

    function check({ call, undici }: { call: Fetch; undici: boolean }): void {
      const node = holder(call);
      const parent = node.parent;
      const owner = enclosingFunction(call);
      const sample = undici ? 'res.body.dump()' : 'res.body?.cancel()';
      if (
        parent?.type === AST_NODE_TYPES.ExpressionStatement ||
        (parent?.type === AST_NODE_TYPES.UnaryExpression && parent.operator === 'void')
      ) {
        if (owner !== null)
          report(call, 'dropped', { how: 'as soon as it arrives', cancel: sample });
        return;
      }
      if (parent?.type === AST_NODE_TYPES.MemberExpression && parent.object === node) {
        const name = staticPropertyName(parent);
        if (name !== null && PEEKS.has(name) && owner !== null)
          report(call, 'dropped', { how: `after reading only its \`${name}\``, cancel: sample });
        return;
      }
      if (owner === null) return;
      if (
        parent?.type === AST_NODE_TYPES.VariableDeclarator &&
        parent.id.type === AST_NODE_TYPES.ObjectPattern
      ) {
        checkPattern(call, parent.id, owner);
        return;
      }
      const verdict = tracker.analyze(call, {
        isRelease: releasesResponse,
        unknownCalleeTakesOwnership: true,
        exceptionPaths: false,
      });
      const binding =
        parent?.type === AST_NODE_TYPES.VariableDeclarator &&
        parent.id.type === AST_NODE_TYPES.Identifier
          ? parent.id
          : null;
      const name = binding?.name ?? 'res';
      const cancel = undici ? `${name}.body.dump()` : `${name}.body?.cancel()`;
      if (verdict.kind === 'leaks') {
        reportExit(
          call,
          verdict.loop ? { kind: 'loop' } : exitOf(verdict.exit, owner),
          owner,
          new Set([name]),
          cancel,
        );
        return;
      }
      if (
        !throwPaths ||
        binding === null ||
        (verdict.kind !== 'released' && verdict.kind !== 'transferred')
      )
        return;
      const variable = findVariable(sourceCode, binding);
      if (variable === undefined || variable.references.some((r) => r.isWrite() && !r.init)) return;
      const discharges = variable.references
        .filter(
          (r) =>
            !r.init &&
            !(r.identifier.type === AST_NODE_TYPES.Identifier && peeksAtResponse(r.identifier)),
        )
        .map((r) => anchorIn(r.identifier, owner));
      const exit = undischargedExit(facts, owner, parent!, discharges, {
        returns: false,
        throws: true,
        loops: false,
      });
      if (exit !== null && exit !== 'unknown')
        reportExit(call, exit, owner, new Set([name]), cancel);
    }

    return {
      ...tracker.listeners,
      CallExpression(node): void {
        const entry = findAcquisition(sourceCode, node);
        if (entry?.kind !== 'response-body' || isHead(node)) return;
        found.push({ call: node, undici: entry.releaseOn === 'body' });
      },
      'Program:exit'(): void {
        for (const item of found) check(item);
      },
    };
  },
});

/** `if (res.status === 204)`, `if (!res.body)`: responses that have no body to read. */
const NO_BODY =
  /\b(?:status|statusCode)\s*===?\s*(?:204|205|304)\b|\b(?:204|205|304)\s*===?\s*[\w.]*\b(?:status|statusCode)\b|(?:^|[^\w.])!\s*(?:[\w.]+\.)?body\b|\bbody\s*===?\s*(?:null|undefined)\b/;

function inNoBodyBranch(sourceCode: Readonly<TSESLint.SourceCode>, exit: TSESTree.Node): boolean {
  for (let child = exit, n = exit.parent; n && !enclosingIsFunction(n); child = n, n = n.parent) {
    if (
      n.type === AST_NODE_TYPES.IfStatement &&
      n.consequent === child &&
      NO_BODY.test(sourceCode.getText(n.test))
    ) {
      return true;
    }
  }
  return false;
}

/** A `return` exit, or the function itself when it ends by falling off its body. */
function exitOf(node: TSESTree.Node, owner: FunctionNode): Exit {
  return node.type === AST_NODE_TYPES.ReturnStatement
    ? { kind: 'return', node }
    : { kind: 'return', node: owner };
}

/** The outermost node holding `node` that runs in `owner`'s own path (a callback counts as a whole). */
function anchorIn(node: TSESTree.Node, owner: FunctionNode): TSESTree.Node {
  let anchor: TSESTree.Node = node;
  for (let n: TSESTree.Node | undefined = node; n && n !== owner; n = n.parent) {
    if (enclosingIsFunction(n)) anchor = n;
  }
  return anchor;
}

/** A destructured `body` only tested (`if (!body)`), not consumed. */
function isBodyPeek(id: TSESTree.Node): boolean {
  const parent = id.parent;
  return (
    (parent?.type === AST_NODE_TYPES.UnaryExpression && parent.operator === '!') ||
    (parent?.type === AST_NODE_TYPES.IfStatement && parent.test === id) ||
    parent?.type === AST_NODE_TYPES.BinaryExpression
  );
}
