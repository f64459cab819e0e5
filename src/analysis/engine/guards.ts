/**
 * Guarded releases: `if (x) x.close()`, `x && x.close()`, `if (!s.destroyed) s.destroy()`,
 * `if (!res.bodyUsed) await res.body?.cancel()`. When the test says whether the value still
 * holds something, the branch that skips the release has nothing to release: the release
 * discharges both branches, and the engine anchors it at the test.
 *
 * Only tests of the value itself or of a holding-state property count: a release under
 * `if (res.status === 404)` leaves the other statuses to release their body on their own path.
 */
import type { TSESTree } from '@typescript-eslint/utils';

import { HOLDING_STATE_PROPERTIES, RELEASE_METHODS } from '../../catalog/vocabulary.js';
import { isFunctionNode } from '../../utils/ast/index.js';

/** `x`, `x.destroyed`, `x?.body` for a tracked name `x`. */
function isHolding(node: TSESTree.Node, names: ReadonlySet<string>): boolean {
  if (node.type === 'ChainExpression') return isHolding(node.expression, names);
  if (node.type === 'TSNonNullExpression') return isHolding(node.expression, names);
  if (node.type === 'Identifier') return names.has(node.name);
  return (
    node.type === 'MemberExpression' &&
    !node.computed &&
    node.object.type === 'Identifier' &&
    names.has(node.object.name) &&
    node.property.type === 'Identifier' &&
    (HOLDING_STATE_PROPERTIES.has(node.property.name) || RELEASING.has(node.property.name))
  );
}

/** `if (x.close) x.close()`: a test for the release method is a test for something to release. */
const RELEASING: ReadonlySet<string> = new Set(RELEASE_METHODS);

const isNullish = (node: TSESTree.Node): boolean =>
  (node.type === 'Literal' && node.value === null) ||
  (node.type === 'Identifier' && node.name === 'undefined');

const EQUALITY = new Set(['==', '!=', '===', '!==']);
const COMPARISON = new Set(['>', '>=', '<', '<=', '!=', '!==']);

/** `0`, `-1`. */
const isNumber = (node: TSESTree.Node): boolean =>
  (node.type === 'Literal' && typeof node.value === 'number') ||
  (node.type === 'UnaryExpression' && node.operator === '-' && isNumber(node.argument));

/** `typeof fd` (compared with `'number'`, `'undefined'`). */
const isTypeofHolding = (node: TSESTree.Node, names: ReadonlySet<string>): boolean =>
  node.type === 'UnaryExpression' && node.operator === 'typeof' && isHolding(node.argument, names);

/** A test that says whether one of `names` still holds something (either polarity). */
export function isHoldingTest(test: TSESTree.Node, names: ReadonlySet<string>): boolean {
  if (isHolding(test, names)) return true;
  if (test.type === 'UnaryExpression' && test.operator === '!')
    return isHoldingTest(test.argument, names);
  // `fd >= 0`, `fd !== -1`: a descriptor compared with a number.
  if (
    test.type === 'BinaryExpression' &&
    COMPARISON.has(test.operator) &&
    ((isHolding(test.left, names) && isNumber(test.right)) ||
      (isHolding(test.right, names) && isNumber(test.left)))
  )
    return true;
  if (test.type === 'BinaryExpression' && EQUALITY.has(test.operator)) {
    const [a, b] = [test.left, test.right];
    return (
      (isHolding(a, names) && isNullish(b)) ||
      (isHolding(b, names) && isNullish(a)) ||
      (isTypeofHolding(a, names) && b.type === 'Literal') ||
      (isTypeofHolding(b, names) && a.type === 'Literal')
    );
  }
  // `x && !x.closed`: every part tests the value.
  if (test.type === 'LogicalExpression' && test.operator === '&&')
    return isHoldingTest(test.left, names) && isHoldingTest(test.right, names);
  return false;
}

/** Nodes a release passes through on its way up to a guard without changing what runs. */
const NEUTRAL = new Set<string>([
  'AwaitExpression',
  'BlockStatement',
  'ChainExpression',
  'ExpressionStatement',
  'TSNonNullExpression',
]);

/**
 * The node a release (or hand-off) discharges at: the outermost guard of the value around it
 * (an `if`, `&&` or `?:` testing the value), or the release itself.
 */
export function guardOf(
  release: TSESTree.Node,
  names: ReadonlySet<string>,
  owner: TSESTree.Node,
): TSESTree.Node {
  let guard = release;
  for (let child = release, n = release.parent; n && n !== owner; child = n, n = n.parent) {
    if (isFunctionNode(n)) break;
    if (NEUTRAL.has(n.type)) continue;
    if (n.type === 'TryStatement' && n.block === child) continue;
    const guarded =
      (n.type === 'IfStatement' && n.consequent === child && isHoldingTest(n.test, names)) ||
      (n.type === 'LogicalExpression' &&
        n.operator === '&&' &&
        n.right === child &&
        isHoldingTest(n.left, names)) ||
      (n.type === 'ConditionalExpression' && n.test !== child && isHoldingTest(n.test, names));
    if (!guarded) break;
    guard = n;
  }
  return guard;
}

/**
 * A test that is true only when one of `names` holds nothing at all: `!x`, `x == null`,
 * `x === undefined`, `typeof x === 'undefined'`, or a `&&` with such a part. For a parameter
 * (an optional one), an exit in that branch leaves nothing held.
 */
export function saysAbsent(test: TSESTree.Node, names: ReadonlySet<string>): boolean {
  const named = (node: TSESTree.Node): boolean =>
    node.type === 'Identifier' && names.has(node.name);
  if (test.type === 'UnaryExpression' && test.operator === '!') return named(test.argument);
  if (test.type === 'LogicalExpression' && test.operator === '&&')
    return saysAbsent(test.left, names) || saysAbsent(test.right, names);
  if (test.type !== 'BinaryExpression' || (test.operator !== '==' && test.operator !== '==='))
    return false;
  const [a, b] = [test.left, test.right];
  const undefinedType = (t: TSESTree.Node, v: TSESTree.Node): boolean =>
    t.type === 'UnaryExpression' &&
    t.operator === 'typeof' &&
    named(t.argument) &&
    v.type === 'Literal' &&
    v.value === 'undefined';
  return (
    (named(a) && isNullish(b)) ||
    (named(b) && isNullish(a)) ||
    undefinedType(a, b) ||
    undefinedType(b, a)
  );
}
