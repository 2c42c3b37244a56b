/**
 * The site rebuild runner: `npm run start:runner`. The CMS calls it when public content changes;
 * it rebuilds the site into site/builds/<time> and points site/current at the new build.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { settingsFromEnv } from './config';
import { SiteRunner } from './runner';
import { createRunnerServer } from './server';

const siteDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function loadSettings() {
  try {
    return settingsFromEnv(siteDir);
  } catch (error) {
    console.error(`[runner] ${(error as Error).message}`);
    process.exit(1);
  }
}

const settings = loadSettings();
const runner = new SiteRunner(settings.runner);
const server = createRunnerServer(runner, settings.secret);
server.listen(settings.port, settings.host, () => {
  const { buildsDir, link, debounceMs } = runner.options;
  console.log(
    `[runner] listening on http://${settings.host}:${settings.port} (builds in ${buildsDir}, served from ${link}, quiet period ${debounceMs} ms)`,
  );
});
if (process.argv.includes('--now')) runner.request({ action: 'start' });

// A build cut short leaves an unfinished directory that is never linked; pruning removes it later.
const stop = () => {
  server.close();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
