/**
 * Seeded random programs over the resource APIs the catalog knows: file handles and streams,
 * child processes, `fetch`, timers, listeners, sockets and servers, `AbortController`, pools,
 * classes that own and dispose of them, and tests with hooks, in every control-flow shape the
 * engine walks (branches, early returns and throws, loops, `try`/`catch`/`finally`, `switch`,
 * closures, `using`).
 *
 * A small grammar of our own rather than eslump: eslump's programs are random JavaScript that
 * rarely acquires anything (tests/robustness/generate.mjs has to rename its identifiers to
 * reach the rules at all); these acquire, hand on, release and leak on purpose, and they parse
 * by construction, so every one reaches the rules' deeper branches and their fixes.
 */
import type { Rng } from './random.js';

export interface Program {
  code: string;
  /** `file.ts` or `file.js`. */
  filename: string;
  /**
   * Whether its fixes are also run (support/lint.ts, tests/support/sandbox.ts): every generated
   * program (`true`), and a mutant of realistic code when it is self-contained, its free names
   * all globals the sandbox defines (`'if self-contained'`, decided once it is parsed).
   */
  runnable?: true | 'if self-contained';
}

interface Kind {
  prefix: string;
  /** The acquiring expression; `await` only in async code. */
  acquire: (async: boolean) => string | null;
  /** Statements that release `v`. */
  releases: ((v: string, async: boolean) => string)[];
  /** Statements that only use or look at `v`. */
  uses: ((v: string) => string)[];
  /** `using` or `await using` can hold it (TypeScript only). */
  using?: 'sync' | 'async';
}

const KINDS: Kind[] = [
  {
    prefix: 'fh',
    acquire: (async) => (async ? 'await open(path)' : null),
    releases: [(v) => `await ${v}.close();`, (v) => `void ${v}.close();`],
    uses: [(v) => `await ${v}.stat();`, (v) => `log(await ${v}.read());`],
    using: 'async',
  },
  {
    prefix: 'rs',
    acquire: () => 'createReadStream(path)',
    releases: [(v) => `${v}.destroy();`, (v) => `${v}.close();`],
    uses: [(v) => `${v}.on('data', (chunk) => log(chunk));`, (v) => `${v}.pipe(process.stdout);`],
  },
  {
    prefix: 'ws',
    acquire: () => "createWriteStream(path, { flags: 'a' })",
    releases: [(v) => `${v}.end();`, (v) => `${v}.destroy();`],
    uses: [(v) => `${v}.write('line\\n');`, (v) => `await once(${v}, 'open');`],
  },
  {
    prefix: 'fd',
    acquire: () => "openSync(path, 'r')",
    releases: [(v) => `closeSync(${v});`],
    uses: [(v) => `readSync(${v}, Buffer.alloc(8));`],
  },
  {
    prefix: 'child',
    acquire: () => "spawn('ls', ['-l'], { stdio: 'pipe' })",
    releases: [
      (v) => `${v}.kill();`,
      (v, async) => (async ? `await once(${v}, 'exit');` : `${v}.on('exit', (code) => log(code));`),
    ],
    uses: [(v) => `${v}.stdout?.on('data', log);`, (v) => `${v}.stdin?.write('x');`],
  },
  {
    prefix: 'res',
    acquire: (async) => (async ? 'await fetch(url, { signal })' : null),
    releases: [
      (v) => `await ${v}.text();`,
      (v) => `await ${v}.body?.cancel();`,
      (v) => `log(await ${v}.json());`,
    ],
    uses: [
      (v) => `log(${v}.status);`,
      (v) => `if (!${v}.ok) throw new Error(String(${v}.status));`,
    ],
  },
  {
    prefix: 'timer',
    acquire: () => 'setInterval(() => log(1), 1000)',
    releases: [(v) => `clearInterval(${v});`],
    uses: [(v) => `${v}.unref();`],
  },
  {
    prefix: 'timeout',
    acquire: () => 'setTimeout(() => controller.abort(), 5000)',
    releases: [(v) => `clearTimeout(${v});`],
    uses: [(v) => `${v}.refresh();`],
  },
  {
    prefix: 'controller',
    acquire: () => 'new AbortController()',
    releases: [(v) => `${v}.abort();`],
    uses: [(v) => `await fetch(url, { signal: ${v}.signal });`],
  },
  {
    prefix: 'server',
    acquire: () => 'net.createServer((socket) => socket.end())',
    releases: [(v) => `${v}.close();`],
    uses: [(v) => `${v}.listen(0);`],
  },
  {
    prefix: 'socket',
    acquire: () => "net.connect(80, 'localhost')",
    releases: [(v) => `${v}.end();`, (v) => `${v}.destroy();`],
    uses: [(v) => `${v}.write('ping');`],
  },
  {
    prefix: 'pool',
    acquire: () => 'new pg.Pool({ connectionString: url })',
    releases: [(v, async) => (async ? `await ${v}.end();` : `void ${v}.end();`)],
    uses: [(v) => `await ${v}.query('select 1');`],
  },
  {
    prefix: 'watcher',
    acquire: () => 'watch(path)',
    releases: [(v) => `${v}.close();`],
    uses: [(v) => `${v}.on('change', log);`],
  },
  {
    prefix: 'rl',
    acquire: () => 'createInterface({ input: process.stdin })',
    releases: [(v) => `${v}.close();`],
    uses: [(v) => `${v}.on('line', log);`],
  },
  {
    prefix: 'stack',
    acquire: () => 'new DisposableStack()',
    releases: [(v) => `${v}.dispose();`],
    uses: [(v) => `${v}.defer(() => log(1));`],
    using: 'sync',
  },
];

const IMPORTS = [
  "import { open } from 'node:fs/promises';",
  "import { createReadStream, createWriteStream, openSync, closeSync, readSync, watch } from 'node:fs';",
  "import { spawn, exec } from 'node:child_process';",
  "import { pipeline } from 'node:stream/promises';",
  "import { EventEmitter, once } from 'node:events';",
  "import net from 'node:net';",
  "import { createInterface } from 'node:readline';",
  "import pg from 'pg';",
  "import { describe, it, beforeEach, afterEach } from 'vitest';",
];

interface Scope {
  async: boolean;
  typed: boolean;
  inClass: boolean;
  inLoop: boolean;
  depth: number;
  /** Resource variables in scope, with their kinds. */
  vars: { name: string; kind: Kind }[];
  counter: { n: number };
}

const CONDITIONS = [
  'cond',
  '!cond',
  'items.length > 0',
  "path.endsWith('.json')",
  'signal.aborted',
  'Math.random() > 0.5',
];

function indent(lines: string[], by = '  '): string[] {
  return lines.map((line) => (line === '' ? line : by + line));
}

function block(rng: Rng, scope: Scope, count: number): string[] {
  const inner: Scope = { ...scope, depth: scope.depth + 1, vars: [...scope.vars] };
  const out: string[] = [];
  for (let i = 0; i < count; i++) out.push(...statement(rng, inner));
  return out;
}

function acquire(rng: Rng, scope: Scope): string[] {
  const kinds = KINDS.filter((k) => k.acquire(scope.async) !== null);
  const kind = rng.pick(kinds);
  const name = `${kind.prefix}${scope.counter.n++}`;
  const init = kind.acquire(scope.async)!;
  let keyword = rng.pick(['const', 'const', 'let']);
  if (scope.typed && kind.using && rng.chance(0.2)) {
    if (kind.using === 'sync') keyword = 'using';
    else if (scope.async) keyword = 'await using';
  }
  scope.vars.push({ name, kind });
  if (rng.chance(0.1) && keyword !== 'using' && keyword !== 'await using') return [`${init};`]; // dropped on the floor
  return [`${keyword} ${name} = ${init};`];
}

function useOf(rng: Rng, scope: Scope): string[] {
  if (scope.vars.length === 0) return acquire(rng, scope);
  const lines = useOfVar(rng, scope);
  return scope.async ? lines : lines.map((line) => line.replace(/\bawait /g, 'void '));
}

function useOfVar(rng: Rng, scope: Scope): string[] {
  const { name, kind } = rng.pick(scope.vars);
  const r = rng.int(10);
  if (r < 4) return [rng.pick(kind.releases)(name, scope.async)];
  if (r < 7) return [rng.pick(kind.uses)(name)];
  if (r === 7) return [scope.inClass ? `this.held = ${name};` : `items.push(${name} as never);`];
  if (r === 8) return [`handOff(${name});`];
  return scope.async && (kind.prefix === 'rs' || kind.prefix === 'ws')
    ? [`await pipeline(${name}, createWriteStream(path + '.out'));`]
    : [`log(${name});`];
}

function statement(rng: Rng, scope: Scope): string[] {
  const leaf = scope.depth >= 3;
  const r = rng.int(leaf ? 10 : 22);
  const cond = rng.pick(CONDITIONS);
  const cast = (text: string): string => (scope.typed ? text : text.replace(/ as never/g, ''));
  switch (r) {
    case 0:
    case 1:
    case 2:
      return acquire(rng, scope);
    case 3:
    case 4:
    case 5:
      return useOf(rng, scope).map(cast);
    case 6:
      return [scope.async ? 'await work();' : 'work();'];
    case 7:
      return [`if (${cond}) return${rng.chance(0.5) ? ' null' : ''};`];
    case 8:
      return [`if (${cond}) throw new Error('failed');`];
    case 9:
      return scope.inLoop
        ? [rng.pick(['continue;', 'break;', `if (${cond}) break;`])]
        : [rng.pick(['emitter.on("data", log);', 'process.on("SIGINT", log);'])];
    case 10:
    case 11:
      return [
        `if (${cond}) {`,
        ...indent(block(rng, scope, 1 + rng.int(3))),
        ...(rng.chance(0.5) ? ['} else {', ...indent(block(rng, scope, 1 + rng.int(2)))] : []),
        '}',
      ];
    case 12:
    case 13:
      return [
        'try {',
        ...indent(block(rng, scope, 1 + rng.int(3))),
        ...(rng.chance(0.6)
          ? [
              '} catch (error) {',
              ...indent(block(rng, scope, rng.int(2))),
              ...(rng.chance(0.5) ? ['  throw error;'] : []),
            ]
          : []),
        '} finally {',
        ...indent(block(rng, scope, rng.int(3))),
        '}',
      ];
    case 14:
      return [
        `for (const item of items) {`,
        ...indent(block(rng, { ...scope, inLoop: true }, 1 + rng.int(3))),
        '}',
      ];
    case 15:
      return [
        `while (${cond}) {`,
        ...indent(block(rng, { ...scope, inLoop: true }, 1 + rng.int(3))),
        '  break;',
        '}',
      ];
    case 16:
      return [
        'switch (items.length) {',
        '  case 0:',
        ...indent(block(rng, scope, 1 + rng.int(2)), '    '),
        '    break;',
        '  default:',
        ...indent(block(rng, scope, 1 + rng.int(2)), '    '),
        '}',
      ];
    case 17: {
      const async = rng.chance(0.5);
      const inner: Scope = { ...scope, async, inLoop: false };
      const head = rng.pick([
        `items.forEach(${async ? 'async ' : ''}(item) => {`,
        `setImmediate(${async ? 'async ' : ''}() => {`,
        `emitter.on('event', ${async ? 'async ' : ''}() => {`,
        `const task${scope.counter.n++} = ${async ? 'async ' : ''}() => {`,
      ]);
      const tail = head.startsWith('const') ? '};' : '});';
      return [head, ...indent(block(rng, inner, 1 + rng.int(3))), tail];
    }
    case 18:
      return [
        `const done${scope.counter.n++} = new Promise${scope.typed ? '<void>' : ''}((resolve, reject) => {`,
        ...indent(block(rng, { ...scope, async: false, inLoop: false }, 1 + rng.int(2))),
        "  emitter.once('done', () => resolve());",
        "  emitter.once('error', reject);",
        '});',
      ];
    case 19:
      return scope.vars.length > 0 ? [`return ${rng.pick(scope.vars).name};`] : ['return;'];
    case 20:
      return [rng.pick(['process.exit(1);', "throw new Error('fatal');", 'return;'])];
    default:
      return useOf(rng, scope).map(cast);
  }
}

function params(typed: boolean): string {
  const t = (type: string): string => (typed ? `: ${type}` : '');
  return `path${t('string')}, url${t('string')}, items${t('unknown[]')}, emitter${t('EventEmitter')}, signal${t('AbortSignal')}, cond${t('boolean')}`;
}

function functionItem(rng: Rng, typed: boolean, counter: { n: number }): string[] {
  const async = rng.chance(0.7);
  const scope: Scope = { async, typed, inClass: false, inLoop: false, depth: 0, vars: [], counter };
  const body = block(rng, scope, 2 + rng.int(6));
  const name = `task${counter.n++}`;
  const exported = rng.chance(0.7) ? 'export ' : '';
  return [
    `${exported}${async ? 'async ' : ''}function ${name}(${params(typed)}) {`,
    ...indent(body),
    '}',
  ];
}

function classItem(rng: Rng, typed: boolean, counter: { n: number }): string[] {
  const name = `Service${counter.n++}`;
  const fieldKind = rng.pick(KINDS.filter((k) => k.acquire(false) !== null));
  const field = `${fieldKind.prefix}Field`;
  const lines = [`export class ${name} {`];
  if (typed) lines.push('  held: unknown;');
  lines.push(`  ${typed ? 'private ' : ''}${field} = ${fieldKind.acquire(false)!};`);
  const method = (head: string, async: boolean, count: number): void => {
    const scope: Scope = {
      async,
      typed,
      inClass: true,
      inLoop: false,
      depth: 0,
      vars: [],
      counter,
    };
    if (rng.chance(0.5)) scope.vars.push({ name: `this.${field}`, kind: fieldKind });
    lines.push(`  ${head} {`, ...indent(block(rng, scope, count), '    '), '  }');
  };
  const async = rng.chance(0.6);
  method(`${async ? 'async ' : ''}start(${params(typed)})`, async, 1 + rng.int(4));
  const release = rng.pick(fieldKind.releases)(`this.${field}`, false);
  const dispose = rng.int(4);
  if (dispose === 0) lines.push(`  close() {`, `    ${release}`, '  }');
  else if (dispose === 1) lines.push(`  [Symbol.dispose]() {`, `    ${release}`, '  }');
  else if (dispose === 2)
    lines.push(
      `  async [Symbol.asyncDispose]() {`,
      `    ${release.replace(/^void /, 'await ')}`,
      '  }',
    );
  lines.push('}');
  return lines;
}

function testItem(rng: Rng, typed: boolean, counter: { n: number }): string[] {
  const kind = rng.pick(KINDS.filter((k) => k.acquire(false) !== null));
  const v = `${kind.prefix}${counter.n++}`;
  const scope: Scope = {
    async: true,
    typed,
    inClass: false,
    inLoop: false,
    depth: 1,
    vars: [],
    counter,
  };
  const lines = [`describe('${v}', () => {`, `  let ${v}${typed ? ': any' : ''};`];
  lines.push(`  beforeEach(() => {`, `    ${v} = ${kind.acquire(false)!};`, '  });');
  if (rng.chance(0.6))
    lines.push(
      '  afterEach(() => {',
      `    ${rng
        .pick(kind.releases)(v, false)
        .replace(/^await /, '')}`,
      '  });',
    );
  lines.push(
    "  it('works', async () => {",
    ...indent(block(rng, { ...scope, vars: [{ name: v, kind }] }, 1 + rng.int(3)), '    '),
    '  });',
    '});',
  );
  return lines;
}

/** One random module: imports, helpers, then functions, classes and tests. */
export function generateProgram(rng: Rng): Program {
  const typed = rng.chance(0.75);
  const counter = { n: 0 };
  const lines: string[] = IMPORTS.filter(() => rng.chance(0.85));
  lines.push(
    '',
    `declare function log(...args${typed ? ': unknown[]' : ''})${typed ? ': void' : ''};`,
    `declare function work()${typed ? ': Promise<void>' : ''};`,
    `declare function handOff(value${typed ? ': unknown' : ''})${typed ? ': void' : ''};`,
    `const cache = new Map${typed ? '<string, unknown>' : ''}();`,
    '',
  );
  if (!typed) {
    // `declare` is TypeScript: plain functions instead.
    lines.splice(
      lines.length - 5,
      3,
      'function log() {}',
      'async function work() {}',
      'function handOff() {}',
    );
  }
  const count = 1 + rng.int(4);
  for (let i = 0; i < count; i++) {
    const r = rng.int(10);
    const item =
      r < 6
        ? functionItem(rng, typed, counter)
        : r < 9
          ? classItem(rng, typed, counter)
          : testItem(rng, typed, counter);
    lines.push(...item, '');
  }
  if (rng.chance(0.3))
    lines.push('export function remember(key, value) {', '  cache.set(key, value);', '}', '');
  let code = lines.join('\n');
  if (typed) code = code.replace('remember(key, value)', 'remember(key: string, value: unknown)');
  return { code, filename: typed ? 'file.ts' : 'file.js', runnable: true };
}
