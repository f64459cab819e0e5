import { createRequire } from 'node:module';

import type { ESLint, Linter } from 'eslint';

import { buildConfigs } from './configs/index.js';
import type { ConfigName } from './configs/names.js';
import { rules } from './rules/index.js';

const pkg = createRequire(import.meta.url)('../package.json') as { name: string; version: string };

const namespace = 'leakproof';

/**
 * Typed with ESLint's own types (a peer dependency), so the published declarations need
 * nothing else; the rules are typescript-eslint-shaped inside.
 */
export interface LeakproofPlugin extends ESLint.Plugin {
  meta: { name: string; version: string; namespace: string };
  rules: NonNullable<ESLint.Plugin['rules']>;
  configs: Record<ConfigName, Linter.Config>;
}

const plugin: LeakproofPlugin = {
  meta: { name: pkg.name, version: pkg.version, namespace },
  rules: rules as unknown as LeakproofPlugin['rules'],
  configs: {} as Record<ConfigName, Linter.Config>,
};

Object.assign(plugin.configs, buildConfigs(plugin as never, rules, namespace));

// The default export only (types aside): `require()` of this ES module (Node 20.19+, and how
// eslint-doc-generator loads a plugin) then resolves to the plugin itself, not a namespace.
export type { ConfigName };
export default plugin;
