import { trace } from '@opentelemetry/api';
import { Mutex } from 'async-mutex';

const tracer = trace.getTracer('svc');
const mutex = new Mutex();

export async function traced(work: () => Promise<void>) {
  const span = tracer.startSpan('work');
  await work();
  span.end();
}
export async function tracedSafe(work: () => Promise<void>) {
  const span = tracer.startSpan('work');
  try {
    await work();
  } finally {
    span.end();
  }
}
export async function locked(work: () => Promise<void>) {
  const release = await mutex.acquire();
  try {
    await work();
  } finally {
    release();
  }
}
export function timed(work: () => void) {
  console.time('work');
  work();
  console.timeEnd('work');
}
