const Anonymous = class {
  method() {
    return new.target;
  }
};
const Named = class Inner {
  static self() {
    return Inner;
  }
};
const factory = (Sup) =>
  class extends Sup {
    static [`computed${1 + 1}`]() {
      return 'computed';
    }
    'quoted method'() {}
    123() {}
    [Symbol.iterator]() {
      return [][Symbol.iterator]();
    }
  };
export default factory(Named);
export { Anonymous };
