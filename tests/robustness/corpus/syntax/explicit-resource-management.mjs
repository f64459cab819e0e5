class Resource {
  constructor(name) {
    this.name = name;
  }
  [Symbol.dispose]() {
    console.log('dispose', this.name);
  }
}
class AsyncResource {
  async [Symbol.asyncDispose]() {
    await Promise.resolve();
  }
}
{
  using a = new Resource('a');
  using b = new Resource('b'), c = null;
  await using d = new AsyncResource();
  console.log(a, b, c, d);
}
for (using r of [new Resource('x')]) {
  console.log(r);
}
for await (await using r of [new AsyncResource()]) {
  console.log(r);
}
export async function scoped() {
  await using stack = new AsyncDisposableStack();
  stack.use(new Resource('s'));
  stack.defer(() => console.log('deferred'));
  using sync = new DisposableStack();
  sync.adopt({ id: 1 }, (v) => console.log(v));
  return sync.move();
}
