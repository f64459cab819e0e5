export class NotAResource {
  get close() {
    return 'just a getter';
  }
  open() {
    return this;
  }
  pipe(x) {
    return x;
  }
  end() {}
  destroy() {}
}
const n = new NotAResource();
n.open().pipe(n).end();
export const text = n.close;
