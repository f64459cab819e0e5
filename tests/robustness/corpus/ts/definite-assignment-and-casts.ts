let late!: string;
declare let ambientLet: number;
export function setLate() {
  late = 'x';
  return late.length + ambientLet;
}
const el = {} as unknown as { close(): void };
export const closed = (el as { close(): void } | null)?.close();
export const angle = <const>['a', 'b'];
export const chained = ((0 as any) as string)!.length;
export const sat = ({} as Record<string, never>) satisfies object;
