export {};
declare global {
  interface AbortSignal {
    readonly customFlag?: boolean;
  }
  function globalHelper(): void;
}
declare module 'express-serve-static-core' {
  interface Request {
    requestId?: string;
  }
}
