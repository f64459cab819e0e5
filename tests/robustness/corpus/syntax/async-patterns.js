export async function sequential(tasks) {
  const results = [];
  for (const task of tasks) results.push(await task());
  return results;
}
export const parallel = async (tasks) => Promise.all(tasks.map((t) => t()));
export async function race(ms, work) {
  let timer;
  try {
    return await Promise.race([
      work,
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error('timeout')), ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}
export const settled = (ps) => Promise.allSettled(ps).then((r) => r.filter((x) => x.status === 'fulfilled'));
export const any = (ps) => Promise.any(ps).catch((e) => e.errors);
export const withResolvers = () => {
  let resolve, reject;
  const promise = new Promise((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
};
export async function thenable() {
  return await { then: (r) => r(1) };
}
