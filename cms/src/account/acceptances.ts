import type { Core } from '@strapi/strapi';
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

async function acceptedCurrent(strapi: Core.Strapi, profileId: number): Promise<AcceptanceRow[]> {
  return (await strapi.db.query(ACCEPTANCE).findMany({
    select: ['kind', 'version', 'acceptedAt'],
    where: {
      profile: { id: profileId },
      $or: Object.entries(currentVersions).map(([kind, version]) => ({ kind, version })),
    },
  })) as AcceptanceRow[];
}

/** Which current versions this member has not accepted yet (null: nothing to accept). */
export async function pendingAcceptances(strapi: Core.Strapi, profileId: number): Promise<Pending> {
  const done = new Set((await acceptedCurrent(strapi, profileId)).map((a) => a.kind));
  const pendingOf = (kind: AcceptedKind) => (done.has(kind) ? null : { version: currentVersions[kind] });
  return { charter: pendingOf('charter'), privacy: pendingOf('privacy') };
}

/** Records the acceptance of the current versions (once each), with today's date. */
export async function recordAcceptances(
  strapi: Core.Strapi,
  profileId: number,
): Promise<Record<AcceptedKind, { version: string; acceptedAt: string }>> {
  return strapi.db.transaction(async () => {
    const pending = await pendingAcceptances(strapi, profileId);
    const acceptedAt = new Date();
    for (const kind of Object.keys(pending) as AcceptedKind[]) {
      if (pending[kind])
        await strapi.db
          .query(ACCEPTANCE)
          .create({ data: { profile: profileId, kind, version: currentVersions[kind], acceptedAt } });
    }
    const rows = await acceptedCurrent(strapi, profileId);
    const of = (kind: AcceptedKind) => {
      const row = rows.find((r) => r.kind === kind)!;
      return { version: row.version, acceptedAt: new Date(row.acceptedAt).toISOString() };
    };
    return { charter: of('charter'), privacy: of('privacy') };
  });
}
