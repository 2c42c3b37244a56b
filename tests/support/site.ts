/**
 * Builds the public site for a test, for real: Astro reads the running CMS (anonymous REST reads)
 * and writes into a temporary directory of its own, so that parallel builds never clash and the
 * working copy's site/dist is left alone. The directory is under site/.tmp (git-ignored), not the
 * system's tmp: Astro prerenders by importing its server build from the output directory, whose
 * bare imports must resolve to site/node_modules.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Core } from '@strapi/strapi';
import { listen, startStrapi } from './strapi';

export const siteDir = path.resolve(__dirname, '..', '..', 'site');
const astroBin = path.join(path.dirname(require.resolve('astro/package.json', { paths: [siteDir] })), 'astro.js');

const buildsDir = path.join(siteDir, '.tmp', 'builds');

export const SITE_URL = 'http://localhost:4321';
export const BUILD_TIMEOUT_MS = 300_000;

export interface BuildOptions {
  /** The public address the site is built for (canonical links, feeds, sitemap). */
  siteUrl?: string;
  /** Extra environment for the build. */
  env?: Record<string, string>;
}

/**
 * Runs `astro build` against the CMS at `cmsUrl` into a fresh temporary directory and returns it
 * (static files in `<outDir>/client`, the on-demand server in `<outDir>/server`). Asynchronous on
 * purpose: the CMS answering the build usually runs in the calling process.
 */
export async function buildSite(cmsUrl: string, options: BuildOptions = {}): Promise<string> {
  mkdirSync(buildsDir, { recursive: true });
  const outDir = mkdtempSync(path.join(buildsDir, 'build-'));
  await promisify(execFile)(process.execPath, [astroBin, 'build'], {
    cwd: siteDir,
    env: {
      ...process.env,
      CMS_URL: cmsUrl,
      SITE_URL: options.siteUrl ?? SITE_URL,
      SITE_OUT_DIR: outDir,
      NODE_ENV: 'production',
      ASTRO_TELEMETRY_DISABLED: '1',
      ...options.env,
    },
    timeout: BUILD_TIMEOUT_MS,
    maxBuffer: 64 * 1024 * 1024,
  }).catch((error: Error & { stdout?: string; stderr?: string }) => {
    rmSync(outDir, { recursive: true, force: true });
    throw new Error(`astro build failed: ${error.message}\n${error.stdout ?? ''}\n${error.stderr ?? ''}`);
  });
  return outDir;
}

/** Removes a directory returned by `buildSite`. */
export function removeBuild(outDir: string | undefined) {
  if (outDir) rmSync(outDir, { recursive: true, force: true });
}

/** Boots the real CMS on the test database and listens on a free port, for a site build to read. */
export async function startStrapiForSite(): Promise<{ strapi: Core.Strapi; url: string }> {
  const strapi = await startStrapi();
  const url = await listen(strapi);
  return { strapi, url };
}
