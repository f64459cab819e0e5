// The transcoding worker: a queue of ffmpeg jobs run a few at a time, cancelled on shutdown.
import { execFile, spawn } from 'node:child_process';
import { once } from 'node:events';
import { promisify } from 'node:util';

const execFileAsync = promisify(execFile);

export interface TranscodeJob {
  id: string;
  input: string;
  output: string;
  timeoutMs: number;
}

/** Runs ffmpeg; the child is killed when `signal` aborts or the job times out. */
export async function transcode(job: TranscodeJob, signal: AbortSignal): Promise<void> {
  const ffmpeg = spawn('ffmpeg', ['-y', '-i', job.input, '-c:v', 'libx264', job.output], {
    signal: AbortSignal.any([signal, AbortSignal.timeout(job.timeoutMs)]),
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  ffmpeg.stderr.setEncoding('utf8');
  ffmpeg.stderr.on('data', (chunk: string) => {
    stderr = (stderr + chunk).slice(-4_096);
  });
  // Rejects on 'error' (ffmpeg missing, aborted); resolves once the process has exited.
  const [code] = (await once(ffmpeg, 'close')) as [number | null];
  if (code !== 0) throw new Error(`ffmpeg exited with ${code}: ${stderr}`);
}

/** Reads the duration in seconds, giving ffprobe ten seconds. */
export async function probeDuration(input: string): Promise<number> {
  const { stdout } = await execFileAsync(
    'ffprobe',
    ['-v', 'error', '-show_entries', 'format=duration', '-of', 'csv=p=0', input],
    { signal: AbortSignal.timeout(10_000) },
  );
  return Number.parseFloat(stdout);
}

export async function probeFrames(input: string): Promise<number> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), 10_000); // leak: no-leaked-abort-timer
  const { stdout } = await execFileAsync(
    'ffprobe',
    ['-v', 'error', '-count_frames', '-show_entries', 'stream=nb_read_frames', '-of', 'csv=p=0', input],
    { signal: controller.signal },
  );
  clearTimeout(timer);
  return Number.parseInt(stdout, 10);
}

/** Logs how long each job took; a failed transcode leaves its timer label registered. */
export async function timedTranscode(job: TranscodeJob, signal: AbortSignal): Promise<void> {
  console.time(`job ${job.id}`); // leak: require-paired-calls
  await transcode(job, signal);
  console.timeEnd(`job ${job.id}`);
}

/** Fire and forget: nothing handles 'error' (a missing binary crashes the worker) or waits for exit. */
export function thumbnail(input: string, output: string): void {
  spawn('ffmpeg', ['-y', '-i', input, '-frames:v', '1', output]); // leak: child-process-lifecycle
}

export class JobRunner implements Disposable {
  readonly #queue: TranscodeJob[] = [];
  readonly #shutdown = new AbortController();
  readonly #concurrency: number;
  #poller: NodeJS.Timeout | undefined;
  #active = 0;

  constructor(concurrency = 2) {
    this.#concurrency = concurrency;
  }

  start(): void {
    this.#poller ??= setInterval(() => this.#drain(), 1_000);
  }

  enqueue(job: TranscodeJob): void {
    this.#queue.push(job);
    this.#drain();
  }

  #drain(): void {
    const free = this.#concurrency - this.#active;
    if (free <= 0) return;
    for (const job of this.#queue.splice(0, free)) {
      this.#active += 1;
      this.#run(job)
        .catch((error: unknown) => console.error(`job ${job.id} failed`, error))
        .finally(() => {
          this.#active -= 1;
        });
    }
  }

  async #run(job: TranscodeJob): Promise<void> {
    process.once('SIGTERM', () => this.#shutdown.abort()); // leak: no-leaked-listener
    await transcode(job, this.#shutdown.signal);
  }

  /** Stops polling and cancels the running jobs; safe to call twice. */
  stop(): void {
    clearInterval(this.#poller);
    this.#poller = undefined;
    this.#shutdown.abort();
  }

  [Symbol.dispose](): void {
    this.stop();
  }
}
