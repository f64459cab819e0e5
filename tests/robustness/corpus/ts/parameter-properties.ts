export class Client {
  constructor(
    public readonly url: string,
    private timeout = 1000,
    protected retries?: number,
    readonly options: { keepAlive?: boolean } = {},
  ) {}
  describe() {
    return `${this.url} ${this.timeout} ${this.retries ?? 0} ${this.options.keepAlive}`;
  }
}
export class Definite {
  value!: string;
  lazy?: number;
  constructor() {
    this.init();
  }
  private init() {
    this.value = 'set';
  }
}
