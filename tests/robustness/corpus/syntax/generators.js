function* range(start, end, step = 1) {
  for (let i = start; i < end; i += step) {
    const command = yield i;
    if (command === 'stop') return 'stopped';
  }
  return 'done';
}

function* delegate() {
  const result = yield* range(0, 3);
  yield result;
  try {
    yield 'in try';
  } finally {
    yield 'in finally';
  }
}

const obj = {
  *[Symbol.iterator]() {
    yield 1;
    yield* [2, 3];
  },
  *gen() {},
};

class Tree {
  constructor(left, right) {
    this.left = left;
    this.right = right;
  }
  *[Symbol.iterator]() {
    if (this.left) yield* this.left;
    yield this;
    if (this.right) yield* this.right;
  }
}

const it = range(0, 10);
it.next();
it.next('stop');
it.return?.();
console.log([...delegate()], [...obj], [...new Tree()]);
