/** Words for messages: what was acquired, where, and how to release it. */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import type { ResourceEntry } from '../../catalog/types.js';
import type { LeakExit } from '../engine/exit-paths.js';

const MAX = 40;

/** Source text of `node` on one line, shortened for a message: `this.pool.end()`. */
export function shortText(sourceCode: Readonly<TSESLint.SourceCode>, node: TSESTree.Node): string {
  const text = sourceCode.getText(node).replace(/\s+/g, ' ');
  return text.length > MAX ? `${text.slice(0, MAX - 1)}…` : text;
}

/** Source text of the callee (`fs.createWriteStream`, `new Pool`), shortened for a message. */
export function acquisitionText(
  sourceCode: Readonly<TSESLint.SourceCode>,
  node: TSESTree.CallExpression | TSESTree.NewExpression,
): string {
  const callee = sourceCode.getText(node.callee).replace(/\s+/g, ' ');
  const short = callee.length > MAX ? `${callee.slice(0, MAX - 1)}…` : callee;
  return node.type === 'NewExpression' ? `new ${short}()` : `${short}()`;
}

/**
 * `the function returns at line 9` / `the function ends at line 12` / `the loop goes on`.
 * @deprecated Prose belongs in a rule's `meta.messages`; use `exitLine` and a message per kind.
 */
export function exitText(exit: TSESTree.Node, loop: boolean): string {
  if (loop) return 'the loop moves on to its next iteration';
  if (exit.type === 'ReturnStatement') return `the function returns at line ${exit.loc.start.line}`;
  return `the function ends at line ${exit.loc.end.line}`;
}

/**
 * The line a report names for an exit: the `return` or `throw`, the closing brace of a
 * function that falls off its end, the head of the loop whose next iteration leaks.
 */
export function exitLine(exit: LeakExit): string {
  return String(exit.kind === 'end' ? exit.node.loc.end.line : exit.node.loc.start.line);
}

/**
 * How to release `name`: `` `await fh.close()` `` for a method, `` `closeSync(fd)` `` for a
 * function form.
 */
export function releaseText(
  name: string,
  method: string | undefined,
  isAsync: boolean,
  releaseFunction?: string,
): string {
  if (method !== undefined) {
    const member = method.startsWith('[') ? method : `.${method}`;
    return `\`${isAsync ? 'await ' : ''}${name}${member}()\``;
  }
  if (releaseFunction !== undefined) return `\`${releaseFunction}(${name})\``;
  return `\`${name}\``;
}

export interface ReleaseWords {
  /** `` `await fh.close()` ``, `` `closeSync(fd)` ``, `` `lock[Symbol.dispose]()` ``. */
  release: string;
  /** The same without a binding to name: `` `.end()` ``, `` `closeSync()` ``. */
  bare: string;
  /** `using` or `await using`: the declaration that would release it (see `canUse`). */
  usingKeyword: string;
  /**
   * `using` can be advised here: the catalog or the type says the value is disposable, the
   * file's language can parse `using`, and `await using` sits in an async function.
   */
  canUse: boolean;
  /**
   * The fix, as code: `` `await using fh = …` `` where `canUse`, else
   * `` `try { … } finally { await fh.close(); }` ``; for a value dropped without a name,
   * `` `await using` `` or the bare release (`` `.end()` ``).
   */
  fix: string;
}

/**
 * How to release a resource of `entry` bound to `name`, acquired by `source` (`openSync()`).
 * `using` is how a `using` declaration would dispose of it here, or `null` where none can
 * (see `usingFor`); `canAwait` says whether the code there may `await` (an async function).
 */
export function releaseWords(
  entry: ResourceEntry,
  name: string,
  source: string,
  using: 'sync' | 'async' | null = null,
  canAwait = true,
): ReleaseWords {
  const usingKeyword = using === 'async' ? 'await using' : 'using';
  const method = entry.releaseMethods[0];
  // `openSync` pairs with `closeSync`, `open` with `close`.
  const sync = /Sync\(\)$/.test(source);
  const calls = (entry.releaseCalls ?? []).map((c) => c.fn.path.at(-1));
  const releaseFunction = calls.find((n) => n?.endsWith('Sync') === sync) ?? calls[0];
  const disposeMember =
    entry.disposable === 'async'
      ? '[Symbol.asyncDispose]'
      : entry.disposable
        ? '[Symbol.dispose]'
        : undefined;
  const member = method ?? disposeMember;
  const bare = method
    ? `\`.${method}()\``
    : releaseFunction
      ? `\`${releaseFunction}()\``
      : `\`${disposeMember ?? ''}()\``;
  const awaits = entry.asyncRelease === true && canAwait;
  const release = releaseText(name, member, awaits, releaseFunction);
  const canUse = using !== null;
  // `socket.send(…)` finishes in its callback: releasing at the end of the scope can drop it.
  const after = entry.completesInCallback?.[0];
  // Nothing bound (a dropped value): the keyword, or the release method to call on it.
  const fix =
    after !== undefined && name !== ''
      ? `\`${name}.${after}(…, () => ${release.slice(1, -1)})\``
      : name === ''
        ? canUse
          ? `\`${usingKeyword}\``
          : bare
        : canUse
          ? `\`${usingKeyword} ${name} = …\``
          : `\`try { … } finally { ${release.slice(1, -1)}; }\``;
  return { release, bare, usingKeyword, canUse, fix };
}
