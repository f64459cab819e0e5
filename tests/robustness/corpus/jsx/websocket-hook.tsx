import { useEffect } from 'react';
export function useSocket(url: string, onMessage: (d: string) => void) {
  useEffect(() => {
    const ws = new WebSocket(url);
    ws.addEventListener('message', (e) => onMessage(String(e.data)));
    return () => ws.close();
  }, [url, onMessage]);
}
export const Chat = ({ url }: { url: string }) => {
  useSocket(url, console.log);
  return <div>chat</div>;
};
