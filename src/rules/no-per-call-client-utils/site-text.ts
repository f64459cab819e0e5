/**
 * The code a report names as the per-call site: the call that registers the callback
 * (`app.get('/users', …)`, `xs.map(…)`, `setInterval(…, 1000)`), the head of a function or
 * method (`async function GET(request)`, `get redis()`), the head of a loop
 * (`for (const id of ids)`). Source text, shortened: data for a message, never prose.
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '@typescript-eslint/types';

import { outermostWrapper, type FunctionNode } from '../../utils/ast/index.js';
import type { PerCallSite } from '../../analysis/lifetime/per-call-site.js';

type SourceCode = Readonly<TSESLint.SourceCode>;

const MAX = 60;

function shorten(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > MAX ? `${flat.slice(0, MAX - 1)}…` : flat;
}

/** The outermost call a callback is handed to: `app.get('/x', asyncHandler(fn))` for `fn`. */
function registeringCall(fn: FunctionNode): TSESTree.Node | null {
  let inner: TSESTree.Node = outermostWrapper(fn);
  let call: TSESTree.Node | null = null;
  for (;;) {
    const parent = inner.parent;
    if (
      (parent?.type !== AST_NODE_TYPES.CallExpression &&
        parent?.type !== AST_NODE_TYPES.NewExpression) ||
      !parent.arguments.includes(inner as TSESTree.CallExpressionArgument)
    )
      return call;
    call = parent;
    inner = outermostWrapper(parent);
  }
}

/** Where the head of a function starts: its declaration, binding, key or assignment. */
function headStart(fn: FunctionNode): number {
  const parent = fn.parent;
  switch (parent?.type) {
    case AST_NODE_TYPES.MethodDefinition:
    case AST_NODE_TYPES.Property:
    case AST_NODE_TYPES.PropertyDefinition: {
      const decorators = 'decorators' in parent ? parent.decorators : [];
      const last = decorators.at(-1);
      return last === undefined ? parent.range[0] : last.range[1];
    }
    case AST_NODE_TYPES.VariableDeclarator:
      return parent.parent.range[0];
    case AST_NODE_TYPES.AssignmentExpression:
      return parent.range[0];
    default:
      return fn.range[0];
  }
}

/** Where the binding of a value starts: `const handler = …`, `exports.handler = …`. */
function bindingStart(value: TSESTree.Node): number | null {
  const parent = outermostWrapper(value).parent;
  if (parent?.type === AST_NODE_TYPES.VariableDeclarator) return parent.parent.range[0];
  if (parent?.type === AST_NODE_TYPES.AssignmentExpression) return parent.range[0];
  return null;
}

/**
 * The call that registers `fn` with its argument written as `…` (`app.get('/x', …)`), after the
 * binding it is stored in (`const handler = middy(…)`); else the head of `fn` itself.
 */
function functionText(sourceCode: SourceCode, fn: FunctionNode): string {
  const { text } = sourceCode;
  const call = registeringCall(fn);
  if (call !== null) {
    // The argument of `call` that holds `fn` (itself, or a wrapper call around it).
    let inner: TSESTree.Node = outermostWrapper(fn);
    while (inner.parent !== undefined && inner.parent !== call)
      inner = outermostWrapper(inner.parent);
    const start = bindingStart(call) ?? call.range[0];
    return `${text.slice(start, inner.range[0])}…${text.slice(inner.range[1], call.range[1])}`;
  }
  // The head up to its parameters: a return type annotation is noise in a message.
  const head = text.slice(headStart(fn), (fn.returnType ?? fn.body).range[0]).trimEnd();
  return fn.type === AST_NODE_TYPES.ArrowFunctionExpression
    ? `${head.replace(/\s*=>$/, '')} => …`
    : head;
}

function loopText(sourceCode: SourceCode, loop: TSESTree.Node & { body: TSESTree.Node }): string {
  if (loop.type === AST_NODE_TYPES.DoWhileStatement)
    return `do … while (${sourceCode.getText(loop.test)})`;
  return sourceCode.text.slice(loop.range[0], loop.body.range[0]);
}

/** The code that makes the site run per call, shortened for a message. */
export function siteText(sourceCode: SourceCode, site: PerCallSite): string {
  return shorten(
    site.kind === 'loop' ? loopText(sourceCode, site.node) : functionText(sourceCode, site.node),
  );
}
