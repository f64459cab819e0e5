/**
 * Hoisting a per-call client to module scope: the `no-per-call-client` suggestion. Moves
 * `const x = new Client(…)` above the top-level statement that holds the per-call code, when
 * the client reads only module-scope values and its name means the same thing at module scope.
 * A `using` declaration becomes a `const` there; a per-call release (`await pool.end();`) is
 * taken out with it, when it is a statement of its own and the client has no per-call setup
 * (`client.connect()` twice throws on a pg `Client`). The same serves an object whose
 * constructor builds a client (`new UserService()`).
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '@typescript-eslint/types';

import type { ResourceEntry } from '../../catalog/types.js';

import { removeStatement } from '../../analysis/fixes/statement-fixes.js';
import { findVariable, skipWrappers } from '../../utils/ast/index.js';
import type { PerCallUse } from './destination.js';
import { usesOnlyModuleScope } from './module-scope.js';
import type { PerCallEnv } from '../../analysis/lifetime/per-call-site.js';

type Built = TSESTree.CallExpression | TSESTree.NewExpression;

/** `x.method` for each reference `x` whose member is one of `methods`. */
function membersNamed(
  references: readonly TSESLint.Scope.Reference[],
  methods: readonly string[],
): TSESTree.MemberExpression[] {
  return references.flatMap((reference) => {
    const parent = reference.identifier.parent;
    return parent?.type === AST_NODE_TYPES.MemberExpression &&
      parent.object === reference.identifier &&
      parent.property.type === AST_NODE_TYPES.Identifier &&
      methods.includes(parent.property.name)
      ? [parent]
      : [];
  });
}

/** The release method called on the bound client (`pool.end()`), if any. */
export function releaseOf(
  references: readonly TSESLint.Scope.Reference[],
  entry: Pick<ResourceEntry, 'releaseMethods'>,
): string | null {
  const [member] = membersNamed(references, entry.releaseMethods);
  return member?.property.type === AST_NODE_TYPES.Identifier ? member.property.name : null;
}

/** Per-call setup a shared client must not repeat (`connect()` twice throws on a pg `Client`). */
const SETUP_METHODS = ['connect', 'open', 'init', 'initialize', 'start', 'login', 'authenticate'];

/**
 * The statements that release the client per call (`await pool.end();`, `redis.disconnect();`),
 * each one to take out; `null` when one is not a statement of its own or holds a comment.
 */
function releaseRemovals(
  sourceCode: Readonly<TSESLint.SourceCode>,
  references: readonly TSESLint.Scope.Reference[],
  releaseMethods: readonly string[],
): ((fixer: TSESLint.RuleFixer) => TSESLint.RuleFix)[] | null {
  const removals = [];
  for (const member of membersNamed(references, releaseMethods)) {
    const call = member.parent;
    if (call.type !== AST_NODE_TYPES.CallExpression || call.callee !== member) return null;
    const value = call.parent.type === AST_NODE_TYPES.AwaitExpression ? call.parent : call;
    const statement = value.parent;
    if (statement?.type !== AST_NODE_TYPES.ExpressionStatement) return null;
    // The only statement of a `finally`: taking it out would leave an empty clause.
    const block = statement.parent;
    if (block.type === AST_NODE_TYPES.BlockStatement && block.body.length === 1) return null;
    const removal = removeStatement(sourceCode, statement);
    if (removal === null) return null;
    removals.push(removal);
  }
  return removals;
}

/** The statement of the program that holds `node`. */
export function topStatement(node: TSESTree.Node): TSESTree.Node | null {
  let top = node;
  while (top.parent !== undefined && top.parent.type !== AST_NODE_TYPES.Program) top = top.parent;
  return top.parent === undefined || top.type === AST_NODE_TYPES.ImportDeclaration ? null : top;
}

/** The `hoistToModule` fix: move `const x = new Client(…)` above the top-level statement around it. */
export function hoistFix(
  env: PerCallEnv & { sourceCode: Readonly<TSESLint.SourceCode> },
  node: Built,
  use: PerCallUse,
  releaseMethods: readonly string[],
): TSESLint.ReportFixFunction | null {
  const { destination } = use;
  if (destination.kind !== 'local' || destination.declarator === null) return null;
  const { declarator } = destination;
  const declaration = declarator.parent;
  const kind = declaration.kind;
  if (kind !== 'const' && kind !== 'using' && kind !== 'await using') return null;
  if (declaration.declarations.length !== 1) return null;
  if (
    declarator.id.type !== AST_NODE_TYPES.Identifier ||
    declarator.init === null ||
    skipWrappers(declarator.init) !== node
  )
    return null;
  if (declaration.parent.type !== AST_NODE_TYPES.BlockStatement) return null;
  const top = topStatement(use.site.node);
  if (top === null) return null;
  if (!usesOnlyModuleScope(env, node, top.range[0])) return null;
  const { sourceCode } = env;
  const name = declarator.id.name;
  const variable = findVariable(sourceCode, declarator.id);
  if (variable === undefined) return null;
  // The name must mean the same thing everywhere it is read once it lives at module scope.
  for (let scope = variable.scope.upper; scope !== null; scope = scope.upper) {
    if (scope.set.has(name)) return null;
    if (
      scope.type === 'module' &&
      scope.through.some((reference) => reference.identifier.name === name)
    )
      return null;
  }
  if (membersNamed(variable.references, SETUP_METHODS).length > 0) return null;
  const releases = releaseRemovals(sourceCode, variable.references, releaseMethods);
  if (releases === null) return null;

  const column = declaration.loc.start.column;
  const keyword = sourceCode.getFirstToken(declaration)!;
  const declarationText =
    kind === 'const'
      ? sourceCode.getText(declaration)
      : `const${sourceCode.text.slice(
          (kind === 'await using' ? sourceCode.getTokenAfter(keyword)! : keyword).range[1],
          declaration.range[1],
        )}`;
  const text = declarationText
    .split('\n')
    .map((line, i) => (i === 0 ? line : line.replace(new RegExp(`^ {0,${column}}`), '')))
    .join('\n');
  const lineStart = declaration.range[0] - column;
  const before = sourceCode.text.slice(lineStart, declaration.range[0]);
  const afterEnd = sourceCode.text.indexOf('\n', declaration.range[1]);
  const after = sourceCode.text.slice(declaration.range[1], afterEnd === -1 ? undefined : afterEnd);
  const whole = before.trim() === '' && after.trim() === '';
  const removal: [number, number] = whole
    ? [lineStart, afterEnd === -1 ? declaration.range[1] : afterEnd + 1]
    : declaration.range;
  // Above the statement's decorators and its leading comments (a JSDoc stays with its function).
  let insertAt = top.range[0];
  const declared = 'declaration' in top ? top.declaration : top;
  if (declared !== null && 'decorators' in declared && declared.decorators.length > 0) {
    insertAt = Math.min(insertAt, declared.decorators[0].range[0]);
  }
  const comments = sourceCode.getCommentsBefore(
    sourceCode.getTokenByRangeStart(insertAt, { includeComments: true }) ?? top,
  );
  if (comments.length > 0) insertAt = Math.min(insertAt, comments[0].range[0]);
  return (fixer) => [
    fixer.insertTextBeforeRange([insertAt, insertAt], `${text}\n\n`),
    fixer.removeRange(removal),
    ...releases.map((release) => release(fixer)),
  ];
}
