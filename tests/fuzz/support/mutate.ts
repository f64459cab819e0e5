/**
 * Mutants of realistic code: statements wrapped in `try`/`finally`, loops, closures and
 * classes; names renamed and shadowed; statements reordered, duplicated, dropped or followed by
 * an early exit; comments added; `\r\n` line endings. Each step is kept only when the result
 * still parses (`parses`), so a mutant is a program ESLint lints, not a parse error.
 */
import { parse } from '@typescript-eslint/parser';
import type { TSESTree } from '@typescript-eslint/utils';

import type { Program } from './generate.js';
import type { Rng } from './random.js';

type Node = TSESTree.Node;

interface Tree {
  /** Statement lists: function bodies, blocks, the module body, `case` bodies. */
  lists: { statements: Node[]; async: boolean; inFunction: boolean }[];
  functions: TSESTree.FunctionDeclaration[];
  /** Identifiers that declare a binding (declarators, parameters, imports). */
  declared: TSESTree.Identifier[];
  identifiers: TSESTree.Identifier[];
}

function treeOf(code: string): Tree | null {
  let ast: TSESTree.Program;
  try {
    ast = parse(code, { range: true, jsx: false, sourceType: 'module' });
  } catch {
    // Code this parser rejects (JSX, scripts with `with`): the mutator leaves it be.
    return null;
  }
  const tree: Tree = { lists: [], functions: [], declared: [], identifiers: [] };
  const visit = (node: unknown, async: boolean, inFunction: boolean, parentKey: string): void => {
    if (Array.isArray(node)) {
      for (const child of node) visit(child, async, inFunction, parentKey);
      return;
    }
    if (node === null || typeof node !== 'object' || !('type' in node)) return;
    const n = node as Node;
    let fnAsync = async;
    let fn = inFunction;
    if (
      n.type === 'FunctionDeclaration' ||
      n.type === 'FunctionExpression' ||
      n.type === 'ArrowFunctionExpression'
    ) {
      fnAsync = n.async;
      fn = true;
      for (const p of n.params) if (p.type === 'Identifier') tree.declared.push(p);
      if (n.type === 'FunctionDeclaration' && n.id && n.body) tree.functions.push(n);
    }
    if (n.type === 'BlockStatement' || n.type === 'Program' || n.type === 'StaticBlock')
      tree.lists.push({ statements: n.body, async: fnAsync, inFunction: fn });
    if (n.type === 'SwitchCase' && n.consequent.length > 0)
      tree.lists.push({ statements: n.consequent, async: fnAsync, inFunction: fn });
    if (n.type === 'VariableDeclarator' && n.id.type === 'Identifier') tree.declared.push(n.id);
    if (n.type === 'ImportSpecifier' || n.type === 'ImportDefaultSpecifier')
      tree.declared.push(n.local);
    if (n.type === 'Identifier' && parentKey !== 'property' && parentKey !== 'key')
      tree.identifiers.push(n);
    for (const [key, value] of Object.entries(n)) {
      if (key === 'parent' || key === 'typeAnnotation' || key === 'returnType') continue;
      // `a.b`: `b` is no binding; `{ b: 1 }` likewise (computed ones are visited as values).
      const computed = 'computed' in n && n.computed === true;
      visit(value, fnAsync, fn, computed ? 'value' : key);
    }
  };
  visit(ast, false, false, '');
  return tree;
}

const isMovable = (s: Node): boolean =>
  s.type !== 'ImportDeclaration' &&
  s.type !== 'ExportNamedDeclaration' &&
  s.type !== 'ExportDefaultDeclaration' &&
  s.type !== 'ExportAllDeclaration' &&
  s.type !== 'TSImportEqualsDeclaration';

function splice(code: string, from: number, to: number, text: string): string {
  return code.slice(0, from) + text + code.slice(to);
}

type Mutation = (code: string, tree: Tree, rng: Rng, n: number) => string | null;

/** A slice of one statement list: `[first, last]`. */
function slice(
  rng: Rng,
  tree: Tree,
  want: (list: Tree['lists'][number]) => boolean = () => true,
): { list: Tree['lists'][number]; first: Node; last: Node } | null {
  const lists = tree.lists.filter((l) => want(l) && l.statements.some(isMovable));
  if (lists.length === 0) return null;
  const list = rng.pick(lists);
  const movable = list.statements.filter(isMovable);
  const i = rng.int(movable.length);
  const j = Math.min(movable.length - 1, i + rng.int(3));
  // Contiguous in the list: stop at the first statement that may not move.
  const start = list.statements.indexOf(movable[i]);
  let end = start;
  while (end < list.statements.indexOf(movable[j]) && isMovable(list.statements[end + 1])) end++;
  return { list, first: list.statements[start], last: list.statements[end] };
}

const MUTATIONS: Record<string, Mutation> = {
  tryFinally(code, tree, rng) {
    const s = slice(rng, tree);
    if (!s) return null;
    const body = code.slice(s.first.range[0], s.last.range[1]);
    const handler = rng.chance(0.4) ? ' catch (error) {\n  throw error;\n}' : '';
    return splice(
      code,
      s.first.range[0],
      s.last.range[1],
      `try {\n${body}\n}${handler} finally {\n  void 0;\n}`,
    );
  },
  loop(code, tree, rng) {
    const s = slice(rng, tree);
    if (!s) return null;
    const body = code.slice(s.first.range[0], s.last.range[1]);
    const text = rng.chance(0.5)
      ? `for (const fuzzItem of [0, 1]) {\n${body}\n}`
      : `while (fuzzItem()) {\n${body}\nbreak;\n}`;
    return splice(code, s.first.range[0], s.last.range[1], text);
  },
  closure(code, tree, rng) {
    const s = slice(rng, tree, (l) => l.inFunction);
    if (!s) return null;
    const body = code.slice(s.first.range[0], s.last.range[1]);
    const text = s.list.async
      ? `await (async () => {\n${body}\n})();`
      : rng.chance(0.5)
        ? `(() => {\n${body}\n})();`
        : `setImmediate(() => {\n${body}\n});`;
    return splice(code, s.first.range[0], s.last.range[1], text);
  },
  klass(code, tree, rng, n) {
    if (tree.functions.length === 0) return null;
    const fn = rng.pick(tree.functions);
    const head = `${fn.async ? 'async ' : ''}${fn.generator ? '*' : ''}`;
    const params = fn.params.length
      ? code.slice(fn.params[0].range[0], fn.params[fn.params.length - 1].range[1])
      : '';
    const body = code.slice(fn.body.range[0], fn.body.range[1]);
    const member = rng.chance(0.5) ? 'static ' : '';
    const text = `class Fuzz${n} {\n${member}${head}${fn.id!.name}(${params}) ${body}\n}`;
    return splice(code, fn.range[0], fn.range[1], text);
  },
  rename(code, tree, rng, n) {
    if (tree.declared.length === 0) return null;
    const name = rng.pick(tree.declared).name;
    const fresh = rng.chance(0.5)
      ? `${name}${n}`
      : rng.pick(['res', 'fh', 'child', 'timer', 'stream']);
    const targets = new Map<number, TSESTree.Identifier>();
    for (const id of tree.identifiers) if (id.name === name) targets.set(id.range[0], id);
    let out = code;
    for (const id of [...targets.values()].sort((a, b) => b.range[0] - a.range[0])) {
      // `name: Type` spans the annotation too: replace the name only.
      out = splice(out, id.range[0], id.range[0] + name.length, fresh);
    }
    return out;
  },
  shadow(code, tree, rng) {
    if (tree.declared.length === 0) return null;
    const s = slice(rng, tree, (l) => l.inFunction);
    if (!s) return null;
    const name = rng.pick(tree.declared).name;
    const text = rng.chance(0.5)
      ? `{\nconst ${name} = null;\nvoid ${name};\n}\n`
      : `const ${name} = undefined;\n`;
    return splice(code, s.first.range[0], s.first.range[0], text);
  },
  reorder(code, tree, rng) {
    const lists = tree.lists.filter((l) => l.statements.filter(isMovable).length >= 2);
    if (lists.length === 0) return null;
    const movable = rng.pick(lists).statements.filter(isMovable);
    const i = rng.int(movable.length - 1);
    const [a, b] = [movable[i], movable[i + 1]];
    const textA = code.slice(a.range[0], a.range[1]);
    const textB = code.slice(b.range[0], b.range[1]);
    return splice(splice(code, b.range[0], b.range[1], textA), a.range[0], a.range[1], textB);
  },
  duplicate(code, tree, rng) {
    const s = slice(rng, tree);
    if (!s) return null;
    const text = code.slice(s.first.range[0], s.first.range[1]);
    return splice(code, s.first.range[1], s.first.range[1], `\n${text}`);
  },
  drop(code, tree, rng) {
    const s = slice(rng, tree);
    if (!s) return null;
    return splice(code, s.first.range[0], s.first.range[1], '');
  },
  exit(code, tree, rng) {
    const s = slice(rng, tree, (l) => l.inFunction);
    if (!s) return null;
    const text = rng.pick([
      'return;',
      "throw new Error('fuzz');",
      'if (fuzzItem()) return;',
      "if (fuzzItem()) throw new Error('fuzz');",
      'process.exit(1);',
    ]);
    return splice(code, s.first.range[1], s.first.range[1], `\n${text}`);
  },
  comments(code, tree, rng) {
    const s = slice(rng, tree);
    if (!s) return null;
    const out = splice(code, s.last.range[1], s.last.range[1], ' // fuzz: a note');
    return splice(out, s.first.range[0], s.first.range[0], '/* fuzz */ ');
  },
  crlf(code) {
    return code.includes('\r\n') ? null : code.replace(/\n/g, '\r\n');
  },
};

export const MUTATION_NAMES = Object.keys(MUTATIONS);

/**
 * One mutant of `program`: 1 to 4 steps, each kept only when the result still parses.
 * `applied` names the steps kept, for the report of a failure.
 */
export function mutate(
  program: Program,
  rng: Rng,
  parses: (code: string, filename: string) => boolean,
): Program & { applied: string[] } {
  let code = program.code;
  const applied: string[] = [];
  const steps = 1 + rng.int(4);
  for (let step = 0; step < steps; step++) {
    const tree = treeOf(code);
    if (!tree) break;
    const name = rng.pick(MUTATION_NAMES);
    const next = MUTATIONS[name](code, tree, rng, step);
    if (next === null || next === code || !parses(next, program.filename)) continue;
    code = next;
    applied.push(name);
  }
  return { code, filename: program.filename, applied };
}
