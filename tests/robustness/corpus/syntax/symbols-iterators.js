const key = Symbol('key');
export const iterable = {
  [key]: 1,
  from: 0,
  to: 3,
  [Symbol.iterator]() {
    let current = this.from;
    const last = this.to;
    return {
      next: () => (current <= last ? { value: current++, done: false } : { value: undefined, done: true }),
      return: () => ({ done: true }),
      [Symbol.iterator]() {
        return this;
      },
    };
  },
  async *[Symbol.asyncIterator]() {
    yield* this;
  },
};
export const spread = [...iterable];
export const { [key]: keyed } = iterable;
