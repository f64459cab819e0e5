import rule from '../../src/rules/child-process-lifecycle.js';
import { jsRuleTester, ruleTester, typedRuleTester } from '../rule-tester.js';

ruleTester.run('child-process-lifecycle', rule, {
  valid: [
    // Field (medusa, CP-1): exec()/execFile() always listen for 'error' themselves (to feed the
    // optional callback), so a missing cwd or an abort never crashes the process — checked on
    // Node 20: exec('sleep 5', { cwd: '/missing', signal }) aborted, and execFile of a missing
    // binary, both without listeners, leave the process running.
    `
import { exec } from 'node:child_process';
export function startDevServer({ directory, controller }: { directory: string; controller?: AbortController }) {
  const dev = exec('npm run dev', { cwd: directory, signal: controller?.signal });
  dev.stdout?.pipe(process.stdout);
  dev.on('exit', (code) => console.log('dev server exited', code));
}`,
    // Field (jest, CP-2): the output is the result and the pipe closes when the child ends, so
    // the stdout 'close' handler observes completion; the exit code is ignored on purpose.
    `
import { spawn } from 'node:child_process';
export function listFiles(root: string, done: (files: string[]) => void): void {
  const finder = spawn('find', [root, '-type', 'f']);
  finder.on('error', () => done([]));
  let text = '';
  finder.stdout.setEncoding('utf8');
  finder.stdout.on('data', (chunk: string) => (text += chunk));
  finder.stdout.once('close', () => done(text.split('\\n').filter(Boolean)));
}`,
    // A CLI at the top level: stdio inherited, the exit code becomes the CLI's.
    `
import { spawn } from 'node:child_process';
const child = spawn('npm', ['run', 'build'], { stdio: 'inherit' });
child.on('exit', (code) => process.exit(code ?? 1));`,
    // The same CLI in a main(): the child is the program, a failed spawn may crash it.
    `
import { spawn } from 'child_process';
function main(argv: string[]) {
  const child = spawn(argv[0], argv.slice(1), { stdio: 'inherit' });
  child.on('exit', (code, signal) => process.exit(signal ? 1 : (code ?? 0)));
}
main(process.argv.slice(2));`,
    // A CLI command handler that hands its exit code straight to the process.
    `
import { spawn } from 'node:child_process';
import { program } from 'commander';
program.command('test').action(() => {
  const vitest = spawn('vitest', ['run'], { stdio: 'inherit' });
  vitest.on('exit', process.exit);
});`,
    // execFile with a callback: it runs at exit, with spawn errors in err.
    `
import { execFile } from 'node:child_process';
export function gitHead(cwd: string, done: (err: Error | null, sha?: string) => void) {
  execFile('git', ['rev-parse', 'HEAD'], { cwd }, (err, stdout) => {
    if (err) return done(err);
    done(null, stdout.trim());
  });
}`,
    // exec with a callback passed by name.
    `
import * as cp from 'node:child_process';
export function openBrowser(url: string, onDone: (err: Error | null) => void) {
  cp.exec(\`xdg-open \${url}\`, onDone);
}`,
    // Synchronous spawners in a build script block nobody else.
    `
import { execSync, spawnSync } from 'node:child_process';
export function build() {
  execSync('tsc -p tsconfig.build.json', { stdio: 'inherit' });
  const result = spawnSync('node', ['scripts/copy-assets.mjs'], { stdio: 'inherit' });
  if (result.status !== 0) throw new Error('copy-assets failed');
}`,
    // The promise wrapper: 'error' rejects, 'close' resolves.
    `
import { spawn } from 'node:child_process';
export function run(cmd: string, args: string[]): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: 'inherit' });
    child.on('error', reject);
    child.on('close', (code) => resolve(code ?? 1));
  });
}`,
    // A wrapper promise around a child spawned outside it, awaited.
    `
import { spawn } from 'node:child_process';
export async function lint(files: string[]) {
  const child = spawn('eslint', files, { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.on('data', (chunk) => (out += chunk));
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', resolve);
  });
  return { code, out };
}`,
    // await once(child, 'exit'): rejects on 'error', resolves at exit.
    `
import { spawn } from 'node:child_process';
import { once } from 'node:events';
export async function compress(path: string) {
  const gzip = spawn('gzip', ['-9', path]);
  const [code] = await once(gzip, 'exit');
  if (code !== 0) throw new Error(\`gzip exited with \${code}\`);
}`,
    // events.once through a namespace import and EventEmitter.once.
    `
import cp from 'node:child_process';
import * as events from 'node:events';
import { EventEmitter } from 'node:events';
export async function both(a: string, b: string) {
  const first = cp.spawn(a);
  await events.once(first, 'close');
  const second = cp.fork(b);
  await EventEmitter.once(second, 'exit');
}`,
    // util.promisify(exec), awaited: rejects on failure, resolves at exit.
    `
import { exec } from 'node:child_process';
import util from 'node:util';
const execAsync = util.promisify(exec);
export async function diskUsage(dir: string) {
  const { stdout } = await execAsync(\`du -sh \${dir}\`);
  return stdout.split('\\t')[0];
}`,
    // Returned: the caller owns it.
    `
import { spawn } from 'node:child_process';
export function startWatcher(dir: string) {
  return spawn('tsc', ['--watch', '-p', dir], { stdio: 'inherit' });
}
export function startServer(port: number) {
  const server = spawn('node', ['server.js'], { env: { ...process.env, PORT: String(port) } });
  server.on('error', (err) => console.error('server failed to start', err));
  return server;
}`,
    // Handed to an owner: a process manager that waits for it.
    `
import { fork } from 'node:child_process';
import { manager } from './process-manager';
export function startWorker(script: string) {
  const worker = fork(script);
  manager.track(worker, 'worker');
}`,
    // A registry that removes the entry when the child exits.
    `
import { spawn, type ChildProcess } from 'node:child_process';
export class Jobs {
  readonly #running = new Map<string, ChildProcess>();
  start(id: string, cmd: string) {
    const child = spawn(cmd, { shell: false });
    child.on('error', (err) => console.error(id, err));
    child.once('exit', () => this.#running.delete(id));
    this.#running.set(id, child);
  }
  async stopAll() {
    await Promise.all([...this.#running.values()].map(async (child) => {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }));
  }
}`,
    // A Set of children cleaned from an awaited exit.
    `
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
const active = new Set<ChildProcess>();
export async function runTracked(cmd: string) {
  const child = spawn(cmd);
  active.add(child);
  try {
    await once(child, 'exit');
  } finally {
    active.delete(child);
  }
}`,
    // Detached and unref'd: a daemon meant to outlive the CLI.
    `
import { spawn } from 'node:child_process';
export function daemonize(script: string) {
  spawn(process.execPath, [script], { detached: true, stdio: 'ignore' }).unref();
}
export function launch(script: string) {
  const child = spawn(process.execPath, [script], { detached: true, stdio: 'ignore' });
  child.on('error', (err) => console.error(err));
  child.unref();
}`,
    // using plus an awaited exit: the dispose only matters on the way out of a failure.
    `
import { spawn } from 'node:child_process';
import { once } from 'node:events';
export async function probe(file: string) {
  using child = spawn('ffprobe', [file]);
  await once(child, 'close');
}`,
    // The ffmpeg job: signal forwarded, exit awaited (rejects on 'error' and on abort).
    `
import { spawn } from 'node:child_process';
import { once } from 'node:events';
export async function transcode(input: string, output: string, signal: AbortSignal) {
  const ffmpeg = spawn('ffmpeg', ['-y', '-i', input, output], { signal, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  ffmpeg.stderr.setEncoding('utf8');
  ffmpeg.stderr.on('data', (chunk: string) => (stderr = (stderr + chunk).slice(-4096)));
  const [code] = await once(ffmpeg, 'close');
  if (code !== 0) throw new Error(\`ffmpeg exited with \${code}: \${stderr}\`);
}`,
    // Cancellation by hand: an abort listener that kills, then the exit awaited.
    `
import { spawn } from 'node:child_process';
import { once } from 'node:events';
export async function render(scene: string, { signal }: { signal: AbortSignal }) {
  const blender = spawn('blender', ['-b', scene, '-a']);
  const onAbort = () => blender.kill('SIGINT');
  signal.addEventListener('abort', onAbort, { once: true });
  try {
    await once(blender, 'exit');
  } finally {
    signal.removeEventListener('abort', onAbort);
  }
}`,
    // Killed in catch when the work around it fails, then rethrown (the seed's pattern).
    `
import { spawn } from 'node:child_process';
import { once } from 'node:events';
export async function startApi(port: number) {
  const api = spawn('node', ['dist/api.js'], { env: { ...process.env, PORT: String(port) } });
  api.on('error', (err) => console.error(err));
  try {
    await waitForPort(port, 10_000);
  } catch (error) {
    api.kill('SIGKILL');
    throw error;
  }
  return api;
}
declare function waitForPort(port: number, ms: number): Promise<void>;`,
    // A wait for exit with a timeout that escalates to SIGKILL.
    `
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
export async function runBounded(cmd: string, ms: number) {
  const child = spawn(cmd);
  const exited = once(child, 'exit');
  const winner = await Promise.race([exited, sleep(ms).then(() => 'timeout' as const)]);
  if (winner === 'timeout') {
    child.kill('SIGKILL');
    await exited;
  }
}`,
    // A timer that kills on timeout while the exit is awaited.
    `
import { spawn } from 'node:child_process';
import { once } from 'node:events';
export async function test(file: string) {
  const child = spawn('node', ['--test', file]);
  const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
  try {
    const [code] = await once(child, 'close');
    return code === 0;
  } finally {
    clearTimeout(timer);
  }
}`,
    // The daemon manager: start waits for readiness and kills on failure; stop waits for
    // exit with a timeout and escalates.
    `
import { fork, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
export class DaemonManager {
  #child: ChildProcess | undefined;
  async start(script: string): Promise<void> {
    const child = fork(script, [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    child.on('error', (err) => console.error('daemon error', err));
    child.on('exit', () => {
      if (this.#child === child) this.#child = undefined;
    });
    try {
      await once(child, 'message', { signal: AbortSignal.timeout(10_000) });
    } catch (error) {
      child.kill('SIGKILL');
      throw error;
    }
    this.#child = child;
  }
  async stop(): Promise<void> {
    const child = this.#child;
    if (!child || child.exitCode !== null) return;
    const exited = once(child, 'exit');
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
    try {
      await exited;
    } finally {
      clearTimeout(timer);
    }
  }
  async [Symbol.asyncDispose]() {
    await this.stop();
  }
}`,
    // A dev server that restarts its child: stop() awaits the old one before a new start.
    `
import { spawn, type ChildProcess } from 'node:child_process';
export class DevServer {
  private child?: ChildProcess;
  private exited?: Promise<void>;
  async restart() {
    await this.stop();
    this.start();
  }
  private start() {
    const child = spawn('node', ['dist/server.js'], { stdio: 'inherit' });
    child.on('error', (err) => console.error('dev server failed', err));
    this.exited = new Promise((resolve) => child.once('exit', () => resolve()));
    this.child = child;
  }
  async stop() {
    if (!this.child) return;
    this.child.kill();
    await this.exited;
    this.child = undefined;
  }
}`,
    // Through a shell, a missing command is exit code 127, not an 'error' event.
    `
import { spawn } from 'node:child_process';
export function docker(args: string[], done: (code: number | null) => void) {
  const cli = spawn('docker', args, { stdio: 'inherit', env: process.env, shell: true });
  cli.on('close', done);
}`,
    // A kill signal named signal is not an AbortSignal.
    `
import { spawn } from 'node:child_process';
import { once } from 'node:events';
export async function runThenStop(cmd: string, signal: NodeJS.Signals = 'SIGTERM') {
  const child = spawn(cmd);
  setTimeout(() => child.kill(signal), 1000);
  await once(child, 'exit');
}`,
    // The signal already reaches the child.
    `
import { exec } from 'node:child_process';
export function sizeOf(dir: string, signal: AbortSignal, cb: (err: Error | null, out?: string) => void) {
  exec(\`du -s \${dir}\`, { signal, timeout: 30_000 }, (err, stdout) => cb(err, stdout));
}`,
    // Options built elsewhere may carry the signal: nothing to tell.
    `
import { spawn, type SpawnOptions } from 'node:child_process';
import { once } from 'node:events';
export async function runWith(cmd: string, options: SpawnOptions, signal?: AbortSignal) {
  const child = spawn(cmd, [], { ...options });
  await once(child, 'close');
  return signal?.aborted;
}`,
    // require, destructured require and a direct require call.
    `
const childProcess = require('child_process');
const { execFile } = require('node:child_process');
async function versions() {
  const node = childProcess.spawn('node', ['-v']);
  node.on('error', console.error);
  node.on('close', (code) => console.log('node', code));
  execFile('npm', ['-v'], (err, out) => console.log(err ?? out));
  const git = require('child_process').spawn('git', ['--version']);
  git.on('error', console.error).on('close', (code) => console.log('git', code));
}`,
    // fork with IPC: message and exit listeners, error handled.
    `
import { fork } from 'node:child_process';
export function startCompiler(onResult: (r: unknown) => void) {
  const compiler = fork('./compiler.js');
  compiler.on('message', onResult);
  compiler.on('error', (err) => console.error(err));
  compiler.on('exit', (code) => console.log('compiler exited', code));
  compiler.send({ type: 'start' });
}`,
    // The promisified form with the caller's signal forwarded.
    `
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
const run = promisify(execFile);
export async function listTags(repo: string, signal: AbortSignal) {
  const { stdout } = await run('git', ['tag', '--list'], { cwd: repo, signal });
  return stdout.split('\\n').filter(Boolean);
}`,
    // Not child_process: a local spawn and another library's exec.
    `
import { exec } from './shell';
function spawn(task: () => void) { setImmediate(task); }
export function schedule() {
  spawn(() => console.log('tick'));
  exec('ls');
}`,
    // Killed when the surrounding loop is aborted, exit awaited per iteration.
    `
import { spawn } from 'node:child_process';
import { once } from 'node:events';
export async function runAll(commands: string[], signal: AbortSignal) {
  for (const cmd of commands) {
    const child = spawn(cmd, { shell: true });
    const stop = () => child.kill();
    signal.addEventListener('abort', stop);
    try {
      await once(child, 'exit');
    } finally {
      signal.removeEventListener('abort', stop);
    }
  }
}`,
    // Output read through the child before its exit: awaits on the child itself.
    `
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { text } from 'node:stream/consumers';
export async function gitLog(cwd: string) {
  const git = spawn('git', ['log', '--oneline'], { cwd });
  const out = await text(git.stdout);
  const [code] = await once(git, 'close');
  if (code !== 0) throw new Error('git log failed');
  return out;
}`,
    // A rollback spawned in catch, after the signal may have aborted: passing the signal
    // would kill it at once.
    `
import { spawn } from 'node:child_process';
import { once } from 'node:events';
export async function deploy(release: string, signal: AbortSignal) {
  try {
    await upload(release, signal);
  } catch (error) {
    const rollback = spawn('./rollback.sh', [release], { stdio: 'inherit' });
    await once(rollback, 'exit');
    throw error;
  }
}
declare function upload(release: string, signal: AbortSignal): Promise<void>;`,
    // Spawned from the abort listener itself: cleanup that must not be aborted.
    `
import { spawn } from 'node:child_process';
export function watchdog(signal: AbortSignal, pidFile: string) {
  signal.addEventListener('abort', () => {
    const cleanup = spawn('rm', ['-f', pidFile]);
    cleanup.on('error', (err) => console.error(err));
    cleanup.on('exit', (code) => console.log('cleanup', code));
  });
}`,
    // A local timeout signal made for a fetch says nothing about the child.
    `
import { spawn } from 'node:child_process';
import { once } from 'node:events';
export async function refresh(url: string) {
  const signal = AbortSignal.timeout(5_000);
  const res = await fetch(url, { signal });
  const child = spawn('update-index', [String(res.status)]);
  await once(child, 'exit');
}`,
    // Handed to a helper that waits for it.
    `
import { spawn } from 'node:child_process';
export async function format(files: string[]) {
  const prettier = spawn('prettier', ['--write', ...files]);
  await waitForExit(prettier);
}
declare function waitForExit(child: unknown): Promise<number>;`,
    // Returned inside an object with its exit promise.
    `
import { spawn } from 'node:child_process';
import { once } from 'node:events';
export function startPreview(dir: string) {
  const child = spawn('vite', ['preview'], { cwd: dir });
  return { child, exited: once(child, 'exit') };
}`,
    // A test suite keeps the server in an outer binding for afterAll.
    `
import { spawn, type ChildProcess } from 'node:child_process';
let server: ChildProcess;
beforeAll(() => {
  server = spawn('node', ['server.js']);
});
afterAll(() => {
  server.kill();
});`,
    // An event chosen at run time may be 'error' or 'exit'.
    `
import { spawn } from 'node:child_process';
export function relay(cmd: string, event: string, emit: (name: string) => void) {
  const child = spawn(cmd);
  child.on(event, () => emit(event));
}`,
    // strict: the whole tree is stopped (detached, group kill).
    {
      code: `
import { spawn } from 'node:child_process';
import { once } from 'node:events';
export async function runScript(script: string, ms: number) {
  const child = spawn('sh', ['-c', script], { detached: true });
  const timer = setTimeout(() => process.kill(-child.pid!, 'SIGKILL'), ms);
  try {
    await once(child, 'exit');
  } finally {
    clearTimeout(timer);
  }
}`,
      options: [{ killTree: true }],
    },
    // strict: a build script may block; a server call with a timeout is bounded.
    {
      code: `
import { execSync } from 'node:child_process';
export function version() {
  return execSync('git describe --tags', { encoding: 'utf8' }).trim();
}`,
      filename: 'scripts/release.ts',
      options: [{ requireSyncTimeout: true }],
    },
    {
      code: `
import express from 'express';
import { execFileSync } from 'node:child_process';
const app = express();
app.get('/version', (req, res) => {
  res.send(execFileSync('git', ['describe', '--tags'], { encoding: 'utf8', timeout: 2_000 }));
});`,
      options: [{ requireSyncTimeout: true }],
    },
    // strict: a test may block on a build step.
    {
      code: `
import { execSync } from 'node:child_process';
import { beforeAll } from 'vitest';
beforeAll(() => {
  execSync('npm run build', { stdio: 'inherit' });
});`,
      filename: 'cli.test.ts',
      options: [{ requireSyncTimeout: true }],
    },
    // Without the option, a blocking call in a handler is left to the reviewer.
    `
import express from 'express';
import { execSync } from 'node:child_process';
const app = express();
app.get('/uptime', (req, res) => {
  res.send(execSync('uptime', { encoding: 'utf8' }));
});`,
    // A kill in a parent's exit handler cannot wait, and need not.
    `
import { spawn, type ChildProcess } from 'node:child_process';
export class Tunnel {
  #proc?: ChildProcess;
  open(port: number) {
    const proc = spawn('ssh', ['-N', '-L', \`\${port}:localhost:\${port}\`, 'bastion']);
    proc.on('error', (err) => console.error(err));
    proc.on('exit', () => (this.#proc = undefined));
    process.once('exit', () => proc.kill());
    this.#proc = proc;
  }
  async close() {
    const proc = this.#proc;
    if (!proc) return;
    proc.kill('SIGKILL');
  }
}`,
    // The signal is checked between steps and the child killed when it aborted.
    `
import { spawn } from 'node:child_process';
import { once } from 'node:events';
export async function batch(files: string[], signal: AbortSignal) {
  const child = spawn('worker', { stdio: ['pipe', 'inherit', 'inherit'] });
  const exited = once(child, 'exit');
  for (const file of files) {
    if (signal.aborted) {
      child.kill();
      break;
    }
    child.stdin.write(file + '\\n');
  }
  child.stdin.end();
  await exited;
}`,
    // Module scope: a process-lifetime helper.
    `
import { fork } from 'node:child_process';
export const worker = fork('./worker.js');
worker.on('error', (err) => console.error(err));`,
    // A script's server leg: killed in finally, escalated to SIGKILL if still running.
    `
import { spawn } from 'node:child_process';
export async function httpLeg(port: number) {
  const server = spawn('tsx', ['server.ts', '--port', String(port)]);
  server.on('error', (err) => console.error(err));
  try {
    return await runClient(port);
  } finally {
    server.kill('SIGTERM');
    await new Promise((resolve) => setTimeout(resolve, 100));
    if (server.exitCode === null && server.signalCode === null) server.kill('SIGKILL');
  }
}
declare function runClient(port: number): Promise<boolean>;`,
    // cross-spawn returns the same child: a transport that closes stdin, waits, escalates.
    `
import spawn from 'cross-spawn';
import type { ChildProcess } from 'node:child_process';
export class StdioClient {
  private proc?: ChildProcess;
  start(command: string, args: string[]) {
    this.proc = spawn(command, args, { stdio: ['pipe', 'pipe', 'inherit'] });
    this.proc.on('error', (err) => console.error(err));
    this.proc.on('close', () => (this.proc = undefined));
  }
  async close() {
    const proc = this.proc;
    if (!proc) return;
    const closed = new Promise<void>((resolve) => proc.once('close', () => resolve()));
    proc.stdin?.end();
    await Promise.race([closed, new Promise((resolve) => setTimeout(resolve, 2_000))]);
    if (proc.exitCode === null) {
      proc.kill('SIGTERM');
      await Promise.race([closed, new Promise((resolve) => setTimeout(resolve, 2_000))]);
    }
    if (proc.exitCode === null) proc.kill('SIGKILL');
  }
}`,
    // kill(0) only asks whether the child is alive; the group kill waits for the exit.
    `
import { spawn, type ChildProcess } from 'node:child_process';
export class TestChild {
  readonly process: ChildProcess;
  readonly exited: Promise<number | null>;
  constructor(command: string, args: string[]) {
    this.process = spawn(command, args, { detached: true });
    this.process.on('error', (err) => console.error(err));
    this.exited = new Promise((resolve) => this.process.on('exit', (code) => resolve(code)));
  }
  async kill() {
    if (!this.process.pid || !this.process.kill(0)) return;
    process.kill(-this.process.pid, 'SIGKILL');
    await this.exited;
  }
}`,
    // A daemon detached from a cancellable tool call: it is meant to outlive the call.
    `
import { spawn } from 'node:child_process';
import { once } from 'node:events';
export async function annotate(pageId: string, signal: AbortSignal) {
  const daemon = spawn(process.execPath, ['dashboard.js', pageId], { detached: true, stdio: 'ignore' });
  daemon.unref();
  const client = spawn(process.execPath, ['dashboard.js', pageId, '--annotate'], { signal });
  client.on('error', (err) => console.error(err));
  const [code] = await once(client, 'exit');
  return code;
}`,
    // fork runs the Node binary itself: without send(), nothing can emit 'error'.
    `
import { fork } from 'node:child_process';
export function startDriver(cli: string, onExit: (code: number | null) => void) {
  const driver = fork(cli, ['run-driver'], { stdio: 'pipe' });
  driver.on('exit', onExit);
  return driver.stdout;
}`,
  ],
  invalid: [
    // Reading stdout's 'data' is not waiting for the end: the caller never learns it finished.
    {
      code: `
import { spawn } from 'node:child_process';
export function tail(file: string, onLine: (line: string) => void): void {
  const reader = spawn('tail', ['-f', file]);
  reader.on('error', () => onLine('tail failed'));
  reader.stdout.on('data', (chunk: Buffer) => onLine(chunk.toString()));
  reader.stderr.on('end', () => onLine('stderr ended'));
}`,
      output: null,
      errors: [{ messageId: 'exitNotObserved', line: 4, column: 18 }],
    },
    {
      // Fire and forget: nothing handles 'error' (a missing binary crashes the worker) or
      // waits for the exit.
      code: `
import { spawn } from 'node:child_process';
export function thumbnail(input: string, output: string): void {
  spawn('ffmpeg', ['-y', '-i', input, '-frames:v', '1', output]);
}`,
      output: null,
      errors: [
        { messageId: 'discardedNoError', line: 4, column: 3 },
        { messageId: 'discardedNoExit', line: 4, column: 3 },
      ],
    },
    {
      // The build runner: the exit code is read, but a missing tsc crashes the runner.
      code: `
import { spawn } from 'node:child_process';
export function buildPackage(dir: string, onDone: (ok: boolean) => void) {
  const tsc = spawn('tsc', ['-p', dir], { stdio: 'inherit' });
  tsc.on('close', (code) => onDone(code === 0));
}`,
      output: null,
      errors: [{ messageId: 'errorNotHandled', line: 4, column: 15 }],
    },
    {
      // The CLI that shells out to the editor and returns without waiting for it.
      code: `
import { spawn } from 'node:child_process';
export function editMessage(file: string) {
  const editor = spawn(process.env.EDITOR ?? 'vi', [file], { stdio: 'inherit' });
  editor.on('error', (err) => console.error('cannot start the editor', err));
}`,
      output: null,
      errors: [{ messageId: 'exitNotObserved', line: 4, column: 18 }],
    },
    {
      // Exit observed on one path only: the early return leaves the child unwatched.
      code: `
import { exec } from 'node:child_process';
export function make(target: string, quiet: boolean) {
  const child = exec(\`make \${target}\`);
  child.on('error', (err) => console.error(err));
  if (quiet) return;
  child.stdout?.pipe(process.stdout);
  child.on('exit', (code) => console.log('make exited', code));
}`,
      output: null,
      errors: [{ messageId: 'exitNotObserved', line: 4, column: 17 }],
    },
    {
      // A stop() that waits for the exit with a timeout and then gives up without killing.
      code: `
import { fork, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
export class Worker {
  #child?: ChildProcess;
  start() {
    const child = fork('worker.js');
    child.on('error', (err) => console.error(err));
    child.on('exit', () => (this.#child = undefined));
    this.#child = child;
  }
  async stop() {
    const child = this.#child;
    if (!child) return;
    child.kill('SIGTERM');
    await Promise.race([once(child, 'exit'), sleep(5_000)]);
  }
}`,
      output: null,
      errors: [
        {
          messageId: 'timeoutWithoutKill',
          line: 17,
          column: 11,
          suggestions: [
            {
              messageId: 'killAfterWait',
              output: `
import { fork, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
export class Worker {
  #child?: ChildProcess;
  start() {
    const child = fork('worker.js');
    child.on('error', (err) => console.error(err));
    child.on('exit', () => (this.#child = undefined));
    this.#child = child;
  }
  async stop() {
    const child = this.#child;
    if (!child) return;
    child.kill('SIGTERM');
    await Promise.race([once(child, 'exit'), sleep(5_000)]);
    child.kill('SIGKILL');
  }
}`,
            },
          ],
        },
      ],
    },
    {
      // A start() whose timeout path throws while the forked daemon keeps running.
      code: `
import { fork, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
export class Daemon {
  #child?: ChildProcess;
  async start() {
    const child = fork('daemon.js');
    child.on('error', (err) => console.error(err));
    child.on('exit', () => (this.#child = undefined));
    const ready = await Promise.race([once(child, 'message'), sleep(10_000).then(() => null)]);
    if (ready === null) throw new Error('daemon did not start within 10s');
    this.#child = child;
  }
  async stop() {
    const child = this.#child;
    if (!child) return;
    child.kill('SIGKILL');
    await once(child, 'exit');
  }
}`,
      output: null,
      errors: [
        {
          messageId: 'notStoppedOnFailure',
          line: 8,
          column: 19,
          suggestions: [
            {
              messageId: 'killOnFailure',
              output: `
import { fork, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
export class Daemon {
  #child?: ChildProcess;
  async start() {
    const child = fork('daemon.js');
    try {
      child.on('error', (err) => console.error(err));
      child.on('exit', () => (this.#child = undefined));
      const ready = await Promise.race([once(child, 'message'), sleep(10_000).then(() => null)]);
      if (ready === null) throw new Error('daemon did not start within 10s');
    } catch (error) {
      child.kill();
      throw error;
    }
    this.#child = child;
  }
  async stop() {
    const child = this.#child;
    if (!child) return;
    child.kill('SIGKILL');
    await once(child, 'exit');
  }
}`,
            },
          ],
        },
      ],
    },
    {
      // A transport close() that sends one signal and neither waits nor escalates.
      code: `
import { spawn, type ChildProcess } from 'node:child_process';
export class StdioTransport {
  #process?: ChildProcess;
  onclose?: () => void;
  constructor(private command: string, private args: string[]) {}
  async start() {
    this.#process = spawn(this.command, this.args, { stdio: ['pipe', 'pipe', 'inherit'] });
    this.#process.on('error', (err) => console.error(err));
    this.#process.on('close', () => this.onclose?.());
  }
  async close() {
    this.#process?.kill();
    this.#process = undefined;
  }
}`,
      output: null,
      errors: [
        {
          messageId: 'killNotAwaited',
          line: 13,
          column: 5,
          suggestions: [
            {
              messageId: 'awaitKilled',
              output: `
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
export class StdioTransport {
  #process?: ChildProcess;
  onclose?: () => void;
  constructor(private command: string, private args: string[]) {}
  async start() {
    this.#process = spawn(this.command, this.args, { stdio: ['pipe', 'pipe', 'inherit'] });
    this.#process.on('error', (err) => console.error(err));
    this.#process.on('close', () => this.onclose?.());
  }
  async close() {
    this.#process?.kill();
    if (this.#process && this.#process.exitCode === null && this.#process.signalCode === null) await once(this.#process, 'exit');
    this.#process = undefined;
  }
}`,
            },
          ],
        },
      ],
    },
    {
      // A batch that starts one child per file and moves on without waiting for it.
      code: `
import { spawn } from 'node:child_process';
export function optimizeAll(files: string[]) {
  for (const file of files) {
    const optimizer = spawn('svgo', [file]);
    optimizer.on('error', (err) => console.error(file, err));
  }
}`,
      output: null,
      errors: [{ messageId: 'exitNotObservedInLoop', line: 5, column: 23 }],
    },
    {
      // `using` alone: the dispose sends SIGTERM and does not wait.
      code: `
import { spawn } from 'node:child_process';
export async function preview(file: string) {
  using viewer = spawn('preview', [file]);
  viewer.on('error', (err) => console.error(err));
  await new Promise((resolve) => setTimeout(resolve, 5_000));
}`,
      output: null,
      errors: [
        {
          messageId: 'usingOnly',
          line: 4,
          column: 18,
          suggestions: [
            {
              messageId: 'stopAtEnd',
              output: `
import { spawn } from 'node:child_process';
import { once } from 'node:events';
export async function preview(file: string) {
  using viewer = spawn('preview', [file]);
  viewer.on('error', (err) => console.error(err));
  await new Promise((resolve) => setTimeout(resolve, 5_000));
  if (viewer.exitCode === null && viewer.signalCode === null) {
    viewer.kill();
    await once(viewer, 'exit');
  }
}`,
            },
          ],
        },
      ],
    },
    {
      // The ffmpeg job ignores the cancellation it is given: autofix adds the signal.
      code: `
import { spawn } from 'node:child_process';
import { once } from 'node:events';
export async function transcode(input: string, output: string, signal: AbortSignal) {
  const ffmpeg = spawn('ffmpeg', ['-y', '-i', input, output], { stdio: 'inherit' });
  const [code] = await once(ffmpeg, 'close');
  if (code !== 0) throw new Error(\`ffmpeg exited with \${code}\`);
}`,
      output: `
import { spawn } from 'node:child_process';
import { once } from 'node:events';
export async function transcode(input: string, output: string, signal: AbortSignal) {
  const ffmpeg = spawn('ffmpeg', ['-y', '-i', input, output], { stdio: 'inherit', signal });
  const [code] = await once(ffmpeg, 'close');
  if (code !== 0) throw new Error(\`ffmpeg exited with \${code}\`);
}`,
      errors: [{ messageId: 'notCancelled', line: 5, column: 18 }],
    },
    {
      // Waiting with the signal stops the wait, not the child; a multi-line options object
      // gets the signal on a line of its own.
      code: `
import { spawn } from 'node:child_process';
import { once } from 'node:events';
export async function encode(job: { input: string }, abortSignal: AbortSignal) {
  const child = spawn('x264', [job.input], {
    cwd: '/tmp',
    stdio: 'ignore'
  });
  await once(child, 'exit', { signal: abortSignal });
}`,
      output: `
import { spawn } from 'node:child_process';
import { once } from 'node:events';
export async function encode(job: { input: string }, abortSignal: AbortSignal) {
  const child = spawn('x264', [job.input], {
    cwd: '/tmp',
    stdio: 'ignore',
    signal: abortSignal
  });
  await once(child, 'exit', { signal: abortSignal });
}`,
      errors: [{ messageId: 'notCancelled', line: 5, column: 17 }],
    },
    {
      // No options yet: one is added after the args. No 'error' handler either, so the fix
      // (which makes an abort emit 'error') is only a suggestion.
      code: `
import { spawn } from 'node:child_process';
export function tail(file: string, signal: AbortSignal, onLine: (line: string) => void) {
  const child = spawn('tail', ['-f', file]);
  child.stdout.on('data', (chunk) => onLine(String(chunk)));
  child.on('close', () => onLine(''));
}`,
      output: null,
      errors: [
        { messageId: 'errorNotHandled', line: 4, column: 17 },
        {
          messageId: 'notCancelled',
          line: 4,
          column: 17,
          suggestions: [
            {
              messageId: 'addSignal',
              output: `
import { spawn } from 'node:child_process';
export function tail(file: string, signal: AbortSignal, onLine: (line: string) => void) {
  const child = spawn('tail', ['-f', file], { signal });
  child.stdout.on('data', (chunk) => onLine(String(chunk)));
  child.on('close', () => onLine(''));
}`,
            },
          ],
        },
      ],
    },
    {
      // A signal destructured from untyped options: a suggestion, not a fix.
      code: `
import { fork } from 'node:child_process';
import { once } from 'node:events';
export async function compile(entry: string, { signal, watch }: CompileOptions) {
  const compiler = fork('./compiler.js', [entry, String(watch)]);
  await once(compiler, 'exit');
}
interface CompileOptions { signal?: Signal; watch: boolean }
type Signal = AbortSignal;`,
      output: null,
      errors: [
        {
          messageId: 'notCancelled',
          line: 5,
          column: 20,
          suggestions: [
            {
              messageId: 'addSignal',
              output: `
import { fork } from 'node:child_process';
import { once } from 'node:events';
export async function compile(entry: string, { signal, watch }: CompileOptions) {
  const compiler = fork('./compiler.js', [entry, String(watch)], { signal });
  await once(compiler, 'exit');
}
interface CompileOptions { signal?: Signal; watch: boolean }
type Signal = AbortSignal;`,
            },
          ],
        },
      ],
    },
    {
      // Callback and promisified forms with a signal in scope: the options go before the
      // callback, or after the args.
      code: `
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
const execFileAsync = promisify(execFile);
export async function release(tag: string, signal: AbortSignal) {
  execFile('git', ['tag', tag], (err) => err && console.error(err));
  const { stdout } = await execFileAsync('git', ['push', 'origin', tag]);
  return stdout;
}`,
      output: `
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
const execFileAsync = promisify(execFile);
export async function release(tag: string, signal: AbortSignal) {
  execFile('git', ['tag', tag], { signal }, (err) => err && console.error(err));
  const { stdout } = await execFileAsync('git', ['push', 'origin', tag], { signal });
  return stdout;
}`,
      errors: [
        { messageId: 'notCancelledCall', line: 6, column: 3 },
        { messageId: 'notCancelledCall', line: 7, column: 28 },
      ],
    },
    {
      // A dropped promise of promisify(exec): a failing command rejects unhandled.
      code: `
const util = require('node:util');
const cp = require('node:child_process');
const exec = util.promisify(cp.exec);
export function cleanTmp(dir: string) {
  exec(\`rm -rf \${dir}/tmp\`);
}`,
      output: null,
      errors: [{ messageId: 'promiseNotHandled', line: 6, column: 3 }],
    },
    {
      // A registry of children that only grows: nothing removes a child that has exited.
      code: `
import { spawn, type ChildProcess } from 'node:child_process';
export class JobRunner {
  readonly #jobs = new Map<string, ChildProcess>();
  run(id: string, cmd: string, args: string[]) {
    const child = spawn(cmd, args);
    child.on('error', (err) => console.error(id, err));
    child.on('exit', (code) => console.log(id, 'exited', code));
    this.#jobs.set(id, child);
  }
  cancel(id: string) {
    this.#jobs.get(id)?.kill();
    this.#jobs.delete(id);
  }
}`,
      output: null,
      errors: [
        {
          messageId: 'registryNotCleaned',
          line: 9,
          column: 5,
          suggestions: [
            {
              messageId: 'deleteOnClose',
              output: `
import { spawn, type ChildProcess } from 'node:child_process';
export class JobRunner {
  readonly #jobs = new Map<string, ChildProcess>();
  run(id: string, cmd: string, args: string[]) {
    const child = spawn(cmd, args);
    child.on('error', (err) => console.error(id, err));
    child.on('exit', (code) => console.log(id, 'exited', code));
    this.#jobs.set(id, child);
    child.once('close', () => {
      if (this.#jobs.get(id) === child) this.#jobs.delete(id);
    });
  }
  cancel(id: string) {
    this.#jobs.get(id)?.kill();
    this.#jobs.delete(id);
  }
}`,
            },
          ],
        },
      ],
    },
    {
      // The timer in the exit promise gives up without killing.
      code: `
import { spawn } from 'node:child_process';
export async function runWithDeadline(cmd: string, ms: number) {
  const child = spawn(cmd, { stdio: 'inherit' });
  child.on('error', (err) => console.error(err));
  const exited = await new Promise<boolean>((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
  return exited;
}`,
      output: null,
      errors: [
        {
          messageId: 'timeoutWithoutKill',
          line: 6,
          column: 24,
          suggestions: [
            {
              messageId: 'killAfterWait',
              output: `
import { spawn } from 'node:child_process';
export async function runWithDeadline(cmd: string, ms: number) {
  const child = spawn(cmd, { stdio: 'inherit' });
  child.on('error', (err) => console.error(err));
  const exited = await new Promise<boolean>((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
  child.kill('SIGKILL');
  return exited;
}`,
            },
          ],
        },
      ],
    },
    {
      // once() with a timeout signal stops waiting, not the child.
      code: `
import { spawn } from 'node:child_process';
import { once } from 'node:events';
export async function check(url: string) {
  const curl = spawn('curl', ['-fsS', url]);
  try {
    await once(curl, 'exit', { signal: AbortSignal.timeout(2_000) });
    return true;
  } catch {
    return false;
  }
}`,
      output: null,
      errors: [{ messageId: 'timeoutWithoutKill', line: 7, column: 11 }],
    },
    {
      // The timeout kills with SIGTERM and settles at once: nothing waits for the exit.
      code: `
import { spawn } from 'node:child_process';
export function runFor(cmd: string, ms: number) {
  const child = spawn(cmd);
  return new Promise<void>((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', () => resolve());
    setTimeout(() => {
      child.kill();
      resolve();
    }, ms);
  });
}`,
      output: null,
      errors: [{ messageId: 'killNotAwaited', line: 9, column: 7 }],
    },
    {
      // The dev server restarts without waiting for the old child: both hold the port.
      code: `
import { spawn, type ChildProcess } from 'node:child_process';
export class DevServer {
  #child?: ChildProcess;
  restart() {
    this.#child?.kill();
    this.#start();
  }
  #start() {
    const child = spawn('node', ['dist/server.js'], { stdio: 'inherit' });
    child.on('error', (err) => console.error(err));
    child.on('exit', (code) => console.log('server exited', code));
    this.#child = child;
  }
}`,
      output: null,
      errors: [{ messageId: 'killNotAwaited', line: 6, column: 5 }],
    },
    {
      // Kept in a private field and never stopped or waited for.
      code: `
import { spawn, type ChildProcess } from 'node:child_process';
export class Indexer {
  #proc?: ChildProcess;
  start(root: string) {
    this.#proc = spawn('ctags', ['-R', root]);
    this.#proc.on('error', (err) => console.error(err));
  }
}`,
      output: null,
      errors: [{ messageId: 'neverStopped', line: 6, column: 18 }],
    },
    {
      // strict: killTree. The shell's children survive child.kill().
      code: `
import { spawn } from 'node:child_process';
import { once } from 'node:events';
export async function runScript(script: string, ms: number) {
  const child = spawn('sh', ['-c', script]);
  const timer = setTimeout(() => child.kill(), ms);
  try {
    await once(child, 'exit');
  } finally {
    clearTimeout(timer);
  }
}`,
      options: [{ killTree: true }],
      output: null,
      errors: [{ messageId: 'treeNotKilled', line: 6, column: 34 }],
    },
    {
      // strict: requireSyncTimeout. A blocking spawn in an Express handler.
      code: `
import express from 'express';
import { execSync } from 'node:child_process';
const app = express();
app.get('/version', (req, res) => {
  res.send(execSync('git describe --tags', { encoding: 'utf8' }));
});`,
      options: [{ requireSyncTimeout: true }],
      output: null,
      errors: [{ messageId: 'syncWithoutTimeout', line: 6, column: 12 }],
    },
    {
      // strict: requireSyncTimeout. Node's own server: its request callback is a handler.
      code: `
import { createServer } from 'node:http';
import { spawnSync } from 'node:child_process';
createServer((req, res) => {
  const probe = spawnSync('ffprobe', ['-v', 'error', String(req.url)], { encoding: 'utf8' });
  res.end(probe.stdout);
}).listen(8080);`,
      options: [{ requireSyncTimeout: true }],
      output: null,
      errors: [{ messageId: 'syncWithoutTimeout', line: 5, column: 17 }],
    },
    {
      // A shell command fired and forgotten: it cannot crash the process, but its result is
      // lost.
      code: `
import { exec } from 'node:child_process';
export function killTree(pid: number) {
  exec(\`taskkill /pid \${pid} /T /F\`);
}`,
      output: null,
      errors: [{ messageId: 'discardedNoExit', line: 4, column: 3 }],
    },
    {
      // cross-spawn: SIGTERM, a bounded wait, and nothing when the wait times out.
      code: `
import spawn from 'cross-spawn';
import type { ChildProcess } from 'node:child_process';
export class StdioClient {
  private proc?: ChildProcess;
  start(command: string, args: string[]) {
    this.proc = spawn(command, args, { stdio: ['pipe', 'pipe', 'inherit'] });
    this.proc.on('error', (err) => console.error(err));
  }
  async close() {
    const proc = this.proc;
    if (!proc) return;
    const closed = new Promise<void>((resolve) => proc.once('close', () => resolve()));
    proc.kill('SIGTERM');
    await Promise.race([closed, new Promise((resolve) => setTimeout(resolve, 2_000))]);
  }
}`,
      output: null,
      errors: [{ messageId: 'timeoutWithoutKill', line: 15, column: 11 }],
    },
    {
      // A forked worker that is sent messages: a send to a dead worker emits 'error'.
      code: `
import { fork } from 'node:child_process';
export function startWorker(script: string, jobs: string[]) {
  const worker = fork(script);
  worker.on('exit', (code) => console.log('worker exited', code));
  for (const job of jobs) worker.send({ job });
}`,
      output: null,
      errors: [{ messageId: 'errorNotHandled', line: 4, column: 18 }],
    },
  ],
});

typedRuleTester.run('child-process-lifecycle (typed)', rule, {
  valid: [
    // The type says it is a POSIX signal, whatever its name.
    `
import { spawn } from 'node:child_process';
import { once } from 'node:events';
type Stop = NodeJS.Signals;
export async function supervise(cmd: string, signal: Stop) {
  const child = spawn(cmd);
  process.once('SIGINT', () => child.kill(signal));
  await once(child, 'exit');
}`,
    // The demo's transcoder: signal forwarded, exit awaited.
    `
import { spawn } from 'node:child_process';
import { once } from 'node:events';
export async function transcode(input: string, output: string, signal: AbortSignal) {
  const ffmpeg = spawn('ffmpeg', ['-y', '-i', input, output], {
    signal: AbortSignal.any([signal, AbortSignal.timeout(60_000)]),
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const [code] = (await once(ffmpeg, 'close')) as [number | null];
  if (code !== 0) throw new Error(\`ffmpeg exited with \${code}\`);
}`,
  ],
  invalid: [
    {
      // Types see through the alias: an AbortSignal, so the fix is safe.
      code: `
import { spawn } from 'node:child_process';
import { once } from 'node:events';
type Cancel = AbortSignal;
export async function render(scene: string, signal: Cancel) {
  const child = spawn('blender', ['-b', scene]);
  await once(child, 'exit');
}`,
      output: `
import { spawn } from 'node:child_process';
import { once } from 'node:events';
type Cancel = AbortSignal;
export async function render(scene: string, signal: Cancel) {
  const child = spawn('blender', ['-b', scene], { signal });
  await once(child, 'exit');
}`,
      errors: [{ messageId: 'notCancelled', line: 6, column: 17 }],
    },
    {
      // Destructured from typed options: the checker proves it an AbortSignal, so it is fixed.
      code: `
import { fork } from 'node:child_process';
import { once } from 'node:events';
type Signal = AbortSignal;
interface CompileOptions { signal?: Signal; watch: boolean }
export async function compile(entry: string, { signal, watch }: CompileOptions) {
  const compiler = fork('./compiler.js', [entry, String(watch)]);
  await once(compiler, 'exit');
}`,
      output: `
import { fork } from 'node:child_process';
import { once } from 'node:events';
type Signal = AbortSignal;
interface CompileOptions { signal?: Signal; watch: boolean }
export async function compile(entry: string, { signal, watch }: CompileOptions) {
  const compiler = fork('./compiler.js', [entry, String(watch)], { signal });
  await once(compiler, 'exit');
}`,
      errors: [{ messageId: 'notCancelled', line: 7, column: 20 }],
    },
    {
      // A request handler that shells out and never handles a failed spawn.
      code: `
import { createServer } from 'node:http';
import { spawn } from 'node:child_process';
createServer((req, res) => {
  const convert = spawn('convert', ['-', 'png:-']);
  req.pipe(convert.stdin);
  convert.stdout.pipe(res);
  convert.on('close', (code) => code !== 0 && res.destroy());
}).listen(8080);`,
      output: null,
      errors: [{ messageId: 'errorNotHandled', line: 5, column: 19 }],
    },
  ],
});

jsRuleTester.run('child-process-lifecycle (JavaScript)', rule, {
  valid: [
    `
const { spawn } = require('node:child_process');
function run(cmd, args, { signal } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: 'inherit', signal });
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(cmd + ' exited with ' + code))));
  });
}
module.exports = { run };`,
    `
const cp = require('child_process');
function stop(child, signal = 'SIGTERM') {
  child.kill(signal);
}
function start(cmd) {
  const child = cp.spawn(cmd);
  child.on('error', console.error);
  child.on('exit', (code) => console.log(cmd, code));
  return child;
}
module.exports = { start, stop };`,
  ],
  invalid: [
    {
      code: `
const { exec } = require('child_process');
function openUrl(url) {
  const child = exec('xdg-open ' + url);
  child.on('error', (err) => console.error(err));
}`,
      output: null,
      errors: [{ messageId: 'exitNotObserved', line: 4, column: 17 }],
    },
    {
      // cross-spawn through require: the same child, and no 'error' listener.
      code: `
const spawn = require('cross-spawn');
function install(cwd) {
  return new Promise((resolve) => {
    const npm = spawn('npm', ['install'], { cwd, stdio: 'inherit' });
    npm.on('close', (code) => resolve(code === 0));
  });
}`,
      output: null,
      errors: [{ messageId: 'errorNotHandled', line: 5, column: 17 }],
    },
    {
      // A plain signal parameter used as an AbortSignal: a suggestion.
      code: `
const { execFile } = require('node:child_process');
function lint(files, signal) {
  if (signal.aborted) return;
  execFile('eslint', ['--cache', ...files], (err) => err && console.error(err));
}`,
      output: null,
      errors: [
        {
          messageId: 'notCancelledCall',
          line: 5,
          column: 3,
          suggestions: [
            {
              messageId: 'addSignal',
              output: `
const { execFile } = require('node:child_process');
function lint(files, signal) {
  if (signal.aborted) return;
  execFile('eslint', ['--cache', ...files], { signal }, (err) => err && console.error(err));
}`,
            },
          ],
        },
      ],
    },
  ],
});

// Issue 10 item 6: children that pass through a function. A same-file wrapper that returns the
// child it spawns hands it to each caller; a child parameter the function kills at the end of
// its body is its to stop on every path (`ownedParameters`, strict).
const owning = [{ ownedParameters: true }] as const;

ruleTester.run('child-process-lifecycle (wrappers and given children)', rule, {
  valid: [
    {
      name: 'a wrapper hands its child on; the caller handles error and waits for close',
      code: `
import { fork } from 'node:child_process';
import { once } from 'node:events';
function startWorker(script: string) {
  return fork(script);
}
export async function runJob(script: string) {
  const worker = startWorker(script);
  worker.on('error', (err) => console.error(err));
  await once(worker, 'close');
}`,
    },
    {
      name: 'a wrapper that observes the exit itself is no wrapper: its callers hold nothing',
      code: `
import { spawn } from 'node:child_process';
function launch(cmd: string) {
  const child = spawn(cmd, { stdio: 'inherit' });
  child.on('error', (err) => console.error(err));
  child.on('exit', (code) => console.log(cmd, 'exited', code));
  return child;
}
export function start(cmd: string) {
  launch(cmd);
}`,
    },
    {
      name: "the caller detaches the wrapper's child, or returns it",
      code: `
import { spawn } from 'node:child_process';
const startDaemon = (cmd: string) => spawn(cmd, { detached: true, stdio: 'ignore' });
export function daemon(cmd: string) {
  const child = startDaemon(cmd);
  child.on('error', () => {});
  child.unref();
}
export function handle(cmd: string) {
  return startDaemon(cmd);
}`,
    },
    {
      name: 'a child killed only in a branch: a borrower giving up on it, not its owner',
      options: owning,
      code: `
export function onTimeout(child, timedOut) {
  if (timedOut) {
    child.kill();
    return true;
  }
  return false;
}`,
    },
    {
      name: 'an early return when the child has exited already, or when it is handed on',
      options: owning,
      code: `
declare function forceKill(child: unknown): void;
export function stop(child, fast) {
  if (child.exitCode !== null) return;
  if (fast) return forceKill(child);
  child.kill();
}`,
    },
    {
      name: 'a borrower that never kills the child it is given',
      options: owning,
      code: `
export function feed(child, input) {
  if (!input) return false;
  child.stdin.write(input);
  return true;
}`,
    },
    {
      name: 'parameters are followed only with ownedParameters (strict)',
      code: `
import type { ChildProcess } from 'node:child_process';
export function stopAfterReply(child: ChildProcess, ok: boolean) {
  if (!ok) return false;
  child.kill();
  return true;
}`,
    },
  ],
  invalid: [
    {
      name: 'a child from a same-file wrapper, not waited for on an early return',
      code: `
import { spawn } from 'node:child_process';
import { once } from 'node:events';

function runTool(args: string[]) {
  return spawn('convert', args);
}

export async function resize(input: string, output: string, skip: boolean) {
  const tool = runTool([input, '-resize', '50%', output]);
  if (skip) return false;
  await once(tool, 'close');
  return true;
}`,
      output: null,
      errors: [
        {
          messageId: 'exitNotObserved',
          line: 10,
          column: 16,
          data: { name: 'tool', source: 'runTool()', line: '10', exitLine: '11' },
          suggestions: [
            {
              messageId: 'awaitExit',
              output: `
import { spawn } from 'node:child_process';
import { once } from 'node:events';

function runTool(args: string[]) {
  return spawn('convert', args);
}

export async function resize(input: string, output: string, skip: boolean) {
  const tool = runTool([input, '-resize', '50%', output]);
  if (skip) { await once(tool, 'close'); return false; }
  await once(tool, 'close');
  return true;
}`,
            },
          ],
        },
      ],
    },
    {
      name: "a wrapper's child dropped by its caller: no 'error' listener, never waited for",
      code: `
import { spawn } from 'node:child_process';
const runTool = (args: string[]) => spawn('convert', args);
export function resizeLater(input: string, output: string) {
  runTool([input, '-resize', '50%', output]);
}`,
      output: null,
      errors: [
        {
          messageId: 'discardedNoError',
          line: 5,
          column: 3,
          data: { source: 'runTool()', line: '5' },
        },
        {
          messageId: 'discardedNoExit',
          line: 5,
          column: 3,
          data: { source: 'runTool()', line: '5' },
        },
      ],
    },
    {
      name: 'a wrapper that pipes the output before returning the child still hands it over',
      code: `
import { spawn } from 'node:child_process';
import { once } from 'node:events';

function startServer(port: number) {
  const server = spawn('node', ['server.js', String(port)]);
  server.stdout.pipe(process.stdout);
  return server;
}

export async function smokeTest(port: number) {
  const server = startServer(port);
  server.on('error', (err) => console.error(err));
  const res = await fetch(\`http://localhost:\${port}/health\`);
  await res.body?.cancel();
  if (!res.ok) return false;
  server.kill();
  await once(server, 'exit');
  return true;
}`,
      output: null,
      errors: [
        {
          messageId: 'exitNotObserved',
          line: 12,
          column: 18,
          data: { name: 'server', source: 'startServer()', line: '12', exitLine: '16' },
          suggestions: [
            {
              messageId: 'awaitExit',
              output: `
import { spawn } from 'node:child_process';
import { once } from 'node:events';

function startServer(port: number) {
  const server = spawn('node', ['server.js', String(port)]);
  server.stdout.pipe(process.stdout);
  return server;
}

export async function smokeTest(port: number) {
  const server = startServer(port);
  server.on('error', (err) => console.error(err));
  const res = await fetch(\`http://localhost:\${port}/health\`);
  await res.body?.cancel();
  if (!res.ok) { if (server.exitCode === null && server.signalCode === null) await once(server, 'exit'); return false; }
  server.kill();
  await once(server, 'exit');
  return true;
}`,
            },
          ],
        },
      ],
    },
    {
      name: 'a child it is given and kills at the end, left running on an early return',
      options: owning,
      code: `
import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';

export async function stopAfterReply(child: ChildProcess, ok: boolean) {
  if (!ok) return false;
  child.stdin?.end('bye\\n');
  child.kill();
  await once(child, 'exit');
  return true;
}`,
      output: null,
      errors: [
        {
          messageId: 'notStoppedGiven',
          line: 5,
          column: 38,
          data: { name: 'child', killLine: '8', exitLine: '6' },
          suggestions: [
            {
              messageId: 'killBefore',
              data: { name: 'child', killLine: '8', exitLine: '6' },
              output: `
import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';

export async function stopAfterReply(child: ChildProcess, ok: boolean) {
  if (!ok) { child.kill(); return false; }
  child.stdin?.end('bye\\n');
  child.kill();
  await once(child, 'exit');
  return true;
}`,
            },
          ],
        },
      ],
    },
  ],
});

jsRuleTester.run('child-process-lifecycle (given children, JavaScript)', rule, {
  valid: [],
  invalid: [
    {
      name: 'untyped: a child killed at the end of the body, left running on an early return',
      options: owning,
      code: `
async function finishRender(renderer, frames) {
  if (frames.length === 0) {
    return null;
  }
  const last = frames[frames.length - 1];
  renderer.kill();
  return last;
}
module.exports = { finishRender };`,
      output: null,
      errors: [
        {
          messageId: 'notStoppedGiven',
          line: 2,
          column: 29,
          data: { name: 'renderer', killLine: '7', exitLine: '4' },
          suggestions: [
            {
              messageId: 'killBefore',
              data: { name: 'renderer', killLine: '7', exitLine: '4' },
              output: `
async function finishRender(renderer, frames) {
  if (frames.length === 0) {
    renderer.kill();
    return null;
  }
  const last = frames[frames.length - 1];
  renderer.kill();
  return last;
}
module.exports = { finishRender };`,
            },
          ],
        },
      ],
    },
  ],
});

typedRuleTester.run('child-process-lifecycle (given children, typed)', rule, {
  valid: [
    {
      name: 'typed: a cluster-like object with kill() that is no ChildProcess',
      options: owning,
      code: `
interface Job { kill(): void; done: boolean }
export function finish(job: Job) {
  if (job.done) return;
  job.kill();
}
export function cancel(job: { kill(): void }, now: boolean) {
  if (!now) return;
  job.kill();
}`,
    },
  ],
  invalid: [
    {
      name: 'typed: a ChildProcess through a local alias, left running on an early return',
      options: owning,
      code: `
import type { ChildProcess } from 'node:child_process';
type Proc = ChildProcess;
export function stopUnlessIdle(proc: Proc, idle: boolean) {
  if (idle) return;
  proc.kill();
}`,
      output: null,
      errors: [
        {
          messageId: 'notStoppedGiven',
          line: 4,
          column: 32,
          data: { name: 'proc', killLine: '6', exitLine: '5' },
          suggestions: [
            {
              messageId: 'killBefore',
              data: { name: 'proc', killLine: '6', exitLine: '5' },
              output: `
import type { ChildProcess } from 'node:child_process';
type Proc = ChildProcess;
export function stopUnlessIdle(proc: Proc, idle: boolean) {
  if (idle) { proc.kill(); return; }
  proc.kill();
}`,
            },
          ],
        },
      ],
    },
  ],
});

ruleTester.run('child-process-lifecycle (suggestions)', rule, {
  valid: [],
  invalid: [
    {
      // An async build that returns early: the child is awaited before each exit (issue 10 item 15).
      code: `
import { spawn } from 'node:child_process';
export async function build(dir: string, fast: boolean) {
  const tsc = spawn('tsc', ['-p', dir], { stdio: 'inherit' });
  tsc.on('error', (err) => console.error(err));
  if (fast) return 'started';
  console.log('building');
}`,
      output: null,
      errors: [
        {
          messageId: 'exitNotObserved',
          line: 4,
          column: 15,
          suggestions: [
            {
              messageId: 'awaitExit',
              output: `
import { spawn } from 'node:child_process';
import { once } from 'node:events';
export async function build(dir: string, fast: boolean) {
  const tsc = spawn('tsc', ['-p', dir], { stdio: 'inherit' });
  tsc.on('error', (err) => console.error(err));
  if (fast) { await once(tsc, 'close'); return 'started'; }
  console.log('building');
  await once(tsc, 'close');
}`,
            },
          ],
        },
      ],
    },
    {
      // An `await` between the spawn and the exit: the wait is guarded, since `once()` after the exit would never settle.
      code: `
import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
export async function build(dir: string) {
  const tsc = spawn('tsc', ['-p', dir], { stdio: 'inherit' });
  tsc.on('error', (err) => console.error(err));
  const config = await readFile(\`\${dir}/tsconfig.json\`, 'utf8');
  return config.length;
}`,
      output: null,
      errors: [
        {
          messageId: 'exitNotObserved',
          line: 5,
          column: 15,
          suggestions: [
            {
              messageId: 'awaitExit',
              output: `
import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { once } from 'node:events';
export async function build(dir: string) {
  const tsc = spawn('tsc', ['-p', dir], { stdio: 'inherit' });
  tsc.on('error', (err) => console.error(err));
  const config = await readFile(\`\${dir}/tsconfig.json\`, 'utf8');
  if (tsc.exitCode === null && tsc.signalCode === null) await once(tsc, 'exit');
  return config.length;
}`,
            },
          ],
        },
      ],
    },
    {
      // An async loop: each child is awaited at the end of its iteration.
      code: `
import { spawn } from 'node:child_process';
export async function optimizeAll(files: string[]) {
  for (const file of files) {
    const optimizer = spawn('svgo', [file]);
    optimizer.on('error', (err) => console.error(file, err));
  }
}`,
      output: null,
      errors: [
        {
          messageId: 'exitNotObservedInLoop',
          line: 5,
          column: 23,
          suggestions: [
            {
              messageId: 'awaitExit',
              output: `
import { spawn } from 'node:child_process';
import { once } from 'node:events';
export async function optimizeAll(files: string[]) {
  for (const file of files) {
    const optimizer = spawn('svgo', [file]);
    optimizer.on('error', (err) => console.error(file, err));
    await once(optimizer, 'close');
  }
}`,
            },
          ],
        },
      ],
    },
    {
      // A dropped child in an async function: awaiting its close also handles 'error'.
      code: `
import { spawn } from 'node:child_process';
export async function thumbnail(input: string, output: string) {
  spawn('ffmpeg', ['-y', '-i', input, '-frames:v', '1', output]);
  console.log('done');
}`,
      output: null,
      errors: [
        {
          messageId: 'discardedNoError',
          line: 4,
          column: 3,
          suggestions: [
            {
              messageId: 'awaitChild',
              output: `
import { spawn } from 'node:child_process';
import { once } from 'node:events';
export async function thumbnail(input: string, output: string) {
  await once(spawn('ffmpeg', ['-y', '-i', input, '-frames:v', '1', output]), 'close');
  console.log('done');
}`,
            },
          ],
        },
        {
          messageId: 'discardedNoExit',
          line: 4,
          column: 3,
          suggestions: [
            {
              messageId: 'awaitChild',
              output: `
import { spawn } from 'node:child_process';
import { once } from 'node:events';
export async function thumbnail(input: string, output: string) {
  await once(spawn('ffmpeg', ['-y', '-i', input, '-frames:v', '1', output]), 'close');
  console.log('done');
}`,
            },
          ],
        },
      ],
    },
    {
      // A dropped promise of a promisified exec in an async function: awaited.
      code: `
const util = require('node:util');
const cp = require('node:child_process');
const exec = util.promisify(cp.exec);
export async function cleanTmp(dir: string) {
  exec(\`rm -rf \${dir}/tmp\`);
}`,
      output: null,
      errors: [
        {
          messageId: 'promiseNotHandled',
          line: 6,
          column: 3,
          suggestions: [
            {
              messageId: 'awaitPromise',
              output: `
const util = require('node:util');
const cp = require('node:child_process');
const exec = util.promisify(cp.exec);
export async function cleanTmp(dir: string) {
  await exec(\`rm -rf \${dir}/tmp\`);
}`,
            },
          ],
        },
      ],
    },
    {
      // In a promise executor a failed spawn rejects the promise.
      code: `
import { spawn } from 'node:child_process';
export function compile(file: string) {
  return new Promise<number>((resolve, reject) => {
    const cc = spawn('cc', [file]);
    cc.on('close', (code) => resolve(code ?? 1));
  });
}`,
      output: null,
      errors: [
        {
          messageId: 'errorNotHandled',
          line: 5,
          column: 16,
          suggestions: [
            {
              messageId: 'rejectOnError',
              output: `
import { spawn } from 'node:child_process';
export function compile(file: string) {
  return new Promise<number>((resolve, reject) => {
    const cc = spawn('cc', [file]);
    cc.on('error', reject);
    cc.on('close', (code) => resolve(code ?? 1));
  });
}`,
            },
          ],
        },
      ],
    },
    {
      // A class with an async release method: the child is stopped and awaited there.
      code: `
import { spawn, type ChildProcess } from 'node:child_process';
export class Indexer {
  #proc?: ChildProcess;
  start(root: string) {
    this.#proc = spawn('ctags', ['-R', root]);
    this.#proc.on('error', (err) => console.error(err));
  }
  async close() {
    console.log('closing');
  }
}`,
      output: null,
      errors: [
        {
          messageId: 'neverStopped',
          line: 6,
          column: 18,
          suggestions: [
            {
              messageId: 'stopInRelease',
              output: `
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
export class Indexer {
  #proc?: ChildProcess;
  start(root: string) {
    this.#proc = spawn('ctags', ['-R', root]);
    this.#proc.on('error', (err) => console.error(err));
  }
  async close() {
    console.log('closing');
    if (this.#proc && this.#proc.exitCode === null && this.#proc.signalCode === null) {
      this.#proc.kill();
      await once(this.#proc, 'exit');
    }
  }
}`,
            },
          ],
        },
      ],
    },
  ],
});
