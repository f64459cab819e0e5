export const patterns = [
  /abc/g,
  /^line$/gim,
  /(?<year>\d{4})-(?<month>\d{2})/du,
  /./s,
  /sticky/y,
  /\p{Script=Greek}/u,
  /[\p{L}--[a-z]]/v,
  /[[a-z]&&[aeiou]]/v,
  /(?<!\$)\d+(?=%)/,
  new RegExp('dynamic', 'gi'),
  RegExp(String.raw`\d+`, 'u'),
  /[/]\/(?:)/,
  /a{1,3}?b*c+?/,
];
export const match = '2024-05'.match(patterns[2])?.groups?.year;
export const divided = 10 / 2 / 1;
export const replaced = 'a-b'.replace(/-/g, () => '+');
