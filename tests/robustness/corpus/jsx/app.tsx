import { useEffect, useRef, useState, type ReactNode } from 'react';

type Props<T> = { items: T[]; render: (item: T) => ReactNode; pollMs?: number };

export function Poller<T extends { id: string }>({ items, render, pollMs = 1000 }: Props<T>) {
  const [tick, setTick] = useState(0);
  const ref = useRef<HTMLDivElement | null>(null);
  useEffect(() => {
    const id = setInterval(() => setTick((t) => t + 1), pollMs);
    const controller = new AbortController();
    fetch('/api/items', { signal: controller.signal })
      .then((r) => r.json())
      .catch(() => {});
    return () => {
      clearInterval(id);
      controller.abort();
    };
  }, [pollMs]);
  return (
    <div ref={ref} data-tick={tick}>
      {items.map((item) => (
        <section key={item.id}>{render(item)}</section>
      ))}
    </div>
  );
}

export const Generic = <T,>({ value }: { value: T }) => <pre>{JSON.stringify(value)}</pre>;
