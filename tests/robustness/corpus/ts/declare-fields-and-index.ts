export class Row {
  declare id: number;
  [column: string]: unknown;
  static [Symbol.hasInstance](x: unknown) {
    return typeof x === 'object';
  }
}
export const row = Object.assign(new Row(), { id: 1, name: 'x' });
