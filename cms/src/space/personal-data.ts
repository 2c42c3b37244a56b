import { personalDataProviders } from '@notre-asso/plugin-kit';
import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { BOUNCE } from '../mailing/bounces';
import { UID } from './tables';

/**
 * Where a member's personal data lives: found from the content types themselves, so that a table
 * added later that points at a member profile or an account is exported without anyone having to
 * remember it (and must be classified for erasure: see erasure.ts).
 */
export const PERSON = new Set<string>([UID.profile, UID.user]);

export interface PersonalRelation {
  /** The content type holding the reference. */
  uid: string;
  attribute: string;
  /** UID.profile or UID.user. */
  target: string;
}

interface Attribute {
  type: string;
  target?: string;
  private?: boolean;
  relation?: string;
}

const attributesOf = (strapi: Core.Strapi, uid: string) =>
  (strapi.contentTypes[uid as keyof typeof strapi.contentTypes]?.attributes ?? {}) as Record<string, Attribute>;

/** Every relation, in any content type but the profile and the account themselves, to a profile or an account. */
export function personalRelations(strapi: Core.Strapi): PersonalRelation[] {
  const found: PersonalRelation[] = [];
  for (const uid of Object.keys(strapi.contentTypes)) {
    if (PERSON.has(uid) || uid.startsWith('admin::')) continue;
    for (const [attribute, attr] of Object.entries(attributesOf(strapi, uid))) {
      if (attr.type === 'relation' && attr.target && PERSON.has(attr.target))
        found.push({ uid, attribute, target: attr.target });
    }
  }
  return found;
}

/** Attribute types that are not a column of the row (read through populate, or not at all). */
const NOT_COLUMNS = new Set(['relation', 'media', 'component', 'dynamiczone']);

/** Fields never exported: password hashes, tokens and every other private attribute, and admin bookkeeping. */
export function exportableFields(strapi: Core.Strapi, uid: string): string[] {
  return Object.entries(attributesOf(strapi, uid))
    .filter(([, attr]) => !NOT_COLUMNS.has(attr.type) && attr.type !== 'password' && !attr.private)
    .map(([name]) => name);
}

const LABELS = ['documentId', 'slug', 'name', 'title', 'startsAt', 'endsAt', 'type'];

/**
 * What to show of what a row points at: a few identifying fields of content (a collective's
 * name, an event's title); nothing of other members, whose data is not mine to export.
 */
function populateFor(strapi: Core.Strapi, uid: string): Record<string, { select: string[] }> {
  const populate: Record<string, { select: string[] }> = {};
  for (const [attribute, attr] of Object.entries(attributesOf(strapi, uid))) {
    if (attr.type !== 'relation' || !attr.target || PERSON.has(attr.target) || attr.target.startsWith('admin::'))
      continue;
    if (attribute === 'localizations') continue;
    const targetAttributes = attributesOf(strapi, attr.target);
    const select = LABELS.filter(
      (l) => l === 'documentId' || (targetAttributes[l] && targetAttributes[l].type !== 'relation'),
    );
    populate[attribute] = { select };
  }
  return populate;
}

export interface PersonalExport {
  exportedAt: string;
  account: Record<string, unknown> | null;
  profile: Record<string, unknown> | null;
  /** `uid.attribute` → the rows whose `attribute` is me. */
  related: Record<string, unknown[]>;
}

export async function exportPersonalData(
  strapi: Core.Strapi,
  userId: number,
  profileId: number | null,
): Promise<PersonalExport> {
  // One transaction: the CMS's tables and the plugins' read as one snapshot.
  return strapi.db.transaction(async ({ trx }: { trx: Knex.Transaction }) => {
    const read = (uid: string, where: Record<string, unknown>) =>
      strapi.db.query(uid).findMany({
        where,
        select: ['id', ...exportableFields(strapi, uid)],
        populate: populateFor(strapi, uid),
        orderBy: { id: 'asc' },
      });
    const [account] = (await read(UID.user, { id: userId })) as Array<Record<string, unknown>>;
    const [profile] =
      profileId === null ? [] : ((await read(UID.profile, { id: profileId })) as Array<Record<string, unknown>>);
    const related: Record<string, unknown[]> = {};
    for (const { uid, attribute, target } of personalRelations(strapi)) {
      const me = target === UID.user ? userId : profileId;
      if (me === null) continue;
      related[`${uid}.${attribute}`] = await read(uid, { [attribute]: { id: me } });
    }
    // Mail refused at my address (bounces): kept by address, not by profile.
    if (typeof account?.email === 'string')
      related[`${BOUNCE}.address`] = await read(BOUNCE, { address: account.email.toLowerCase() });
    // The plugins' own tables (governance's votes, moderation's discussions), as `plugin.name`.
    if (profileId !== null)
      for (const { plugin, provider } of personalDataProviders(strapi))
        for (const [name, rows] of Object.entries(await provider.exportOf(profileId, trx)))
          related[`${plugin}.${name}`] = rows;
    return { exportedAt: new Date().toISOString(), account: account ?? null, profile: profile ?? null, related };
  });
}
