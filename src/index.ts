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

// The default export, and the same object under the name `module.exports`: Node's `require()`
// of an ES module (unflagged since Node 20.19) returns that export itself rather than the
// namespace `{ __esModule, default }`, so a CommonJS `eslint.config.js` can write
// `const leakproof = require('eslint-plugin-leakproof')` and read `leakproof.configs`.
export type { ConfigName };
export { plugin as 'module.exports' };
export default plugin;
