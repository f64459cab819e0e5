import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';

export async function withChild<T>(cmd: string, work: (c: ChildProcess) => Promise<T>): Promise<T> {
  const child = spawn(cmd, { stdio: 'pipe' });
  child.on('error', () => {});
  try {
    return await work(child);
  } finally {
    if (child.exitCode === null) {
      child.kill('SIGTERM');
      await once(child, 'exit');
    }
  }
}
export async function detachedGroup(cmd: string) {
  const child = spawn(cmd, { detached: true });
  child.unref();
  process.kill(-child.pid!, 'SIGKILL');
}
export async function usingChild(cmd: string) {
  using child = spawn(cmd);
  await once(child, 'spawn');
}
