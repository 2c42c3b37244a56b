/**
 * Votes at scale: 40,000 members each cast one secret ballot on a resolution through the voting
 * service (the route's work minus HTTP and login) from 32 concurrent callers, and a sample of 2,000
 * members (`BENCH_HTTP_SAMPLE`) votes on a second resolution over HTTP from 32 clients, which gives
 * the figure with the whole request path; then the vote closes and the tally (quorum by heads and
 * majority, stored) and the recount (counted again from the ballots, compared) are timed.
 *
 *   DATABASE_URL=postgres://…/bench_test npm run bench:governance
 *   BENCH_MEMBERS=2000 npm run bench:governance   # SQLite under bench/.tmp
 *
 * Progress on stderr; the last stdout line is one JSON object: `ballots_per_s` (service, all members),
 * `http_ballots_per_s` (the sample), `tally_ms`, `recount_ms` (median of 3), with the counts that
 * show every ballot was counted.
 */
import path from 'node:path';
import { forkLargeCms } from '../support/large-cms';
import type { Counted, Ready, Recorded } from './server';

const clients = Number(process.env.BENCH_CLIENTS ?? 32);
const log = (...args: unknown[]) => console.error('[bench:governance]', ...args);
const choices = ['for', 'for', 'for', 'against', 'abstain'] as const;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

async function main() {
  const { process: cms, next } = forkLargeCms(path.join(__dirname, 'server.ts'));
  const ready = await next<Ready>();
  try {
    log(`${ready.members} ballots through the service from ${clients} callers`);
    cms.send({ record: clients });
    const recorded = await next<Recorded>();
    const url = `${ready.base}/api/governance/resolutions/${ready.sampled}/ballots`;
    log(`${ready.tokens.length} ballots over HTTP from ${clients} clients`);
    let cursor = 0;
    let refused = 0;
    const start = performance.now();
    // Each client takes the next member in turn until every member has voted once.
    const client = async () => {
      for (let i = cursor++; i < ready.tokens.length; i = cursor++) {
        const res = await fetch(url, {
          method: 'POST',
          headers: { authorization: `Bearer ${ready.tokens[i]}`, 'content-type': 'application/json' },
          body: JSON.stringify({ choice: choices[i % choices.length] }),
        });
        if (res.status !== 201) {
          refused += 1;
          if (refused <= 3) log(`refused: ${res.status} ${await res.text()}`);
        } else await res.arrayBuffer();
        if (i % 500 === 0) log(`${i} ballots sent`);
      }
    };
    await Promise.all(Array.from({ length: clients }, client));
    const seconds = (performance.now() - start) / 1000;
    cms.send('count');
    const counted = await next<Counted>();
    const figures = {
      members: ready.members,
      database: process.env.DATABASE_URL ? 'postgres' : 'sqlite',
      clients,
      ballots: recorded.recorded,
      refused: recorded.refused,
      ballots_per_s: Math.round(recorded.recorded / (recorded.ms / 1000)),
      http_ballots: ready.tokens.length - refused,
      http_refused: refused,
      http_ballots_per_s: Math.round((ready.tokens.length - refused) / seconds),
      tally_ms: Math.round(counted.tally_ms),
      recount_ms: Math.round(median(counted.recount_ms)),
      recount_matches: counted.matches,
      heads: counted.heads,
      voters: counted.voters,
      for: counted.for,
      against: counted.against,
      abstain: counted.abstain,
    };
    console.log(JSON.stringify(figures));
  } finally {
    cms.send('stop');
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
