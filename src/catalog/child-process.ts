/**
 * `child_process`: every asynchronous spawn returns a `ChildProcess`. `kill()` is the release
 * the catalog knows; that the exit must also be awaited is `child-process-lifecycle`'s concern.
 * `cross-spawn` (`spawn` with Windows fixes, used by many CLIs) returns the same child.
 */
import type { ExportRef, ResourceEntry } from './types.js';

const childProcess = {
  label: 'child process',
  kind: 'child-process',
  releaseMethods: ['kill'],
  disposable: 'sync',
  typePackage: 'child_process',
  typeNames: ['ChildProcess'],
} as const;

export const CHILD_PROCESS_ENTRIES: readonly ResourceEntry[] = [
  {
    ...childProcess,
    id: 'child_process.spawn',
    acquire: {
      via: 'call',
      from: [
        { module: 'child_process', path: ['spawn'] },
        { module: 'cross-spawn', path: ['default'] },
        { module: 'cross-spawn', path: ['spawn'] },
      ],
    },
  },
  {
    ...childProcess,
    id: 'child_process.exec',
    acquire: { via: 'call', from: [{ module: 'child_process', path: ['exec'] }] },
  },
  {
    ...childProcess,
    id: 'child_process.execFile',
    acquire: { via: 'call', from: [{ module: 'child_process', path: ['execFile'] }] },
  },
  {
    ...childProcess,
    id: 'child_process.fork',
    acquire: { via: 'call', from: [{ module: 'child_process', path: ['fork'] }] },
  },
];

/**
 * How each asynchronous spawner takes its arguments, for finding (and adding) its options
 * object: `spawn(command, args?, options?)`, `exec(command, options?, callback?)`, …
 */
export interface SpawnerShape {
  /** Takes an `args` array before the options. */
  args: boolean;
  /** Takes a last-argument callback that runs when the child has exited. */
  callback: boolean;
}

export const CHILD_PROCESS_SPAWNERS: Readonly<Record<string, SpawnerShape>> = {
  spawn: { args: true, callback: false },
  fork: { args: true, callback: false },
  exec: { args: false, callback: true },
  execFile: { args: true, callback: true },
};

const NODE_SPAWNERS = [
  'spawn',
  'fork',
  'exec',
  'execFile',
  'execSync',
  'execFileSync',
  'spawnSync',
] as const;

/** Which `child_process` function each export is (`cross-spawn`'s default is `spawn`). */
export const SPAWNER_EXPORTS: readonly { ref: ExportRef; spawner: string }[] = [
  ...NODE_SPAWNERS.map((spawner) => ({
    ref: { module: 'child_process', path: [spawner] },
    spawner,
  })),
  { ref: { module: 'cross-spawn', path: ['default'] }, spawner: 'spawn' },
  { ref: { module: 'cross-spawn', path: ['spawn'] }, spawner: 'spawn' },
  { ref: { module: 'cross-spawn', path: ['sync'] }, spawner: 'spawnSync' },
];

/** Spawners that block until the child exits; they take a `timeout` option. */
export const CHILD_PROCESS_SYNC: readonly string[] = ['execSync', 'execFileSync', 'spawnSync'];

/** Spawners whose `util.promisify` form resolves at exit and rejects on failure. */
export const CHILD_PROCESS_PROMISIFIABLE: readonly string[] = ['exec', 'execFile'];

/** Events that say the child has exited (`'close'` also waits for its stdio to end). */
export const CHILD_EXIT_EVENTS: readonly string[] = ['exit', 'close'];

/**
 * The child's output pipes and the event that says one has closed: a pipe closes when the
 * child ends (or closes it itself), so a `child.stdout.on('close', …)` handler that takes the
 * output as the result observes the child's completion.
 */
export const CHILD_OUTPUT_PIPES: readonly string[] = ['stdout', 'stderr'];
export const PIPE_CLOSE_EVENT = 'close';

/** Signals a process cannot catch or ignore: a kill with one needs no escalation. */
export const UNCATCHABLE_SIGNALS: readonly (string | number)[] = ['SIGKILL', 9];

/**
 * Functions that kill a whole process tree given a pid (`tree-kill`, `terminate`, `fkill`,
 * hand-rolled `killTree(pid)`), matched by name.
 */
export const TREE_KILLERS = /^(?:tree-?kill|kill-?tree|kill-?process-?tree|terminate|fkill)$/i;

/** `util.promisify`, which turns `exec`/`execFile` into a promise of the finished child. */
export const PROMISIFY: ExportRef = { module: 'util', path: ['promisify'] };

/** Commands that cannot fail to start for want of a binary: the running Node itself. */
export const ALWAYS_STARTS: readonly string[] = ['process.execPath'];

/** Working directories that surely exist when the child starts. */
export const CWD_ALWAYS_THERE: readonly string[] = ['process.cwd()'];
