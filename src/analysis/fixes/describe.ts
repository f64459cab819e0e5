/** Words for messages: what was acquired, where, and how to release it. */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import type { ResourceEntry } from '../../catalog/types.js';

const MAX = 40;

/** Source text of the callee (`fs.createWriteStream`, `new Pool`), shortened for a message. */
export function acquisitionText(
  sourceCode: Readonly<TSESLint.SourceCode>,
  node: TSESTree.CallExpression | TSESTree.NewExpression,
): string {
  const callee = sourceCode.getText(node.callee).replace(/\s+/g, ' ');
  const short = callee.length > MAX ? `${callee.slice(0, MAX - 1)}…` : callee;
  return node.type === 'NewExpression' ? `new ${short}()` : `${short}()`;
}

/** `the function returns at line 9` / `the function ends at line 12` / `the loop goes on`. */
export function exitText(exit: TSESTree.Node, loop: boolean): string {
  if (loop) return 'the loop moves on to its next iteration';
  if (exit.type === 'ReturnStatement') return `the function returns at line ${exit.loc.start.line}`;
  return `the function ends at line ${exit.loc.end.line}`;
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
  return `the release of \`${name}\``;
}

export interface ReleaseWords {
  /** `` `await fh.close()` ``, `` `closeSync(fd)` ``, `` `lock[Symbol.dispose]()` ``. */
  release: string;
  /** The same without a binding to name: `` `.end()` ``, `` `closeSync()` ``. */
  bare: string;
  /** `using` or `await using`. */
  usingKeyword: string;
  /** `using` can hold it (a descriptor is a number: it cannot). */
  canUse: boolean;
}

/** How to release a resource of `entry` bound to `name`, acquired by `source` (`openSync()`). */
export function releaseWords(entry: ResourceEntry, name: string, source: string): ReleaseWords {
  const usingKeyword = entry.asyncRelease || entry.disposable === 'async' ? 'await using' : 'using';
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
  return {
    release: releaseText(name, member, entry.asyncRelease === true, releaseFunction),
    bare,
    usingKeyword,
    canUse: method !== undefined || entry.disposable !== undefined,
  };
}
