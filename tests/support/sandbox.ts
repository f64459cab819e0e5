/**
 * Runs a program and its fixed versions in a sandbox and reports the TypeErrors and
 * ReferenceErrors a fix adds (issue 17, build 2): a fix that moves a declaration past its use
 * ("Cannot access 'p' before initialization") or out of the scope of an earlier caller
 * ("log is not defined") parses and may even type-check in JavaScript, but breaks at run time.
 *
 * Each text is transpiled to CommonJS (`ts.transpileModule`, ES2022: `using` becomes
 * TypeScript's helpers) and run in a fresh `node:vm` context in a worker thread
 * (./sandbox-worker.mjs): its top-level code, then every function, class (constructed) and
 * method it declares at the top level, called with stub arguments, then every callback it
 * handed to a stub (listeners, timers, test bodies). Modules, the process, timers, `fetch` and
 * the other host globals are inert stubs, so nothing real is opened, spawned, sent or scheduled.
 *
 * Only self-contained programs mean anything here: ones whose free names are all globals the
 * sandbox defines (`selfContained`), or the fuzzer's generated programs, which are written so.
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

/** Whether every free name of `code` is a global the sandbox defines (types aside). */
export function selfContained(code: string, filename: string): boolean {
  const { scopeManager } = parseForESLint(code, {
    filePath: filename,
    sourceType: filename.endsWith('.cjs') ? 'script' : 'module',
    range: true,
  });
  const through = scopeManager?.globalScope?.through ?? [];
  return through.every((ref) => !ref.isValueReference || KNOWN_GLOBALS.has(ref.identifier.name));
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
  /** Names TypeScript only declares (`declare function log(): void`): stubs at run time. */
  ambient: string[];
}

const hasModifier = (node: ts.Node, kind: ts.SyntaxKind): boolean =>
  ts.canHaveModifiers(node) && (ts.getModifiers(node) ?? []).some((m) => m.kind === kind);

/** What of `code` to exercise and to stub. */
function planOf(code: string, filename: string): Plan {
  const file = ts.createSourceFile(filename, code, ts.ScriptTarget.Latest, false);
  const declared: string[] = [];
  const ambient: string[] = [];
  for (const statement of file.statements) {
    const names: string[] = [];
    let callable = false;
    if (ts.isFunctionDeclaration(statement) || ts.isClassDeclaration(statement)) {
      if (statement.name) names.push(statement.name.text);
      callable = ts.isClassDeclaration(statement) || statement.body !== undefined;
    } else if (ts.isVariableStatement(statement)) {
      for (const d of statement.declarationList.declarations) {
        if (!ts.isIdentifier(d.name)) continue;
        names.push(d.name.text);
        const init = d.initializer;
        callable =
          init !== undefined &&
          (ts.isArrowFunction(init) || ts.isFunctionExpression(init) || ts.isClassExpression(init));
      }
    } else if (ts.isEnumDeclaration(statement) || ts.isModuleDeclaration(statement)) {
      if (ts.isIdentifier(statement.name)) names.push(statement.name.text);
    }
    if (hasModifier(statement, ts.SyntaxKind.DeclareKeyword)) ambient.push(...names);
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
    workerData: { port: port2, signal, stubGlobals: STUB_GLOBALS },
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
  // Each step is bounded in the worker; this notices a worker that died (`threadId` -1) or hung.
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

function transpile(code: string, filename: string, plan: Plan): WorkerProgram {
  const js = ts.transpileModule(code, {
    fileName: path.basename(filename),
    compilerOptions: COMPILER_OPTIONS,
    transformers: { before: [countIterations] },
  }).outputText;
  // ES modules are strict; a CommonJS file is strict when it says so.
  const strict = !filename.endsWith('.cjs') || /^\s*(['"])use strict\1/.test(js);
  return { js, strict, ...plan };
}

/** Runs of texts already seen (the long fuzz run lints each program with several configs). */
const cache = new Map<string, SandboxRun>();
let textsRun = 0;

/** How many texts the sandbox has run in this process (the cached ones once). */
export const sandboxRuns = (): number => textsRun;

/**
 * Runs each text of `codes` (as `filename`), exercising the callables `planFrom` declares:
 * the same calls, in the same order, for a program and its fixed versions.
 */
export function runInSandbox(
  codes: readonly string[],
  filename: string,
  planFrom: string,
): SandboxRun[] {
  const keyOf = (code: string): string => `${filename}\0${planFrom}\0${code}`;
  const missing = [...new Set(codes.filter((code) => !cache.has(keyOf(code))))];
  if (missing.length > 0) {
    const plan = planOf(planFrom, filename);
    const runs = runInWorker(missing.map((code) => transpile(code, filename, plan)));
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
): RuntimeRegression[] {
  const [base, ...runs] = runInSandbox([before, ...afters], filename, before);
  const known = new Set(base.errors);
  return runs.map((after) => {
    const added = after.errors.filter((e) => !known.has(e));
    const inconclusive = added.length > 0 && base.cutShort !== null ? base.cutShort : null;
    return { added: inconclusive ? [] : added, inconclusive, before: base, after };
  });
}
