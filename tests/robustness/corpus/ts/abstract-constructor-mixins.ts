type Constructor<T = object> = abstract new (...args: any[]) => T;
export function Disposable<TBase extends Constructor>(Base: TBase) {
  abstract class Mixed extends Base implements Disposable {
    #handles: { close(): void }[] = [];
    track<H extends { close(): void }>(h: H): H {
      this.#handles.push(h);
      return h;
    }
    [Symbol.dispose]() {
      for (const h of this.#handles.splice(0)) h.close();
    }
  }
  return Mixed;
}
class Plain {}
export class Concrete extends Disposable(Plain) {}
