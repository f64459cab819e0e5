type Route = { method: 'GET' | 'POST'; path: `/${string}` };
export const routes = {
  home: { method: 'GET', path: '/' },
  create: { method: 'POST', path: '/items' },
} satisfies Record<string, Route>;

export const config = {
  port: 8080,
  hosts: ['a', 'b'],
} as const satisfies { port: number; hosts: readonly string[] };

export const fn = ((x: number) => x * 2) satisfies (x: number) => number;
export const nested = { inner: { value: 1 satisfies number } } satisfies object;
