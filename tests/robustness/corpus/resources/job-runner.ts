import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';

type Job = { id: string; input: string; output: string };

export class JobRunner {
  #queue: Job[] = [];
  #running = new Map<string, AbortController>();
  #ticker?: NodeJS.Timeout;

  start() {
    this.#ticker = setInterval(() => void this.tick(), 1000);
  }

  async stop() {
    clearInterval(this.#ticker);
    for (const c of this.#running.values()) c.abort();
    this.#running.clear();
  }

  enqueue(job: Job) {
    this.#queue.push(job);
  }

  private async tick() {
    const job = this.#queue.shift();
    if (!job) return;
    const controller = new AbortController();
    this.#running.set(job.id, controller);
    try {
      await this.run(job, controller.signal);
    } finally {
      this.#running.delete(job.id);
    }
  }

  private async run(job: Job, signal: AbortSignal) {
    const child = spawn('ffmpeg', ['-y', '-i', job.input, job.output], { signal });
    child.on('error', () => {});
    const [code] = (await once(child, 'exit')) as [number | null];
    if (code !== 0) await sleep(100, undefined, { signal });
    return code;
  }
}
