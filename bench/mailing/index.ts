/**
 * A brief to 20,000 followers through the outbox: how long publishing takes with its mails queued
 * (one transaction), how fast a worker process sends them to a local SMTP server with the rate
 * limit off, and that worker's peak memory.
 *
 *   DATABASE_URL=postgres://…/notre_asso_mailing_bench_test npm run bench:mailing
 *   BENCH_MEMBERS=2000 npm run bench:mailing     # SQLite under bench/.tmp
 *
 * Progress on stderr; the last stdout line is one JSON object: `queue_ms`, `mails_per_s`,
 * `peak_rss_mb` (the worker's VmHWM), with the size and pool they were measured with.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { createStrapi } from '@strapi/strapi';
import { SMTPServer } from 'smtp-server';
import { createFollowers, removeFollowers } from '../../tests/support/followers';

const followers = Number(process.env.BENCH_MEMBERS ?? 20000);
const pool = Number(process.env.SMTP_POOL_SIZE ?? 5);
const cmsDir = path.resolve(__dirname, '..', '..', 'cms');
const log = (...args: unknown[]) => console.error('[bench:mailing]', ...args);

if (!process.env.DATABASE_URL) {
  mkdirSync(path.resolve(__dirname, '..', '.tmp'), { recursive: true });
  process.env.DATABASE_FILENAME = process.env.DATABASE_FILENAME ?? '../bench/.tmp/mailing.db';
}
// The bench starts its own worker process; the rate limit is off for this measure.
process.env.MAILING_WORKER = 'off';
process.env.MAILING_RATE = '0';

/** An SMTP server that only counts what it accepts (parsing 20,000 mails would measure the parser). */
async function countingSmtp() {
  let received = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    closeTimeout: 200,
    onData(stream, _session, callback) {
      stream.on('data', () => undefined);
      stream.on('end', () => {
        received += 1;
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.server.address() as AddressInfo).port,
    received: () => received,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const peakRssMb = (pid: number) => {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8')
    .split('\n')
    .find((l) => l.startsWith('VmHWM:'));
  return Math.round(Number(line?.match(/\d+/)?.[0] ?? 0) / 1024);
};

async function main() {
  const smtp = await countingSmtp();
  process.env.SMTP_HOST = '127.0.0.1';
  process.env.SMTP_PORT = String(smtp.port);
  const strapi = await createStrapi({ appDir: cmsDir, distDir: path.join(cmsDir, 'dist') }).load();
  strapi.log.level = 'error';

  const stamp = Date.now();
  const collective = await strapi.documents('api::collective.collective').create({
    data: { name: `Banc d’essai ${stamp}`, slug: `banc-${stamp}`, kind: 'thematic', visibility: 'public' } as never,
    locale: 'fr',
    status: 'published',
  });
  log(`creating ${followers} followers`);
  const people = await createFollowers(strapi, collective.documentId, followers, 'bench-mailing');
  if (process.env.DATABASE_URL) await strapi.db.connection.raw('ANALYZE');

  const worker = spawn(process.execPath, [path.join(cmsDir, 'dist', 'src', 'mailing', 'worker-main.js')], {
    env: {
      ...process.env,
      MAILING_WORKER: 'on',
      SMTP_POOL_SIZE: String(pool),
      MAILING_IDLE_MS: '20',
      LOG_LEVEL: 'info',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve, reject) => {
    worker.once('exit', (code) => reject(new Error(`the worker exited (${code})`)));
    worker.stdout!.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('[mailing] worker started')) resolve();
    });
  });
  log('worker ready; publishing');

  const publishStart = performance.now();
  const brief = await strapi.documents('api::brief.brief').create({
    data: {
      title: `Banc d’essai ${stamp}`,
      body: 'Un paragraphe.\n\nUn autre.',
      collective: collective.documentId,
      publicationDate: new Date().toISOString(),
    } as never,
    locale: 'fr',
    status: 'published',
  });
  const queueMs = Math.round(performance.now() - publishStart);
  const sendStart = performance.now();
  const key = `brief:${brief.documentId}`;
  log(`queued in ${queueMs} ms; sending`);
  for (;;) {
    const row = (await strapi.db.connection('mailings').where('key', key).first()) as {
      state: string;
      recipients: number;
      sent: number;
    };
    if (row.state === 'finished') break;
    log(`${smtp.received()} received, ${row.sent} of ${row.recipients} marked sent`);
    await new Promise((r) => setTimeout(r, 1000));
  }
  const sendS = (performance.now() - sendStart) / 1000;
  const peak = peakRssMb(worker.pid!);
  worker.kill('SIGTERM');
  await new Promise((resolve) => worker.once('exit', resolve));

  const received = smtp.received();
  log('cleaning up');
  await strapi.db.connection('outbox').where('mailing_key', key).delete();
  await strapi.db.connection('mailings').where('key', key).delete();
  await removeFollowers(strapi, people);
  await strapi.documents('api::brief.brief').delete({ documentId: brief.documentId, locale: '*' });
  await strapi.documents('api::collective.collective').delete({ documentId: collective.documentId, locale: '*' });
  await strapi.destroy();
  await smtp.stop();
  console.log(
    JSON.stringify({
      followers,
      pool,
      received,
      queue_ms: queueMs,
      send_s: Math.round(sendS * 10) / 10,
      mails_per_s: Math.round(received / sendS),
      peak_rss_mb: peak,
    }),
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
