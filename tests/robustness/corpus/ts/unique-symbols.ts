export const dispose: unique symbol = Symbol('dispose');
export interface HasDispose {
  [dispose](): void;
}
export class Custom implements HasDispose {
  [dispose]() {}
  [Symbol.dispose]() {
    this[dispose]();
  }
}
export const keyName = 'close' as const;
export class Dynamic {
  [keyName]() {}
}
new Dynamic()[keyName]();
