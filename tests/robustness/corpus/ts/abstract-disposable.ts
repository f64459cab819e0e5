export abstract class BaseDisposable implements Disposable, AsyncDisposable {
  #disposed = false;
  protected abstract onDispose(): void | Promise<void>;
  [Symbol.dispose](): void {
    if (this.#disposed) return;
    this.#disposed = true;
    void this.onDispose();
  }
  async [Symbol.asyncDispose](): Promise<void> {
    if (this.#disposed) return;
    this.#disposed = true;
    await this.onDispose();
  }
}
export class Timer extends BaseDisposable {
  readonly #id = setInterval(() => {}, 1000);
  protected onDispose() {
    clearInterval(this.#id);
  }
}
export function useTimer() {
  using t = new Timer();
  return t instanceof BaseDisposable;
}
