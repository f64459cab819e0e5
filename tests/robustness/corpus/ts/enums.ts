export enum Direction {
  Up = 1,
  Down,
  Left,
  Right,
}
export const enum Flags {
  None = 0,
  A = 1 << 0,
  B = 1 << 1,
  AB = A | B,
}
export enum Status {
  Active = 'active',
  Closed = 'closed',
}
declare enum Ambient {
  X,
}
enum Computed {
  Plain = 0,
  Len = 'abc'.length,
}
enum Merged {
  First = 1,
}
enum Merged {
  Second = 2,
}
export const values = [Direction.Up, Flags.AB, Status.Closed, Computed.Len, Merged.Second, Direction[2]];
export type DirectionName = keyof typeof Direction;
void (0 as unknown as Ambient);
