/**
 * Fix validity (issue 10, item 16; issue 17, build 2): every autofix and suggestion that the
 * rules produce on their rule tests' invalid cases and on the demo service is applied on its
 * own, and the result must
 *
 * - parse (no fatal message from the same parser), and keep every comment,
 * - no longer carry the report it fixed, and gain no report of the rule it did not have,
 * - keep typescript-eslint's `await-thenable` and `return-await` as quiet as before (typed
 *   cases and the demo, where those rules can run),
 * - be left alone by a second `--fix` pass,
 * - type-check: `tsc` reports no error on a TypeScript output that it did not report on the
 *   input (strict, `@types/node`: the fixture project's options). All outputs go into ONE
 *   program of in-memory files, checked once at the end (`typeCheckFixes`).
 *
 * That fixes raise no new TypeError or ReferenceError at run time is checked on the fuzzer's
 * self-contained programs, which run in a sandbox before and after each fix
 * (tests/fuzz/fuzz.test.ts, tests/support/sandbox.ts).
 *
 * `child-process-lifecycle` gets the parse and `tsc` checks only: its `addSignal` suggestion
 * adds a signal whose abort emits an 'error' that the code may not handle yet, and the rule
 * then says so (`errorNotHandled`), on purpose.
 *
 * The rule tests are read, not run: `./rule-tester.js` is replaced by a recorder, so the cases
 * stay written once, in the rule tests. The same cases of every rule, turned into `\r\n` files,
 * must get fixes and suggestions in `\r\n` only (issue 17, 6).
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

import { afterAll, describe, expect, it, vi } from 'vitest';

import plugin from '../src/index.js';
import { CLOSURE_READ_MOVED, SHADOWED_TRY_BODY } from './support/broken-fixes.js';
import {
  apply,
  bareLineFeeds,
  configFor,
  count,
  fixOutputs,
  fixturesDir,
  isTypeScript,
  keysOf,
  lastComments,
  linter,
  lostComments,
  root,
  type Setup,
  typeCheckFixes,
  type TypeCheckItem,
} from './support/fixes.js';

interface RecordedCase {
  code: string;
  filename?: string;
  options?: unknown[];
}
interface Recorded {
  tester: 'untyped' | 'typed' | 'js';
  rule: string;
  cases: RecordedCase[];
}

const recorded = vi.hoisted(() => [] as Recorded[]);

vi.mock('./rule-tester.js', async () => {
  const nodePath = await import('node:path');
  const { fileURLToPath: toPath } = await import('node:url');
  const dir = nodePath.join(nodePath.dirname(toPath(import.meta.url)), 'fixtures');
  const recorder = (tester: Recorded['tester']) => ({
    run(name: string, _rule: unknown, tests: { invalid: (RecordedCase | string)[] }) {
      const rule = name.replace(/ \(.*\)$/, '');
      const cases = tests.invalid.map((c) => (typeof c === 'string' ? { code: c } : c));
      recorded.push({ tester, rule, cases });
    },
  });
  return {
    fixturesDir: dir,
    ruleTester: recorder('untyped'),
    typedRuleTester: recorder('typed'),
    jsRuleTester: recorder('js'),
  };
});

const examplesDir = path.join(root, 'examples');
/** The rules with fixes or suggestions (`meta.fixable`, `meta.hasSuggestions`). */
const RULES = Object.entries(plugin.rules)
  .filter(([, rule]) => rule.meta?.fixable !== undefined || rule.meta?.hasSuggestions === true)
  .map(([name]) => name);
/** Parse and `tsc` only (see above). */
const TYPE_CHECK_ONLY = new Set(['child-process-lifecycle']);

/** Every TypeScript output of the suite, type-checked together at its end. */
const typeChecks: (TypeCheckItem & { rule: string })[] = [];

/** Fix outputs that broke code before issue 17 (3, 4, 7): the `tsc` check must report them. */
const KNOWN_BAD: Omit<TypeCheckItem, 'filename'>[] = [
  {
    where: 'known bad: a try body lifted past a shadowing declaration',
    ...SHADOWED_TRY_BODY,
  },
  {
    where: 'known bad: a declaration an earlier closure reads, moved into try',
    ...CLOSURE_READ_MOVED,
  },
  {
    where: 'known bad: a body cancelled on a promise',
    before: `export async function isUp(url: string) {
  const res = fetch(url);
  return res.status === 200;
}`,
    after: `export async function isUp(url: string) {
  const res = fetch(url);
  await res.body?.cancel();
  return res.status === 200;
}`,
  },
];

/** Every fixed text `code` yields under `setup`, each checked; returns how many were checked. */
function checkFixes(code: string, setup: Setup): number {
  const config = configFor(setup);
  const own = `leakproof/${setup.rule}`;
  const { before, comments, outputs } = fixOutputs(code, setup);
  const beforeKeys = count(keysOf(code, before));
  for (const { kind, fixed, key } of outputs) {
    const where = `${setup.rule}, ${kind}, on:\n${code}\n--- gives:\n${fixed}`;
    if (isTypeScript(setup.filename)) {
      typeChecks.push({
        rule: setup.rule,
        where: `${setup.rule}, ${kind}`,
        filename: setup.filename,
        before: code,
        after: fixed,
      });
    }
    const after = linter.verify(fixed, config, setup.filename);
    expect(after.find((m) => m.fatal === true)?.message, `parses: ${where}`).toBeUndefined();
    // Every comment survives (issue 17, 2).
    expect(lostComments(comments, lastComments()), `comments lost: ${where}`).toEqual([]);
    if (TYPE_CHECK_ONLY.has(setup.rule)) continue;
    for (const [k, n] of count(keysOf(fixed, after))) {
      if (key === null && k.startsWith(`${own}|`)) continue;
      // The answered report is gone (one fewer of its key), and nothing else is new:
      // not this rule's, not await-thenable's or return-await's.
      const allowed = (beforeKeys.get(k) ?? 0) - (k === key ? 1 : 0);
      expect(n, `report after the change: ${k}\n${where}`).toBeLessThanOrEqual(allowed);
    }
    if (key === null) {
      const left = after.filter((m) => m.ruleId === own && m.fix).map((m) => m.message);
      expect(left, `autofixes left after --fix: ${where}`).toEqual([]);
      // A second `--fix` pass changes nothing.
      const again = linter.verifyAndFix(fixed, config, setup.filename).output;
      expect(again, `second --fix pass: ${where}`).toBe(fixed);
    }
  }
  return outputs.length;
}

/** The rule tests and the field shapes (`<rule>.field.test.ts`) of every rule. */
const testFiles = readdirSync(path.join(root, 'tests', 'rules'))
  .filter((f) => f.endsWith('.test.ts'))
  .map((f) => `./rules/${f}`);

describe('fixes and suggestions keep code valid', async () => {
  for (const file of testFiles) await import(/* @vite-ignore */ file);

  const checkedPerRule = new Map<string, number>();
  for (const { tester, rule: name, cases } of recorded) {
    const rule = name.replace(/^field: /, '');
    if (!RULES.includes(rule) || cases.length === 0) continue;
    it(`${name} (${tester}): every fix and suggestion of its invalid cases`, () => {
      for (const c of cases) {
        const filename = path.join(
          fixturesDir,
          c.filename ?? (tester === 'js' ? 'file.js' : 'file.ts'),
        );
        const checked = checkFixes(c.code, { tester, rule, options: c.options, filename });
        checkedPerRule.set(rule, (checkedPerRule.get(rule) ?? 0) + checked);
      }
    });
  }

  it('the demo service: every fix and suggestion of every rule', () => {
    const dir = path.join(examplesDir, 'src');
    const files = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) =>
      f.endsWith('.ts'),
    );
    let checked = 0;
    for (const file of files) {
      const filename = path.join(dir, file);
      const code = readFileSync(filename, 'utf8');
      // One typed lint with every rule tells which rules report here; a rule without a report
      // has no fix or suggestion to check (checkFixes would lint the file once more for nothing).
      const [all] = configFor({ tester: 'typed', rule: RULES[0], filename, root: examplesDir });
      const everyRule = {
        ...all,
        rules: Object.fromEntries(RULES.map((rule) => [`leakproof/${rule}`, 'error' as const])),
      };
      const reporting = new Set(linter.verify(code, [everyRule], filename).map((m) => m.ruleId));
      for (const rule of RULES.filter((r) => reporting.has(`leakproof/${r}`))) {
        checked += checkFixes(code, { tester: 'typed', rule, filename, root: examplesDir });
      }
    }
    expect(checked).toBeGreaterThan(0);
  });

  it('type-checks every TypeScript output in one program: no new tsc errors', () => {
    // Outputs the rules once gave (issue 17, 3, 4 and 7), which must fail: the check sees errors.
    const canaries = KNOWN_BAD.map((c) => ({ ...c, filename: path.join(fixturesDir, 'file.ts') }));
    const { files, failures } = typeCheckFixes([...typeChecks, ...canaries]);
    expect(failures.filter((f) => f.where.startsWith('known bad')).map((f) => f.errors)).toEqual([
      expect.arrayContaining([
        expect.stringMatching(/^TS2448: Block-scoped variable 'p' used before its declaration/),
      ]),
      [expect.stringMatching(/^TS2304: Cannot find name 'header'/)],
      [
        expect.stringMatching(
          /^TS2339: Property 'body' does not exist on type 'Promise<Response>'/,
        ),
      ],
    ]);
    const report = failures
      .filter((f) => !f.where.startsWith('known bad'))
      .map((f) => `${f.where}: ${f.errors.join('; ')}\n${f.before}\n--- gives:\n${f.after}`);
    expect(report).toEqual([]);
    // Every rule with fixes had TypeScript outputs checked, and every rule's cases gave some.
    const typeChecked = new Set(typeChecks.map((t) => t.rule));
    expect(RULES.filter((rule) => !typeChecked.has(rule))).toEqual([]);
    expect(RULES.filter((rule) => !checkedPerRule.get(rule))).toEqual([]);
    expect(files).toBeGreaterThan(200);
  });
});

describe("fixes and suggestions in a \\r\\n file keep the file's line endings", async () => {
  const ruleTests = readdirSync(path.join(root, 'tests', 'rules')).filter((f) =>
    f.endsWith('.test.ts'),
  );
  for (const file of ruleTests) await import(/* @vite-ignore */ `./rules/${file}`);
  // Untyped cases of every rule (typed rules would need a program per case).
  const untyped = recorded.filter((r) => r.tester !== 'typed' && r.cases.length > 0);

  let fixesChecked = 0;
  afterAll(() => {
    // Most rules offer a fix or a suggestion on most cases: a count of zero means none ran.
    expect(fixesChecked).toBeGreaterThan(100);
  });

  it('records the invalid cases of every rule with an untyped tester', () => {
    const rules = new Set(untyped.map((r) => r.rule));
    expect(rules.size).toBeGreaterThanOrEqual(12);
  });

  for (const { tester, rule: name, cases } of untyped) {
    const rule = name.replace(/^field: /, '');
    it(`${name} (${tester})`, () => {
      let checked = 0;
      for (const c of cases) {
        const code = c.code.replace(/\r?\n/g, '\r\n');
        const filename = path.join(
          fixturesDir,
          c.filename ?? (tester === 'js' ? 'file.js' : 'file.ts'),
        );
        const config = configFor({ tester, rule, options: c.options, filename });
        for (const message of linter.verify(code, config, filename)) {
          const fixes = [
            ...(message.fix ? [message.fix] : []),
            ...(message.suggestions ?? []).map((suggestion) => suggestion.fix),
          ];
          for (const fix of fixes) {
            checked += 1;
            const fixed = apply(code, fix);
            expect(
              bareLineFeeds(fixed),
              `${rule}: ${message.message}\n--- gives:\n${fixed}`,
            ).toEqual([]);
          }
        }
      }
      fixesChecked += checked;
    });
  }
});
