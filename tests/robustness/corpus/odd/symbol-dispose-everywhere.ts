export const obj = {
  [Symbol.dispose]() {},
  async [Symbol.asyncDispose]() {},
};
export class Weird {
  static [Symbol.dispose]() {}
  get [Symbol.dispose]() {
    return () => {};
  }
}
export function manual(x: Disposable & AsyncDisposable) {
  x[Symbol.dispose]();
  void x[Symbol.asyncDispose]();
  const key = Symbol.dispose;
  x[key]();
  return Symbol.dispose in x;
}
