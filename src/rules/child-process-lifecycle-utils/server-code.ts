/**
 * Server code, where a synchronous spawner blocks every request until the command ends: a
 * request handler (as `analysis/lifetime` tells them), or any function of a file that imports
 * a web framework. CLIs, build scripts and tests block nobody but themselves.
 */
import type { TSESTree } from '@typescript-eslint/utils';

import { FALLBACK_FRAMEWORK_MODULE, FRAMEWORK_MODULES } from '../../catalog/frameworks.js';
import { functionRole } from '../../analysis/lifetime/per-call-site.js';
import { isTestFile } from '../../analysis/lifetime/test-files.js';
import { fileImports } from '../../analysis/resolve/imports.js';
import {
  enclosingFunction,
  type FunctionNode,
  type SourceCodeLike,
} from '../../utils/ast/index.js';

interface Env {
  sourceCode: SourceCodeLike;
  filename: string;
}

/** Scripts and tools by where they live or what they are called, or a shebang. */
const SCRIPT_PATH =
  /(?:^|\/)(?:scripts?|bin|tools?|build|cli)\/|(?:^|[/._-])(?:build|cli|gulpfile|gruntfile|[\w-]*\.config)\.[cm]?[jt]s$/i;

const isScript = (env: Env): boolean =>
  env.sourceCode.text.startsWith('#!') || SCRIPT_PATH.test(env.filename.replaceAll('\\', '/'));

const importsFramework = (modules: ReadonlySet<string>): boolean =>
  modules.has(FALLBACK_FRAMEWORK_MODULE.module) ||
  FRAMEWORK_MODULES.some(
    (framework) =>
      framework.modules.some((module) => modules.has(module)) ||
      [...modules].some((module) => framework.prefixes?.some((p) => module.startsWith(p))),
  );

export function isServerCode(env: Env, node: TSESTree.Node): boolean {
  const owner = enclosingFunction(node);
  if (owner === null || isTestFile(env) || isScript(env)) return false;
  if (importsFramework(fileImports(env.sourceCode))) return true;
  for (let fn: FunctionNode | null = owner; fn; fn = enclosingFunction(fn))
    if (functionRole(env, fn).role === 'handler') return true;
  return false;
}
