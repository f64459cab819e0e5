class Base {
  constructor(name) {
    this.name = name;
  }
  close() {
    return `closing ${this.name}`;
  }
  static create(name) {
    return new this(name);
  }
}

class Derived extends Base {
  #handle = null;
  constructor(name, handle) {
    super(name);
    this.#handle = handle;
  }
  close() {
    const result = super.close();
    this.#handle?.close?.();
    return result;
  }
  get [Symbol.toStringTag]() {
    return 'Derived';
  }
}

class Mixed extends (Math.random() > 0.5 ? Base : Derived) {}

export const items = [Base.create('a'), new Derived('b', { close() {} }), new Mixed('c')];
for (const item of items) item.close();
