import { existsSync, rmSync } from 'node:fs';
import path from 'node:path';
import { Client } from 'pg';
import './env';
import { seedDemo } from '../../database/seed';
import { cmsDir, startStrapi, stopStrapi } from './strapi';

const pluginBuilds = ['governance', 'shares', 'moderation'].map((p) =>
  path.resolve(cmsDir, '..', 'plugins', p, 'dist', 'server', 'index.js'),
);

/**
 * Starts every run from an empty, seeded database. SQLite: a file of its own under cms/.tmp.
 * PostgreSQL: the database named in DATABASE_URL is emptied, so it must be a test database.
 */
export default async function globalSetup() {
  const missing = [path.join(cmsDir, 'dist', 'src', 'index.js'), ...pluginBuilds].filter((f) => !existsSync(f));
  if (missing.length) throw new Error(`Build first (npm run build): missing ${missing.join(', ')}`);

  const url = process.env.DATABASE_URL;
  if (url) {
    const name = new URL(url).pathname.slice(1);
    if (!/test/i.test(name)) throw new Error(`Refusing to empty database "${name}": its name must contain "test".`);
    const client = new Client({ connectionString: url });
    await client.connect();
    await client.query('DROP SCHEMA IF EXISTS public CASCADE; CREATE SCHEMA public');
    await client.end();
  } else {
    rmSync(path.resolve(cmsDir, process.env.DATABASE_FILENAME as string), { force: true });
  }
  const strapi = await startStrapi();
  try {
    await seedDemo(strapi);
  } finally {
    await stopStrapi(strapi);
  }
}
