import { useEffect, useState } from 'react';
export function WorkerSum({ values }: { values: number[] }) {
  const [sum, setSum] = useState<number | null>(null);
  useEffect(() => {
    const worker = new Worker(new URL('./sum-worker.js', import.meta.url));
    worker.onmessage = (e: MessageEvent<number>) => setSum(e.data);
    worker.postMessage(values);
    return () => worker.terminate();
  }, [values]);
  return <span>{sum ?? '…'}</span>;
}
