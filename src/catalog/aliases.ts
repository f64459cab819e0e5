/**
 * Packages that are drop-in replacements for a Node built-in: their exports behave like the
 * built-in's, so the built-in's catalog entries apply to them. `graceful-fs` wraps `fs` (npm,
 * node-gyp); `fs-extra` re-exports it with promise forms when no callback is given.
 */
export const MODULE_ALIASES: Readonly<Record<string, string>> = {
  'graceful-fs': 'fs',
  'fs-extra': 'fs',
};
