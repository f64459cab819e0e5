const sources = [Promise.resolve(1), 2, Promise.resolve(3)];
outer: for await (const value of sources) {
  for (const inner of [value, value * 2]) {
    if (inner > 5) break outer;
    if (inner === 2) continue outer;
  }
}

async function readAll(iterable) {
  const chunks = [];
  for await (const chunk of iterable) chunks.push(chunk);
  return chunks;
}

async function consume(stream) {
  let total = 0;
  for await (const { length } of stream) {
    total += length;
  }
  return total;
}

export { readAll, consume };
