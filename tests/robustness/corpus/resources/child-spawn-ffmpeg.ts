import { spawn } from 'node:child_process';

export function transcode(input: string, output: string, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn('ffmpeg', ['-i', input, output], { signal, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(stderr))));
  });
}
export function fireAndForget(input: string) {
  spawn('ffmpeg', ['-i', input, 'out.mp4']);
}
export function noErrorHandler(input: string) {
  const child = spawn('ffmpeg', ['-i', input]);
  child.on('exit', (code) => console.log(code));
}
