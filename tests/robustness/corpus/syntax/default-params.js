let counter = 0;
export function defaults(a, b = a * 2, c = b + counter++, { d = c } = {}, [e = d] = [], f = () => a) {
  return [a, b, c, d, e, f()];
}
export const arrow = (x = 1, y = x, ...z) => x + y + z.length;
export function sideEffect(value = (() => { throw new Error('missing'); })()) {
  return value;
}
export function usesArgsInDefault(a, b = arguments.length) {
  return b;
}
export class WithDefaults {
  constructor(options = {}, timeout = options.timeout ?? 1000) {
    this.timeout = timeout;
  }
  method(cb = this.timeout) {
    return cb;
  }
}
