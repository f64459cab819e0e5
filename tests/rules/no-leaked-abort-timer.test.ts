import rule from '../../src/rules/no-leaked-abort-timer.js';
import { jsRuleTester, ruleTester } from '../rule-tester.js';

ruleTester.run('no-leaked-abort-timer', rule, {
  valid: [
    // An HTTP proxy with a timeout: the timer is cleared in `finally`, whatever happens.
    `
export async function proxy(url: string, ms: number): Promise<Response> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), ms);
  try {
    return await fetch(url, { signal: controller.signal });
  } finally {
    clearTimeout(timer);
  }
}`,
    // A CLI: the timer is unref'd, so it never holds the process open.
    `
export async function checkForUpdate(): Promise<string | null> {
  const controller = new AbortController();
  setTimeout(() => controller.abort(), 2_000).unref();
  const res = await fetch('https://registry.npmjs.org/my-cli/latest', { signal: controller.signal });
  return res.ok ? ((await res.json()) as { version: string }).version : null;
}`,
    `
export function deadline(work: (signal: AbortSignal) => Promise<void>, ms: number) {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), ms);
  timer.unref();
  return work(controller.signal);
}`,
    // A job runner: the timer lives on the job object and is cleared when the job closes.
    `
export class Job {
  #controller = new AbortController();
  #timer: NodeJS.Timeout | undefined;
  start(ms: number): void {
    this.#timer = setTimeout(() => this.#controller.abort(), ms);
  }
  close(): void {
    clearTimeout(this.#timer);
  }
}`,
    // Cleared when the work settles, either way (settle callback), and when the caller aborts.
    `
export function withDeadline<T>(outer: AbortSignal, work: (signal: AbortSignal) => Promise<T>, ms: number) {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), ms);
  outer.addEventListener('abort', () => clearTimeout(timer), { once: true });
  return work(controller.signal).finally(() => clearTimeout(timer));
}`,
    // A race whose timer is cleared in \`finally\`.
    `
export async function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(\`timed out after \${ms} ms\`)), ms);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}`,
    // A sleep that is not raced, and a plain timer that does not abort anything.
    `
export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
export function later(log: (s: string) => void) {
  setTimeout(() => log('tick'), 1_000);
}`,
    // Field (temporal-sdk): a batching loop that wakes on an event or after a short sleep. The
    // sleep only resolves; a lost one ends on its own a moment later (strict: sleepRaces).
    `
function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
export class Batcher {
  stopped = false;
  wake = { wait: () => new Promise<void>(() => {}) };
  async loop(intervalMs: number): Promise<void> {
    while (!this.stopped) {
      await Promise.race([this.wake.wait(), sleep(intervalMs)]);
    }
  }
}`,
    // Module scope: lives as long as the process.
    `
const shutdown = new AbortController();
setTimeout(() => shutdown.abort(), 60_000);
export const signal = shutdown.signal;`,
    // \`request.abort()\` of an old-style client is not a controller.
    `
import http from 'node:http';
export function ping(host: string) {
  const req = http.get({ host });
  setTimeout(() => req.destroy(), 1_000);
}`,
  ],
  invalid: [
    {
      // The shipped shape: cleared only on the success path. Autofix: one timeout signal.
      code: `
export async function getJson(url: string): Promise<unknown> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), 10_000);
  const res = await fetch(url, { signal: controller.signal });
  clearTimeout(timer);
  return res.json();
}`,
      output: `
export async function getJson(url: string): Promise<unknown> {
  const signal = AbortSignal.timeout(10_000);
  const res = await fetch(url, { signal });
  return res.json();
}`,
      errors: [{ messageId: 'notExceptionSafe', line: 4, column: 17 }],
    },
    {
      // Never kept, never cleared.
      code: `
export async function download(url: string) {
  const ac = new AbortController();
  setTimeout(() => ac.abort(), 30_000);
  const res = await fetch(url, { signal: ac.signal });
  return res.arrayBuffer();
}`,
      output: `
export async function download(url: string) {
  const signal = AbortSignal.timeout(30_000);
  const res = await fetch(url, { signal });
  return res.arrayBuffer();
}`,
      errors: [{ messageId: 'dropped', line: 4, column: 3 }],
    },
    {
      // Linked to the caller's signal: \`AbortSignal.any\`.
      code: `
export async function fetchLinked(url: string, outer: AbortSignal) {
  const controller = new AbortController();
  outer.addEventListener('abort', () => controller.abort());
  const timer = setTimeout(() => controller.abort(), 5_000);
  const res = await fetch(url, { signal: controller.signal });
  clearTimeout(timer);
  return res;
}`,
      output: `
export async function fetchLinked(url: string, outer: AbortSignal) {
  const signal = AbortSignal.any([outer, AbortSignal.timeout(5_000)]);
  const res = await fetch(url, { signal });
  return res;
}`,
      errors: [{ messageId: 'notExceptionSafe', line: 5, column: 17 }],
    },
    {
      // An early return skips the clear; the controller does more than serve its signal, so
      // the fix is a suggestion to clear in \`finally\`.
      code: `
export async function probe(url: string) {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), 1_000);
  const res = await fetch(url, { signal: controller.signal });
  if (!res.ok) return false;
  clearTimeout(timer);
  controller.abort();
  return true;
}`,
      output: null,
      errors: [
        {
          messageId: 'leaks',
          line: 4,
          column: 17,
          suggestions: [
            {
              messageId: 'suggestClearInFinally',
              data: { name: 'timer' },
              output: `
export async function probe(url: string) {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), 1_000);
  try {
    const res = await fetch(url, { signal: controller.signal });
    if (!res.ok) return false;
  } finally {
    clearTimeout(timer);
  }
  controller.abort();
  return true;
}`,
            },
          ],
        },
      ],
    },
    {
      // Code that tells a timeout from an abort by name gets the rewrite as a suggestion only
      // (\`AbortSignal.timeout\` rejects with a TimeoutError).
      code: `
export async function load(url: string) {
  const controller = new AbortController();
  setTimeout(() => controller.abort(), 5_000);
  try {
    return await fetch(url, { signal: controller.signal });
  } catch (error) {
    if ((error as Error).name === 'AbortError') return null;
    throw error;
  }
}`,
      output: null,
      errors: [
        {
          messageId: 'dropped',
          line: 4,
          column: 3,
          suggestions: [
            {
              messageId: 'suggestTimeoutSignal',
              output: `
export async function load(url: string) {
  const signal = AbortSignal.timeout(5_000);
  try {
    return await fetch(url, { signal });
  } catch (error) {
    if ((error as Error).name === 'AbortError') return null;
    throw error;
  }
}`,
            },
          ],
        },
      ],
    },
    {
      // A retry helper racing each attempt against a timer nobody clears.
      code: `
export async function attempt<T>(work: () => Promise<T>, ms: number): Promise<T> {
  return Promise.race([
    work(),
    new Promise<never>((_, reject) => setTimeout(() => reject(new Error('timeout')), ms)),
  ]);
}`,
      output: null,
      errors: [
        {
          messageId: 'raceNotCleared',
          line: 5,
          column: 39,
          suggestions: [
            {
              messageId: 'suggestClearRaceTimer',
              output: `
export async function attempt<T>(work: () => Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  return Promise.race([
    work(),
    new Promise<never>((_, reject) => { timer = setTimeout(() => reject(new Error('timeout')), ms); }),
  ]).finally(() => clearTimeout(timer));
}`,
            },
          ],
        },
      ],
    },
    {
      // Issue 10 item 15: the suggestion's handle takes a name the function does not use.
      name: 'a deadline race awaited into a const, in a function that has a timer of its own',
      code: `
export async function withDeadline(job: Promise<string>, timer: { stop(): void }) {
  const result = await Promise.race([
    job,
    new Promise<string>((_, reject) => {
      setTimeout(reject, 1000, new Error('deadline'));
    }),
  ]);
  timer.stop();
  return result.trim();
}`,
      output: null,
      errors: [
        {
          messageId: 'raceNotCleared',
          line: 6,
          column: 7,
          suggestions: [
            {
              messageId: 'suggestClearRaceTimer',
              output: `
export async function withDeadline(job: Promise<string>, timer: { stop(): void }) {
  let raceTimer: ReturnType<typeof setTimeout> | undefined;
  const result = await Promise.race([
    job,
    new Promise<string>((_, reject) => {
      raceTimer = setTimeout(reject, 1000, new Error('deadline'));
    }),
  ]).finally(() => clearTimeout(raceTimer));
  timer.stop();
  return result.trim();
}`,
            },
          ],
        },
      ],
    },
    {
      // The race timer in a helper, and its handle kept but never read.
      code: `
function timeout(ms: number): Promise<never> {
  return new Promise((_, reject) => {
    setTimeout(reject, ms, new Error('timeout'));
  });
}
export const guarded = (work: Promise<void>) => Promise.race([work, timeout(5_000)]);
export function guardedToo(work: Promise<void>, ms: number) {
  let timer;
  const expired = new Promise((_, reject) => {
    timer = setTimeout(reject, ms);
  });
  return Promise.race([work, expired]);
}`,
      output: null,
      errors: [
        { messageId: 'raceNotCleared', line: 4, column: 5, suggestions: [] },
        {
          messageId: 'raceNotCleared',
          line: 11,
          column: 13,
          suggestions: [
            {
              messageId: 'suggestClearRaceTimer',
              output: `
function timeout(ms: number): Promise<never> {
  return new Promise((_, reject) => {
    setTimeout(reject, ms, new Error('timeout'));
  });
}
export const guarded = (work: Promise<void>) => Promise.race([work, timeout(5_000)]);
export function guardedToo(work: Promise<void>, ms: number) {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const expired = new Promise((_, reject) => {
    timer = setTimeout(reject, ms);
  });
  return Promise.race([work, expired]).finally(() => clearTimeout(timer));
}`,
            },
          ],
        },
      ],
    },
  ],
});

ruleTester.run('no-leaked-abort-timer (sleepRaces)', rule, {
  valid: [],
  invalid: [
    {
      options: [{ sleepRaces: true }],
      code: `
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
export async function waitForDrain(drained: Promise<void>) {
  await Promise.race([drained, sleep(30_000)]);
}`,
      output: null,
      errors: [{ messageId: 'raceNotCleared', line: 2, column: 62, suggestions: [] }],
    },
  ],
});

jsRuleTester.run('no-leaked-abort-timer (JavaScript)', rule, {
  valid: [
    `
export async function get(url) {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), 1000);
  try {
    return await fetch(url, { signal: controller.signal });
  } finally {
    clearTimeout(timer);
  }
}`,
  ],
  invalid: [
    {
      // Issue 10 item 15: in JavaScript the kept handle has no type annotation.
      code: `
export async function probe(check, ms) {
  await Promise.race([check(), new Promise((_, reject) => setTimeout(reject, ms, new Error('probe timed out')))]);
}`,
      output: null,
      errors: [
        {
          messageId: 'raceNotCleared',
          line: 3,
          column: 59,
          suggestions: [
            {
              messageId: 'suggestClearRaceTimer',
              output: `
export async function probe(check, ms) {
  let timer;
  await Promise.race([check(), new Promise((_, reject) => { timer = setTimeout(reject, ms, new Error('probe timed out')); })]).finally(() => clearTimeout(timer));
}`,
            },
          ],
        },
      ],
    },
    {
      code: `
export async function get(url) {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), 1000);
  const res = await fetch(url, { signal: controller.signal });
  clearTimeout(timer);
  return res;
}`,
      output: `
export async function get(url) {
  const signal = AbortSignal.timeout(1000);
  const res = await fetch(url, { signal });
  return res;
}`,
      errors: [{ messageId: 'notExceptionSafe', line: 4, column: 17 }],
    },
  ],
});
