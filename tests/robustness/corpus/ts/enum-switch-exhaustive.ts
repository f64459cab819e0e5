export enum Kind {
  File,
  Socket,
  Process,
}
export function releaseFor(kind: Kind): string {
  switch (kind) {
    case Kind.File:
      return 'close';
    case Kind.Socket:
      return 'destroy';
    case Kind.Process:
      return 'kill';
    default: {
      const exhaustive: never = kind;
      throw new Error(`unknown ${exhaustive as number}`);
    }
  }
}
