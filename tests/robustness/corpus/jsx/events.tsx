import { useEffect } from 'react';

export function WindowSize({ onResize }: { onResize: (w: number) => void }) {
  useEffect(() => {
    const handler = () => onResize(window.innerWidth);
    window.addEventListener('resize', handler, { passive: true });
    return () => window.removeEventListener('resize', handler);
  }, [onResize]);
  return null;
}

export function Leaky({ onKey }: { onKey: (k: string) => void }) {
  useEffect(() => {
    document.addEventListener('keydown', (e) => onKey(e.key));
  }, []);
  return <span aria-hidden />;
}
