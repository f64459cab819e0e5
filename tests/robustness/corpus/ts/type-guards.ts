export function isString(x: unknown): x is string {
  return typeof x === 'string';
}
export function assertDefined<T>(x: T | undefined, msg?: string): asserts x is T {
  if (x === undefined) throw new Error(msg ?? 'undefined');
}
export function assert(condition: unknown): asserts condition {
  if (!condition) throw new Error('assertion failed');
}
export class Node {
  next?: Node;
  isTail(): this is { next: undefined } {
    return this.next === undefined;
  }
  assertHead(): asserts this is Node & { head: true } {}
}
export function narrow(v: string | number | { close(): void } | null) {
  if (v === null) return 'null';
  if (isString(v)) return v.toUpperCase();
  if (typeof v === 'number') return v.toFixed();
  if ('close' in v) {
    v.close();
    return 'closed';
  }
  const never: never = v;
  return never;
}
