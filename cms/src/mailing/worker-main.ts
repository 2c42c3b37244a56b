/**
 * The outbox worker as a process of its own (`npm run worker`): it loads the CMS (configuration,
 * database, content types) without its HTTP server and sends until SIGTERM or SIGINT, finishing
 * the batch in hand. Killed harder, its claimed rows are taken over after their lease.
 */
import path from 'node:path';
import { createStrapi } from '@strapi/strapi';

async function main() {
  process.env.MAILING_WORKER = 'on';
  const appDir = path.resolve(__dirname, '..', '..', '..');
  const strapi = await createStrapi({ appDir, distDir: path.join(appDir, 'dist') }).load();
  strapi.log.info('[mailing] worker started');
  const stop = async () => {
    await strapi.destroy();
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop());
  process.once('SIGINT', () => void stop());
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
