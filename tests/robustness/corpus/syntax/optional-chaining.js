export function describe(user) {
  const city = user?.address?.city ?? 'unknown';
  const first = user?.tags?.[0];
  const greeting = user?.greet?.('hi');
  const deep = user?.a?.b?.c?.d?.e?.();
  const computed = user?.['weird key']?.[Symbol.iterator]?.();
  const callResult = user.method?.().then?.((x) => x?.value);
  delete user?.temporary;
  return { city, first, greeting, deep, computed, callResult, private: user?.constructor?.name };
}
export const close = (resource) => resource?.close?.() ?? resource?.destroy?.();
