import { Worker, MessageChannel, isMainThread, parentPort } from 'node:worker_threads';
import { once } from 'node:events';

export async function compute(data: number[]) {
  const worker = new Worker(new URL('./worker.js', import.meta.url), { workerData: data });
  try {
    const [result] = await once(worker, 'message');
    return result as number;
  } finally {
    await worker.terminate();
  }
}
export function leakyWorker(file: string) {
  const worker = new Worker(file);
  worker.postMessage('go');
}
export function channel() {
  const { port1, port2 } = new MessageChannel();
  port1.on('message', () => port1.close());
  port2.postMessage('x');
  port2.close();
}
if (!isMainThread) parentPort?.on('message', (m) => parentPort?.postMessage(m));
