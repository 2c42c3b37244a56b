import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';

/** A program to run for one build; the runner adds SITE_OUT_DIR (and CMS_URL) to its environment. */
export interface BuildCommand {
  command: string;
  args: string[];
  cwd?: string;
  env?: Record<string, string>;
}

export interface BuildOutcome {
  ok: boolean;
  /** The last lines of the build's output when it failed, for /status and the log. */
  error: string | null;
}

const TAIL_CHARS = 2000;

/** The real build: `astro build` of the site, with the Node running the runner. */
export function astroBuild(siteDir: string): BuildCommand {
  const requireFromSite = createRequire(path.join(siteDir, 'package.json'));
  const astroBin = path.join(path.dirname(requireFromSite.resolve('astro/package.json')), 'astro.js');
  return { command: process.execPath, args: [astroBin, 'build'], cwd: siteDir };
}

/** Runs one build into outDir as a child process; resolves (never rejects) with its outcome. */
export function runBuild(build: BuildCommand, outDir: string, env: Record<string, string>, timeoutMs: number) {
  return new Promise<BuildOutcome>((resolve) => {
    let tail = '';
    const keep = (chunk: Buffer) => {
      tail = (tail + chunk.toString('utf8')).slice(-TAIL_CHARS);
    };
    const child = spawn(build.command, build.args, {
      cwd: build.cwd,
      env: { ...process.env, ...build.env, ...env, SITE_OUT_DIR: outDir },
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: timeoutMs,
      killSignal: 'SIGKILL',
    });
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    child.on('error', (error) => resolve({ ok: false, error: `${error.message}\n${tail}`.trim() }));
    child.on('close', (code, signal) => {
      if (code === 0) return resolve({ ok: true, error: null });
      const why = signal
        ? `killed by ${signal}${signal === 'SIGKILL' ? ` (timeout ${timeoutMs} ms?)` : ''}`
        : `exit code ${code}`;
      resolve({ ok: false, error: `${why}\n${tail}`.trim() });
    });
  });
}
