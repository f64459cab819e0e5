import { Session } from 'node:inspector';
import { monitorEventLoopDelay, PerformanceObserver } from 'node:perf_hooks';

export function profile() {
  const session = new Session();
  session.connect();
  session.post('Profiler.enable');
  return () => session.disconnect();
}
export function monitor() {
  const h = monitorEventLoopDelay({ resolution: 20 });
  h.enable();
  const obs = new PerformanceObserver(() => {});
  obs.observe({ entryTypes: ['measure'] });
  return () => {
    h.disable();
    obs.disconnect();
  };
}
