import { spawn } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { runBuild, type BuildCommand } from './build';
import { currentTarget, pruneBuilds, swapLink } from './swap';

/** Why a rebuild was asked for: what the CMS changed. */
export interface RebuildReason {
  uid?: string;
  action?: string;
  documentId?: string | null;
  locale?: string | null;
}

export type RunnerState = 'idle' | 'waiting' | 'building';

export interface BuildRecord {
  number: number;
  started: string;
  finished: string | null;
  duration_ms: number | null;
  ok: boolean | null;
  error: string | null;
  /** How many requests this build answers (a burst of saves is one build). */
  reasons_count: number;
  /** The first few of them, to tell what triggered it. */
  reasons: RebuildReason[];
  out_dir: string;
}

export interface RunnerOptions {
  /** Where builds go, one directory each. */
  buildsDir: string;
  /** The symlink that points at the build being served. */
  link: string;
  build: BuildCommand;
  /** Extra environment for the build, e.g. CMS_URL. */
  buildEnv?: Record<string, string>;
  /** Quiet period: a build starts once no request came for this long. */
  debounceMs?: number;
  /** ... but never later than this after the first waiting request, even if saves keep coming. */
  maxWaitMs?: number;
  buildTimeoutMs?: number;
  /** Builds kept on disk, the one being served included. */
  keep?: number;
  /** A shell command run after each swap (e.g. restart the on-demand server); SITE_BUILD_DIR is set. */
  afterSwap?: string;
  log?: (line: string) => void;
}

const REASONS_KEPT = 20;

/**
 * Rebuilds the public site when the CMS says content changed: debounces bursts, runs one build at
 * a time (a request during a build schedules one follow-up), builds into a fresh directory and
 * swaps the served symlink only when the build succeeded.
 *
 * Events: 'requested' (reason), 'build-start' (record), 'build-end' (record).
 */
export class SiteRunner extends EventEmitter {
  readonly options: Required<Omit<RunnerOptions, 'afterSwap' | 'buildEnv'>> &
    Pick<RunnerOptions, 'afterSwap' | 'buildEnv'>;
  private pending: RebuildReason[] = [];
  private firstPendingAt = 0;
  private timer: NodeJS.Timeout | null = null;
  private building: Promise<void> | null = null;
  private count = 0;
  private totals = { ok: 0, failed: 0 };
  private last: BuildRecord | null = null;
  private current: BuildRecord | null = null;

  constructor(options: RunnerOptions) {
    super();
    this.options = {
      debounceMs: 2000,
      maxWaitMs: 30000,
      buildTimeoutMs: 10 * 60 * 1000,
      keep: 3,
      log: (line) => console.log(`[runner] ${line}`),
      ...options,
    };
  }

  get state(): RunnerState {
    if (this.building) return 'building';
    return this.timer ? 'waiting' : 'idle';
  }

  /** Asks for a rebuild. Returns at once; the build happens after the quiet period. */
  request(reason: RebuildReason): void {
    if (!this.pending.length) this.firstPendingAt = Date.now();
    this.pending.push(reason);
    this.emit('requested', reason);
    // During a build the pending reasons wait for it to end; then one follow-up build takes them all.
    if (!this.building) this.schedule();
  }

  async status() {
    return {
      state: this.state,
      pending_reasons: this.pending.length,
      building: this.current,
      last_build: this.last,
      builds: { ...this.totals },
      current_output: await currentTarget(this.options.link),
    };
  }

  /** Stops waiting and resolves once no build is running (pending requests are dropped). */
  async close(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.pending = [];
    await this.building;
  }

  private schedule() {
    if (this.timer) clearTimeout(this.timer);
    const latest = this.firstPendingAt + this.options.maxWaitMs - Date.now();
    this.timer = setTimeout(() => this.start(), Math.max(0, Math.min(this.options.debounceMs, latest)));
  }

  private start() {
    this.timer = null;
    const reasons = this.pending;
    this.pending = [];
    this.building = this.buildOnce(reasons).finally(() => {
      this.building = null;
      if (this.pending.length) this.schedule();
    });
  }

  private async buildOnce(reasons: RebuildReason[]): Promise<void> {
    const { buildsDir, link, log } = this.options;
    const number = ++this.count;
    // Names sort by time, which is what pruning relies on; the number keeps them unique.
    const stamp = new Date().toISOString().replace(/[:.]/g, '-');
    const outDir = path.join(buildsDir, `${stamp}-${String(number).padStart(4, '0')}`);
    const startedAt = Date.now();
    const record: BuildRecord = {
      number,
      started: new Date(startedAt).toISOString(),
      finished: null,
      duration_ms: null,
      ok: null,
      error: null,
      reasons_count: reasons.length,
      reasons: reasons.slice(0, REASONS_KEPT),
      out_dir: outDir,
    };
    this.current = record;
    this.emit('build-start', record);
    log(`build #${number} started for ${describe(reasons)} → ${outDir}`);

    try {
      await prepareBuildsDir(buildsDir);
      const outcome = await runBuild(
        this.options.build,
        outDir,
        {
          ...this.options.buildEnv,
          SITE_BUILD_NUMBER: String(number),
          SITE_BUILD_REASONS: JSON.stringify(record.reasons),
        },
        this.options.buildTimeoutMs,
      );
      const built = Date.now();
      if (!outcome.ok) throw new Error(outcome.error ?? 'build failed');
      await swapLink(link, outDir);
      log(`build #${number} ok: built in ${built - startedAt} ms, swapped ${link} → ${outDir}`);
      record.ok = true;
      this.totals.ok++;
      const removed = await pruneBuilds(buildsDir, link, this.options.keep);
      if (removed.length) log(`pruned ${removed.length} old build(s)`);
      if (this.options.afterSwap) await this.runAfterSwap(outDir);
    } catch (error) {
      record.ok = false;
      record.error = excerpt(error instanceof Error ? error.message : String(error));
      this.totals.failed++;
      // The previous build stays online: the link was not touched.
      await rm(outDir, { recursive: true, force: true }).catch(() => undefined);
      log(
        `build #${number} FAILED after ${Date.now() - startedAt} ms, still serving the previous build:\n${record.error}`,
      );
    } finally {
      record.finished = new Date().toISOString();
      record.duration_ms = Date.now() - startedAt;
      this.last = record;
      this.current = null;
      this.emit('build-end', record);
    }
  }

  private runAfterSwap(outDir: string) {
    const started = Date.now();
    return new Promise<void>((resolve) => {
      const child = spawn(this.options.afterSwap!, {
        shell: true,
        stdio: 'inherit',
        env: { ...process.env, SITE_BUILD_DIR: outDir },
      });
      child.on('error', (error) => {
        this.options.log(`after-swap command failed to start: ${error.message}`);
        resolve();
      });
      child.on('close', (code) => {
        this.options.log(`after-swap command ended with code ${code} in ${Date.now() - started} ms`);
        resolve();
      });
    });
  }
}

/** The builds directory, created on first use and ignored by git (build output is not source). */
async function prepareBuildsDir(buildsDir: string) {
  await mkdir(buildsDir, { recursive: true });
  await writeFile(path.join(buildsDir, '.gitignore'), '*\n');
}

function describe(reasons: RebuildReason[]): string {
  if (!reasons.length) return 'no request';
  const first = reasons[0];
  const what = [first.uid, first.action, first.documentId, first.locale].filter(Boolean).join(' ');
  return reasons.length === 1 ? `1 request (${what})` : `${reasons.length} requests (first: ${what})`;
}

function excerpt(text: string): string {
  return text.length > 2000 ? `…${text.slice(-2000)}` : text;
}
