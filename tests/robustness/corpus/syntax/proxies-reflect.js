const handler = {
  get(target, prop, receiver) {
    if (prop === 'close') return () => 'intercepted';
    return Reflect.get(target, prop, receiver);
  },
  apply(target, thisArg, args) {
    return Reflect.apply(target, thisArg, args);
  },
  construct(target, args) {
    return Reflect.construct(target, args);
  },
};
export const proxy = new Proxy({}, handler);
export const fnProxy = new Proxy(function () {}, handler);
export const revocable = Proxy.revocable({}, {});
revocable.revoke();
export const weak = new WeakRef({});
export const registry = new FinalizationRegistry((held) => console.log(held));
registry.register({}, 'held');
