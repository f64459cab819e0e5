import fs from 'node:fs';
export function bindings(p: string) {
  let s: fs.ReadStream | undefined;
  let t: fs.WriteStream;
  [s] = [fs.createReadStream(p)];
  ({ t } = { t: fs.createWriteStream(p) });
  const obj = { s: fs.createReadStream(p) };
  const arr = [fs.createReadStream(p)];
  const { 0: first } = [fs.createReadStream(p)];
  var hoisted = fs.createReadStream(p);
  let reassigned = fs.createReadStream(p);
  reassigned = fs.createReadStream(p);
  reassigned.destroy();
  return [s, t, obj, arr, first, hoisted];
}
