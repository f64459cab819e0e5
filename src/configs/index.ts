import type { TSESLint } from '@typescript-eslint/utils';

import type { LeakproofDocs } from '../utils/create-rule.js';
import { TYPE_INFORMATION_SETTING } from '../utils/type-information.js';

import type { ConfigName } from './names.js';

export type { ConfigName };

type RuleLike = { meta: { docs?: Partial<LeakproofDocs> } };

/**
 * Builds the flat configs from the rules' `meta.docs`, so a config can never drift
 * from the rules it names. Configs set rules only: never a parser or a project.
 * `disable-type-checked` turns the typed rules off, for JavaScript files of a mixed repository
 * that are linted without type information (like typescript-eslint's config of that name), and
 * lifts `recommended-type-checked`'s demand for type information (`settings.leakproof`).
 */
export function buildConfigs(
  plugin: TSESLint.FlatConfig.Plugin,
  rules: Record<string, RuleLike>,
  namespace: string,
): Record<ConfigName, TSESLint.FlatConfig.Config> {
  const pick = (
    keep: (docs: Partial<LeakproofDocs>) => boolean,
    options?: (docs: Partial<LeakproofDocs>) => Record<string, unknown> | undefined,
  ): TSESLint.FlatConfig.Rules => {
    const out: TSESLint.FlatConfig.Rules = {};
    for (const [name, rule] of Object.entries(rules)) {
      const docs = rule.meta.docs ?? {};
      if (!keep(docs)) continue;
      const opts = options?.(docs);
      out[`${namespace}/${name}`] = opts ? ['error', opts] : 'error';
    }
    return out;
  };
  const make = (
    name: ConfigName,
    ruleEntries: TSESLint.FlatConfig.Rules,
    typeInformation?: 'required' | 'optional',
  ): TSESLint.FlatConfig.Config => ({
    name: `${namespace}/${name}`,
    plugins: { [namespace]: plugin },
    rules: ruleEntries,
    ...(typeInformation && {
      settings: { [namespace]: { [TYPE_INFORMATION_SETTING]: typeInformation } },
    }),
  });
  const typedRuleIds = Object.keys(pick((d) => d.requiresTypeChecking === true));
  return {
    recommended: make(
      'recommended',
      pick((d) => d.recommended === true && d.requiresTypeChecking !== true),
    ),
    // Its files must have type information: a file parsed without it fails loudly (the rules'
    // typed checks would otherwise go quiet), as typescript-eslint's typed rules do.
    'recommended-type-checked': make(
      'recommended-type-checked',
      pick((d) => d.recommended === true),
      'required',
    ),
    strict: make(
      'strict',
      pick(
        () => true,
        (d) => d.strictOptions,
      ),
    ),
    all: make(
      'all',
      pick(() => true),
    ),
    'disable-type-checked': make(
      'disable-type-checked',
      Object.fromEntries(typedRuleIds.map((id) => [id, 'off'] as const)),
      'optional',
    ),
  };
}
