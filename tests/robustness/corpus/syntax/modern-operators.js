export const big = 123_456_789n ** 2n;
export const hex = 0xff_ff;
export const bin = 0b1010_0101;
export const oct = 0o777;
export const exp = 2 ** 10;
let value = 2;
value **= 3;
export const optionalCatch = (() => {
  try {
    return JSON.parse('{');
  } catch {
    return null;
  }
})();
export const spreadObj = { ...{ a: 1 }, ...null, ...undefined, b: 2 };
export const spreadArr = [...'abc', ...new Set([1, 2])];
export const comma = (1, 2, 3);
export const voided = void 0;
export const typeofs = [typeof value, typeof undeclared, value in spreadObj, [] instanceof Array];
export const at = [1, 2, 3].at(-1);
export const hasOwn = Object.hasOwn(spreadObj, 'a');
export const flags = value > 3 ? (value < 10 ? 'mid' : 'big') : 'small';
export const unary = [-value, +value, ~value, !value, ++value, value--];
export const bitwise = (value & 1) | (value ^ 2) | (value << 1) | (value >> 1) | (value >>> 1);
