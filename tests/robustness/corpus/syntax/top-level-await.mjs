const config = await Promise.resolve({ port: 3000 });
const { default: path } = await import('node:path');
const [first, second] = await Promise.all([Promise.resolve(1), Promise.resolve(2)]);
if (config.port > 1000) {
  await new Promise((resolve) => setTimeout(resolve, 0));
}
for (const x of [first, second]) {
  await x;
}
try {
  await Promise.reject(new Error('x'));
} catch (error) {
  console.log(error.message, path.sep);
}
export { config };
