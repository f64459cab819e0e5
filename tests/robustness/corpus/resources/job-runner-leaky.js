import { spawn } from 'node:child_process';

export function runAll(jobs, onDone) {
  for (const job of jobs) {
    const timer = setTimeout(() => child.kill(), 60_000);
    const child = spawn('ffmpeg', ['-i', job.input, job.output]);
    child.on('exit', (code) => {
      onDone(job, code);
    });
    if (job.skip) continue;
    child.on('close', () => clearTimeout(timer));
  }
}
export function everySecond(work) {
  const handle = setInterval(work, 1000);
  if (!work) return;
  return handle;
}
