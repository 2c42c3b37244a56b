import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { columnOf, linkOf, preparedRows, tableOf } from '@notre-asso/plugin-kit';
import { charter, privacyNotice } from '@notre-asso/config';

const ACCEPTANCE = 'api::acceptance.acceptance';

export type AcceptedKind = 'charter' | 'privacy';

/** The current version of each text members accept. */
export const currentVersions: Record<AcceptedKind, string> = {
  charter: charter.version,
  privacy: privacyNotice.version,
};

export type Pending = Record<AcceptedKind, { version: string } | null>;

interface AcceptanceRow {
  kind: AcceptedKind;
  version: string;
  acceptedAt: string;
}

/** Read on every page of the members' space (who asks): prepared, unless inside a transaction. */
async function acceptedCurrent(
  strapi: Core.Strapi,
  profileId: number,
  trx?: Knex.Transaction,
): Promise<AcceptanceRow[]> {
  const knex: Knex = strapi.db.connection;
  const link = linkOf(strapi, ACCEPTANCE, 'profile');
  const query = knex
    .select('a.kind', 'a.version', `a.${columnOf(strapi, ACCEPTANCE, 'acceptedAt')} as acceptedAt`)
    .from(`${tableOf(strapi, ACCEPTANCE)} as a`)
    .join(`${link.table} as l`, `l.${link.source}`, 'a.id')
    .where(`l.${link.target}`, profileId)
    .where((current) => {
      for (const [kind, version] of Object.entries(currentVersions))
        current.orWhere((q) => q.where('a.kind', kind).where('a.version', version));
    });
  return trx ? ((await query.transacting(trx)) as AcceptanceRow[]) : preparedRows<AcceptanceRow>(knex, query);
}

/** Which current versions this member has not accepted yet (null: nothing to accept). */
export async function pendingAcceptances(
  strapi: Core.Strapi,
  profileId: number,
  trx?: Knex.Transaction,
): Promise<Pending> {
  const done = new Set((await acceptedCurrent(strapi, profileId, trx)).map((a) => a.kind));
  const pendingOf = (kind: AcceptedKind) => (done.has(kind) ? null : { version: currentVersions[kind] });
  return { charter: pendingOf('charter'), privacy: pendingOf('privacy') };
}

/** Records the acceptance of the current versions (once each), with today's date. */
export async function recordAcceptances(
  strapi: Core.Strapi,
  profileId: number,
): Promise<Record<AcceptedKind, { version: string; acceptedAt: string }>> {
  return strapi.db.transaction(async ({ trx }) => {
    const pending = await pendingAcceptances(strapi, profileId, trx);
    const acceptedAt = new Date();
    for (const kind of Object.keys(pending) as AcceptedKind[]) {
      if (pending[kind])
        await strapi.db
          .query(ACCEPTANCE)
          .create({ data: { profile: profileId, kind, version: currentVersions[kind], acceptedAt } });
    }
    const rows = await acceptedCurrent(strapi, profileId, trx);
    const of = (kind: AcceptedKind) => {
      const row = rows.find((r) => r.kind === kind)!;
      return { version: row.version, acceptedAt: new Date(row.acceptedAt).toISOString() };
    };
    return { charter: of('charter'), privacy: of('privacy') };
  });
}
