/**
 * Code that runs in a browser, where the browser manages connections and an unread body is
 * not a checked-out pool connection. The rule knows it from the file (a `dom` lib reference,
 * a `'use client'` directive, browser-only globals, React's client hooks), from the URL (a
 * root-relative `fetch('/api/x')` cannot run in Node, which needs an absolute URL), and from
 * where the function goes (passed to a browser-automation `page.evaluate(...)`).
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import { calleeName, isFunctionNode, staticPropertyName } from '../../utils/ast/index.js';

/** Globals Node does not have: their use marks browser code. */
const BROWSER_GLOBALS = new Set([
  'document',
  'window',
  'location',
  'localStorage',
  'sessionStorage',
  'HTMLElement',
]);

/** React hooks that only run in client components. */
const CLIENT_HOOKS = new Set(['useState', 'useEffect', 'useLayoutEffect', 'useReducer']);

/** Methods of Puppeteer/Playwright pages and handles whose function argument runs in the page. */
const PAGE_METHODS = new Set([
  'evaluate',
  'evaluateHandle',
  '$eval',
  '$$eval',
  'waitForFunction',
  'addInitScript',
  'evaluateOnNewDocument',
]);

const DOM_REFERENCE = /^\/\s*<reference\s+lib\s*=\s*["']dom["']/;
const MAY_BE_BROWSER =
  /<reference\s+lib\s*=\s*["']dom|use client|\b(?:document|window|location|localStorage|sessionStorage|HTMLElement|useState|useEffect|useLayoutEffect|useReducer)\b/;

/** Whether the file as a whole is browser code. */
export function isBrowserFile(sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  if (!MAY_BE_BROWSER.test(sourceCode.text)) return false;
  const program = sourceCode.ast;
  if (sourceCode.getAllComments().some((c) => c.type === 'Line' && DOM_REFERENCE.test(c.value)))
    return true;
  for (const statement of program.body) {
    if (statement.type !== 'ExpressionStatement' || !('directive' in statement)) break;
    if (statement.directive === 'use client') return true;
  }
  const globalScope = sourceCode.scopeManager?.globalScope;
  const browserGlobal = globalScope?.through.some(
    (ref) =>
      BROWSER_GLOBALS.has(ref.identifier.name) &&
      !(
        ref.identifier.parent?.type === 'UnaryExpression' &&
        ref.identifier.parent.operator === 'typeof'
      ),
  );
  if (browserGlobal === true) return true;
  return program.body.some(
    (statement) =>
      statement.type === 'ImportDeclaration' &&
      statement.source.value === 'react' &&
      statement.specifiers.some(
        (s) =>
          s.type === 'ImportSpecifier' &&
          s.imported.type === 'Identifier' &&
          CLIENT_HOOKS.has(s.imported.name),
      ),
  );
}

/** `fetch('/assets/x')`, `` fetch(`/api/${id}`) ``: a URL relative to the page's origin. */
export function fetchesRootRelative(call: TSESTree.CallExpression): boolean {
  if (calleeName(call.callee) !== 'fetch') return false;
  const url = call.arguments[0];
  let text: string | null = null;
  if (url?.type === 'Literal' && typeof url.value === 'string') text = url.value;
  else if (url?.type === 'TemplateLiteral') text = url.quasis[0]?.value.cooked ?? null;
  return text !== null && text.startsWith('/') && !text.startsWith('//');
}

/** `node` sits in a function passed to `page.evaluate(...)` and the like: it runs in the page. */
export function runsInPage(node: TSESTree.Node): boolean {
  for (let n: TSESTree.Node | undefined = node; n; n = n.parent) {
    if (!isFunctionNode(n)) continue;
    const call = n.parent;
    if (
      call?.type === 'CallExpression' &&
      call.arguments.includes(n as TSESTree.CallExpressionArgument) &&
      call.callee.type === 'MemberExpression'
    ) {
      const name = staticPropertyName(call.callee);
      if (name !== null && PAGE_METHODS.has(name)) return true;
    }
  }
  return false;
}
