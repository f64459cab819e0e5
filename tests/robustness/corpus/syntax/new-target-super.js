function Legacy() {
  if (!new.target) return new Legacy();
  this.created = true;
}
Legacy.prototype.close = function () {
  return 'proto close';
};
class Parent {
  static create() {
    return new this();
  }
  hello() {
    return 'parent';
  }
}
class Child extends Parent {
  hello() {
    return `${super.hello()} child`;
  }
  static create() {
    return super.create();
  }
}
export { Legacy, Child };
