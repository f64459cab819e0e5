class Handle implements Disposable {
  [Symbol.dispose]() {}
}
export function* gen(): Generator<Handle> {
  using h = new Handle();
  yield h;
}
export async function* agen(): AsyncGenerator<number> {
  await using h = { async [Symbol.asyncDispose]() {} };
  using s = new Handle();
  yield 1;
  void h;
  void s;
}
export const arrow = async () => {
  await using x = null;
  return x;
};
