declare module 'some-untyped-lib' {
  export function connect(url: string): { close(): void; query(sql: string): Promise<unknown[]> };
  const defaultExport: { version: string };
  export default defaultExport;
}
declare module '*.svg' {
  const content: string;
  export default content;
}
declare global {
  interface Window {
    appReady: boolean;
  }
  var __APP_VERSION__: string;
  namespace NodeJS {
    interface ProcessEnv {
      DATABASE_URL?: string;
    }
  }
}
declare module 'node:http' {
  interface IncomingMessage {
    user?: { id: string };
  }
}
export {};
