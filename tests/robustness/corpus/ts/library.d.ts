export declare class Client {
  constructor(options?: { url?: string });
  connect(): Promise<void>;
  end(): Promise<void>;
  query<T = unknown>(sql: string, values?: unknown[]): Promise<{ rows: T[] }>;
  on(event: 'error', listener: (err: Error) => void): this;
}
export declare function createClient(url: string): Client;
export declare const VERSION: string;
export interface PoolOptions {
  max?: number;
  idleTimeoutMillis?: number;
}
export declare namespace utils {
  function escape(s: string): string;
}
export type { Client as DefaultClient };
declare const _default: { createClient: typeof createClient };
export default _default;
