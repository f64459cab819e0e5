const door = { open: () => door, close: () => door, locked: false };
door.open().close();
export class Window {
  close() {}
}
const w = new Window();
w.close();
const modal = { close: undefined as undefined | (() => void) };
modal.close?.();
export const fileLike = { end() {}, destroy() {}, pipe(x: unknown) { return x; } };
fileLike.pipe(fileLike);
export const r = [door, w, modal];
