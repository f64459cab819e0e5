/**
 * Fixes that move a release into `using` or `finally`. Each returns `null` when it cannot
 * keep behaviour and disposal timing; the caller then offers nothing.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import type { ResourceEntry } from '../../catalog/types.js';
import { ESCAPING_METHODS } from '../../catalog/vocabulary.js';
import { childrenOf, enclosingFunction, valueParent } from '../../utils/ast/index.js';
import { lineIndent } from './statement-fixes.js';

type SourceCode = Readonly<TSESLint.SourceCode>;
type Fixer = TSESLint.RuleFixer;
type Fix = TSESLint.RuleFix;

/** Whether `filename` is TypeScript (`.ts`, `.tsx`, `.mts`, `.cts`), where a fix may write types. */
export function isTypeScriptFile(filename: string): boolean {
  return /\.[cm]?tsx?$/.test(filename);
}

/**
 * Whether a `using` declaration can be written in this file: a TypeScript file compiled by
 * TypeScript 5.2 or newer (which lowers `using` for every target). JavaScript files run as
 * written, on runtimes that may not have `using` yet, so they never get it as a fix.
 */
export function languageHasUsing(filename: string): boolean {
  return isTypeScriptFile(filename) && typeScriptHasUsing();
}

let hasUsing: boolean | undefined;
const requireHere = createRequire(import.meta.url);

/**
 * The version of the `typescript` package `require` would load from here (an optional peer),
 * read from its `package.json`: loading the compiler itself to learn it costs an untyped run
 * (oxlint, ESLint with espree) a third of a second.
 */
function typeScriptVersion(): string | undefined {
  for (const directory of requireHere.resolve.paths('typescript') ?? []) {
    const manifest = path.join(directory, 'typescript', 'package.json');
    if (existsSync(manifest))
      return (JSON.parse(readFileSync(manifest, 'utf8')) as { version?: string }).version;
  }
  return undefined;
}

function typeScriptHasUsing(): boolean {
  if (hasUsing === undefined) {
    const version = typeScriptVersion();
    const [major = 0, minor = 0] = version?.split('.').map(Number) ?? [];
    hasUsing = major > 5 || (major === 5 && minor >= 2);
  }
  return hasUsing;
}

/** The `const x = …` statement that declares exactly one binding, if `declarator` is one. */
export function soleConstDeclaration(
  declarator: TSESTree.Node,
): TSESTree.VariableDeclaration | null {
  if (declarator.type !== 'VariableDeclarator' || declarator.id.type !== 'Identifier') return null;
  const declaration = declarator.parent;
  if (declaration.type !== 'VariableDeclaration' || declaration.kind !== 'const') return null;
  if (declaration.declarations.length !== 1 || declaration.declare) return null;
  // `using` is not allowed directly in a `case` clause, nor as a `for` head here.
  if (declaration.parent.type !== 'BlockStatement' && declaration.parent.type !== 'StaticBlock')
    return null;
  return declaration;
}

/**
 * `const x = await open(p)` → `await using x = await open(p)`, with `return await` for the
 * returns after it whose value may be a promise (`inserts`, see `awaitInserts`): the
 * resource is disposed when the function leaves, before an unawaited promise settles.
 */
export function toUsing(
  sourceCode: SourceCode,
  declaration: TSESTree.VariableDeclaration,
  isAsync: boolean,
  inserts: readonly Insert[] = [],
): (fixer: Fixer) => Fix[] {
  const keyword = sourceCode.getFirstToken(declaration)!;
  return (fixer) => [
    fixer.replaceText(keyword, isAsync ? 'await using' : 'using'),
    ...inserts.map(({ at, text }) => fixer.insertTextBeforeRange([at, at], text)),
  ];
}

/** Text to insert at an offset: `await ` before a returned promise, `(`/`)` around it. */
export interface Insert {
  at: number;
  text: string;
}

/** Whether a returned expression may be a promise: the type says so, or (untyped) a call. */
export type MayBeThenable = (node: TSESTree.Expression) => boolean;

/** Without types: only a call (or `new`) may return a promise; `entry.name` never is one. */
export function syntacticThenable(node: TSESTree.Expression): boolean {
  switch (node.type) {
    case 'CallExpression':
    case 'NewExpression':
      return true;
    case 'ChainExpression':
      return node.expression.type === 'CallExpression';
    case 'ConditionalExpression':
      return syntacticThenable(node.consequent) || syntacticThenable(node.alternate);
    case 'LogicalExpression':
      return syntacticThenable(node.left) || syntacticThenable(node.right);
    case 'SequenceExpression':
      return syntacticThenable(node.expressions[node.expressions.length - 1]);
    case 'TSAsExpression':
    case 'TSSatisfiesExpression':
    case 'TSNonNullExpression':
    case 'TSTypeAssertion':
      return syntacticThenable(node.expression);
    default:
      return false;
  }
}

/** Operands `await x` reads as `await (x)`: anything else is wrapped in parentheses. */
const AWAIT_OPERANDS = new Set([
  'CallExpression',
  'NewExpression',
  'MemberExpression',
  'Identifier',
  'ChainExpression',
  'TSNonNullExpression',
]);

/**
 * The `return` statements in `nodes` (not in nested functions or classes) whose value may be
 * a promise (`thenable`) and is not awaited yet.
 */
export function returnsOfPromises(
  nodes: readonly TSESTree.Node[],
  thenable: MayBeThenable,
): TSESTree.Expression[] {
  const out: TSESTree.Expression[] = [];
  const visit = (n: TSESTree.Node): void => {
    if (
      n.type === 'ArrowFunctionExpression' ||
      n.type === 'FunctionExpression' ||
      n.type === 'FunctionDeclaration' ||
      n.type === 'ClassBody'
    )
      return;
    if (n.type === 'ReturnStatement') {
      if (n.argument && n.argument.type !== 'AwaitExpression' && thenable(n.argument))
        out.push(n.argument);
      return;
    }
    for (const child of childrenOf(n)) visit(child);
  };
  for (const node of nodes) visit(node);
  return out;
}

/** `await ` (with parentheses where precedence needs them) before each returned promise. */
export function awaitInserts(values: readonly TSESTree.Expression[]): Insert[] {
  return values.flatMap((value) =>
    AWAIT_OPERANDS.has(value.type)
      ? [{ at: value.range[0], text: 'await ' }]
      : [
          { at: value.range[0], text: 'await (' },
          { at: value.range[1], text: ')' },
        ],
  );
}

/**
 * Source text from `from` to `to`, every line after the first shifted by `delta` spaces
 * (one nesting level is 2), with `inserts` (`await `) added. Line breaks inside template
 * literals are their text, not layout: they are kept as they are.
 */
export function reindented(
  sourceCode: SourceCode,
  from: number,
  to: number,
  delta: number,
  inserts: readonly Insert[] = [],
): string {
  // Only the tokens in range (binary search): a whole-file scan per fix made a function with
  // many reports quadratic.
  const tokens = sourceCode.tokensAndComments;
  let lo = 0;
  let hi = tokens.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (tokens[mid].range[1] <= from) lo = mid + 1;
    else hi = mid;
  }
  const templates: (readonly [number, number])[] = [];
  for (let i = lo; i < tokens.length && tokens[i].range[0] < to; i++) {
    if (tokens[i].type === 'Template') templates.push(tokens[i].range);
  }
  const inTemplate = (i: number): boolean => templates.some(([a, b]) => i > a && i < b);
  let text = '';
  for (let i = from; i <= to; i++) {
    for (const insert of inserts) if (insert.at === i) text += insert.text;
    if (i === to) break;
    const ch = sourceCode.text[i];
    text += ch;
    if (ch !== '\n' || inTemplate(i)) continue;
    if (delta > 0) text += ' '.repeat(delta);
    else {
      // Remove up to -delta spaces of the next line's indentation.
      let drop = 0;
      while (drop < -delta && sourceCode.text[i + 1 + drop] === ' ') drop++;
      i += drop;
    }
  }
  return text;
}

/** The statements of `block` that follow `statement`. */
function following(statement: TSESTree.Node): TSESTree.Statement[] | null {
  const block = statement.parent;
  if (!block || (block.type !== 'BlockStatement' && block.type !== 'StaticBlock')) return null;
  const body = block.body;
  const index = body.indexOf(statement as TSESTree.Statement);
  return index < 0 ? null : body.slice(index + 1);
}

/**
 * Whether a block-scoped name declared by `moved` is used outside it: before it (a hoisted
 * function declaration called earlier, a binding an earlier closure reads) or after it.
 * Moved into a `try` block, the name would no longer reach those uses.
 */
function escapesScope(sourceCode: SourceCode, moved: readonly TSESTree.Statement[]): boolean {
  const from = moved[0].range[0];
  const to = moved[moved.length - 1].range[1];
  for (const statement of moved) {
    // `var` belongs to the function: moving it into a block changes nothing.
    if (statement.type === 'VariableDeclaration' && statement.kind === 'var') continue;
    for (const variable of sourceCode.getDeclaredVariables(statement)) {
      const outside = (r: { identifier: TSESTree.Node }) =>
        r.identifier.range[0] < from || r.identifier.range[0] >= to;
      if (variable.references.some(outside)) return true;
    }
  }
  return false;
}

/**
 * Wraps what follows the declaration in `try { … } finally { <release> }`, or, when a
 * release statement already follows in the same block, moves it into the `finally`. With
 * `through`, when a name declared before that release is read after it, the statements after
 * the release move into the `try` as well, provided none of them waits (no `await`): the
 * release then runs when they are done, still before anything else can run.
 */
export function wrapInTryFinally(
  sourceCode: SourceCode,
  declaration: TSESTree.Node,
  releaseText: string,
  existingRelease: TSESTree.Node | null,
  isAsync: boolean,
  thenable: MayBeThenable = syntacticThenable,
  options: { through?: boolean } = {},
): ((fixer: Fixer) => Fix) | null {
  const rest = following(declaration);
  if (!rest) return null;
  // Inside `try`, a returned promise must settle before `finally` releases what it uses:
  // `return await` in an async function; elsewhere nothing can wait, so no fix.
  const promises = returnsOfPromises(rest, thenable);
  if (promises.length > 0 && !isAsync) return null;
  const inserts = awaitInserts(promises);
  /** Source of `statements`, with `return x()` made `return await x()`. */
  const textOf = (statements: readonly TSESTree.Statement[]): string => {
    const from = statements[0].range[0];
    const to = statements[statements.length - 1].range[1];
    return reindented(sourceCode, from, to, 2, inserts);
  };
  const indent = lineIndent(sourceCode, declaration);
  if (existingRelease) {
    const statement =
      existingRelease.type === 'ExpressionStatement' ? existingRelease : existingRelease.parent;
    if (statement?.type !== 'ExpressionStatement') return null;
    const index = rest.indexOf(statement);
    if (index <= 0) return null;
    const moved = rest.slice(0, index);
    if (escapesScope(sourceCode, moved)) {
      const after = rest.slice(index + 1);
      if (!options.through || after.length === 0 || waits(after)) return null;
      if (escapesScope(sourceCode, [...moved, statement, ...after])) return null;
      const last = sourceCode.getTokenBefore(statement, { includeComments: true })!;
      const next = sourceCode.getTokenAfter(statement, { includeComments: true })!;
      const before = reindented(sourceCode, moved[0].range[0], last.range[1], 2, inserts);
      const tail = reindented(
        sourceCode,
        next.range[0],
        after[after.length - 1].range[1],
        2,
        inserts,
      );
      const release = sourceCode.getText(statement);
      return (fixer) =>
        fixer.replaceTextRange(
          [moved[0].range[0], after[after.length - 1].range[1]],
          `try {\n${indent}  ${before}\n${indent}  ${tail}\n${indent}} finally {\n${indent}  ${release}\n${indent}}`,
        );
    }
    // Comments between the last moved statement and the release move with the body.
    const last = sourceCode.getTokenBefore(statement, { includeComments: true })!;
    const body = reindented(sourceCode, moved[0].range[0], last.range[1], 2, inserts);
    const release = sourceCode.getText(statement);
    return (fixer) =>
      fixer.replaceTextRange(
        [moved[0].range[0], statement.range[1]],
        `try {\n${indent}  ${body}\n${indent}} finally {\n${indent}  ${release}\n${indent}}`,
      );
  }
  if (rest.length === 0 || escapesScope(sourceCode, rest)) return null;
  const body = textOf(rest);
  return (fixer) =>
    fixer.replaceTextRange(
      [rest[0].range[0], rest[rest.length - 1].range[1]],
      `try {\n${indent}  ${body}\n${indent}} finally {\n${indent}  ${releaseText};\n${indent}}`,
    );
}

/**
 * Wraps `statements` (consecutive, in one block) in
 * `try { … } catch (error) { <release>; throw error; }`: the release runs only when they
 * throw, and the error goes on unchanged. `null` when a name they declare is used after them
 * (it would leave its scope), or the catch's name would shadow a name the release reads.
 */
export function wrapInTryCatch(
  sourceCode: SourceCode,
  statements: readonly TSESTree.Statement[],
  releaseText: string,
  errorName: string,
): ((fixer: Fixer) => Fix) | null {
  const first = statements[0];
  const last = statements.at(-1);
  if (first === undefined || last === undefined || escapesScope(sourceCode, statements))
    return null;
  if (new RegExp(`\\b${errorName}\\b`).test(releaseText)) return null;
  const indent = lineIndent(sourceCode, first);
  const body = reindented(sourceCode, first.range[0], last.range[1], 2);
  const handler = `${indent}  ${releaseText};\n${indent}  throw ${errorName};`;
  return (fixer) =>
    fixer.replaceTextRange(
      [first.range[0], last.range[1]],
      `try {\n${indent}  ${body}\n${indent}} catch (${errorName}) {\n${handler}\n${indent}}`,
    );
}

/**
 * The statements of the block around `from` after it, up to (not with) the one that holds
 * `until`; `null` when `until` is not after `from` in that block.
 */
export function statementsBetween(
  from: TSESTree.Node,
  until: TSESTree.Node,
): TSESTree.Statement[] | null {
  const rest = following(from);
  if (!rest) return null;
  const index = rest.findIndex((s) => s.range[0] <= until.range[0] && until.range[1] <= s.range[1]);
  return index < 0 ? null : rest.slice(0, index);
}

/** Whether `statements` wait for something of their own: an `await` or a `for await`. */
export function waits(statements: readonly TSESTree.Node[]): boolean {
  const visit = (n: TSESTree.Node): boolean =>
    n.type === 'AwaitExpression' ||
    (n.type === 'ForOfStatement' && n.await) ||
    (n.type !== 'FunctionDeclaration' &&
      n.type !== 'FunctionExpression' &&
      n.type !== 'ArrowFunctionExpression' &&
      childrenOf(n).some(visit));
  return statements.some(visit);
}

/** The `const x = <acquisition>` declarator around `node` (through `await`, `as`, `!`). */
export function declaratorOf(node: TSESTree.Node): TSESTree.VariableDeclarator | null {
  const { child, parent } = valueParent(node);
  return parent?.type === 'VariableDeclarator' && parent.init === child ? parent : null;
}

/** No reference in a nested function, no listener or pipe on it: `using` cannot end it early. */
export function neverEscapes(
  sourceCode: SourceCode,
  declarator: TSESTree.VariableDeclarator,
): boolean {
  const [variable] = sourceCode.getDeclaredVariables(declarator);
  if (!variable) return false;
  const fn = enclosingFunction(declarator);
  return variable.references.every((ref) => {
    if (enclosingFunction(ref.identifier) !== fn) return false;
    const member = ref.identifier.parent;
    return !(
      member.type === 'MemberExpression' &&
      member.object === ref.identifier &&
      !member.computed &&
      member.property.type === 'Identifier' &&
      ESCAPING_METHODS.has(member.property.name)
    );
  });
}

export interface LeakFixes {
  /** `const` → `using`: kept behaviour, proven by the type. */
  fix?: (fixer: Fixer) => Fix | Fix[];
  /** `try`/`finally` around the rest: a suggestion. */
  suggestion?: (fixer: Fixer) => Fix;
}

/**
 * The fixes for a leaking (or not exception-safe) binding. The autofix needs the type's proof
 * of disposability (`disposal`), a binding that never escapes, nothing else releasing it, and a
 * language level with `using`; otherwise a suggestion that moves the one existing release
 * into `finally` (or adds it), unless that would change what the code means.
 */
export function leakFixes(options: {
  sourceCode: SourceCode;
  filename: string;
  node: TSESTree.Node;
  name: string;
  entry: ResourceEntry;
  /** How the type says it is disposed; asked only when a `using` fix is otherwise possible. */
  disposal: () => 'sync' | 'async' | null;
  /** Releases the other paths reach; the one that is skipped when not exception safe. */
  releases: readonly TSESTree.Node[];
  /** The verdict is a normal-path leak (not only an exception path). */
  leaks: boolean;
  /** Whether a returned value may be a promise: by type where known, else by syntax. */
  thenable?: MayBeThenable;
}): LeakFixes {
  const { sourceCode, node, name, entry, disposal, releases } = options;
  const declarator = declaratorOf(node);
  const declaration = declarator && soleConstDeclaration(declarator);
  if (!declaration) return {};
  const fn = enclosingFunction(node);
  // `socket.send(…)` then a release at the end of the block: the datagram may be dropped.
  if (fn && callsAny(sourceCode, fn, name, entry.completesInCallback)) return {};
  const proven =
    options.leaks && releases.length === 0 && languageHasUsing(options.filename)
      ? disposal()
      : null;
  const thenable = options.thenable ?? syntacticThenable;
  if (proven) {
    const isAsync = proven === 'async';
    // A returned promise that uses the resource must settle before `using` disposes of it.
    const promises = returnsOfPromises(following(declaration) ?? [], thenable);
    if (
      (!isAsync || fn?.async) &&
      (promises.length === 0 || fn?.async === true) &&
      neverEscapes(sourceCode, declarator)
    ) {
      return { fix: toUsing(sourceCode, declaration, isAsync, awaitInserts(promises)) };
    }
  }
  const method = entry.releaseMethods[0];
  // In a loop the `try` ends with the body, so `finally` runs before each next iteration too.
  if (!method || entry.releaseOn || releases.length > 1) return {};
  const awaitIt = entry.asyncRelease === true && fn?.async === true;
  const text = `${awaitIt ? 'await ' : ''}${name}.${method}()`;
  const suggestion = wrapInTryFinally(
    sourceCode,
    declaration,
    text,
    releases[0] ?? null,
    fn?.async === true,
    thenable,
  );
  return suggestion ? { suggestion } : {};
}

/**
 * The safe fixes for a finding of the leak finder (a `leaks` or `not-exception-safe` verdict
 * on a binding): `leakFixes` with what the finding knows.
 */
export function findingFixes(
  context: Readonly<TSESLint.RuleContext<string, readonly unknown[]>>,
  finding: {
    node: TSESTree.Node;
    entry: ResourceEntry;
    verdict:
      | { kind: 'leaks'; releases: readonly TSESTree.Node[]; loop: boolean }
      | { kind: 'not-exception-safe'; release: TSESTree.Node };
    words: { name: string };
    typed: {
      disposalOf(id: TSESTree.Node): 'sync' | 'async' | null;
      mayBeThenable(node: TSESTree.Node): boolean;
    } | null;
  },
): LeakFixes {
  const { node, entry, verdict, typed } = finding;
  const declarator = declaratorOf(node);
  const leaks = verdict.kind === 'leaks';
  return leakFixes({
    sourceCode: context.sourceCode,
    filename: context.filename,
    node,
    name: finding.words.name,
    entry,
    disposal: () => (typed && declarator ? typed.disposalOf(declarator.id) : null),
    releases: leaks ? verdict.releases : [verdict.release],
    leaks,
    ...(typed ? { thenable: (value: TSESTree.Expression) => typed.mayBeThenable(value) } : {}),
  });
}

/** `fn` calls `name.method(…)` for one of `methods`: by tokens, as `name . method (`. */
function callsAny(
  sourceCode: Readonly<TSESLint.SourceCode>,
  fn: TSESTree.Node,
  name: string,
  methods: readonly string[] | undefined,
): boolean {
  if (methods === undefined || methods.length === 0) return false;
  const tokens = sourceCode.getTokens(fn);
  return tokens.some(
    (token, i) =>
      token.value === name &&
      tokens[i + 1]?.value === '.' &&
      methods.includes(tokens[i + 2]?.value ?? '') &&
      tokens[i + 3]?.value === '(',
  );
}
