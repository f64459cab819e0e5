// Small helpers shared by bench/run.mjs and bench/floor.mjs.
import { writeFileSync } from 'node:fs';

/** The median of a list of numbers (`NaN` for none). */
export function median(xs) {
  const s = [...xs].sort((x, y) => x - y);
  const n = s.length;
  if (!n) return NaN;
  return n % 2 ? s[(n - 1) / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
}

/**
 * Writes a generated Markdown file formatted as the repository's prettier config wants it, so
 * `format:check` stays clean; without prettier (a dev dependency) it is written as generated.
 */
export async function writeMarkdown(file, text) {
  let out = text;
  try {
    const prettier = await import('prettier');
    out = await prettier.format(text, { ...(await prettier.resolveConfig(file)), filepath: file });
  } catch {
    // written as generated
  }
  writeFileSync(file, out);
}
