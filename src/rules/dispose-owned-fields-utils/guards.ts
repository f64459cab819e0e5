/**
 * Suggestions that need a field of the class's own: a `#closed` flag that makes a release
 * method return early the second time (`if (this.#closed) return; this.#closed = true;`),
 * never in a class that makes its resources again in a method (it can be restarted), and
 * a field that keeps the handle of an interval the constructor starts, cleared in the release
 * method. Each gives `null` where a name is taken, the method returns a value (an early
 * `return;` would change it), or the layout does not allow a clean edit.
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import type { ClassOwner, ReleaseMethod } from '../../analysis/engine/class-owners.js';
import { blockOf, primaryRelease } from '../../analysis/fixes/class-words.js';
import { isTypeScriptFile } from '../../analysis/fixes/leak-fixes.js';
import { lookup } from '../../analysis/fixes/names.js';
import {
  appendStatement,
  lineIndent,
  prependMember,
  prependStatement,
} from '../../analysis/fixes/statement-fixes.js';
import { childrenOf, isFunctionNode } from '../../utils/ast/index.js';

type SourceCode = Readonly<TSESLint.SourceCode>;
type Fixes = (fixer: TSESLint.RuleFixer) => TSESLint.RuleFix[];

/** A member or field of the class already goes by `name` (with or without `#`). */
function taken(owner: ClassOwner, name: string): boolean {
  const bare = name.replace(/^#/, '');
  return (
    [...owner.fields.keys()].some((k) => k.replace(/^#/, '') === bare) ||
    owner.members.some((m) => m.key?.replace(/^#/, '') === bare) ||
    owner.node.body.body.some(
      (m) =>
        'key' in m &&
        (m.key.type === 'PrivateIdentifier' || m.key.type === 'Identifier') &&
        m.key.name === bare,
    )
  );
}

/** A `return` with a value in `fn`'s own body. */
function returnsValue(fn: TSESTree.Node): boolean {
  const visit = (n: TSESTree.Node): boolean =>
    (n.type === 'ReturnStatement' && n.argument !== null) ||
    (!isFunctionNode(n) && childrenOf(n).some(visit));
  return isFunctionNode(fn) && fn.body.type === 'BlockStatement' && fn.body.body.some(visit);
}

/** `#closed = false;` in the class, and an early return on it at the start of `method`. */
export function closedFlag(
  sourceCode: SourceCode,
  owner: ClassOwner,
  method: ReleaseMethod,
): Fixes | null {
  const block = blockOf(method.member);
  const first = block?.body[0];
  if (!block || !first || taken(owner, 'closed') || returnsValue(method.member.fn)) return null;
  if (method.member.node.static) return null;
  // A class that makes its resources again in a method (`start()` after `stop()`) is
  // restartable: a flag set once would keep every later release from running.
  if ([...owner.fields.values()].some((f) => f.assignments.some((a) => a.where === 'method')))
    return null;
  const indent = lineIndent(sourceCode, first);
  const guard = prependStatement(
    sourceCode,
    block,
    `if (this.#closed) return;\n${indent}this.#closed = true;`,
  );
  const field = prependMember(sourceCode, owner.node.body, '#closed = false;');
  if (!guard || !field) return null;
  return (fixer) => [field(fixer), guard(fixer)];
}

/**
 * `setInterval(…)` in the constructor → `this.#interval = setInterval(…)`, the field declared,
 * and `clearInterval(this.#interval);` at the end of the release method.
 */
export function keepInterval(
  sourceCode: SourceCode,
  filename: string,
  owner: ClassOwner,
  timer: TSESTree.CallExpression,
  methods: readonly ReleaseMethod[],
): Fixes | null {
  const ctor = owner.members.find((m) => m.kind === 'constructor');
  let statement: TSESTree.Node = timer;
  // `setInterval(…).unref()`: `unref()` hands back the same timer.
  while (
    statement.parent?.type === 'MemberExpression' &&
    statement.parent.parent?.type === 'CallExpression'
  )
    statement = statement.parent.parent;
  const expression = statement;
  if (expression.parent?.type !== 'ExpressionStatement') return null;
  if (ctor === undefined || blockOf(ctor) === null || expression.parent.parent !== blockOf(ctor))
    return null;
  if (lookup(sourceCode.getScope(timer), 'clearInterval') !== undefined) return null;
  const name = ['interval', 'intervalTimer'].find((n) => !taken(owner, n));
  const target = primaryRelease(methods);
  const block = target ? blockOf(target.member) : null;
  if (name === undefined || block === null) return null;
  const type = isTypeScriptFile(filename) ? ': ReturnType<typeof setInterval> | undefined' : '';
  const field = prependMember(sourceCode, owner.node.body, `#${name}${type};`);
  const clear = appendStatement(sourceCode, block, `clearInterval(this.#${name});`);
  if (!field || !clear) return null;
  return (fixer) => [
    field(fixer),
    fixer.insertTextBefore(expression, `this.#${name} = `),
    clear(fixer),
  ];
}
