import { createRequire } from 'node:module';

import type { TSESLint } from '@typescript-eslint/utils';

import { buildConfigs, type ConfigName } from './configs/index.js';
import { rules } from './rules/index.js';

const pkg = createRequire(import.meta.url)('../package.json') as { name: string; version: string };

const namespace = 'leakproof';

const plugin = {
  meta: { name: pkg.name, version: pkg.version, namespace },
  rules,
  configs: {} as Record<ConfigName, TSESLint.FlatConfig.Config>,
} satisfies TSESLint.FlatConfig.Plugin;

Object.assign(plugin.configs, buildConfigs(plugin, rules, namespace));

// The default export only (types aside): `require()` of this ES module (Node 20.19+, and how
// eslint-doc-generator loads a plugin) then resolves to the plugin itself, not a namespace.
export type { ConfigName };
export default plugin;
