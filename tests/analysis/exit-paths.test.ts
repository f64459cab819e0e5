import tsParser from '@typescript-eslint/parser';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';

import { enclosingFunction } from '../../src/utils/ast/index.js';
import { usePathFacts } from '../../src/analysis/engine/code-paths.js';
import {
  walkCounters,
  walkFrom,
  type ExitKinds,
  type LeakExit,
} from '../../src/analysis/engine/exit-paths.js';
import plugin from '../../src/index.js';

const ALL: ExitKinds = { returns: true, throws: true, loops: true };

/** `'return@line'`, `'throw@line'`, `'end'`, `'loop'`, with ` after throw@line` for a caught throw. */
function named(exit: LeakExit): string {
  const base =
    exit.kind === 'loop' || exit.kind === 'end'
      ? exit.kind
      : `${exit.kind}@${exit.node.loc.start.line}`;
  return exit.kind !== 'loop' && exit.after
    ? `${base} after throw@${exit.after.loc.start.line}`
    : base;
}

/**
 * The first undischarged exit of `const x = acquire()` in `code`, where every later reference
 * of `x` except `x.peek` discharges (see `exitsOf`), or `null` / `'unknown'`.
 */
function exitOf(code: string, which: ExitKinds = ALL): string | null {
  const walk = walkOf(code, which);
  if (walk === null || walk === 'unknown') return walk;
  return walk.first === null ? null : named(walk.first);
}

/** Every undischarged exit, in source order. */
function exitsOf(code: string, which: ExitKinds = ALL): string[] {
  const walk = walkOf(code, which);
  if (walk === null || walk === 'unknown') throw new Error(String(walk));
  return walk.exits.map(named);
}

function walkOf(code: string, which: ExitKinds): ReturnType<typeof walkFrom> | null {
  let result: ReturnType<typeof walkFrom> | undefined;
  const rule = {
    meta: { type: 'problem' as const, schema: [] },
    create(context: TSESLint.RuleContext<string, []>) {
      const { facts, listeners } = usePathFacts(context);
      let call: TSESTree.CallExpression | undefined;
      return {
        ...listeners,
        CallExpression(node: TSESTree.CallExpression) {
          if (node.callee.type === 'Identifier' && node.callee.name === 'acquire') call = node;
        },
        'Program:exit'() {
          if (call === undefined) throw new Error('no acquire() call');
          const start = { node: call, segments: facts.segmentsAfter(call) ?? [] };
          const owner = enclosingFunction(start.node)!;
          let declarator = start.node.parent;
          if (declarator.type === 'AwaitExpression') declarator = declarator.parent!;
          const variable = context.sourceCode.getDeclaredVariables(declarator)[0];
          const discharges = variable.references
            .filter((r) => !r.init)
            .map((r) => r.identifier)
            .filter(
              (id) =>
                !(
                  id.parent?.type === 'MemberExpression' &&
                  id.parent.property.type === 'Identifier' &&
                  id.parent.property.name === 'peek'
                ),
            );
          result = walkFrom(facts, owner, start, discharges, which);
        },
      };
    },
  };
  const linter = new Linter({ configType: 'flat' });
  const messages = linter.verify(
    code,
    [
      {
        files: ['**/*.ts'],
        languageOptions: { parser: tsParser },
        plugins: { probe: { rules: { exit: rule as never } } },
        rules: { 'probe/exit': 'error' },
      },
    ],
    'file.ts',
  );
  expect(messages.filter((m) => m.fatal)).toEqual([]);
  return result ?? null;
}

describe('walkFrom', () => {
  it('finds an early return, and is satisfied when every path discharges', () => {
    expect(
      exitOf('async function f() {\n  const x = acquire();\n  if (x.peek) return 1;\n  use(x);\n}'),
    ).toBe('return@3');
    expect(
      exitOf(
        'async function f() {\n  const x = acquire();\n  if (x.peek) use(x);\n  else done(x);\n}',
      ),
    ).toBeNull();
  });

  it('finds the end of the function when nothing discharges', () => {
    expect(exitOf('function f() {\n  const x = acquire();\n  x.peek;\n}')).toBe('end');
  });

  it('treats an explicit throw as an exit, unless a catch in the function takes it', () => {
    expect(
      exitOf(
        'function f() {\n  const x = acquire();\n  if (!x.peek) throw new Error();\n  use(x);\n}',
      ),
    ).toBe('throw@3');
    expect(
      exitOf(
        'function f() {\n  const x = acquire();\n  try {\n    if (!x.peek) throw new Error();\n  } catch {}\n  use(x);\n}',
      ),
    ).toBeNull();
    expect(
      exitOf(
        'function f() {\n  const x = acquire();\n  if (!x.peek) throw new Error();\n  use(x);\n}',
        { returns: true, throws: false, loops: true },
      ),
    ).toBeNull();
  });

  it('a discharge inside the throw runs before it', () => {
    expect(
      exitOf(
        'function f() {\n  const x = acquire();\n  if (!x.peek) throw new Error(read(x));\n  use(x);\n}',
      ),
    ).toBeNull();
  });

  it('starts after the acquisition: the try fork taken before it completed holds nothing', () => {
    expect(
      exitOf(
        'async function f() {\n  try {\n    const x = await acquire();\n    return use(x);\n  } finally {\n    cleanup();\n  }\n}',
      ),
    ).toBeNull();
  });

  it('names the return or throw that leaves through a finally', () => {
    expect(
      exitOf(
        'async function f() {\n  try {\n    const x = await acquire();\n    if (x.peek) return null;\n    return use(x);\n  } finally {\n    cleanup();\n  }\n}',
      ),
    ).toBe('return@4');
    expect(
      exitOf(
        'async function f() {\n  try {\n    const x = await acquire();\n    if (x.peek) throw new Error();\n    return use(x);\n  } finally {\n    cleanup();\n  }\n}',
      ),
    ).toBe('throw@4');
  });

  it('finds the next iteration of a loop', () => {
    expect(
      exitOf(
        'async function f(xs) {\n  for (const u of xs) {\n    const x = await acquire(u);\n    if (x.peek) continue;\n    use(x);\n  }\n}',
      ),
    ).toBe('loop');
  });

  it('a path through process.exit() carries no obligation', () => {
    expect(
      exitOf(
        'function f() {\n  const x = acquire();\n  if (x.peek) process.exit(1);\n  use(x);\n}',
      ),
    ).toBeNull();
  });

  it('follows an explicit throw into a catch, and names that throw on the exit', () => {
    const caught =
      'function f() {\n  try {\n    const x = acquire();\n    if (!x.peek) throw new Error();\n    use(x);\n  } catch {\n    return null;\n  }\n}';
    expect(exitOf(caught)).toBe('return@7 after throw@4');
    expect(exitOf(caught, { returns: true, throws: false, loops: false })).toBe(
      'return@7 after throw@4',
    );
    // A plain early return has no caught throw on its way.
    expect(
      exitOf('function f() {\n  const x = acquire();\n  if (!x.peek) return 1;\n  use(x);\n}'),
    ).toBe('return@3');
  });

  it('finds every exit, not only the first', () => {
    expect(
      exitsOf(
        'function f() {\n  const x = acquire();\n  if (x.peek) return 1;\n  if (x.peek) throw new Error();\n  if (x.peek) return 2;\n  use(x);\n}',
      ),
    ).toEqual(['return@3', 'throw@4', 'return@5']);
    // After a path already discharged (one branch used it), the others still count.
    expect(
      exitsOf(
        'function f() {\n  const x = acquire();\n  if (x.peek) {\n    use(x);\n    return 0;\n  }\n  if (x.peek) return 1;\n  use(x);\n}',
      ),
    ).toEqual(['return@7']);
  });

  it('two returns that leave through one finally are two exits', () => {
    expect(
      exitsOf(
        'async function f() {\n  try {\n    const x = await acquire();\n    if (x.peek) return 1;\n    if (x.peek) return 2;\n    return use(x);\n  } finally {\n    cleanup();\n  }\n}',
      ),
    ).toEqual(['return@4', 'return@5']);
  });

  it('past its loop, the last iteration is the loop exit, a return inside it its own', () => {
    expect(
      exitsOf(
        'async function f(xs) {\n  for (const u of xs) {\n    const x = await acquire(u);\n    if (x.peek) continue;\n    if (x.peek) return 1;\n    use(x);\n  }\n  return 0;\n}',
      ),
    ).toEqual(['loop', 'return@5']);
  });
});

// Issue 17, defect 8: 2,000 unread `fetch` results in one function took 4.7 s, every value
// walking the rest of the function (and reading every call in its segment) on its own.
describe('the walk is linear in the acquisitions of one function', () => {
  /** Steps the walk takes for `n` unread responses followed by 40 branches and a return. */
  function stepsFor(n: number): { steps: number; reports: number } {
    const lines = [];
    for (let i = 0; i < n; i++) lines.push(`  const r${i} = await fetch(u);`);
    for (let i = 0; i < 40; i++) lines.push(`  if (u === '${i}') console.log(u);`);
    const code = `export async function f(u: string) {\n${lines.join('\n')}\n  return 0;\n}\n`;
    const linter = new Linter({ configType: 'flat' });
    const before = walkCounters.steps;
    const messages = linter.verify(
      code,
      [
        {
          files: ['**/*.ts'],
          languageOptions: { parser: tsParser },
          plugins: { leakproof: plugin },
          rules: { 'leakproof/consume-response-body': 'error' },
        },
      ],
      'file.ts',
    );
    return { steps: walkCounters.steps - before, reports: messages.length };
  }

  it('1,000 and 2,000 unread responses: twice the values, twice the steps', () => {
    const small = stepsFor(1000);
    const large = stepsFor(2000);
    expect(small.reports).toBe(1000);
    expect(large.reports).toBe(2000);
    // One segment per value and the shared rest of the function once (the quadratic walk took
    // n × 40 segments and n × n calls read).
    expect(small.steps).toBeLessThan(1000 * 3);
    expect(large.steps / small.steps).toBeLessThan(2.2);
  });
});

// Issue 16: a child process acquired in each of 211 branches of one 3,000-statement function
// took 2.1 s, each child walking the rest of the function on its own (each starts in a segment
// of its own, so the shared walk of one start did not serve them).
describe('the walk is linear in the size of a function with values in many branches', () => {
  /** Steps for `n` children, each in a branch of its own, with early returns and a loop between. */
  function stepsFor(n: number): { steps: number; reports: number } {
    const lines = [];
    for (let i = 0; i < n; i++) {
      lines.push(
        `  if (acc === ${i}) { const c${i} = spawn('true'); c${i}.on('error', () => {}); c${i}.kill(); }`,
        `  if (acc > ${i * 13}) return acc;`,
        `  try { acc += input[${i % 17}] ?? ${i}; } catch { acc--; }`,
        `  while (acc < ${i % 9}) acc += 2;`,
      );
    }
    const code = [
      "import { spawn } from 'node:child_process';",
      'export function f(input: number[]): number {',
      '  let acc = 0;',
      ...lines,
      '  return acc;',
      '}',
      '',
    ].join('\n');
    const linter = new Linter({ configType: 'flat' });
    const before = walkCounters.steps;
    const messages = linter.verify(
      code,
      [
        {
          files: ['**/*.ts'],
          languageOptions: { parser: tsParser },
          plugins: { leakproof: plugin },
          rules: { 'leakproof/child-process-lifecycle': 'error' },
        },
      ],
      'file.ts',
    );
    return { steps: walkCounters.steps - before, reports: messages.length };
  }

  it('100 and 200 children: twice the function, twice the steps', () => {
    const small = stepsFor(100);
    const large = stepsFor(200);
    expect(small.reports).toBe(100);
    expect(large.reports).toBe(200);
    // Each child walks to where the walk of the one before it went on (the quadratic walk took
    // the rest of the function per child: 55,650 steps for 100 children, 1,299 now).
    expect(small.steps).toBeLessThan(100 * 20);
    expect(large.steps / small.steps).toBeLessThan(2.2);
  });
});
