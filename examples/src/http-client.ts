// Outgoing HTTP: global fetch, undici and axios, each with one shared client.
import axios from 'axios';
import { Agent, Pool, request } from 'undici';

export interface Profile {
  login: string;
  name: string | null;
}

const github = axios.create({ baseURL: 'https://api.github.com', timeout: 10_000 });
const inventory = new Pool('http://inventory.internal:8080', { connections: 16 });

export async function fetchProfile(login: string, signal?: AbortSignal): Promise<Profile> {
  const res = await fetch(`https://api.github.com/users/${encodeURIComponent(login)}`, { signal });
  if (!res.ok) {
    await res.body?.cancel();
    throw new Error(`GitHub answered ${res.status}`);
  }
  return (await res.json()) as Profile;
}

export async function fetchRate(currency: string): Promise<number> {
  const res = await fetch(`https://rates.example.com/v1/${currency}`); // leak: consume-response-body
  // An unknown currency: no rate, and the error body is left unread.
  if (res.status === 404) return Number.NaN;
  if (!res.ok) throw new Error(`rates service answered ${res.status}`);
  const { rate } = (await res.json()) as { rate: number };
  return rate;
}

export async function isHealthy(baseUrl: string): Promise<boolean> {
  const res = await fetch(`${baseUrl}/health`); // leak: consume-response-body
  return res.ok;
}

/** A HEAD response has no body to read. */
export async function exists(url: string): Promise<boolean> {
  const res = await fetch(url, { method: 'HEAD' });
  return res.ok;
}

export async function stockLevel(sku: string): Promise<number> {
  const { statusCode, body } = await inventory.request({ path: `/stock/${sku}`, method: 'GET' });
  if (statusCode !== 200) {
    await body.dump();
    throw new Error(`inventory answered ${statusCode}`);
  }
  const { level } = (await body.json()) as { level: number };
  return level;
}

export async function priceOf(sku: string): Promise<number | undefined> {
  const { statusCode, body } = await request(`http://pricing.internal/prices/${sku}`); // leak: consume-response-body
  if (statusCode === 404) return undefined;
  const { price } = (await body.json()) as { price: number };
  return price;
}

export async function mirror(url: string): Promise<string> {
  const dispatcher = new Agent({ keepAliveTimeout: 10_000 }); // leak: no-per-call-client
  try {
    const { body } = await request(url, { dispatcher });
    return await body.text();
  } finally {
    await dispatcher.close();
  }
}

export async function repositories(org: string): Promise<string[]> {
  const { data } = await github.get<{ name: string }[]>(`/orgs/${encodeURIComponent(org)}/repos`);
  return data.map((repo) => repo.name);
}

export async function starCounts(repos: string[]): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  for (const repo of repos) {
    const client = axios.create({ baseURL: 'https://api.github.com', timeout: 5_000 }); // leak: no-per-call-client
    const { data } = await client.get<{ stargazers_count: number }>(`/repos/${repo}`);
    counts.set(repo, data.stargazers_count);
  }
  return counts;
}

/** Gives the search service five seconds, but clears the timer only when the search succeeds. */
export async function search(query: string): Promise<string[]> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), 5_000); // leak: no-leaked-abort-timer
  const res = await fetch(`https://search.internal/q?${new URLSearchParams({ q: query })}`, {
    signal: controller.signal,
  });
  clearTimeout(timer);
  return (await res.json()) as string[];
}

/** Logs when the caller gives up, and leaves one listener on its signal per download. */
export async function download(url: string, signal: AbortSignal): Promise<ArrayBuffer> {
  signal.addEventListener('abort', () => console.warn(`download of ${url} cancelled`)); // leak: no-leaked-listener
  const res = await fetch(url, { signal });
  return res.arrayBuffer();
}

/** Takes the caller's signal, but the request does not hear it. */
export async function avatar(login: string, signal: AbortSignal): Promise<ArrayBuffer> {
  signal.throwIfAborted();
  const res = await fetch(`https://avatars.example.com/${encodeURIComponent(login)}`); // leak: forward-abort-signal
  return res.arrayBuffer();
}

export async function closeHttpClients(): Promise<void> {
  await inventory.close();
}
