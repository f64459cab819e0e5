// A small, faithful stub of the `express` types this example uses (the package is not
// installed in this repository). Shapes follow @types/express: Request and Response extend
// Node's IncomingMessage and ServerResponse.
declare module 'express' {
  import type { IncomingMessage, Server, ServerResponse } from 'node:http';

  export interface Request<P extends Record<string, string> = Record<string, string>> extends IncomingMessage {
    params: P;
    query: Record<string, string | string[] | undefined>;
    body: unknown;
    path: string;
    ip?: string;
  }

  export interface Response extends ServerResponse {
    status(code: number): this;
    json(body: unknown): this;
    send(body?: unknown): this;
    sendStatus(code: number): this;
    type(contentType: string): this;
  }

  export type NextFunction = (error?: unknown) => void;

  export type RequestHandler = (req: Request, res: Response, next: NextFunction) => unknown;

  export interface Router {
    use(...handlers: RequestHandler[]): this;
    use(path: string, ...handlers: RequestHandler[]): this;
    get(path: string, ...handlers: RequestHandler[]): this;
    post(path: string, ...handlers: RequestHandler[]): this;
    put(path: string, ...handlers: RequestHandler[]): this;
    delete(path: string, ...handlers: RequestHandler[]): this;
  }

  export interface Application extends Router {
    listen(port: number, callback?: () => void): Server;
  }

  interface Express {
    (): Application;
    json(options?: { limit?: string }): RequestHandler;
    Router(): Router;
  }

  const express: Express;
  export default express;
}
