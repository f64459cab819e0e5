import { Pool } from 'pg';
import Redis from 'ioredis';
let pool: Pool | undefined;
export function getPool() {
  return (pool ??= new Pool());
}
export class Registry {
  static #instance?: Registry;
  #redis?: Redis;
  static getInstance() {
    if (!Registry.#instance) Registry.#instance = new Registry();
    return Registry.#instance;
  }
  get redis() {
    this.#redis ??= new Redis();
    return this.#redis;
  }
}
const clients = new Map<string, Redis>();
export function clientFor(url: string) {
  let c = clients.get(url);
  if (!c) {
    c = new Redis(url);
    clients.set(url, c);
  }
  return c;
}
