export class Counter {
  #count = 0;
  static #instances = 0;
  #secret() {
    return this.#count * 2;
  }
  static {
    Counter.#instances = 0;
  }
  constructor(start = 0) {
    this.#count = start;
    Counter.#instances += 1;
  }
  get value() {
    return this.#count;
  }
  set value(v) {
    this.#count = v;
  }
  static has(obj) {
    return #count in obj;
  }
  increment() {
    this.#count++;
    return this;
  }
  double() {
    return this.#secret();
  }
  static get instances() {
    return Counter.#instances;
  }
}

const c = new Counter(3).increment().increment();
console.log(c.value, Counter.has(c), Counter.has({}), c.double(), Counter.instances);
