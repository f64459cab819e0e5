async function* ticks(count, ms) {
  for (let i = 0; i < count; i++) {
    await new Promise((resolve) => setTimeout(resolve, ms));
    yield i;
  }
}

async function* merge(...sources) {
  for (const source of sources) {
    for await (const value of source) {
      yield value;
    }
  }
}

async function* withCleanup() {
  try {
    yield* ticks(2, 1);
  } finally {
    console.log('cleanup');
  }
}

const collected = [];
for await (const value of merge(ticks(2, 1), withCleanup())) {
  collected.push(value);
  if (collected.length > 3) break;
}
export { collected };
