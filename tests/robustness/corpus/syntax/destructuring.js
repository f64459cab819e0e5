const { a, b: renamed, c = 3, ...rest } = { a: 1, b: 2, d: 4 };
const [x, , y = 10, ...others] = [1, 2, undefined, 4, 5];
const {
  deep: {
    nested: [first, { value = 'default' } = {}],
  },
} = { deep: { nested: [1, { value: 'v' }] } };
const { [`computed${a}`]: computedValue } = { computed1: 'yes' };
let p, q;
[p, q] = [q, p];
({ p, q = 5 } = { p: 1 });
function params({ host = 'localhost', port = 80, ...options } = {}, [head, ...tail] = []) {
  return { host, port, options, head, tail };
}
for (const [key, { value: v = 0 } = {}] of Object.entries({ k: { value: 1 } })) {
  console.log(key, v);
}
for (const { length } of ['ab', 'cde']) console.log(length);
try {
  throw { code: 'E', detail: { line: 3 } };
} catch ({ code, detail: { line } }) {
  console.log(code, line);
}
const swap = ([l, r]) => [r, l];
const obj = {};
[obj.one, obj['two'], ...obj.rest] = [1, 2, 3, 4];
({ a: obj.fromA, ...obj.remaining } = { a: 'A', z: 'Z' });
export { rest, x, y, others, first, value, computedValue, params, swap, renamed, c };
