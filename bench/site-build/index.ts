/**
 * Time to build the public site, and the size and speed of its search index, for the demo
 * cooperative and for a large organisation (200 collectives, 2,000 pages, 5,000 events, 10,000
 * public documents): boots the CMS on its own SQLite file (bench/.tmp, seeded once and kept),
 * builds the site against it into a temporary directory, then measures the built French index.
 *
 *   npm run bench:site-build                 # demo, then large
 *   BENCH_SIZE=demo npm run bench:site-build # or large
 *
 * Prints progress on stderr and one JSON line of figures on stdout: unprefixed for one size; for
 * both, the large dataset's unprefixed and every figure prefixed with its size (`demo_build_s`, …).
 */
import { execFile, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { promisify } from 'node:util';
import { createStrapi, type Core } from '@strapi/strapi';
import { seedDemo, seedSiteLarge, siteLargeDefaults, type SeedReport } from '../../database/seed';
import { loadIndex, search, type SearchIndexFile } from '../../site/src/lib/search/engine';

type Size = 'demo' | 'large';

const root = path.resolve(__dirname, '..', '..');
const cmsDir = path.join(root, 'cms');
const siteDir = path.join(root, 'site');
const astroBin = path.join(path.dirname(require.resolve('astro/package.json', { paths: [siteDir] })), 'astro.js');
const benchTmp = path.join(root, 'bench', '.tmp');
const QUERY_RUNS = 20;
/** What visitors type: accents or not, plurals, several words, a place. */
const QUERIES = [
  'énergie',
  'energie renouvelable',
  'assemblées générales',
  'renovation',
  'compte rendu',
  'photovoltaique',
  'bénévoles',
  'isolation des combles',
  'facture electricite',
  'Lyon',
];

const log = (...args: unknown[]) => console.error('[bench:site-build]', ...args);

function htmlFiles(dir: string): number {
  let n = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.isDirectory()) n += htmlFiles(path.join(dir, entry.name));
    else if (entry.name.endsWith('.html')) n += 1;
  }
  return n;
}

const percentile = (xs: number[], p: number) => {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] as number;
};
const round = (n: number, digits = 2) => Math.round(n * 10 ** digits) / 10 ** digits;

async function seed(strapi: Core.Strapi, size: Size): Promise<SeedReport> {
  const line = (l: string) => log(`seed: ${l}`);
  return size === 'demo' ? seedDemo(strapi, { log: line }) : seedSiteLarge(strapi, { ...siteLargeDefaults, log: line });
}

function measureQueries(file: SearchIndexFile) {
  const loadStart = performance.now();
  const index = loadIndex(file);
  const loadMs = performance.now() - loadStart;
  const times: number[] = [];
  const hits: Record<string, number> = {};
  for (let run = 0; run < QUERY_RUNS; run += 1) {
    for (const q of QUERIES) {
      const start = performance.now();
      hits[q] = search(index, file, q).length;
      times.push(performance.now() - start);
    }
  }
  return { loadMs, p50: percentile(times, 50), p95: percentile(times, 95), hits };
}

/** One size, in this process: seed if needed, serve the CMS, build the site, measure. */
async function runOne(size: Size): Promise<Record<string, number | string>> {
  const reserve = process.stdout.write.bind(process.stdout);
  // Strapi logs to stdout; the contract keeps stdout for the one JSON line.
  process.stdout.write = process.stderr.write.bind(process.stderr) as typeof process.stdout.write;
  const strapi = await createStrapi({ appDir: cmsDir, distDir: path.join(cmsDir, 'dist') }).load();
  strapi.log.level = 'error';
  // Under the repository, not /tmp: prerendering imports the server build, whose external
  // packages resolve from node_modules above it.
  mkdirSync(benchTmp, { recursive: true });
  const out = mkdtempSync(path.join(benchTmp, `site-build-${size}-out-`));
  try {
    const report = await seed(strapi, size);
    log(
      report.skipped ? `${size}: dataset already there` : `${size}: seeded in ${report.ms} ms`,
      JSON.stringify(report),
    );
    await strapi.server.mount();
    const server = strapi.server.httpServer;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const cmsUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

    log(`${size}: astro build against ${cmsUrl} into ${out}`);
    const start = performance.now();
    const child = spawn(process.execPath, [astroBin, 'build'], {
      cwd: siteDir,
      env: {
        ...process.env,
        CMS_URL: cmsUrl,
        SITE_OUT_DIR: out,
        NODE_ENV: 'production',
        ASTRO_TELEMETRY_DISABLED: '1',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout.pipe(process.stderr);
    child.stderr.pipe(process.stderr);
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    if (code !== 0) throw new Error(`astro build exited with ${code}`);
    const buildS = (performance.now() - start) / 1000;

    const client = path.join(out, 'client');
    const pages = htmlFiles(client);
    const indexPath = (locale: string) => path.join(client, 'search', `${locale}.json`);
    const fr = JSON.parse(readFileSync(indexPath('fr'), 'utf8')) as SearchIndexFile;
    const q = measureQueries(fr);
    log(`${size}: hits per query`, JSON.stringify(q.hits));
    return {
      size,
      build_s: round(buildS, 1),
      pages,
      pages_per_s: round(pages / buildS, 1),
      indexed_fr: Object.keys(fr.store).length,
      index_kb_fr: Math.round(statSync(indexPath('fr')).size / 1024),
      index_kb_en: Math.round(statSync(indexPath('en')).size / 1024),
      index_load_ms: round(q.loadMs, 1),
      query_ms_p50: round(q.p50, 3),
      query_ms_p95: round(q.p95, 3),
    };
  } finally {
    await strapi.destroy();
    rmSync(out, { recursive: true, force: true });
    process.stdout.write = reserve;
  }
}

/** Each size in a process of its own: one Strapi per process, on its own database file. */
async function runChild(size: Size): Promise<Record<string, number | string>> {
  const { stdout } = await promisify(execFile)(process.execPath, [...process.execArgv, __filename], {
    env: { ...process.env, BENCH_SIZE: size },
    maxBuffer: 64 * 1024 * 1024,
  }).catch((error: Error & { stderr?: string }) => {
    throw new Error(`${size} run failed: ${error.message}`);
  });
  const last = stdout.trim().split('\n').pop() as string;
  return JSON.parse(last) as Record<string, number | string>;
}

async function main() {
  const requested = process.env.BENCH_SIZE as Size | undefined;
  if (requested && requested !== 'demo' && requested !== 'large') throw new Error('BENCH_SIZE must be demo or large');
  if (requested) {
    if (!process.env.DATABASE_URL) {
      mkdirSync(benchTmp, { recursive: true });
      process.env.DATABASE_FILENAME = path.join(benchTmp, `site-build-${requested}.db`);
    }
    process.env.STRAPI_TELEMETRY_DISABLED ??= 'true';
    const figures = await runOne(requested);
    console.log(JSON.stringify(figures));
    return;
  }
  // Both sizes: the large dataset's figures unprefixed (the headline), and each size's prefixed.
  const figures: Record<string, number | string> = {};
  for (const size of ['demo', 'large'] as const) {
    const child = runChild(size);
    for (const [key, value] of Object.entries(await child)) if (key !== 'size') figures[`${size}_${key}`] = value;
  }
  const headline = Object.entries(figures)
    .filter(([key]) => key.startsWith('large_'))
    .map(([key, value]) => [key.slice('large_'.length), value]);
  console.log(JSON.stringify({ ...Object.fromEntries(headline), ...figures }));
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
