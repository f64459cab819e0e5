import { open } from 'node:fs/promises';

class Lock implements Disposable {
  constructor(readonly name: string) {}
  [Symbol.dispose](): void {
    console.log('unlock', this.name);
  }
}

export async function withUsing(path: string): Promise<string> {
  await using file = await open(path);
  using lock = new Lock(path);
  using _ = null, __ = undefined;
  const text = await file.readFile('utf8');
  return `${lock.name}:${text}`;
}

export function loopUsing(names: string[]) {
  for (using lock of names.map((n) => new Lock(n))) {
    console.log(lock.name);
  }
  for (const name of names) {
    using inner = new Lock(name);
    if (name === 'stop') return inner.name;
  }
}

export async function stacks() {
  await using stack = new AsyncDisposableStack();
  const lock = stack.use(new Lock('a'));
  stack.defer(async () => {
    await Promise.resolve();
  });
  stack.adopt(42, (n) => console.log(n));
  using sync = new DisposableStack();
  sync.use(new Lock('b'));
  const moved = sync.move();
  return { lock, moved };
}

export function switchUsing(kind: number) {
  switch (kind) {
    case 1: {
      using l = new Lock('one');
      return l.name;
    }
    default:
      return null;
  }
}
