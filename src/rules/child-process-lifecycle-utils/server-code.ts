/**
 * Server code, where a synchronous spawner blocks every request until the command ends: a
 * request handler (`(req, res)`, `(request, reply)`, `(ctx, next)`, the callback of
 * `createServer`), or any function of a file that imports a web framework. CLIs, build
 * scripts and tests block nobody but themselves.
 */
import type { TSESTree } from '@typescript-eslint/utils';

import {
  FALLBACK_FRAMEWORK_MODULE,
  FRAMEWORK_MODULES,
  HANDLER_PARAMS,
  SERVER_FACTORIES,
  TEST_RUNNERS,
} from '../../catalog/frameworks.js';
import { fileImports } from '../../analysis/resolve/imports.js';
import {
  calleeName,
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

function isScriptOrTest(env: Env, modules: ReadonlySet<string>): boolean {
  const path = env.filename.replaceAll('\\', '/');
  return (
    env.sourceCode.text.startsWith('#!') ||
    SCRIPT_PATH.test(path) ||
    TEST_RUNNERS.fileName.test(path.split('/').at(-1) ?? '') ||
    [...modules].some((module) => TEST_RUNNERS.modules.has(module))
  );
}

const paramName = (fn: FunctionNode, index: number): string | null => {
  const param = fn.params[index];
  return param?.type === 'Identifier' ? param.name : null;
};

/** `(req, res) => …`, `(request, reply) => …`, `(ctx, next) => …`, `createServer((…) => …)`. */
function isHandler(fn: FunctionNode): boolean {
  const [first, second] = [paramName(fn, 0), paramName(fn, 1)];
  const { request, response, reply, koa } = HANDLER_PARAMS;
  if (first !== null && second !== null) {
    const responses: readonly string[] = [...response, ...reply];
    const req = (request as readonly string[]).includes(first);
    const res = responses.includes(second);
    if ((req && res) || (first === koa[0] && second === koa[1])) return true;
  }
  const call = fn.parent;
  const name = call?.type === 'CallExpression' ? calleeName(call.callee) : null;
  return name !== null && SERVER_FACTORIES.has(name);
}

const importsFramework = (modules: ReadonlySet<string>): boolean =>
  modules.has(FALLBACK_FRAMEWORK_MODULE.module) ||
  FRAMEWORK_MODULES.some(
    (framework) =>
      framework.modules.some((module) => modules.has(module)) ||
      [...modules].some((module) => framework.prefixes?.some((p) => module.startsWith(p))),
  );

export function isServerCode(env: Env, node: TSESTree.Node): boolean {
  const owner = enclosingFunction(node);
  const modules = fileImports(env.sourceCode);
  if (owner === null || isScriptOrTest(env, modules)) return false;
  if (importsFramework(modules)) return true;
  for (let fn: FunctionNode | null = owner; fn; fn = enclosingFunction(fn))
    if (isHandler(fn)) return true;
  return false;
}
