declare const AMBIENT_VERSION: string;
declare function ambientOpen(path: string): { close(): void };
declare class AmbientPool {
  constructor(size: number);
  acquire(): Promise<{ release(): void }>;
  end(): Promise<void>;
}
interface AmbientWindow {
  readonly title: string;
}
declare var ambientWindow: AmbientWindow;
