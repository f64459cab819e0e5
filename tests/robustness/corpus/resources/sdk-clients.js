import OpenAI from 'openai';
import Stripe from 'stripe';
import { MongoClient } from 'mongodb';
import { PrismaClient } from '@prisma/client';
import mysql from 'mysql2/promise';
import { createClient } from 'redis';
import got from 'got';
import ky from 'ky';

export async function handler(req, res) {
  const openai = new OpenAI();
  const stripe = new Stripe(process.env.STRIPE_KEY);
  const mongo = new MongoClient(process.env.MONGO_URL);
  const prisma = new PrismaClient();
  const conn = await mysql.createConnection({ host: 'db' });
  const redis = createClient();
  const g = got.extend({ prefixUrl: 'https://api.test' });
  const k = ky.create({ prefixUrl: 'https://api.test' });
  res.json({ openai, stripe, mongo, prisma, conn, redis, g, k });
}
const sharedPrisma = new PrismaClient();
export const prisma = () => sharedPrisma;
