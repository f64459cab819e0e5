export const a1 = async () => {};
export const a2 = async (x) => await x;
export const a3 = async ({ a }, [b]) => a + b;
export const a4 = async function named() {
  return named;
};
export const a5 = (async () => 1)();
export const a6 = [1, 2].map(async (n) => n * 2);
export const a7 = { async m() {}, async *g() {} };
export const a8 = async (x) => (y) => async (z) => x + y + z;
