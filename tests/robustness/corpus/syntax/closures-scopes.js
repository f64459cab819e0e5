export function makeCounter() {
  let count = 0;
  const inc = () => ++count;
  function dec() {
    return --count;
  }
  return { inc, dec, get: () => count };
}
export const iife = (function () {
  var privateState = [];
  return {
    push(x) {
      privateState.push(x);
    },
  };
})();
export const shadowing = (x) => {
  {
    const x = 2;
    {
      let x = 3;
      x++;
    }
  }
  return x;
};
var globalVar = 'module scoped in ESM';
export { globalVar };
