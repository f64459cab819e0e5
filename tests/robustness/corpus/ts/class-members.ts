export class Members {
  static readonly VERSION = '1';
  static #count = 0;
  public a = 1;
  protected b?: string;
  private c!: number;
  declare d: boolean;
  [key: string]: unknown;
  static {
    Members.#count++;
  }
  constructor();
  constructor(a?: number) {
    if (a) this.a = a;
  }
  public get count() {
    return Members.#count;
  }
  protected set value(v: number) {
    this.c = v;
  }
  private static helper?(): void;
  async *stream(): AsyncGenerator<number> {
    yield this.a;
  }
}
