export function loops(items) {
  let i = 0;
  while (i < items.length) i++;
  do {
    i--;
  } while (i > 0);
  for (;;) {
    if (i++ > 3) break;
  }
  for (let j = 0, k = 10; j < k; j++, k--) {}
  for (const key in items) {
    if (!Object.hasOwn(items, key)) continue;
  }
  for (var legacy in { a: 1 });
  for (const item of items) {
    for (const char of String(item)) {
      if (char === 'x') return char;
    }
  }
  items.forEach((item, index) => {
    if (index > 2) return;
  });
  return legacy;
}
