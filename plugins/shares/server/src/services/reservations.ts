/**
 * What approved, unpaid redemptions have promised to leaving members. Until the movement is
 * written, the capital floor counts their amount as gone and the member's holding their shares,
 * so that two approvals (or an approval and a direct redemption) cannot both spend the same
 * room. Read under the ledger's lock, which every approval takes too: a committed approval is
 * seen by the next lock holder (each statement of a READ COMMITTED transaction reads afresh).
 */
import type { Core } from '@strapi/strapi';
import { centsOf } from '../rules';
import { tablesOf, type Db } from '../store';

export interface Reserved {
  /** Σ amounts of every approved, unpaid redemption. */
  totalCents: number;
  /** Shares of this member and class promised to approved, unpaid redemptions. */
  memberShares: number;
}

export async function reservedFor(
  strapi: Core.Strapi,
  db: Db,
  profileId: number,
  classId: number,
  /** The request being paid or approved: its own promise is not counted against itself. */
  except: number | null = null,
): Promise<Reserved> {
  const t = tablesOf(strapi);
  const profile = `rp.${t.redemptionProfile.target}`;
  const shareClass = `rc.${t.redemptionClass.target}`;
  const row = await db(`${t.redemption} as r`)
    .join(`${t.redemptionProfile.table} as rp`, `rp.${t.redemptionProfile.owner}`, 'r.id')
    .join(`${t.redemptionClass.table} as rc`, `rc.${t.redemptionClass.owner}`, 'r.id')
    .where('r.state', 'approved')
    .modify((q) => {
      if (except !== null) q.whereNot('r.id', except);
    })
    .first(
      db.raw('CAST(COALESCE(SUM(r.amount_cents), 0) AS TEXT) as total'),
      db.raw(`COALESCE(SUM(CASE WHEN ?? = ? AND ?? = ? THEN r.quantity ELSE 0 END), 0) as mine`, [
        profile,
        profileId,
        shareClass,
        classId,
      ]),
    );
  return { totalCents: centsOf(row?.total ?? 0), memberShares: Number(row?.mine ?? 0) };
}
