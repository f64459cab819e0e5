class Thing {
  close() {}
}
namespace Thing {
  export const version = 1;
}
export = Thing;
