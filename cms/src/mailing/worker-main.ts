/**
 * The outbox worker as a process of its own (`npm run worker`): it loads the CMS (configuration,
 * database, content types) without its HTTP server and sends until SIGTERM or SIGINT, on which
 * Strapi's own handler destroys the app, which finishes the batch in hand (cms/src/index.ts).
 * Killed harder, its claimed rows are taken over after their lease.
 */
import path from 'node:path';
import { createStrapi } from '@strapi/strapi';

async function main() {
  process.env.MAILING_WORKER = 'on';
  const appDir = path.resolve(__dirname, '..', '..', '..');
  const strapi = await createStrapi({ appDir, distDir: path.join(appDir, 'dist') }).load();
  strapi.log.info('[mailing] worker started');
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
