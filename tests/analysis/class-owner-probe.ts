/**
 * Runs code through the real ESLint `Linter` and returns the class-owner record of every
 * class in it, by class name (`(anonymous)` for one without), for the unit tests of
 * `src/analysis/engine/class-owners.ts`.
 */
import type { TSESTree } from '@typescript-eslint/utils';

import {
  classOwner,
  type ClassOwner,
  type ClassOwnerOptions,
} from '../../src/analysis/engine/class-owners.js';
import { typedDisposal } from '../../src/analysis/types/typed-disposal.js';
import { lintWith, type ProbeOptions } from './lint-probe.js';

export type OwnerProbeOptions = Omit<ClassOwnerOptions, 'entryByType'> &
  Pick<ProbeOptions, 'parser' | 'typed'>;

export function owners(code: string, options: OwnerProbeOptions = {}): Map<string, ClassOwner> {
  const found = new Map<string, ClassOwner>();
  lintWith(
    code,
    (context) => {
      const typed = options.typed === true ? typedDisposal(context) : null;
      const visit = (node: TSESTree.ClassDeclaration | TSESTree.ClassExpression): void => {
        const owner = classOwner(context.sourceCode, node, {
          ...(options.extra === undefined ? {} : { extra: options.extra }),
          entryByType: typed === null ? null : (n) => typed.fieldEntryFor(n),
        });
        // Ask once while the file is linted: the record is built on first use.
        owner.releaseMethods();
        found.set(owner.name ?? '(anonymous)', owner);
      };
      return { ClassDeclaration: visit, ClassExpression: visit };
    },
    options,
  );
  return found;
}
