export function parse(input: string): number;
export function parse(input: string[]): number[];
export function parse(input: string | string[]): number | number[] {
  return Array.isArray(input) ? input.map(Number) : Number(input);
}

export class Connection {
  open(): Promise<void>;
  open(timeout: number): Promise<void>;
  open(callback: (err?: Error) => void): void;
  open(arg?: number | ((err?: Error) => void)): Promise<void> | void {
    if (typeof arg === 'function') return arg();
    return Promise.resolve();
  }
  close(): void;
  close(force: boolean): void;
  close(_force?: boolean) {}
}

declare function ambient(x: number): string;
declare function ambient(x: string): number;
export const r = [parse('1'), parse(['1']), typeof ambient];
