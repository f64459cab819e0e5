/**
 * `createRule`: typescript-eslint's rule shape (typed context, options merged with their
 * defaults, a docs URL per rule) without its runtime. `@typescript-eslint/utils` declares
 * TypeScript as a required peer, so depending on it at run time would make npm install
 * TypeScript for JavaScript-only users; we only take its types.
 */
import { createRequire } from 'node:module';

import type { TSESLint } from '@typescript-eslint/utils';

import { guardListeners, internalError } from './internal-errors.js';
import { withFileLineEndings } from './line-endings.js';
import {
  hasTypeInformation,
  typedConfigWithoutTypes,
  typeInformationRequired,
} from './type-information.js';

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

const { version } = createRequire(import.meta.url)('../../package.json') as { version: string };

/** A rule's doc at the tag of the installed version, so the editor's link matches its behaviour. */
export const docsUrl = (name: string): string =>
  `${REPO_URL}/blob/v${version}/docs/rules/${name}.md`;

type Meta<MessageIds extends string, Options extends readonly unknown[]> = Omit<
  TSESLint.RuleMetaData<MessageIds, LeakproofDocs, Options>,
  'docs'
> & { docs: LeakproofDocs };

/**
 * The options a rule's `create` sees: `meta.defaultOptions` merged under the user's, so every
 * property of an options object that the defaults set is there (rules state each default once,
 * in `meta.defaultOptions`, and never again in code).
 */
export type WithDefaults<Options extends readonly unknown[]> = {
  [K in keyof Options]: Options[K] extends readonly unknown[]
    ? Options[K]
    : Options[K] extends object
      ? Required<Options[K]>
      : Options[K];
};

export interface RuleDefinition<Options extends readonly unknown[], MessageIds extends string> {
  name: string;
  meta: Meta<MessageIds, Options>;
  create(
    context: Readonly<TSESLint.RuleContext<MessageIds, Options>>,
    optionsWithDefault: Readonly<WithDefaults<Options>>,
  ): TSESLint.RuleListener;
}

export type LeakproofRule<
  Options extends readonly unknown[],
  MessageIds extends string,
> = TSESLint.RuleModule<MessageIds, Options, LeakproofDocs> & { name: string };

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function deepMerge(
  base: Record<string, unknown>,
  over: Record<string, unknown>,
): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(over)) {
    const current = out[key];
    out[key] = isPlainObject(current) && isPlainObject(value) ? deepMerge(current, value) : value;
  }
  return out;
}

/** The user's options over the defaults, option by option (objects merged deeply). */
export function applyDefaults<Options extends readonly unknown[]>(
  defaults: Readonly<Options> | Options,
  user: readonly unknown[] | undefined,
): Options {
  // No clone: merging builds new objects where it changes anything, and rules never mutate
  // their options (ESLint 10 hands over a fresh merged array per file anyway).
  const options = [...(defaults as unknown as unknown[])];
  user?.forEach((value, i) => {
    if (value === undefined) return;
    const base = options[i];
    options[i] = isPlainObject(base) && isPlainObject(value) ? deepMerge(base, value) : value;
  });
  return options as unknown as Options;
}

export function createRule<Options extends readonly unknown[], MessageIds extends string>({
  name,
  meta,
  create,
}: Readonly<RuleDefinition<Options, MessageIds>>): LeakproofRule<Options, MessageIds> {
  const defaults = (meta.defaultOptions ?? []) as unknown as Options;
  // The merge runs once per configuration, not once per file: ESLint hands every file the
  // same option objects (in a fresh array), so the first one keys the memo.
  const merged = new WeakMap<object, Options>();
  const optionsFor = (user: readonly unknown[]): Options => {
    if (user.length === 0) return defaults;
    const key = user[0];
    if (user.length > 1 || typeof key !== 'object' || key === null)
      return applyDefaults<Options>(defaults, user);
    let options = merged.get(key);
    if (options === undefined) {
      options = applyDefaults<Options>(defaults, user);
      merged.set(key, options);
    }
    return options;
  };
  return {
    name,
    meta: { ...meta, docs: { ...meta.docs, url: docsUrl(name) } },
    defaultOptions: defaults,
    // Behind the boundary of `internal-errors.ts`: strict analysis rethrows, production stops
    // the rule for the file and warns.
    create: (context) => {
      if (typeInformationRequired(context.settings) && !hasTypeInformation(context.sourceCode))
        throw typedConfigWithoutTypes();
      let listeners: TSESLint.RuleListener;
      try {
        // Fixes are written with `\n`; in a `\r\n` file the context rewrites them to `\r\n`.
        listeners = create(
          withFileLineEndings(context),
          optionsFor(context.options) as WithDefaults<Options>,
        );
      } catch (error) {
        internalError(name, context.filename, error);
        return {};
      }
      return guardListeners(name, context.filename, listeners);
    },
  };
}
