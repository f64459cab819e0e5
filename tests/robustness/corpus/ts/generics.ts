export interface Repository<T extends { id: string }, K extends keyof T = keyof T> {
  find(id: T['id']): Promise<T | undefined>;
  pick<P extends K>(entity: T, ...keys: P[]): Pick<T, P>;
}
export class Cache<K, V> implements Iterable<[K, V]> {
  readonly #map = new Map<K, V>();
  get<R extends V = V>(key: K): R | undefined {
    return this.#map.get(key) as R | undefined;
  }
  set(key: K, value: V): this {
    this.#map.set(key, value);
    return this;
  }
  *[Symbol.iterator](): Iterator<[K, V]> {
    yield* this.#map;
  }
}
export const identity = <T,>(x: T): T => x;
export const pair = <A, B>(a: A, b: B): [A, B] => [a, b];
export function curry<A extends unknown[], R>(fn: (...a: A) => R) {
  return (...a: A): R => fn(...a);
}
export const inst = new Cache<string, number>().set('a', 1).get<number>('a');
export const call = identity<string>('x');
export const asExpr = <number>(<unknown>'5');
export const nonNull = inst!;
