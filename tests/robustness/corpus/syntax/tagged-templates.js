function sql(strings, ...values) {
  return { text: strings.raw.join('?'), values };
}
const html = (s, ...v) => s.reduce((acc, part, i) => acc + part + (v[i] ?? ''), '');
const name = 'world';
export const q = sql`SELECT * FROM users WHERE name = ${name} AND id = ${42}`;
export const page = html`<p>Hello ${name}</p>`;
export const raw = String.raw`C:\path\to\${name}\n`;
export const nestedTemplate = `outer ${`inner ${`deepest ${name}`}`}`;
export const member = obj().tag`x`;
export const invalidEscapeInTag = String.raw`\unicode and \u{not}`;
function obj() {
  return { tag: (s) => s };
}
