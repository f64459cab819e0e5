export type Handler<T = unknown> = (event: T, ctx: { signal: AbortSignal }) => void | Promise<void>;
export const handlers: Handler[] = [];
export function on<E extends string>(event: E, handler: Handler<E>): () => void {
  handlers.push(handler as Handler);
  return () => handlers.splice(handlers.indexOf(handler as Handler), 1);
}
export function thisParam(this: { count: number }, by: number) {
  this.count += by;
}
export const optionalParams = (a?: number, b: string = '', ...c: number[]) => [a, b, c];
export const returnsNever = (): never => {
  throw new Error('never');
};
export function* typedGenerator(): Generator<number, string, boolean> {
  const b = yield 1;
  return String(b);
}
export async function* typedAsyncGenerator(): AsyncGenerator<number> {
  yield 1;
}
