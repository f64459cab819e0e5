/**
 * Server code, where a synchronous spawner blocks every request until the command ends: a
 * request handler, or any function of a file that imports a server framework. CLIs, build
 * scripts and tests block nobody but themselves.
 */
import type { TSESTree } from '@typescript-eslint/utils';

import { SERVER_MODULES } from '../../catalog/child-process.js';
import { fileImports } from '../../analysis/resolve/imports.js';
import { isTestFile, perCallSite, type PerCallEnv } from '../../analysis/lifetime/per-call.js';
import { enclosingFunction } from '../../utils/ast.js';

/** Scripts and tools by where they live or what they are called, or a shebang. */
const SCRIPT_PATH =
  /(?:^|\/)(?:scripts?|bin|tools?|build|cli)\/|(?:^|[/._-])(?:build|cli|gulpfile|gruntfile|[\w-]*\.config)\.[cm]?[jt]s$/i;

function isScript(env: PerCallEnv): boolean {
  return (
    env.sourceCode.text.startsWith('#!') || SCRIPT_PATH.test(env.filename.replaceAll('\\', '/'))
  );
}

export function isServerCode(env: PerCallEnv, node: TSESTree.Node): boolean {
  if (enclosingFunction(node) === null || isTestFile(env) || isScript(env)) return false;
  if (perCallSite(env, node)?.kind === 'handler') return true;
  const modules = fileImports(env.sourceCode);
  return SERVER_MODULES.some((module) => modules.has(module));
}
