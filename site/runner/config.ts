import path from 'node:path';
import { astroBuild } from './build';
import type { RunnerOptions } from './runner';

export interface RunnerSettings {
  port: number;
  host: string;
  secret: string;
  runner: RunnerOptions;
}

const int = (value: string | undefined, fallback: number) => {
  const n = Number(value);
  return value && Number.isFinite(n) ? n : fallback;
};

/** The runner's settings from the environment (see .env.example); siteDir is the Astro project. */
export function settingsFromEnv(siteDir: string, env: NodeJS.ProcessEnv = process.env): RunnerSettings {
  const secret = env.SITE_REBUILD_SECRET ?? '';
  if (!secret) throw new Error('SITE_REBUILD_SECRET must be set: the CMS sends it with every rebuild request.');
  return {
    port: int(env.RUNNER_PORT, 4322),
    host: env.RUNNER_HOST ?? '127.0.0.1',
    secret,
    runner: {
      buildsDir: path.resolve(siteDir, env.RUNNER_BUILDS_DIR ?? 'builds'),
      link: path.resolve(siteDir, env.RUNNER_LINK ?? 'current'),
      build: astroBuild(siteDir),
      buildEnv: { CMS_URL: env.CMS_URL ?? 'http://127.0.0.1:1337' },
      debounceMs: int(env.RUNNER_DEBOUNCE_MS, 2000),
      maxWaitMs: int(env.RUNNER_MAX_WAIT_MS, 30000),
      buildTimeoutMs: int(env.RUNNER_BUILD_TIMEOUT_MS, 10 * 60 * 1000),
      keep: Math.max(1, int(env.RUNNER_KEEP_BUILDS, 3)),
      afterSwap: env.RUNNER_AFTER_SWAP || undefined,
    },
  };
}
