const cache = {};
export function get(key, make) {
  cache[key] ??= make();
  cache.count ||= 0;
  cache.count += 1;
  cache.enabled &&= cache.count < 100;
  let local;
  local ??= cache[key];
  local ||= 'fallback';
  local &&= String(local);
  return local ?? cache[key] ?? null;
}
let singleton;
export const instance = () => (singleton ??= { created: Date.now() });
