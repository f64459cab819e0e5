import { MongoClient } from 'mongodb';

let client: MongoClient | undefined;
declare global {
  var __mongo: Promise<MongoClient> | undefined;
}
export function getClient() {
  if (!client) client = new MongoClient(process.env.MONGO_URL!);
  return client;
}
export const clientPromise = (globalThis.__mongo ??= new MongoClient(process.env.MONGO_URL!).connect());
