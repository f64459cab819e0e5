/**
 * Runs a program and its fixed versions in a sandbox and reports the TypeErrors and
 * ReferenceErrors a fix adds (issue 17, build 2): a fix that moves a declaration past its use
 * ("Cannot access 'p' before initialization") or out of the scope of an earlier caller
 * ("log is not defined") parses, and in JavaScript nothing type-checks it, but it breaks at run
 * time.
 *
 * Each text is transpiled to CommonJS (`ts.transpileModule`, ES2022: `using` becomes
 * TypeScript's helpers) and run in a fresh `node:vm` context in a worker thread
 * (./sandbox-worker.mjs): its top-level code, then every function, class (constructed) and
 * method it declares at the top level, called with stub arguments, then every callback it
 * handed to a stub (listeners, timers, test bodies). Modules, the process, timers, `fetch` and
 * the other host globals are inert stubs, so nothing real is opened, spawned, sent or scheduled.
 *
 * A name the program reads but never declares (an import a generated program left out,
 * `declare function log()`) is its environment: a stub, before and after every fix. Realistic
 * code runs here when it is self-contained (`selfContained`): otherwise it would mostly run into
 * names its snippet never meant to define.
 */
import path from 'node:path';
import vm from 'node:vm';
import {
  MessageChannel,
  receiveMessageOnPort,
  Worker,
  type MessagePort,
} from 'node:worker_threads';

import { parseForESLint } from '@typescript-eslint/parser';
import ts from 'typescript';

/** Host globals the sandbox defines as inert stubs (ECMAScript's own are the context's). */
export const STUB_GLOBALS = [
  'AbortController',
  'AbortSignal',
  'AsyncDisposableStack',
  'Blob',
  'BroadcastChannel',
  'Buffer',
  'CustomEvent',
  'DisposableStack',
  'Event',
  'EventTarget',
  'FormData',
  'Headers',
  'MessageChannel',
  'ReadableStream',
  'Request',
  'Response',
  'TextDecoder',
  'TextEncoder',
  'TransformStream',
  'URL',
  'URLSearchParams',
  'WebSocket',
  'WritableStream',
  'clearImmediate',
  'clearInterval',
  'clearTimeout',
  'console',
  'crypto',
  'fetch',
  'performance',
  'queueMicrotask',
  'setImmediate',
  'setInterval',
  'setTimeout',
  'structuredClone',
  // Test frameworks' globals: their callbacks (suites, hooks, tests) are called like any other.
  'afterAll',
  'afterEach',
  'beforeAll',
  'beforeEach',
  'describe',
  'expect',
  'it',
  'jest',
  'test',
  'vi',
];

/** Every name a program may use without declaring it. */
const KNOWN_GLOBALS = new Set([
  ...Object.getOwnPropertyNames(vm.runInNewContext('globalThis') as object),
  ...STUB_GLOBALS,
  'global',
  'process',
  'require',
  'module',
  'exports',
  '__dirname',
  '__filename',
]);

/** A parsed program: from `parse`, or the `SourceCode` ESLint made of it (espree or TypeScript). */
export type Parsed = Pick<ReturnType<typeof parseForESLint>, 'ast' | 'scopeManager'>;

export function parse(code: string, filename: string): Parsed {
  return parseForESLint(code, {
    filePath: filename,
    sourceType: filename.endsWith('.cjs') ? 'script' : 'module',
    range: true,
  });
}

/** The value names a program reads but declares nowhere (types aside; espree has no types). */
function freeNames({ scopeManager }: Parsed): Set<string> {
  const through = scopeManager?.globalScope?.through ?? [];
  return new Set(
    through.filter((ref) => ref.isValueReference !== false).map((ref) => ref.identifier.name),
  );
}

/** Whether every name the program reads without declaring it is a global the sandbox defines. */
export function selfContained(program: Parsed): boolean {
  return [...freeNames(program)].every((name) => KNOWN_GLOBALS.has(name));
}

const COMPILER_OPTIONS: ts.CompilerOptions = {
  module: ts.ModuleKind.CommonJS,
  target: ts.ScriptTarget.ES2022,
  esModuleInterop: true,
  isolatedModules: true,
  removeComments: true,
};

interface Plan {
  /** Top-level functions, classes and function-valued constants, to call after the module ran. */
  declared: string[];
  /**
   * Names the program reads but does not define, which get stubs: the ones TypeScript only
   * declares (`declare function log(): void`) and the free ones (a generated program may leave
   * out an import). They are the program's environment, the same for every fixed text, so a
   * fix that moves code where such a name is read does not fail; a name a fix moves out of
   * reach was declared by the program, so it gets no stub and fails.
   */
  ambient: string[];
}

/** What of a program to exercise, and what to stub. */
function planOf(program: Parsed): Plan {
  const declared: string[] = [];
  const ambient = [...freeNames(program)].filter((name) => !KNOWN_GLOBALS.has(name));
  for (const top of program.ast.body) {
    const statement =
      (top.type === 'ExportNamedDeclaration' || top.type === 'ExportDefaultDeclaration') &&
      top.declaration
        ? top.declaration
        : top;
    const ambientDeclaration = 'declare' in statement && statement.declare === true;
    const names: string[] = [];
    let callable = false;
    if (
      statement.type === 'FunctionDeclaration' ||
      statement.type === 'ClassDeclaration' ||
      statement.type === 'TSDeclareFunction'
    ) {
      if (statement.id) names.push(statement.id.name);
      callable = statement.type !== 'TSDeclareFunction';
    } else if (statement.type === 'VariableDeclaration') {
      for (const d of statement.declarations) {
        if (d.id.type !== 'Identifier') continue;
        names.push(d.id.name);
        callable = ['ArrowFunctionExpression', 'FunctionExpression', 'ClassExpression'].includes(
          d.init?.type ?? '',
        );
      }
    } else if (
      (statement.type === 'TSEnumDeclaration' || statement.type === 'TSModuleDeclaration') &&
      statement.id.type === 'Identifier'
    ) {
      names.push(statement.id.name);
    }
    if (ambientDeclaration) ambient.push(...names);
    else if (callable) declared.push(...names);
  }
  return { declared: [...new Set(declared)], ambient: [...new Set(ambient)] };
}

/** What one run of a text raised. */
export interface SandboxRun {
  /** `Name: message` of each TypeError and ReferenceError, sorted, each once. */
  errors: string[];
  /** Why the run stopped early (`timeout`, `budget`, `does not compile: …`), else null. */
  cutShort: string | null;
}

interface WorkerProgram extends Plan {
  js: string;
  strict: boolean;
}

interface Connection {
  worker: Worker;
  port: MessagePort;
  flag: Int32Array;
}

let connection: Connection | null = null;

function connect(): Connection {
  if (connection) return connection;
  const signal = new SharedArrayBuffer(4);
  const { port1, port2 } = new MessageChannel();
  const worker = new Worker(new URL('./sandbox-worker.mjs', import.meta.url), {
    workerData: { port: port2, signal, stubGlobals: STUB_GLOBALS, helpers: HELPERS },
    transferList: [port2],
  });
  worker.unref();
  connection = { worker, port: port1, flag: new Int32Array(signal) };
  return connection;
}

/** Stops the worker (each test file's `afterAll`); the next run starts another. */
export async function closeSandbox(): Promise<void> {
  const open = connection;
  connection = null;
  if (open) {
    open.port.close();
    await open.worker.terminate();
  }
}

/** Runs the programs in the worker and waits for its answer (synchronously). */
function runInWorker(programs: WorkerProgram[]): SandboxRun[] {
  const { worker, port, flag } = connect();
  Atomics.store(flag, 0, 0);
  port.postMessage(programs);
  // Each round is bounded in the worker; this notices a worker that died (`threadId` -1) or hung.
  for (let waited = 0; Atomics.wait(flag, 0, 0, 500) === 'timed-out'; waited += 500) {
    if (worker.threadId === -1 || waited > 120_000) {
      void closeSandbox();
      throw new Error(
        worker.threadId === -1
          ? 'the sandbox worker stopped (tests/support/sandbox-worker.mjs threw?)'
          : 'the sandbox worker did not answer in 120 s',
      );
    }
  }
  const reply = receiveMessageOnPort(port)?.message as
    { results: SandboxRun[] } | { error: string } | undefined;
  if (!reply) throw new Error('the sandbox worker answered nothing');
  if ('error' in reply) throw new Error(`the sandbox worker failed: ${reply.error}`);
  return reply.results;
}

/** Puts `__sandbox.loop();` first in every loop body, so that an endless loop spends the budget. */
const countIterations: ts.TransformerFactory<ts.SourceFile> = (context) => {
  const f = context.factory;
  const withTick = (body: ts.Statement): ts.Block => {
    const tick = f.createExpressionStatement(
      f.createCallExpression(
        f.createPropertyAccessExpression(f.createIdentifier('__sandbox'), 'loop'),
        undefined,
        [],
      ),
    );
    return ts.isBlock(body)
      ? f.updateBlock(body, [tick, ...body.statements])
      : f.createBlock([tick, body], true);
  };
  const visit = (node: ts.Node): ts.Node => {
    const n = ts.visitEachChild(node, visit, context);
    if (ts.isWhileStatement(n))
      return f.updateWhileStatement(n, n.expression, withTick(n.statement));
    if (ts.isDoStatement(n)) return f.updateDoStatement(n, withTick(n.statement), n.expression);
    if (ts.isForStatement(n))
      return f.updateForStatement(
        n,
        n.initializer,
        n.condition,
        n.incrementor,
        withTick(n.statement),
      );
    if (ts.isForOfStatement(n))
      return f.updateForOfStatement(
        n,
        n.awaitModifier,
        n.initializer,
        n.expression,
        withTick(n.statement),
      );
    if (ts.isForInStatement(n))
      return f.updateForInStatement(n, n.initializer, n.expression, withTick(n.statement));
    return n;
  };
  return (file) => ts.visitEachChild(file, visit, context);
};

/**
 * The statements of `code` as script code: imports become `require` calls, `export` keywords
 * go, `export default x` assigns `exports.default`. Each then transpiles on its own, so a fixed
 * text re-transpiles only the statements its fix changed (`transpileTexts`).
 */
function scriptStatements(file: ts.SourceFile): string[] {
  const text = (node: ts.Node, from = node.getStart(file)): string =>
    file.text.slice(from, node.end);
  const out: string[] = [];
  for (const statement of file.statements) {
    if (ts.isImportDeclaration(statement)) {
      const module = text(statement.moduleSpecifier);
      const clause = statement.importClause;
      if (!clause) out.push(`require(${module});`);
      else if (!clause.isTypeOnly) {
        if (clause.name) out.push(`const ${clause.name.text} = require(${module}).default;`);
        const bindings = clause.namedBindings;
        if (bindings && ts.isNamespaceImport(bindings))
          out.push(`const ${bindings.name.text} = require(${module});`);
        else if (bindings) {
          const names = bindings.elements
            .filter((e) => !e.isTypeOnly)
            .map((e) => (e.propertyName ? `${text(e.propertyName)}: ${e.name.text}` : e.name.text));
          if (names.length > 0) out.push(`const { ${names.join(', ')} } = require(${module});`);
        }
      }
    } else if (
      ts.isImportEqualsDeclaration(statement) &&
      ts.isExternalModuleReference(statement.moduleReference)
    ) {
      if (!statement.isTypeOnly)
        out.push(
          `const ${statement.name.text} = require(${text(statement.moduleReference.expression)});`,
        );
    } else if (ts.isExportDeclaration(statement)) {
      // `export { a }`, `export * from 'm'`: nothing happens in the module itself.
    } else if (ts.isExportAssignment(statement)) {
      const target = statement.isExportEquals ? 'module.exports' : 'exports.default';
      out.push(`${target} = ${text(statement.expression)};`);
    } else {
      const modifiers =
        (ts.canHaveModifiers(statement) ? ts.getModifiers(statement) : undefined) ?? [];
      const exported = modifiers.filter(
        (m) => m.kind === ts.SyntaxKind.ExportKeyword || m.kind === ts.SyntaxKind.DefaultKeyword,
      );
      if (exported.length === 0) {
        out.push(text(statement));
        continue;
      }
      // Cut the keywords out (decorators before them stay).
      let body = '';
      let from = statement.getStart(file);
      for (const m of exported) {
        body += file.text.slice(from, m.getStart(file));
        from = m.end;
      }
      body += file.text.slice(from, statement.end);
      const anonymousDefault =
        exported.some((m) => m.kind === ts.SyntaxKind.DefaultKeyword) &&
        (ts.isFunctionDeclaration(statement) || ts.isClassDeclaration(statement)) &&
        statement.name === undefined;
      out.push(anonymousDefault ? `exports.default = ${body.trim()};` : body);
    }
  }
  return out;
}

/** Transpiled statements (see `scriptStatements`), by extension and text. */
const statementCache = new Map<string, string>();
const CHUNK_END = '__sandboxChunkEnd__';

function transpileOptions(fileName: string): ts.TranspileOptions {
  return {
    fileName,
    compilerOptions: { ...COMPILER_OPTIONS, noEmitHelpers: true },
    transformers: { before: [countIterations] },
  };
}

/**
 * TypeScript's helpers (`using`, decorators, import interop): globals of every context, as the
 * statements are transpiled with `noEmitHelpers`.
 */
const HELPERS = (() => {
  const sample = [
    `${CHUNK_END}();`,
    "import * as ns from 'a'; import d from 'b'; export * from 'c'; void ns; void d;",
    'declare const dec: any;',
    '@dec class C { @dec m() {} @dec accessor x = 1; }',
    'const D = @dec class { @dec [Symbol.iterator]() {} };',
    'async function f() { using a = null; await using b = null; return import("e"); }',
  ].join('\n');
  const js = ts.transpileModule(sample, {
    fileName: 'helpers.ts',
    compilerOptions: COMPILER_OPTIONS,
  }).outputText;
  // What precedes the first statement, less the module's own prologue (`exports.f = f;`).
  return js
    .slice(0, js.indexOf(CHUNK_END))
    .split('\n')
    .filter((line) => !/^("use strict";|Object\.defineProperty\(exports,|exports\.)/.test(line))
    .join('\n');
})();

/** Each text as JavaScript: its statements transpiled, the ones seen before from the cache. */
function transpileTexts(codes: readonly string[], filename: string): string[] {
  const ext = path.extname(filename) || '.ts';
  const kind = ['.js', '.mjs', '.cjs', '.jsx'].includes(ext) ? ts.ScriptKind.JS : ts.ScriptKind.TS;
  const statements = codes.map((code) =>
    scriptStatements(ts.createSourceFile(`file${ext}`, code, ts.ScriptTarget.Latest, false, kind)),
  );
  const keyOf = (statement: string): string => `${ext}\0${statement}`;
  const fresh = [...new Set(statements.flat().filter((st) => !statementCache.has(keyOf(st))))];
  if (fresh.length > 0) {
    // One transpile for all of them: a marker call after each tells where its output ends.
    const source = fresh.map((st, i) => `${st}\n;${CHUNK_END}(${i});`).join('\n');
    const js = ts.transpileModule(source, transpileOptions(`chunks${ext}`)).outputText;
    const parts = js.split(new RegExp(`^${CHUNK_END}\\(\\d+\\);$`, 'm'));
    if (parts.length !== fresh.length + 1)
      throw new Error(`cannot split the transpiled statements:\n${js}`);
    if (statementCache.size > 20_000) statementCache.clear();
    fresh.forEach((st, i) => statementCache.set(keyOf(st), parts[i].replace(/^\s*;?\s*$/gm, '')));
  }
  return statements.map((sts) => sts.map((st) => statementCache.get(keyOf(st))!).join('\n'));
}

/** Runs of texts already seen (the long fuzz run lints each program with several configs). */
const cache = new Map<string, SandboxRun>();
let textsRun = 0;

/** How many texts the sandbox has run in this process (the cached ones once). */
export const sandboxRuns = (): number => textsRun;

/**
 * Runs each text of `codes` (as `filename`), exercising the callables the program `planFrom`
 * declares (`parsed`, when already parsed) and stubbing the names it leaves free: the same
 * calls, in the same order, and the same stubs for a program and its fixed versions.
 */
export function runInSandbox(
  codes: readonly string[],
  filename: string,
  planFrom: string,
  parsed?: Parsed,
): SandboxRun[] {
  const keyOf = (code: string): string => `${filename}\0${planFrom}\0${code}`;
  const missing = [...new Set(codes.filter((code) => !cache.has(keyOf(code))))];
  if (missing.length > 0) {
    const plan = planOf(parsed ?? parse(planFrom, filename));
    // ES modules are strict; a CommonJS file is strict when it says so.
    const strict = (code: string): boolean =>
      !filename.endsWith('.cjs') || /^\s*(['"])use strict\1/.test(code);
    const js = transpileTexts(missing, filename);
    const runs = runInWorker(
      missing.map((code, i) => ({ js: js[i], strict: strict(code), ...plan })),
    );

    textsRun += runs.length;
    if (cache.size > 2000) cache.clear();
    missing.forEach((code, i) => cache.set(keyOf(code), runs[i]));
  }
  return codes.map((code) => cache.get(keyOf(code))!);
}

/** What one fixed text raised that its program did not. */
export interface RuntimeRegression {
  /** The new `Name: message` errors; empty when none, or when `inconclusive`. */
  added: string[];
  /** Why the new errors cannot be trusted: the program's own run stopped early. */
  inconclusive: string | null;
  before: SandboxRun;
  after: SandboxRun;
}

/**
 * Runs `before` and each of `afters` and compares the sets of TypeErrors and ReferenceErrors:
 * an error an `after` raises that `before` does not is the fix's. When `before` could not run
 * to its end (a loop spent the budget or the time), errors its run never reached may show up
 * after; such a result is `inconclusive`, not a regression.
 */
export function runtimeRegressions(
  before: string,
  afters: readonly string[],
  filename: string,
  parsed?: Parsed,
): RuntimeRegression[] {
  const [base, ...runs] = runInSandbox([before, ...afters], filename, before, parsed);
  const known = new Set(base.errors);
  return runs.map((after) => {
    const added = after.errors.filter((e) => !known.has(e));
    const inconclusive = added.length > 0 && base.cutShort !== null ? base.cutShort : null;
    return { added: inconclusive ? [] : added, inconclusive, before: base, after };
  });
}
