/**
 * The suggestion: make a synchronous release asynchronous. `[Symbol.dispose]()` becomes
 * `async [Symbol.asyncDispose]()` (with `implements AsyncDisposable`), `dispose()` and
 * `close(): void` become `async` returning `Promise<void>`, and the promises they started are
 * awaited. Callers must then `await using` or `await` it, which is why it is only a suggestion.
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import { elementKey } from '../../analysis/engine/class-members.js';
import type { AsyncWork, SyncRelease } from './async-work.js';

type SourceCode = Readonly<TSESLint.SourceCode>;
type Fix = TSESLint.RuleFix;
type Fixer = TSESLint.RuleFixer;

/** `implements Disposable` → `implements AsyncDisposable`, when the class implements it. */
function implementsFix(fixer: Fixer, classNode: TSESTree.Node): Fix | null {
  if (classNode.type !== 'ClassDeclaration' && classNode.type !== 'ClassExpression') return null;
  // espree (plain JavaScript) has no `implements`.
  const clauses = (classNode.implements as TSESTree.TSClassImplements[] | undefined) ?? [];
  const clause = clauses.find(
    (i) => i.expression.type === 'Identifier' && i.expression.name === 'Disposable',
  );
  return clause ? fixer.replaceText(clause.expression, 'AsyncDisposable') : null;
}

/** The edits, or `null` when they would not be mechanical (an object literal, a clash). */
export function toAsyncFix(
  sourceCode: SourceCode,
  release: SyncRelease,
  works: readonly AsyncWork[],
): TSESLint.ReportFixFunction | null {
  const method = release.node;
  if (method.type !== 'MethodDefinition') return null;
  const classBody = method.parent;
  const symbol = release.name === '[Symbol.dispose]';
  if (
    symbol &&
    classBody.body.some(
      (element) =>
        element.type === 'MethodDefinition' && elementKey(element) === '[Symbol.asyncDispose]',
    )
  )
    return null;
  const key = method.key;
  const opening = method.computed ? sourceCode.getTokenBefore(key) : sourceCode.getFirstToken(key);
  if (opening === null) return null;
  const annotation = release.fn.returnType?.typeAnnotation;
  return (fixer) => {
    const fixes: Fix[] = [];
    if (!release.fn.async) fixes.push(fixer.insertTextBefore(opening, 'async '));
    if (symbol && key.type === 'MemberExpression') {
      fixes.push(fixer.replaceText(key.property, 'asyncDispose'));
      const implemented = implementsFix(fixer, classBody.parent);
      if (implemented !== null) fixes.push(implemented);
    }
    if (annotation !== undefined && !release.fn.async) {
      const text = sourceCode.getText(annotation);
      fixes.push(
        fixer.replaceText(
          annotation,
          annotation.type === 'TSVoidKeyword' ? 'Promise<void>' : `Promise<${text}>`,
        ),
      );
    }
    for (const work of works) {
      if (work.kind !== 'promise' || work.statement === null) continue;
      if (work.voided !== null)
        fixes.push(
          fixer.replaceTextRange([work.voided.range[0], work.voided.argument.range[0]], 'await '),
        );
      else fixes.push(fixer.insertTextBefore(work.statement.expression, 'await '));
    }
    return fixes;
  };
}
