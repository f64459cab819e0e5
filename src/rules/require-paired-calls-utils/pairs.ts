/**
 * The pairs `require-paired-calls` checks (the catalog's defaults and the user's), compiled
 * once per configuration, and how a call site is matched against them: by name, by a pinned
 * receiver (`console.time`), and, for `argument` pairs, by the receiver and first argument
 * written the same way at the open and at the close.
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import { DEFAULT_PAIRS, type PairMatch, type PairSpec } from '../../catalog/pairs.js';
import type { ResourceEntry } from '../../catalog/types.js';
import { spells } from '../../analysis/resolve/match.js';
import { calleeName, skipWrappers, staticPropertyName } from '../../utils/ast/index.js';

/** A pair as the user writes it in the options. */
export interface PairOption {
  open: string;
  close: string | string[];
  match?: PairMatch;
  package?: string;
  label?: string;
}

interface Name {
  /** The pinned receiver (`console`), or `null` for any. */
  receiver: string | null;
  name: string;
}

export interface Pair extends PairSpec {
  opens: Name;
  closes: readonly Name[];
  /** The catalog-shaped entry the leak finder tracks for a `returned` pair. */
  entry: ResourceEntry;
}

/** Where a call's callee points: `a.b.close` → receiver `a.b`, name `close`. */
export interface CallParts {
  receiver: string | null;
  name: string;
}

function nameOf(dotted: string): Name {
  const at = dotted.lastIndexOf('.');
  return at < 0
    ? { receiver: null, name: dotted }
    : { receiver: dotted.slice(0, at), name: dotted.slice(at + 1) };
}

function compile(spec: PairSpec, index: number): Pair {
  const opens = nameOf(spec.open);
  const closes = spec.close.map(nameOf);
  return {
    ...spec,
    opens,
    closes,
    entry: {
      id: `pair:${index}:${spec.open}`,
      label: spec.label,
      kind: 'other',
      acquire: { via: 'call', from: [] },
      releaseMethods: closes.map((c) => c.name),
    },
  };
}

const compiled = {
  true: new WeakMap<object, readonly Pair[]>(),
  false: new WeakMap<object, readonly Pair[]>(),
};
const NO_USER: readonly PairOption[] = [];

/** The pairs in force: the defaults (unless turned off), then the user's. Cached per options. */
export function pairsOf(
  defaults: boolean,
  user: readonly PairOption[] | undefined,
): readonly Pair[] {
  const key = user ?? NO_USER;
  const cache = compiled[defaults ? 'true' : 'false'];
  let pairs = cache.get(key);
  if (pairs !== undefined) return pairs;
  const specs: PairSpec[] = defaults ? [...DEFAULT_PAIRS] : [];
  for (const option of key) {
    specs.push({
      open: option.open,
      close: typeof option.close === 'string' ? [option.close] : option.close,
      match: option.match ?? 'argument',
      label: option.label ?? '',
      ...(option.package === undefined ? {} : { package: option.package }),
    });
  }
  pairs = specs.map(compile);
  cache.set(key, pairs);
  return pairs;
}

/** Source text as a key: whitespace dropped, `?.` read as `.`. */
export function keyText(sourceCode: Readonly<TSESLint.SourceCode>, node: TSESTree.Node): string {
  return sourceCode.getText(node).replace(/\s+/g, '').replace(/\?\./g, '.');
}

/**
 * Whether a file's text can hold an open of `pair`: it spells the open's name as a word (an
 * identifier or a string key, `a.time()`, `a['time']()`), and the first name of a pinned
 * receiver (`console`). A file without one has nothing to pair.
 */
export function mentionsOpen(text: string, pair: Pair): boolean {
  const receiver = pair.opens.receiver;
  return (
    spells(text, pair.opens.name) &&
    (receiver === null || text.includes(receiver.split('.')[0] ?? receiver))
  );
}

/** The name a call is matched by (`time` in `console.time(…)`), before any receiver text. */
export const calledName = (call: TSESTree.CallExpression): string | null => calleeName(call.callee);

export function callParts(
  sourceCode: Readonly<TSESLint.SourceCode>,
  call: TSESTree.CallExpression,
): CallParts | null {
  const callee = skipWrappers(call.callee);
  if (callee.type === 'Identifier') return { receiver: null, name: callee.name };
  if (callee.type !== 'MemberExpression') return null;
  const name = staticPropertyName(callee);
  return name === null ? null : { receiver: keyText(sourceCode, callee.object), name };
}

const fits = (want: Name, parts: CallParts): boolean =>
  want.name === parts.name && (want.receiver === null || want.receiver === parts.receiver);

export const isOpen = (pair: Pair, parts: CallParts): boolean => fits(pair.opens, parts);
export const isClose = (pair: Pair, parts: CallParts): boolean =>
  pair.closes.some((c) => fits(c, parts));

/** The first argument as a key (`''` when there is none). */
export function argumentKey(
  sourceCode: Readonly<TSESLint.SourceCode>,
  call: TSESTree.CallExpression,
): string {
  const first = call.arguments[0];
  return first === undefined ? '' : keyText(sourceCode, first);
}

/** `console.time('load')`, shortened for a message. */
export function callText(
  sourceCode: Readonly<TSESLint.SourceCode>,
  call: TSESTree.CallExpression,
): string {
  const callee = sourceCode.getText(call.callee).replace(/\s+/g, ' ');
  const first = call.arguments[0];
  const argument = first === undefined ? '' : sourceCode.getText(first).replace(/\s+/g, ' ');
  const text = `${callee}(${argument.length > 24 ? '…' : argument})`;
  return text.length > 60 ? `${text.slice(0, 59)}…` : text;
}

/** The close that matches `open` by key, as code: `console.timeEnd('load')`, `monitor?.stop(id)`. */
export function closeTextFor(
  sourceCode: Readonly<TSESLint.SourceCode>,
  pair: Pair,
  open: TSESTree.CallExpression,
): string {
  const close = pair.closes[0];
  const callee = skipWrappers(open.callee);
  let target = close.name;
  if (close.receiver !== null) target = `${close.receiver}.${close.name}`;
  else if (callee.type === 'MemberExpression' && !callee.computed)
    target = `${sourceCode.getText(callee.object)}${callee.optional ? '?.' : '.'}${close.name}`;
  const first = open.arguments[0];
  return `${target}(${first === undefined ? '' : sourceCode.getText(first)})`;
}
