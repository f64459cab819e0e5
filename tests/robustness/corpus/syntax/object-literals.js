const shorthand = 1;
export const obj = {
  shorthand,
  'string-key': 1,
  42: 'numeric',
  [shorthand + 1]: 'computed',
  method() {
    return super.toString();
  },
  async asyncMethod() {},
  *generator() {},
  async *asyncGenerator() {},
  get getter() {
    return 1;
  },
  set setter(v) {},
  arrow: () => this,
  __proto__: null,
  async: 1,
  get: 2,
  set: 3,
  new: 4,
  class: 5,
};
