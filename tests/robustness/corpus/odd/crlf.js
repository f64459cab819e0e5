export function crlf() {
  const a = 1;
  return a;
}
