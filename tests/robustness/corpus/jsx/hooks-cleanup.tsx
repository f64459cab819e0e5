import { useEffect, useState } from 'react';

export function useStream(url: string) {
  const [chunks, setChunks] = useState<string[]>([]);
  useEffect(() => {
    const controller = new AbortController();
    (async () => {
      const res = await fetch(url, { signal: controller.signal });
      if (!res.ok || !res.body) return;
      const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
      try {
        for (;;) {
          const { done, value } = await reader.read();
          if (done) break;
          setChunks((c) => [...c, value]);
        }
      } finally {
        reader.releaseLock();
      }
    })().catch(() => {});
    return () => controller.abort();
  }, [url]);
  return chunks;
}
