/**
 * A style rule on correct code: a `const` released by hand in a `finally` that does nothing
 * else. It stays syntactic: the shape (one declaration, then a `try` whose `finally` holds
 * exactly its release) already proves every path releases, so the ownership walk would add
 * cost and nothing else. It shares the finder's pieces: what a call acquires (catalog, then
 * types), whether `using` can hold it here, and the entry's release vocabulary.
 */
import type { TSESTree } from '@typescript-eslint/utils';

import { acquisitionEntry, usingFor } from '../analysis/engine/finder.js';
import { releasesEntry } from '../analysis/engine/release.js';
import { languageHasUsing } from '../analysis/fixes/leak-fixes.js';
import { fileMayAcquire } from '../analysis/resolve/match.js';
import { typedDisposal } from '../analysis/types/typed-disposal.js';
import { CATALOG } from '../catalog/index.js';
import { contains } from '../utils/ast/index.js';
import type { ResourceEntry } from '../catalog/types.js';
import { createRule } from '../utils/create-rule.js';
import { usingInsteadOfFinally } from './prefer-using-utils/using-fix.js';

export type Options = [];
export type MessageIds = 'preferUsing' | 'suggestUsing';

/** `const x = <call or new>;` alone in its declaration, directly before `node`. */
function declarationBefore(node: TSESTree.TryStatement) {
  const block = node.parent;
  if (block.type !== 'BlockStatement') return null;
  const declaration = block.body[block.body.indexOf(node) - 1];
  if (declaration?.type !== 'VariableDeclaration' || declaration.kind !== 'const') return null;
  if (declaration.declarations.length !== 1) return null;
  const declarator = declaration.declarations[0];
  if (declarator.id.type !== 'Identifier' || !declarator.init) return null;
  let init: TSESTree.Node = declarator.init;
  if (init.type === 'AwaitExpression') init = init.argument;
  if (init.type !== 'CallExpression' && init.type !== 'NewExpression') return null;
  return { declaration, declarator, id: declarator.id, init };
}

export default createRule<Options, MessageIds>({
  name: 'prefer-using',
  meta: {
    type: 'suggestion',
    docs: {
      description:
        'Enforce `using` / `await using` declarations over releasing a resource by hand in `finally`',
      // A style of writing correct code, not a leak: `strict` and `all` only.
      recommended: false,
    },
    hasSuggestions: true,
    messages: {
      preferUsing:
        'Declare `{{name}}` ({{label}}) with `{{keyword}}` instead of releasing it in `finally`. It is acquired at line {{line}} and released by hand at line {{releaseLine}}; `{{keyword}}` releases it on every path with less code.',
      suggestUsing: 'Declare `{{name}}` with `{{keyword}}` and drop the `try`/`finally`.',
    },
    schema: [],
  },
  create(context) {
    const sourceCode = context.sourceCode;
    // `using` must be writable here, and the file must touch something disposable.
    if (!languageHasUsing(context.filename)) return {};
    const typed = typedDisposal(context);
    if (!typed && !fileMayAcquire(sourceCode, CATALOG)) return {};

    return {
      'TryStatement[handler=null][finalizer.body.length=1]'(node: TSESTree.TryStatement): void {
        const found = declarationBefore(node);
        if (!found) return;
        const { declaration, declarator, id, init } = found;
        // The `finally` holds exactly the release of this binding.
        const release = node.finalizer!.body[0];
        if (release.type !== 'ExpressionStatement') return;
        const [variable] = sourceCode.getDeclaredVariables(declarator);
        const refs = variable?.references.filter((r) => contains(release, r.identifier));
        const releaseId = refs?.length === 1 ? refs[0].identifier : null;
        if (releaseId?.type !== 'Identifier') return;
        // `x.close()`, or `clearInterval(x)`: a function form frees a browser's number as well
        // as a Node handle, so only a type that knows it proves `using` can hold it.
        const byFunction = releaseId.parent.type === 'CallExpression';
        if (releaseId.parent.type !== 'MemberExpression' && !byFunction) return;
        if (byFunction && typed?.knowsType(id) !== true) return;
        // Syntax first; only then the catalog and the type checker.
        const releases = (e: ResourceEntry | null): e is ResourceEntry =>
          e?.disposable !== undefined && releasesEntry(sourceCode, e)(releaseId);
        let entry = acquisitionEntry(sourceCode, init, typed);
        // The shape proves it is owned: a library's session or cursor whose type disposes of
        // it (`coll.find()`, `client.startSession()`), whatever the call is named.
        if (!releases(entry)) entry = typed?.valueEntry(id) ?? null;
        if (!releases(entry)) return;
        const disposal = usingFor(context, init, entry, typed);
        // A promise-returning release must have been awaited: `await using` waits for it.
        if (!disposal || (disposal === 'async' && release.expression.type !== 'AwaitExpression'))
          return;
        const keyword = disposal === 'async' ? 'await using' : 'using';
        const name = id.name;
        const fix = usingInsteadOfFinally(sourceCode, declaration, node, keyword);
        context.report({
          node: declarator,
          messageId: 'preferUsing',
          data: {
            name,
            label: entry.label,
            line: String(declarator.loc.start.line),
            releaseLine: String(release.loc.start.line),
            keyword,
          },
          suggest: fix ? [{ messageId: 'suggestUsing', data: { name, keyword }, fix }] : [],
        });
      },
    };
  },
});
