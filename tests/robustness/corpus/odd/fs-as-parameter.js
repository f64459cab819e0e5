export function write(fs, path, data) {
  const stream = fs.createWriteStream(path);
  stream.write(data);
  fs.open(path, 'r', () => {});
  return fs.openSync(path);
}
export const arrow = (fs = { createReadStream: () => null }) => fs.createReadStream('x');
export function destructured({ createReadStream, open }) {
  createReadStream('/x');
  open('/x', () => {});
}
