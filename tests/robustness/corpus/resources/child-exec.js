import { exec, execFile, execSync, execFileSync, fork } from 'node:child_process';
import { promisify } from 'node:util';

const execAsync = promisify(exec);
export async function gitSha() {
  const { stdout } = await execAsync('git rev-parse HEAD');
  return stdout.trim();
}
export function callbackStyle(cb) {
  execFile('ls', ['-la'], (err, stdout) => cb(err, stdout));
}
export function syncInServer(req, res) {
  const out = execSync(`du -sh ${req.query.dir}`);
  res.end(out);
}
export function syncWithTimeout() {
  return execFileSync('uname', ['-a'], { timeout: 1000 }).toString();
}
export function worker(path) {
  const child = fork(path, [], { serialization: 'advanced' });
  child.send({ hello: 'world' });
  child.on('message', () => child.disconnect());
  return child;
}
