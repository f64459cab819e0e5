export const table = { users: ['id', 'name'], posts: ['id', 'title'] } as const;
export type Table = keyof typeof table;
export type Column<T extends Table> = (typeof table)[T][number];
export function columns<T extends Table>(t: T): readonly Column<T>[] {
  return table[t];
}
export const lookup: { [K in Table]: number } = { users: 1, posts: 2 };
export const dyn = (k: string) => (lookup as Record<string, number>)[k] ?? -1;
