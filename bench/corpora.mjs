// The budget of issue 16, read on every corpus (the synthetic one and the real ones of
// bench/real.mjs): paired CPU ratios over the references, each rule's own time, memory, and
// the plugin's cost under oxlint's JS plugins. bench/run.mjs runs this and writes the tables.
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { median } from './common.mjs';

const here = fileURLToPath(new URL('.', import.meta.url));

/** The budget (issue 16): over the references (h) typed and (i) untyped. */
export const BUDGET = {
  allTyped: 1.05, // (c) over (h), paired CPU
  recommendedUntyped: 1.05, // (e) over (i), paired CPU
  ruleOverNfp: 1 / 20, // any rule's own time over no-floating-promises'
  rss: 1.1, // peak RSS of (c) over (h)
  heapMB: 5, // live heap after linting, (c) minus (h): what the rules keep
};

/** The configurations a corpus is timed with, in every round. */
export const CORPUS_CONFIGS = ['c', 'h', 'e', 'i'];

/**
 * Times one corpus: `rounds` rounds of (c), (h), (e), (i) alternating (the order rotates and
 * reverses per round), then `statsRounds` runs each of (c), (e), (g) with ESLint's `stats`.
 * `runWorker(config, dir, opts)` is bench/run.mjs's.
 */
export async function measureCorpus({ dir, runWorker, rounds, statsRounds, log, errors, what }) {
  const runs = Object.fromEntries(CORPUS_CONFIGS.map((c) => [c, []]));
  for (let r = 0; r < rounds; r++) {
    const rotated = CORPUS_CONFIGS.map((_, i) => CORPUS_CONFIGS[(i + r) % CORPUS_CONFIGS.length]);
    const order = r % 2 ? rotated.reverse() : rotated;
    log(`${what} round ${r + 1}/${rounds}: ${order.join(' ')}`);
    for (const c of order) {
      const res = await runWorker(c, dir);
      if (res.error) {
        errors.push({ ...res, what: `${what} (${c})` });
        log(`  ${c}: ERROR ${res.error.split('\n')[0]}`);
        continue;
      }
      res.round = r;
      runs[c].push(res);
      log(
        `  ${c}: ${(res.lintMs / 1000).toFixed(2)} s wall, ${(res.cpuMs / 1000).toFixed(2)} s cpu, ${res.maxRssMB.toFixed(0)} MB, ${res.problems} problems`,
      );
    }
  }
  const stats = await statsOf({ dir, runWorker, statsRounds, log, errors, what });
  return { runs, stats };
}

/** Runs (c), (e), (g) with `stats` and keeps each rule's median time. */
export async function statsOf({ dir, runWorker, statsRounds, log, errors, what }) {
  const out = {};
  for (const c of ['c', 'e', 'g']) {
    const rs = [];
    for (let i = 0; i < statsRounds; i++) {
      const res = await runWorker(c, dir, { stats: true });
      if (res.error) {
        errors.push({ ...res, what: `${what} (${c}) with stats` });
        continue;
      }
      rs.push(res);
      log(`  ${what} ${c}+stats: ${(res.lintMs / 1000).toFixed(2)} s`);
    }
    if (!rs.length) continue;
    const ids = new Set(rs.flatMap((x) => Object.keys(x.ruleMs ?? {})));
    out[c] = {
      ...rs[0],
      lintMs: median(rs.map((x) => x.lintMs)),
      cpuMs: median(rs.map((x) => x.cpuMs)),
      ruleMs: Object.fromEntries(
        [...ids].map((id) => [id, median(rs.map((x) => x.ruleMs?.[id] ?? 0))]),
      ),
    };
  }
  return out;
}

/** Median over the rounds of x's measure over y's, both run in the same round. */
export function paired(runs, x, y, measure) {
  const ratios = (runs[x] ?? []).flatMap((run) => {
    const other = (runs[y] ?? []).find((r) => r.round === run.round);
    return other ? [run[measure] / other[measure]] : [];
  });
  return { value: ratios.length ? median(ratios) : NaN, ratios };
}

const NFP = '@typescript-eslint/no-floating-promises';

/** Everything the budget table says about one corpus. */
export function readCorpus(name, { runs, stats }) {
  const med = (c, k) => median((runs[c] ?? []).map((x) => x[k]));
  const nfp = stats.g?.ruleMs?.[NFP];
  const typedRules = Object.entries(stats.c?.ruleMs ?? {})
    .filter(([id]) => id.startsWith('leakproof/'))
    .sort((x, y) => y[1] - x[1]);
  const untypedRules = Object.entries(stats.e?.ruleMs ?? {})
    .filter(([id]) => id.startsWith('leakproof/'))
    .sort((x, y) => y[1] - x[1]);
  const slowest = typedRules[0];
  const read = {
    name,
    files: runs.c?.[0]?.files ?? runs.h?.[0]?.files,
    rounds: Math.min(...CORPUS_CONFIGS.map((c) => runs[c]?.length ?? 0)),
    cpuH: med('h', 'cpuMs'),
    cpuI: med('i', 'cpuMs'),
    typed: paired(runs, 'c', 'h', 'cpuMs'),
    untyped: paired(runs, 'e', 'i', 'cpuMs'),
    typedWall: paired(runs, 'c', 'h', 'lintMs'),
    untypedWall: paired(runs, 'e', 'i', 'lintMs'),
    rss: med('c', 'maxRssMB') / med('h', 'maxRssMB'),
    rssC: med('c', 'maxRssMB'),
    rssH: med('h', 'maxRssMB'),
    heapC: med('c', 'heapAfterMB'),
    heapH: med('h', 'heapAfterMB'),
    heapE: med('e', 'heapAfterMB'),
    heapI: med('i', 'heapAfterMB'),
    nfp,
    slowest,
    typedRules,
    untypedRules,
    problemsC: runs.c?.[0]?.problems,
    ruleCountsC: runs.c?.[0]?.ruleCounts ?? {},
    fatal: runs.c?.[0]?.fatal ?? 0,
    fatalSamples: runs.c?.[0]?.fatalSamples ?? [],
  };
  read.verdicts = {
    typed: read.typed.value <= BUDGET.allTyped,
    untyped: read.untyped.value <= BUDGET.recommendedUntyped,
    rule:
      nfp !== undefined && slowest !== undefined
        ? slowest[1] <= nfp * BUDGET.ruleOverNfp
        : undefined,
    rss: read.rss <= BUDGET.rss,
    heap: read.heapC - read.heapH <= BUDGET.heapMB && read.heapE - read.heapI <= BUDGET.heapMB,
  };
  return read;
}

// ---------------------------------------------------------------------------------------------
// oxlint
// ---------------------------------------------------------------------------------------------

function runOxlint(configFile, dir, roots) {
  const out = join(here, '.corpus', 'oxlint', `run-${process.pid}-${Math.random()}.json`);
  const args = [join(here, 'oxlint-worker.mjs'), out, '-c', configFile, '-f', 'json', ...roots];
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', () => {
      try {
        const timing = JSON.parse(readFileSync(out, 'utf8'));
        rmSync(out, { force: true });
        const report = JSON.parse(stdout);
        const byRule = {};
        for (const d of report.diagnostics ?? []) byRule[d.code] = (byRule[d.code] ?? 0) + 1;
        resolve({
          ...timing,
          files: report.number_of_files,
          diagnostics: report.diagnostics?.length ?? 0,
          byRule,
          stderr: stderr.trim(),
        });
      } catch (error) {
        resolve({ error: `${String(error)} ${stderr.slice(0, 300)} ${stdout.slice(0, 300)}` });
      }
    });
  });
}

/**
 * oxlint on one corpus (untyped, its JS plugins running our built plugin): its own default rules
 * alone (`own`) and with leakproof `recommended` added (`own+leakproof`); with its rules off:
 * nothing (`none`), the plugin loaded and no rule on (`bridge`), all of `recommended` (`recommended`), and each
 * rule of `recommended` alone. CPU time of the whole process; medians over `rounds`.
 */
export async function measureOxlint({ name, dir, roots, pluginEntry, rules, rounds, log, errors }) {
  // oxlint reads .gitignore files up to the repository root, and bench/.corpus/ and
  // bench/.real/ are ignored: an empty .git makes the corpus its own root.
  mkdirSync(join(dir, '.git'), { recursive: true });
  const configDir = join(here, '.corpus', 'oxlint');
  mkdirSync(configDir, { recursive: true });
  const off = { plugins: [], categories: { correctness: 'off' } };
  const on = (ids) => Object.fromEntries(ids.map((id) => [id, 'error']));
  const configs = {
    own: {},
    none: off,
    'own+leakproof': { jsPlugins: [pluginEntry], rules: on(rules) },
    bridge: { ...off, jsPlugins: [pluginEntry], rules: {} },
    recommended: { ...off, jsPlugins: [pluginEntry], rules: on(rules) },
    ...Object.fromEntries(
      rules.map((id) => [id, { ...off, jsPlugins: [pluginEntry], rules: on([id]) }]),
    ),
  };
  const files = {};
  for (const [k, config] of Object.entries(configs)) {
    files[k] = join(configDir, `${name}-${k.replace(/\W+/g, '_')}.json`);
    writeFileSync(files[k], JSON.stringify(config));
  }
  const keys = Object.keys(configs);
  const runs = Object.fromEntries(keys.map((k) => [k, []]));
  for (let r = 0; r < rounds; r++) {
    const order = r % 2 ? [...keys].reverse() : keys;
    for (const k of order) {
      const res = await runOxlint(files[k], dir, roots);
      if (res.error) {
        errors.push({ config: `oxlint ${k}`, what: name, error: res.error });
        continue;
      }
      res.round = r;
      runs[k].push(res);
    }
    log(
      `  oxlint ${name} round ${r + 1}/${rounds}: own ${fmt(runs.own.at(-1))}, own+leakproof ${fmt(runs['own+leakproof'].at(-1))}, bridge ${fmt(runs.bridge.at(-1))}, recommended ${fmt(runs.recommended.at(-1))}`,
    );
  }
  const cpu = (k) => median(runs[k].map((x) => x.cpuMs));
  const diff = (x, y) => median(pairs(runs, x, y).map(([a, b]) => a.cpuMs - b.cpuMs));
  return {
    name,
    files: runs.own[0]?.files,
    ownMs: cpu('own'),
    withMs: cpu('own+leakproof'),
    pluginMs: diff('own+leakproof', 'own'),
    ratio: median(pairs(runs, 'own+leakproof', 'own').map(([a, b]) => a.cpuMs / b.cpuMs)),
    bridgeMs: cpu('bridge'),
    recommendedMs: diff('recommended', 'bridge'),
    noneMs: cpu('none'),
    loadMs: diff('bridge', 'none'),
    perRule: Object.fromEntries(rules.map((id) => [id, diff(id, 'bridge')])),
    reports: runs['own+leakproof'][0]?.byRule ?? {},
  };
}

function pairs(runs, x, y) {
  return (runs[x] ?? []).flatMap((a) => {
    const b = (runs[y] ?? []).find((o) => o.round === a.round);
    return b ? [[a, b]] : [];
  });
}

const fmt = (x) => (x ? `${(x.cpuMs / 1000).toFixed(2)} s cpu` : '—');

// ---------------------------------------------------------------------------------------------
// Report
// ---------------------------------------------------------------------------------------------

const x3 = (r) => (Number.isFinite(r) ? r.toFixed(3) : '—');
const ms = (v) => (Number.isFinite(v) ? v.toFixed(v < 10 ? 1 : 0) : '—');
const s2 = (v) => (Number.isFinite(v) ? (v / 1000).toFixed(2) : '—');
const ok = (v) => (v === undefined ? 'n/a' : v ? 'PASS' : '**FAIL**');
const spread = (p) =>
  p.ratios.length > 1
    ? ` (${Math.min(...p.ratios).toFixed(3)}–${Math.max(...p.ratios).toFixed(3)})`
    : '';

/** The tables of issue 16: budget per corpus, each rule's time per corpus, oxlint. */
export function corporaMarkdown({ reads, oxlint, corpora, rules, rounds }) {
  const md = [];
  md.push('## Budget on every corpus (issue 16)');
  md.push('');
  md.push(
    `Each corpus is linted ${rounds} times with (c) leakproof \`all\` typed, (h) the typed reference (typed parser + core \`no-debugger\`), (e) leakproof \`recommended\` untyped and (i) the untyped reference, alternating, each run a fresh process; the corpora are timed at the same time, each in its own sequence of runs (\`--no-real-parallel\`: one after the other). Ratio = median over the rounds of the per-round CPU-time ratio (user + system of the whole process), with its min–max. Rule times are ESLint's \`stats\` (wall clock of each rule's listeners, so inflated alike by the machine's load), one run each of (c), (e) and (g) \`no-floating-promises\` alone.`,
  );
  md.push('');
  md.push(
    '| corpus | files | lines | (h) CPU (s) | (c)/(h) CPU | (e)/(i) CPU | (c)/(h) wall | slowest rule, typed (ms) | `no-floating-promises` (ms) | slowest / nfp | peak RSS (c)/(h) | heap after (c)−(h), (e)−(i) (MB) |',
  );
  md.push('| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- | ---: | ---: | ---: | ---: |');
  for (const r of reads) {
    const c = corpora[r.name] ?? {};
    md.push(
      `| ${r.name} | ${r.files ?? '—'} | ${c.lines?.toLocaleString('en-US') ?? '—'} | ${s2(r.cpuH)} | ${x3(r.typed.value)}${spread(r.typed)} | ${x3(r.untyped.value)}${spread(r.untyped)} | ${x3(r.typedWall.value)} | ${r.slowest ? `\`${r.slowest[0].replace('leakproof/', '')}\` ${ms(r.slowest[1])}` : '—'} | ${ms(r.nfp)} | ${r.slowest && r.nfp ? x3(r.slowest[1] / r.nfp) : '—'} | ${x3(r.rss)} (${ms(r.rssC)} / ${ms(r.rssH)} MB) | ${ms(r.heapC - r.heapH)}, ${ms(r.heapE - r.heapI)} |`,
    );
  }
  md.push('');
  md.push(
    '| corpus | `all` typed ≤ ' +
      BUDGET.allTyped +
      ' × (h) | `recommended` untyped ≤ ' +
      BUDGET.recommendedUntyped +
      ' × (i) | every rule ≤ 1/20 of nfp | peak RSS ≤ ' +
      BUDGET.rss +
      ' × (h) | heap after flat (≤ ' +
      BUDGET.heapMB +
      ' MB over the reference) |',
  );
  md.push('| --- | --- | --- | --- | --- | --- |');
  for (const r of reads) {
    const v = r.verdicts;
    md.push(
      `| ${r.name} | ${ok(v.typed)} | ${ok(v.untyped)} | ${ok(v.rule)} | ${ok(v.rss)} | ${ok(v.heap)} |`,
    );
  }
  md.push('');
  for (const r of reads) {
    const c = corpora[r.name];
    if (!c?.repo) continue;
    md.push(
      `- **${r.name}**: ${c.what}; \`${c.repo}\` at \`${c.commit.slice(0, 12)}\`, linted: ${c.lint.map((g) => `\`${g}\``).join(', ')}${c.ignores.length ? ` (not ${c.ignores.map((g) => `\`${g}\``).join(', ')})` : ''}. ${r.problemsC ?? 0} reports in (c)${r.fatal ? `, ${r.fatal} parse errors (${r.fatalSamples.slice(0, 2).join('; ')})` : ''}.`,
    );
  }
  md.push('');

  // Per rule, per corpus
  md.push('## Each rule’s own time, per corpus (ESLint `stats`, ms)');
  md.push('');
  md.push(
    'Typed: within (c) `all`; untyped: within (e) `recommended` (— where the rule is not in it). Shared per-file work (type queries, per-file caches) is timed on whichever rule asks first. A rule over 1/20 of `no-floating-promises` on its corpus is in bold.',
  );
  md.push('');
  md.push(`| rule | ${reads.map((r) => `${r.name} typed | ${r.name} untyped`).join(' | ')} |`);
  md.push(`| --- | ${reads.map(() => '---: | ---:').join(' | ')} |`);
  const typedOf = (r) => Object.fromEntries(r.typedRules);
  const untypedOf = (r) => Object.fromEntries(r.untypedRules);
  const order = [...rules].sort(
    (a, b) =>
      reads.reduce((t, r) => t + (typedOf(r)[`leakproof/${b}`] ?? 0), 0) -
      reads.reduce((t, r) => t + (typedOf(r)[`leakproof/${a}`] ?? 0), 0),
  );
  for (const name of order) {
    const id = `leakproof/${name}`;
    const cells = reads.map((r) => {
      const t = typedOf(r)[id];
      const u = untypedOf(r)[id];
      const over = r.nfp && t > r.nfp * BUDGET.ruleOverNfp;
      return `${over ? `**${ms(t)}**` : ms(t)} | ${ms(u)}`;
    });
    md.push(`| \`${name}\` | ${cells.join(' | ')} |`);
  }
  const sum = (list) => list.reduce((t, [, v]) => t + v, 0);
  md.push(
    `| **all leakproof rules** | ${reads.map((r) => `${ms(sum(r.typedRules))} | ${ms(sum(r.untypedRules))}`).join(' | ')} |`,
  );
  md.push(
    `| \`no-floating-promises\` alone (g), typed; 1/20 of it | ${reads.map((r) => `${ms(r.nfp)} | 1/20: ${ms(r.nfp * BUDGET.ruleOverNfp)}`).join(' | ')} |`,
  );
  md.push('');

  if (oxlint.length) {
    md.push('## Under oxlint (JS plugins, untyped)');
    md.push('');
    md.push(
      `oxlint (the pinned devDependency) on the same files, CPU time of the whole process (its Rust rules run on threads, JS plugins on the main thread), medians of paired runs. "own" = oxlint's default rules; "+ leakproof" = the same with leakproof \`recommended\`'s untyped rules through \`jsPlugins\`. With oxlint's rules off: "none" = nothing, "bridge" = our plugin loaded and no rule on, each rule = that rule alone, minus "bridge": what of the time is that rule's.`,
    );
    md.push('');
    md.push(
      '| corpus | files | own (s) | own + leakproof (s) | leakproof added (s) | (own + leakproof) / own | none (s) | bridge − none (s) | all of `recommended` − bridge (s) |',
    );
    md.push('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
    for (const o of oxlint) {
      md.push(
        `| ${o.name} | ${o.files ?? '—'} | ${s2(o.ownMs)} | ${s2(o.withMs)} | ${s2(o.pluginMs)} | ${x3(o.ratio)} | ${s2(o.noneMs)} | ${s2(o.loadMs)} | ${s2(o.recommendedMs)} |`,
      );
    }
    md.push('');
    const ids = Object.keys(oxlint[0].perRule);
    md.push(`| rule (alone, minus bridge; ms) | ${oxlint.map((o) => o.name).join(' | ')} |`);
    md.push(`| --- | ${oxlint.map(() => '---:').join(' | ')} |`);
    for (const id of ids)
      md.push(
        `| \`${id.replace('leakproof/', '')}\` | ${oxlint.map((o) => ms(o.perRule[id])).join(' | ')} |`,
      );
    md.push('');
    md.push(
      `Reports under oxlint (own + leakproof): ${oxlint
        .map(
          (o) =>
            `${o.name}: ${
              Object.entries(o.reports)
                .filter(([k]) => k.startsWith('leakproof'))
                .map(([k, n]) => `${k} ${n}`)
                .join(', ') || 'none'
            }`,
        )
        .join('; ')}.`,
    );
    md.push('');
  }
  return md;
}
