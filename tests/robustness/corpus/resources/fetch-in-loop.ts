export async function crawl(urls: string[]) {
  const statuses: number[] = [];
  for (const url of urls) {
    const res = await fetch(url);
    statuses.push(res.status);
    if (res.status >= 400) continue;
    await res.text();
  }
  return statuses;
}
export async function all(urls: string[]) {
  const responses = await Promise.all(urls.map((u) => fetch(u)));
  return Promise.all(responses.map((r) => r.json()));
}
