export interface Closeable {
  close(): void;
}
export interface AsyncCloseable {
  close(): Promise<void>;
}
export declare function acquire(): Closeable & Disposable;
export declare function acquireAsync(): Promise<AsyncCloseable & AsyncDisposable>;
export declare class Managed implements Disposable {
  [Symbol.dispose](): void;
  readonly id: number;
}
