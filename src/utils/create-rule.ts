import { ESLintUtils } from '@typescript-eslint/utils';

/** Documentation metadata every leakproof rule carries; the configs are derived from it. */
export interface LeakproofDocs {
  description: string;
  /** In `recommended` (and `recommended-type-checked` when the rule needs types). */
  recommended?: boolean;
  /** The rule needs type information; it is then left out of `recommended`. */
  requiresTypeChecking?: boolean;
  /** Options the `strict` config sets (stricter than the defaults). */
  strictOptions?: Record<string, unknown>;
}

export const REPO_URL = 'https://github.com/leakproof/eslint-plugin-leakproof';

export const docsUrl = (name: string): string => `${REPO_URL}/blob/main/docs/rules/${name}.md`;

export const createRule = ESLintUtils.RuleCreator<LeakproofDocs>(docsUrl);
