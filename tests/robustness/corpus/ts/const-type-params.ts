export function tuple<const T extends readonly unknown[]>(...values: T): T {
  return values;
}
export function keys<const T extends Record<string, unknown>>(obj: T): (keyof T)[] {
  return Object.keys(obj) as (keyof T)[];
}
export class Box<const T> {
  constructor(readonly value: T) {}
}
export const t = tuple('a', 1, true);
export const k = keys({ x: 1, y: 2 });
export const b = new Box(['frozen'] as const);
export type Inferred<in out T> = { get(): T; set(v: T): void };
export interface Producer<out T> {
  make(): T;
}
export interface Consumer<in T> {
  take(v: T): void;
}
export function noInfer<T>(a: T, b: NoInfer<T>): T {
  return a ?? b;
}
