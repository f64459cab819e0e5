function logged<This, Args extends unknown[], Return>(
  target: (this: This, ...args: Args) => Return,
  context: ClassMethodDecoratorContext<This, (this: This, ...args: Args) => Return>,
) {
  const name = String(context.name);
  return function (this: This, ...args: Args): Return {
    console.log(`enter ${name}`);
    try {
      return target.call(this, ...args);
    } finally {
      console.log(`exit ${name}`);
    }
  };
}

function bound(_target: unknown, context: ClassMethodDecoratorContext) {
  context.addInitializer(function (this: any) {
    this[context.name] = this[context.name].bind(this);
  });
}

function tracked<T>(_value: ClassAccessorDecoratorTarget<unknown, T>, context: ClassAccessorDecoratorContext) {
  return {
    init(initial: T) {
      console.log('init', context.name);
      return initial;
    },
  };
}

const sealed = <T extends abstract new (...args: any) => any>(cls: T, _ctx: ClassDecoratorContext<T>) => {
  Object.seal(cls);
  return cls;
};

@sealed
export class Service {
  @tracked accessor retries = 3;
  @tracked static accessor shared = 'x';

  @logged
  @bound
  handle(input: string): string {
    return input.toUpperCase();
  }

  @((t: unknown, c: ClassFieldDecoratorContext) => void c) field = 1;
}

export default @sealed class {}
