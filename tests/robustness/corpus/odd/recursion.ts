import { open } from 'node:fs/promises';
export async function walk(path: string, depth = 0): Promise<number> {
  if (depth > 3) return 0;
  const fh = await open(path);
  try {
    return 1 + (await walk(path, depth + 1));
  } finally {
    await fh.close();
  }
}
export const fact = (n: number): number => (n <= 1 ? 1 : n * fact(n - 1));
function isEven(n: number): boolean {
  return n === 0 ? true : isOdd(n - 1);
}
function isOdd(n: number): boolean {
  return n === 0 ? false : isEven(n - 1);
}
export { isEven };
