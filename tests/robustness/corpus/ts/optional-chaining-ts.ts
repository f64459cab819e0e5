interface Conn {
  socket?: { destroy(): void; end?: (cb?: () => void) => void } | null;
}
export function shutdown(c?: Conn | null) {
  c?.socket?.end?.(() => c.socket?.destroy());
  c!.socket!.destroy();
  (c?.socket as { destroy(): void } | undefined)?.destroy();
  return c?.socket?.['destroy']?.bind(c.socket);
}
