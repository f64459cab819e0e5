export const temperature = {
  _celsius: 0,
  get fahrenheit() {
    return (this._celsius * 9) / 5 + 32;
  },
  set fahrenheit(value) {
    this._celsius = ((value - 32) * 5) / 9;
  },
  get ['computed' + 'Getter']() {
    return 1;
  },
  set [Symbol.for('s')](v) {},
  get close() {
    return () => 'closed';
  },
};

Object.defineProperty(temperature, 'kelvin', {
  get() {
    return this._celsius + 273.15;
  },
  set(v) {
    this._celsius = v - 273.15;
  },
  enumerable: true,
});

class Lazy {
  #value;
  get value() {
    return (this.#value ??= Math.random());
  }
  static get now() {
    return Date.now();
  }
}
export { Lazy };
