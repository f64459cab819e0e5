export abstract class Resource {
  protected abstract readonly kind: string;
  private closed = false;
  abstract open(): Promise<void>;
  protected abstract release(): void;
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.release();
  }
  static describe(this: void, r: Resource) {
    return r.kind;
  }
}

export class FileResource extends Resource {
  protected override readonly kind = 'file';
  override async open() {}
  protected override release() {}
}

type Ctor = abstract new (...args: any[]) => Resource;
export function isResourceClass(c: Ctor) {
  return c.prototype instanceof Resource;
}
