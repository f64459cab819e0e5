/**
 * The `GC.SuppressFinalize` rule for JavaScript: a class that registers itself with a
 * `FinalizationRegistry` must unregister in its release method, or the finalizer still runs
 * after the release (a double free of a native handle, a second close). Registering without
 * an unregister token makes that impossible.
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import { thisMemberKey } from '../../analysis/engine/class-members.js';
import type { ClassOwner, RegistryUse, ReleaseMethod } from '../../analysis/engine/class-owners.js';
import { blockOf, primaryRelease } from '../../analysis/fixes/class-words.js';
import { prependStatement } from '../../analysis/fixes/statement-fixes.js';
import { skipWrappers } from '../../utils/ast/index.js';

type SourceCode = Readonly<TSESLint.SourceCode>;

export interface UnregisterFinding {
  registration: RegistryUse;
  methods: ReleaseMethod[];
  /** The release method a fix writes into. */
  target: ReleaseMethod | null;
}

/** Registrations no release method (nor a helper it calls) unregisters. */
export function missingUnregisters(
  owner: ClassOwner,
  names: readonly string[],
): UnregisterFinding[] {
  if (owner.registrations.length === 0) return [];
  const methods = owner.releaseMethods(names);
  if (methods.length === 0) return [];
  const reached = new Set(methods.flatMap((m) => m.reaches));
  return owner.registrations
    .filter(
      (registration) =>
        !owner.unregisters.some(
          (u) => u.registry === registration.registry && u.member !== null && reached.has(u.member),
        ),
    )
    .map((registration) => ({ registration, methods, target: primaryRelease(methods) }));
}

/** `this` or `this.x`: a token a release method can name too. */
function tokenText(sourceCode: SourceCode, token: TSESTree.Node): string | null {
  const node = skipWrappers(token);
  if (node.type === 'ThisExpression' || thisMemberKey(node) !== null)
    return sourceCode.getText(node);
  return null;
}

/**
 * `registry.unregister(token)` at the start of the release method; when the registration has
 * no token, `this` is added as one.
 */
export function unregisterFix(
  sourceCode: SourceCode,
  finding: UnregisterFinding,
): TSESLint.ReportFixFunction | null {
  const { registration, target } = finding;
  const block = target === null ? null : blockOf(target.member);
  if (block === null) return null;
  const held = registration.held;
  if (registration.token === null) {
    if (held === null || registration.node.arguments.length !== 2) return null;
    const add = prependStatement(sourceCode, block, `${registration.registry}.unregister(this);`);
    if (add === null) return null;
    return (fixer) => [fixer.insertTextAfter(held, ', this'), add(fixer)];
  }
  const token = tokenText(sourceCode, registration.token);
  if (token === null) return null;
  return prependStatement(sourceCode, block, `${registration.registry}.unregister(${token});`);
}
