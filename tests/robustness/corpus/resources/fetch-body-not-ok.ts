export async function getJson(url: string): Promise<unknown> {
  const res = await fetch(url);
  if (!res.ok) {
    throw new Error(`HTTP ${res.status}`); // body not consumed
  }
  return res.json();
}
export async function getJsonCancel(url: string): Promise<unknown> {
  const res = await fetch(url);
  if (!res.ok) {
    await res.body?.cancel();
    throw new Error(`HTTP ${res.status}`);
  }
  return res.json();
}
export async function headOnly(url: string) {
  const res = await fetch(url, { method: 'HEAD' });
  return res.headers.get('etag');
}
export async function statusOnly(url: string) {
  const { status } = await fetch(url);
  return status;
}
export function returned(url: string) {
  return fetch(url);
}
export async function textRead(url: string) {
  const res = await fetch(url);
  const text = await res.text();
  return res.ok ? text : null;
}
