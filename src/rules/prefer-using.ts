import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import { enclosingFunction } from '../utils/ast.js';
import { languageHasUsing, reindented } from '../analysis/fixes/leak-fixes.js';
import { releaseSpec } from '../analysis/engine/release.js';
import { typedDisposal } from '../analysis/types/typed-disposal.js';
import { fileMayAcquire, findAcquisition } from '../analysis/resolve/match.js';
import { CATALOG } from '../catalog/index.js';
import type { ResourceEntry } from '../catalog/types.js';
import { createRule } from '../utils/create-rule.js';

export type Options = [];
export type MessageIds = 'preferUsing' | 'suggestUsing';

type Disposal = 'sync' | 'async';

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
        '`{{name}}` ({{label}} from line {{line}}) is released by hand in `finally` at line {{releaseLine}}; `{{keyword}} {{name}}` releases it on every path with less code.',
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
    const spec = (entry: ResourceEntry) =>
      releaseSpec(sourceCode, entry, { unknownCalleeTakesOwnership: true, exceptionPaths: false });

    /** How the value is disposed, when the catalog or its type says it can be. */
    /**
     * How the value is disposed: the catalog says so for the resources it knows, and a
     * resource known by its type alone carries the disposal its type proved (`entryFor`).
     */
    function disposalOf(
      init: TSESTree.CallExpression | TSESTree.NewExpression,
    ): { entry: ResourceEntry; disposal: Disposal } | null {
      const entry = findAcquisition(sourceCode, init) ?? typed?.entryFor(init) ?? null;
      const disposal = entry?.disposable;
      return entry && disposal ? { entry, disposal } : null;
    }

    return {
      'TryStatement[handler=null][finalizer.body.length=1]'(node: TSESTree.TryStatement): void {
        const block = node.parent;
        if (block.type !== 'BlockStatement') return;
        const index = block.body.indexOf(node);
        const declaration = block.body[index - 1];
        if (declaration?.type !== 'VariableDeclaration' || declaration.kind !== 'const') return;
        if (declaration.declarations.length !== 1) return;
        const declarator = declaration.declarations[0];
        if (declarator.id.type !== 'Identifier' || !declarator.init) return;
        let init: TSESTree.Node = declarator.init;
        if (init.type === 'AwaitExpression') init = init.argument;
        if (init.type !== 'CallExpression' && init.type !== 'NewExpression') return;

        // The `finally` holds exactly the release of this binding.
        const release = node.finalizer!.body[0];
        if (release.type !== 'ExpressionStatement') return;
        const name = declarator.id.name;
        const [variable] = sourceCode.getDeclaredVariables(declarator);
        const releaseRefs = variable?.references.filter(
          (r) =>
            r.identifier.range[0] >= release.range[0] && r.identifier.range[1] <= release.range[1],
        );
        const releaseId = releaseRefs?.length === 1 ? releaseRefs[0].identifier : null;
        if (releaseId?.type !== 'Identifier' || releaseId.parent.type !== 'MemberExpression')
          return;
        // Syntax first; only then the catalog and the type checker.
        const found = disposalOf(init);
        if (!found || !spec(found.entry).isRelease(releaseId)) return;
        // A promise-returning release must have been awaited: `await using` waits for it.
        const awaited = release.expression.type === 'AwaitExpression';
        const keyword = found.disposal === 'async' ? 'await using' : 'using';
        if (found.disposal === 'async' && !awaited) return;
        const fn = enclosingFunction(node);
        if (keyword === 'await using' && !fn?.async) return;

        context.report({
          node: declarator,
          messageId: 'preferUsing',
          data: {
            name,
            label: found.entry.label,
            line: String(declarator.loc.start.line),
            releaseLine: String(release.loc.start.line),
            keyword,
          },
          suggest: suggestion(declaration, node, keyword, name),
        });
      },
    };

    function suggestion(
      declaration: TSESTree.VariableDeclaration,
      tryStatement: TSESTree.TryStatement,
      keyword: string,
      name: string,
    ) {
      // Comments between the pieces would be lost: refuse.
      const between = sourceCode.getCommentsInside(tryStatement);
      const body = tryStatement.block.body;
      const inBody = body.length
        ? sourceCode
            .getCommentsInside(tryStatement.block)
            .filter(
              (c) => c.range[0] >= body[0].range[0] && c.range[1] <= body[body.length - 1].range[1],
            )
        : [];
      if (between.length !== inBody.length) return [];
      const block = tryStatement.parent as TSESTree.BlockStatement;
      const isLast = block.body[block.body.length - 1] === tryStatement;
      const indent = /^\s*/.exec(sourceCode.lines[declaration.loc.start.line - 1] ?? '')?.[0] ?? '';
      const head = `${keyword} ${sourceCode
        .getText(declaration)
        .replace(/^const\b/, '')
        .trimStart()}`;
      // As the block's last statement the try body can join the block (same disposal point);
      // otherwise a new block keeps disposal where `finally` ran.
      const wrap = !isLast || bodyNamesClash(tryStatement);
      const bodyText = body.length
        ? reindented(sourceCode, body[0].range[0], body[body.length - 1].range[1], wrap ? 0 : -2)
        : '';
      const text = wrap
        ? `{\n${indent}  ${head}\n${indent}  ${bodyText}\n${indent}}`
        : `${head}${bodyText ? `\n${indent}${bodyText}` : ''}`;
      return [
        {
          messageId: 'suggestUsing' as const,
          data: { name, keyword },
          fix: (fixer: TSESLint.RuleFixer) =>
            fixer.replaceTextRange([declaration.range[0], tryStatement.range[1]], text),
        },
      ];
    }

    /** Names the try body declares that the surrounding block declares too. */
    function bodyNamesClash(tryStatement: TSESTree.TryStatement): boolean {
      const inner = sourceCode.getScope(tryStatement.block);
      const outer = sourceCode.getScope(tryStatement);
      return inner !== outer && inner.variables.some((v) => outer.set.has(v.name));
    }
  },
});
