import { opendir } from 'node:fs/promises';

export async function firstEntry(dir: string) {
  const d = await opendir(dir);
  const entry = await d.read();
  await d.close();
  return entry?.name;
}
export async function allEntries(dir: string) {
  const names: string[] = [];
  for await (const entry of await opendir(dir)) names.push(entry.name);
  return names;
}
