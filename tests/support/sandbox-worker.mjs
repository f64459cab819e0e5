// The worker side of tests/support/sandbox.ts: runs programs (already transpiled to CommonJS) in
// fresh `node:vm` contexts and answers with the TypeErrors and ReferenceErrors they raised.
//
// A worker thread rather than the test's own: a program's floating promise that rejects would
// otherwise become the test process's unhandled rejection (which fails the whole vitest run);
// here it is one more error to record. The test thread waits for each answer (Atomics.wait), so
// the checks stay synchronous.
//
// Nothing real happens in a context: every module, the process, timers, `fetch` and the other
// host globals are inert stubs (`installRuntime`), so no file, process, socket or timer is
// touched, and each run is bounded: a budget of stub operations and loop iterations per task,
// and a vm timeout per round.
import vm from 'node:vm';
import { workerData } from 'node:worker_threads';

/** Wall-clock bound of one round (see `round`), its microtasks included. */
const ROUND_TIMEOUT_MS = 1000;
/** Rounds of one run, and rounds that may time out before the run is given up. */
const MAX_ROUNDS = 20;
const MAX_TIMEOUTS = 2;

/**
 * Runs INSIDE each context (its source is evaluated there), so every object it makes, the stubs
 * included, belongs to the sandbox's realm. Defines the host globals and `globalThis.__sandbox`,
 * the driver the worker calls round by round. Strict: the script that calls it says so.
 */
function installRuntime({ stubGlobals, ambient, budget, maxCallbacks }) {
  // Node 20's V8 has no `Symbol.dispose`/`Symbol.asyncDispose` in a new context; TypeScript's
  // `using` helpers need them.
  for (const name of ['dispose', 'asyncDispose']) {
    if (typeof Symbol[name] !== 'symbol') {
      Object.defineProperty(Symbol, name, { value: Symbol(`Symbol.${name}`) });
    }
  }

  /** Thrown when a task spent its budget, or by `process.exit()`: never recorded. */
  const CUT = Object.freeze({ sandbox: 'budget spent' });
  const EXIT = Object.freeze({ sandbox: 'process.exit' });
  const errors = new Set();
  const tasks = [];
  const callbacks = [];
  let callbacksRun = 0;
  /** Stub operations and loop iterations: `limit` per task, and per task of a round after it. */
  let operations = 0;
  let limit = budget;
  let cutShort = null;
  /** Stub proxies, to their targets. */
  const targets = new WeakMap();

  function spend() {
    operations += 1;
    if (operations > limit) {
      cutShort ??= 'budget';
      throw CUT;
    }
  }

  /** Keeps a TypeError or ReferenceError as `Name: message` (the errors inside wrappers too). */
  function record(error, depth = 0) {
    if (depth > 4 || error === null || error === CUT || error === EXIT) return;
    if (typeof error !== 'object' || targets.has(error)) return;
    const { name, message } = error;
    if (name === 'SuppressedError') {
      record(error.error, depth + 1);
      record(error.suppressed, depth + 1);
    } else if (name === 'AggregateError' && Array.isArray(error.errors)) {
      for (const inner of error.errors) record(inner, depth + 1);
    } else if ((name === 'TypeError' || name === 'ReferenceError') && typeof message === 'string') {
      errors.add(`${name}: ${message}`);
    }
  }

  function fail(error) {
    if (error === CUT) cutShort ??= 'budget';
    record(error);
  }

  /** Functions handed to a stub are called later, once each; errors handed to one are kept. */
  function take(args) {
    for (const arg of args) {
      if (typeof arg === 'function' && !targets.has(arg)) {
        if (callbacks.length + callbacksRun < maxCallbacks) callbacks.push(arg);
      } else record(arg);
    }
  }

  const SYMBOL_MEMBERS = {
    [Symbol.toPrimitive]: (hint) => (hint === 'number' ? 0 : ''),
    [Symbol.iterator]: function* () {},
    [Symbol.asyncIterator]: async function* () {},
    [Symbol.dispose]: () => undefined,
    [Symbol.asyncDispose]: async () => undefined,
    [Symbol.toStringTag]: 'Stub',
  };

  /**
   * An inert stand-in for anything from outside the program: every property is another stub
   * (the same one each time), calling or constructing one gives a new stub, it iterates as
   * empty, converts to `''`/`0`, and is disposable. It has no `then`: a stub that answered
   * `then` would make every `await` of it wait forever. `overrides` fixes some members.
   */
  function stub(overrides = null) {
    const children = new Map();
    const target = function () {};
    const proxy = new Proxy(target, {
      get(t, key, receiver) {
        if (overrides !== null && Object.hasOwn(overrides, key)) return overrides[key];
        if (key in t) return Reflect.get(t, key, receiver);
        if (key === 'then') return undefined;
        spend();
        if (typeof key === 'symbol') return SYMBOL_MEMBERS[key];
        let child = children.get(key);
        if (child === undefined) {
          child = stub();
          children.set(key, child);
        }
        return child;
      },
      apply(_t, _this, args) {
        spend();
        take(args);
        return stub();
      },
      construct(_t, args, newTarget) {
        spend();
        take(args);
        const made = stub();
        // `class X extends Stub`: the instance has X's methods.
        if (newTarget !== proxy) Object.setPrototypeOf(targets.get(made), newTarget.prototype);
        return made;
      },
    });
    targets.set(proxy, target);
    return proxy;
  }

  const modules = new Map();
  function require(name) {
    let module = modules.get(name);
    if (module === undefined) {
      module = stub();
      modules.set(name, module);
    }
    return module;
  }

  for (const name of [...stubGlobals, ...ambient]) globalThis[name] = stub();
  globalThis.global = globalThis;
  globalThis.require = require;
  globalThis.process = stub({
    exit() {
      throw EXIT;
    },
    env: {},
    argv: [],
    platform: 'linux',
  });
  // The same draws in every run, so `Math.random() > 0.5` takes the same branch before and after.
  let seed = 20261202;
  Math.random = () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };

  const stubArgs = (fn) => Array.from({ length: Math.max(fn.length, 6) }, () => stub());
  const isClass = (value) =>
    typeof value === 'function' && /^class\b/.test(Function.prototype.toString.call(value));

  /** Waits for what a call returned: its rejection is recorded, a generator is stepped. */
  function settle(value) {
    if (value instanceof Promise) {
      value.then(undefined, fail);
      return;
    }
    if (value === null || typeof value !== 'object' || targets.has(value)) return;
    const tag = Object.prototype.toString.call(value);
    if (tag === '[object Generator]') {
      for (let i = 0; i < 8 && !value.next().done; i++);
    } else if (tag === '[object AsyncGenerator]') {
      const drive = async () => {
        for (let i = 0; i < 8 && !(await value.next()).done; i++);
      };
      drive().then(undefined, fail);
    }
  }

  function call(fn, thisArg) {
    settle(Reflect.apply(fn, thisArg, stubArgs(fn)));
  }

  /** The tasks that exercise one declared value: a function is called, a class built and used. */
  function exercise(value) {
    if (isClass(value)) {
      let instance;
      try {
        instance = Reflect.construct(value, stubArgs(value));
      } finally {
        // A constructor that throws (recorded by the round) still leaves its methods to call.
        if (instance === undefined) {
          instance = stub();
          Object.setPrototypeOf(targets.get(instance), value.prototype);
        }
        tasks.unshift(...methodTasks(value.prototype, instance), ...methodTasks(value, value));
      }
    } else if (typeof value === 'function' && !targets.has(value)) {
      call(value, undefined);
    }
  }

  function methodTasks(holder, thisArg) {
    const keys = Reflect.ownKeys(holder).filter(
      (key) => !['constructor', 'prototype', 'length', 'name'].includes(key),
    );
    // Disposal last, as `using` would.
    const last = [Symbol.dispose, Symbol.asyncDispose];
    keys.sort((a, b) => Number(last.includes(a)) - Number(last.includes(b)));
    const out = [];
    for (const key of keys) {
      const method = Object.getOwnPropertyDescriptor(holder, key)?.value;
      if (typeof method === 'function' && !isClass(method)) out.push(() => call(method, thisArg));
    }
    return out;
  }

  globalThis.__sandbox = {
    /** The program, as a CommonJS module function; `declared` gives its callables by name. */
    load(moduleFunction) {
      const module = { exports: {} };
      tasks.push(() =>
        settle(moduleFunction.call(module.exports, module.exports, require, module, '/file', '/')),
      );
    },
    declare(getters) {
      for (const get of Object.values(getters)) tasks.push(() => exercise(get()));
    },
    /**
     * Runs every task, then every callback handed to a stub (those it hands on too, up to
     * `maxCallbacks`), each with its own budget; the number run. The microtasks they leave (what
     * follows an `await`) run after the round, before the worker's next call, with a budget of
     * one task's per task run.
     */
    round() {
      let ran = 0;
      for (;;) {
        let task = tasks.shift();
        if (task === undefined && callbacks.length > 0) {
          const callback = callbacks.shift();
          callbacksRun += 1;
          task = () => call(callback, stub());
        }
        if (task === undefined) break;
        ran += 1;
        operations = 0;
        limit = budget;
        try {
          task();
        } catch (error) {
          fail(error);
        }
      }
      operations = 0;
      limit = budget * Math.max(1, ran);
      return ran;
    },
    /** Called on every loop iteration (sandbox.ts adds the call): endless loops spend it. */
    loop: spend,
    /** What the run raised, with the unhandled rejections the worker saw for this context. */
    report(rejected) {
      for (const reason of rejected) fail(reason);
      return JSON.stringify({ errors: [...errors].sort(), cutShort });
    },
  };
}

const { port, signal, stubGlobals, helpers } = workerData;
const flag = new Int32Array(signal);

/** Unhandled rejections since the last run: from its context, as runs do not overlap. */
const rejected = [];
process.on('unhandledRejection', (reason) => rejected.push(reason));

const tick = () => new Promise((resolve) => setImmediate(resolve));
// Compiled once: every context runs the same code.
const runtimeScript = new vm.Script(
  `'use strict';\n(${installRuntime.toString()})(globalThis.__sandboxOptions);`,
);
// TypeScript's helpers (`__addDisposableResource` …), which the transpiled programs call.
const helpersScript = new vm.Script(helpers);
const roundScript = new vm.Script('__sandbox.round()');
const reportScript = new vm.Script('__sandbox.report(__rejected)');

/**
 * One program: `js` is its statements as script code (imports made `require` calls);
 * `declared` are the top-level functions and classes to exercise after the module ran;
 * `ambient` the names the program reads but does not define (`declare function log()`, a
 * missing import), which get stubs. `strict` says whether the module code is strict.
 */
async function run({ js, declared, ambient, strict }) {
  const context = vm.createContext(
    {},
    { microtaskMode: 'afterEvaluate', codeGeneration: { strings: false, wasm: false } },
  );
  context.__sandboxOptions = { stubGlobals, ambient, budget: 2_000, maxCallbacks: 100 };
  // Only the rounds run the program's code and need a timeout (a watchdog thread per call).
  runtimeScript.runInContext(context);
  helpersScript.runInContext(context);
  const getters = declared.map((name) => `${JSON.stringify(name)}: () => ${name}`).join(', ');
  const source = [
    '__sandbox.load(async function (exports, require, module, __filename, __dirname) {',
    ...(strict ? ["'use strict';"] : []),
    `__sandbox.declare({ ${getters} });`,
    js,
    '});',
  ].join('\n');
  try {
    vm.runInContext(source, context);
  } catch (error) {
    return { errors: [], cutShort: `does not compile: ${String(error)}` };
  }
  let timeouts = 0;
  let cutShort = null;
  for (let rounds = 0; rounds < MAX_ROUNDS && timeouts < MAX_TIMEOUTS; rounds++) {
    let ran;
    try {
      ran = roundScript.runInContext(context, { timeout: ROUND_TIMEOUT_MS });
    } catch (error) {
      if (error?.code !== 'ERR_SCRIPT_EXECUTION_TIMEOUT') throw error;
      // The task that timed out is gone; the round's others run in the next.
      timeouts += 1;
      cutShort = 'timeout';
      continue;
    }
    if (ran === 0) break;
  }
  // Let Node report the promises of this context that rejected with no handler.
  await tick();
  context.__rejected = rejected.splice(0);
  const report = JSON.parse(reportScript.runInContext(context));
  return { errors: report.errors, cutShort: cutShort ?? report.cutShort };
}

port.on('message', async (programs) => {
  let reply;
  try {
    const results = [];
    for (const program of programs) results.push(await run(program));
    reply = { results };
  } catch (error) {
    reply = { error: error?.stack ?? String(error) };
  }
  port.postMessage(reply);
  Atomics.store(flag, 0, 1);
  Atomics.notify(flag, 0);
});
