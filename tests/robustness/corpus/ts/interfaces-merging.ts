export interface Options {
  host: string;
}
export interface Options {
  port?: number;
}
export interface Extended extends Options, Partial<Record<'a' | 'b', string>> {
  readonly [key: `x-${string}`]: string;
  method?(): void;
  new (x: number): Extended;
  (call: string): void;
}
export class Impl implements Pick<Options, 'host'> {
  host = 'localhost';
}
export function merged() {}
export namespace merged {
  export const extra = 1;
}
