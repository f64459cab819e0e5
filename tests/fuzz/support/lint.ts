/**
 * Runs one program through every rule of the plugin (its `all` config) under one combination
 * of options, and checks what the issue asks of every program (issue 17, Build 1):
 *
 * - no rule throws (internal errors throw too: LEAKPROOF_STRICT_ANALYSIS, vitest.config.ts);
 * - every autofix and every suggestion, applied on its own, gives code that parses;
 * - `--fix` gives code that parses, and a second `--fix` pass changes nothing;
 * - in a self-contained program (`Program.runnable`), no fix makes the program raise a
 *   TypeError or ReferenceError it did not raise before (issue 17, Build 2): the program and
 *   each fixed text run in the sandbox of tests/support/sandbox.ts.
 *
 * Options: every combination of each rule's boolean and enum options (its schema). Config `k`
 * gives each rule its combination `k` modulo its count, so `configCount()` configs cover them
 * all. A failing program is minimised (delta debugging by lines) for its regression file.
 */
import path from 'node:path';

import tsParser from '@typescript-eslint/parser';
import { Linter } from 'eslint';
import * as espree from 'espree';

import plugin from '../../../src/index.js';
import type { LeakproofDocs } from '../../../src/utils/create-rule.js';
import { runtimeRegressions, selfContained, type Parsed } from '../../support/sandbox.js';
import type { Program } from './generate.js';

interface PropertySchema {
  type?: string;
  enum?: unknown[];
}

/** Every combination of the boolean and enum options of a rule; `[{}]` for a rule without. */
export function optionCombinations(rule: {
  meta?: { schema?: unknown };
}): Record<string, unknown>[] {
  const schema = rule.meta?.schema;
  const first = (Array.isArray(schema) ? schema[0] : undefined) as
    { properties?: Record<string, PropertySchema> } | undefined;
  let combos: Record<string, unknown>[] = [{}];
  for (const [name, property] of Object.entries(first?.properties ?? {})) {
    const values = property.enum ?? (property.type === 'boolean' ? [false, true] : null);
    if (!values) continue;
    combos = combos.flatMap((combo) => values.map((value) => ({ ...combo, [name]: value })));
  }
  return combos;
}

const RULES = Object.entries(plugin.rules).map(([name, rule]) => ({
  name,
  typed: (rule.meta?.docs as Partial<LeakproofDocs> | undefined)?.requiresTypeChecking === true,
  combos: optionCombinations(rule as never),
}));

/** How many configs it takes to run every rule with each of its option combinations. */
export const configCount = (): number => Math.max(...RULES.map((r) => r.combos.length));

/** The `all` rules with combination `k` of their options (typed rules only with types). */
function rulesFor(k: number, typed: boolean): Linter.RulesRecord {
  const out: Linter.RulesRecord = {};
  for (const rule of RULES) {
    if (rule.typed && !typed) continue;
    const options = rule.combos[k % rule.combos.length];
    out[`leakproof/${rule.name}`] = Object.keys(options).length ? ['error', options] : 'error';
  }
  return out;
}

/** Where typed programs are linted: the rule tests' fixture project. */
export const fixturesDir = path.join(
  path.dirname(new URL(import.meta.url).pathname),
  '..',
  '..',
  'fixtures',
);

function languageFor(filename: string, typed: boolean): Linter.Config['languageOptions'] {
  const ext = path.extname(filename);
  if (['.js', '.mjs', '.cjs'].includes(ext) && !typed) {
    return {
      parser: espree,
      ecmaVersion: 'latest',
      sourceType: ext === '.cjs' ? 'commonjs' : 'module',
    };
  }
  return {
    parser: tsParser,
    sourceType: ext === '.cjs' ? 'commonjs' : 'module',
    ...(typed
      ? {
          parserOptions: {
            projectService: { allowDefaultProject: ['*.js', '*.mts', '*.cts', 'fuzz*.ts'] },
            tsconfigRootDir: fixturesDir,
          },
        }
      : {}),
  };
}

function configFor(filename: string, k: number | null, typed: boolean): Linter.Config[] {
  return [
    {
      // Not `**/*`: ESLint lints a file only when a pattern that names an extension matches it.
      files: ['**/*.{ts,tsx,mts,cts,js,jsx,mjs,cjs}'],
      languageOptions: languageFor(filename, typed),
      linterOptions: { reportUnusedDisableDirectives: 'off' },
      ...(k === null ? {} : { plugins: { leakproof: plugin }, rules: rulesFor(k, typed) }),
    },
  ];
}

const linter = new Linter({ configType: 'flat' });

/** The file name a program is linted as: in the fixture project when typed. */
function fileFor(program: Program, typed: boolean): string {
  return typed ? path.join(fixturesDir, program.filename) : program.filename;
}

/** Whether `code` parses as `filename` (the parser and source type it is linted with). */
export function parses(code: string, filename: string): boolean {
  return !linter.verify(code, configFor(filename, null, false), filename).some((m) => m.fatal);
}

export interface Failure {
  kind: 'crash' | 'fix does not parse' | 'fix does not converge' | 'runtime error';
  /** What identifies the failure across reductions: its kind, rule and message. */
  signature: string;
  detail: string;
}

export interface Outcome {
  failures: Failure[];
  reports: number;
  fixesChecked: number;
  /** Fixed texts compared with the program in the sandbox (runnable programs only). */
  fixesRun: number;
  /** Of those, the ones whose new errors could not be trusted (the program's run was cut short). */
  fixesInconclusive: number;
  /** CPU seconds the sandbox took (transpiling, and the worker's runs). */
  sandboxSeconds: number;
}

/** A fixed text and what gave it: the rule (or `--fix`) and which fix or suggestion. */
interface Fixed {
  rule: string;
  what: string;
  where: string;
  code: string;
}

function apply(code: string, fix: { range: readonly [number, number]; text: string }): string {
  return code.slice(0, fix.range[0]) + fix.text + code.slice(fix.range[1]);
}

/** The rule ESLint names in a rethrown rule error (`Rule: "leakproof/x"`). */
function crashSignature(error: Error): string {
  const rule = /Rule: "([^"]+)"/.exec(error.message)?.[1] ?? 'unknown rule';
  const first = error.message.split('\n')[0].replace(/\d+/g, 'N');
  return `crash|${rule}|${first}`;
}

/** Lints `program` with config `k` and checks every fix; never throws. */
export function check(program: Program, k: number, typed = false): Outcome {
  const filename = fileFor(program, typed);
  const config = configFor(program.filename, k, typed);
  const outcome: Outcome = {
    failures: [],
    reports: 0,
    fixesChecked: 0,
    fixesRun: 0,
    fixesInconclusive: 0,
    sandboxSeconds: 0,
  };
  /** Every fixed text that parses, for the sandbox. */
  const fixed: Fixed[] = [];
  let messages: Linter.LintMessage[];
  try {
    messages = linter.verify(program.code, config, filename);
  } catch (error) {
    const e = error as Error;
    outcome.failures.push({
      kind: 'crash',
      signature: crashSignature(e),
      detail: e.stack ?? e.message,
    });
    return outcome;
  }
  outcome.reports = messages.length;
  // ESLint's parse of the program (read before the checks below parse other texts).
  const parsed = linter.getSourceCode() as unknown as Parsed;
  const runnable =
    program.runnable === true ||
    (program.runnable === 'if self-contained' && selfContained(parsed));
  let fixable = false;
  for (const message of messages) {
    const fixes = [
      ...(message.fix ? [['fix', message.fix] as const] : []),
      ...(message.suggestions ?? []).map(
        (s) => [`suggestion ${s.messageId ?? ''}`, s.fix] as const,
      ),
    ];
    if (message.fix) fixable = true;
    for (const [what, fix] of fixes) {
      outcome.fixesChecked += 1;
      const code = apply(program.code, fix);
      const where = `${message.ruleId} ${what} (${message.line}:${message.column})`;
      if (parses(code, program.filename)) {
        fixed.push({ rule: message.ruleId ?? 'unknown rule', what, where, code });
        continue;
      }
      outcome.failures.push({
        kind: 'fix does not parse',
        signature: `parse|${message.ruleId}|${what}`,
        detail: `${where} gives:\n${code}`,
      });
    }
  }
  if (fixable) checkFixAll(program, config, filename, outcome, fixed);
  if (runnable) checkRunTime(program, parsed, outcome, fixed);
  return outcome;
}

/** `--fix` parses and converges in one pass. */
function checkFixAll(
  program: Program,
  config: Linter.Config[],
  filename: string,
  outcome: Outcome,
  fixed: Fixed[],
): void {
  outcome.fixesChecked += 1;
  try {
    const first = linter.verifyAndFix(program.code, config, filename);
    const fatal = first.messages.find((m) => m.fatal);
    if (fatal) {
      outcome.failures.push({
        kind: 'fix does not parse',
        signature: 'parse|--fix',
        detail: `--fix gives (${fatal.message}):\n${first.output}`,
      });
      return;
    }
    if (first.output !== program.code)
      fixed.push({ rule: '--fix', what: '', where: '--fix', code: first.output });
    const second = linter.verifyAndFix(first.output, config, filename);
    if (second.output !== first.output) {
      const rules = [...new Set(second.messages.filter((m) => m.fix).map((m) => m.ruleId))];
      outcome.failures.push({
        kind: 'fix does not converge',
        signature: `converge|${rules.join(',')}`,
        detail: `a second --fix pass changes:\n${first.output}\n--- into:\n${second.output}`,
      });
    }
  } catch (error) {
    const e = error as Error;
    outcome.failures.push({
      kind: 'crash',
      signature: crashSignature(e),
      detail: e.stack ?? e.message,
    });
  }
}

/** No fixed text raises a TypeError or ReferenceError that the program does not. */
function checkRunTime(program: Program, parsed: Parsed, outcome: Outcome, fixed: Fixed[]): void {
  if (fixed.length === 0) return;
  const start = process.cpuUsage();
  const results = runtimeRegressions(
    program.code,
    fixed.map((f) => f.code),
    program.filename,
    parsed,
  );
  const cpu = process.cpuUsage(start);
  outcome.sandboxSeconds += (cpu.user + cpu.system) / 1e6;
  outcome.fixesRun += fixed.length;
  for (const [i, { added, inconclusive, before }] of results.entries()) {
    if (inconclusive) outcome.fixesInconclusive += 1;
    if (added.length === 0) continue;
    const { rule, what, where, code } = fixed[i];
    outcome.failures.push({
      kind: 'runtime error',
      // Numbers vary with the program (`fh3`): the shape of the first new error identifies it.
      signature: `runtime|${rule}|${what}|${added[0].replace(/\d+/g, 'N')}`,
      detail:
        `${where} makes the program raise ${added.join('; ')} (it raised: ` +
        `${before.errors.join('; ') || 'nothing'}); it gives:\n${code}`,
    });
  }
}

/**
 * The smallest program (by lines, then by line again) that still fails with `signature`:
 * delta debugging that drops chunks of lines while the failure stays and the code parses.
 * At most `budget` lint runs.
 */
export function minimise(
  program: Program,
  k: number,
  signature: string,
  typed = false,
  budget = 400,
): Program {
  let runs = 0;
  const fails = (code: string): boolean => {
    if (runs >= budget || !parses(code, program.filename)) return false;
    runs += 1;
    return check({ ...program, code }, k, typed).failures.some((f) => f.signature === signature);
  };
  const eol = program.code.includes('\r\n') ? '\r\n' : '\n';
  let lines = program.code.split(eol);
  let chunk = Math.max(1, Math.floor(lines.length / 2));
  while (runs < budget) {
    let removed = false;
    for (let i = 0; i < lines.length && runs < budget;) {
      const candidate = [...lines.slice(0, i), ...lines.slice(i + chunk)];
      if (candidate.length > 0 && fails(candidate.join(eol))) {
        lines = candidate;
        removed = true;
      } else i += chunk;
    }
    if (removed) continue;
    if (chunk === 1) break;
    chunk = Math.max(1, Math.min(Math.floor(chunk / 2), lines.length));
  }
  return { ...program, code: lines.join(eol) };
}
