/**
 * The CMS on the large generated data set, as every bench boots it; for bench:members and
 * bench:governance in a process of its own, so that the load generator never shares its event loop.
 * - `forkLargeCms` (the bench's side): the database (SQLite under bench/.tmp unless DATABASE_URL),
 *   the child process and its messages;
 * - `bootLargeCms` (the child's side): loads Strapi, seeds the data set once, listens;
 * - `loadLargeCms` and `listen`, the same for the benches that run the CMS in their own process;
 * - `tokensOf`: JWTs issued as the login route issues them (the route is throttled per address).
 */
import { fork, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { createStrapi, type Core } from '@strapi/strapi';
import { seedLarge } from '../../database/seed';

export const MEMBERS = Number(process.env.BENCH_MEMBERS ?? 40000);

export interface LargeCms {
  process: ChildProcess;
  /** The child's next message. */
  next<T>(): Promise<T>;
}

/** Starts `serverFile` (a module calling `bootLargeCms`) with `env` added. */
export function forkLargeCms(serverFile: string, env: Record<string, string> = {}): LargeCms {
  if (!process.env.DATABASE_URL) {
    const dir = path.resolve(__dirname, '..', '.tmp');
    mkdirSync(dir, { recursive: true });
    process.env.DATABASE_FILENAME = path.join(dir, `members-${MEMBERS}.db`);
  }
  const child = fork(serverFile, {
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  return {
    process: child,
    next: <T>() =>
      new Promise<T>((resolve, reject) => {
        child.once('message', (m) => resolve(m as T));
        child.once('exit', (code) => reject(new Error(`the CMS process exited (${code})`)));
      }),
  };
}

/** Strapi loaded on the database the environment names, with the data set seeded (once). */
export async function loadLargeCms(log: (...args: unknown[]) => void): Promise<Core.Strapi> {
  const cmsDir = path.resolve(__dirname, '..', '..', 'cms');
  const strapi = await createStrapi({ appDir: cmsDir, distDir: path.join(cmsDir, 'dist') }).load();
  strapi.log.level = 'error';
  const seedStart = Date.now();
  const report = await seedLarge(strapi, { members: MEMBERS, seed: 42, log });
  log(report.skipped ? 'dataset already there' : `seeded in ${Date.now() - seedStart} ms`);
  // Fresh bulk-loaded tables have no planner statistics until autovacuum gets to them; a database
  // in service has them, so the measure starts from there.
  if (process.env.DATABASE_URL) await strapi.db.connection.raw('ANALYZE');
  return strapi;
}

/** Its HTTP server listening on a free port; the base URL. */
export async function listen(strapi: Core.Strapi): Promise<string> {
  await strapi.server.mount();
  const server = strapi.server.httpServer;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** In the child: loaded, seeded and listening; the bench's 'stop' ends it. */
export async function bootLargeCms(name: string): Promise<{ strapi: Core.Strapi; base: string }> {
  const strapi = await loadLargeCms((...args) => console.error(`[${name}:cms]`, ...args));
  process.on('message', async (message) => {
    if (message !== 'stop') return;
    await strapi.destroy();
    process.exit(0);
  });
  return { strapi, base: await listen(strapi) };
}

/** Tokens for these accounts, issued like the login route's. */
export function tokensOf(strapi: Core.Strapi, userIds: number[]): string[] {
  const jwt = strapi.plugin('users-permissions').service('jwt') as { issue(payload: { id: number }): string };
  return userIds.map((id) => jwt.issue({ id }));
}
