/**
 * The CMS for bench:governance, in a process of its own so that the 32 clients never share its
 * event loop: seeds the large data set once (40,000 members), convenes an assembly whose remote
 * vote is open, issues every member's token, then on request closes the vote and times the
 * tally and the recount in process.
 */
import { bootLargeCms, tokensOf } from '../support/large-cms';
import {
  assemblyResults,
  recountAssembly,
  voteResolution,
} from '../../plugins/governance/server/src/services/assemblies';

export interface Ready {
  base: string;
  members: number;
  /** The resolution every member votes on through the service, and the one a sample votes on over HTTP. */
  resolution: string;
  sampled: string;
  /** Tokens of the sample of members who vote over HTTP. */
  tokens: string[];
}

export interface Recorded {
  ms: number;
  recorded: number;
  refused: number;
}

export interface Counted {
  tally_ms: number;
  recount_ms: number[];
  matches: boolean;
  heads: number;
  voters: number;
  for: number;
  against: number;
  abstain: number;
}

const log = (...args: unknown[]) => console.error('[bench:governance:cms]', ...args);
const day = 24 * 3600_000;
const choices = ['for', 'for', 'for', 'against', 'abstain'] as const;

async function main() {
  const { strapi, base } = await bootLargeCms('bench:governance');

  // A fresh assembly each run: its voter list is frozen by the first ballot (every member admitted by yesterday).
  const now = Date.now();
  const assembly = (await strapi.documents('plugin::governance.assembly').create({
    data: {
      title: `Bench AG ${new Date(now).toISOString()}`,
      kind: 'ordinary',
      date: new Date(now + day),
      votingOpensAt: new Date(now - day),
      votingClosesAt: new Date(now + day),
      recordDate: new Date(now - day).toISOString().slice(0, 10),
    } as never,
  })) as unknown as { documentId: string };
  const resolution = (await strapi.documents('plugin::governance.resolution').create({
    data: {
      assembly: assembly.documentId,
      position: 1,
      title: 'Comptes',
      text: 'Approbation des comptes',
      kind: 'ordinary',
    } as never,
  })) as unknown as { documentId: string };
  const sampled = (await strapi.documents('plugin::governance.resolution').create({
    data: {
      assembly: assembly.documentId,
      position: 2,
      title: 'Statuts',
      text: 'Modification',
      kind: 'ordinary',
    } as never,
  })) as unknown as { documentId: string };

  const profiles = (await strapi.db.query('api::member-profile.member-profile').findMany({
    select: ['id'],
    populate: { user: { select: ['id'] } },
    orderBy: { id: 'asc' },
  })) as Array<{ id: number; user: { id: number } | null }>;
  const sample = Number(process.env.BENCH_HTTP_SAMPLE ?? 2000);
  const tokens = tokensOf(
    strapi,
    profiles.slice(0, sample).flatMap((p) => (p.user ? [p.user.id] : [])),
  );
  const ready: Ready = {
    base,
    members: profiles.length,
    resolution: resolution.documentId,
    sampled: sampled.documentId,
    tokens,
  };
  process.send?.(ready);

  /** Every member casts one ballot through the voting service, from `clients` concurrent callers. */
  async function record(clients: number): Promise<Recorded> {
    let cursor = 0;
    let refused = 0;
    const start = performance.now();
    const client = async () => {
      for (let i = cursor++; i < profiles.length; i = cursor++) {
        const voter = {
          profileId: profiles[i].id,
          profileDocumentId: '',
          college: null,
          memberSince: '',
          board: false,
          collectives: [],
        };
        try {
          await voteResolution(strapi, voter, resolution.documentId, { choice: choices[i % choices.length] });
        } catch (error) {
          refused += 1;
          if (refused <= 3) log('refused:', (error as Error).message);
        }
        if (i % 5000 === 0) log(`${i} ballots recorded`);
      }
    };
    await Promise.all(Array.from({ length: clients }, client));
    return { ms: performance.now() - start, recorded: profiles.length - refused, refused };
  }

  process.on('message', async (message) => {
    if (typeof message === 'object' && message && 'record' in message) {
      process.send?.(await record((message as { record: number }).record));
    }
    if (message === 'count') {
      await strapi.db.query('plugin::governance.assembly').update({
        where: { documentId: assembly.documentId },
        data: { votingClosesAt: new Date(Date.now() - 1) } as never,
      });
      let start = performance.now();
      const results = await assemblyResults(strapi, assembly.documentId);
      const tally = performance.now() - start;
      const recounts: number[] = [];
      let matches = true;
      const board = {
        profileId: 0,
        profileDocumentId: '',
        college: null,
        memberSince: '',
        board: true,
        collectives: [],
      };
      for (let i = 0; i < 3; i += 1) {
        start = performance.now();
        matches = matches && (await recountAssembly(strapi, board, assembly.documentId)).matches;
        recounts.push(performance.now() - start);
      }
      const r = results.resolutions[0];
      const counted: Counted = {
        tally_ms: tally,
        recount_ms: recounts,
        matches,
        heads: results.quorum.heads,
        voters: results.quorum.voters,
        for: r.for,
        against: r.against,
        abstain: r.abstain,
      };
      process.send?.(counted);
    }
  });
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
