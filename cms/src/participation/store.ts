/**
 * Small typed reads over the query engine and knex that the participation rules share. Collectives
 * and events are localised with draft and published rows: a document is named by its documentId,
 * and the published row of the default locale stands for the collective tree.
 */
import type { Core } from '@strapi/strapi';
import { defaultLocale } from '@notre-asso/config';

export const UID = {
  collective: 'api::collective.collective',
  event: 'api::event.event',
  membership: 'api::membership.membership',
  registration: 'api::registration.registration',
  profile: 'api::member-profile.member-profile',
} as const;

type Uid = (typeof UID)[keyof typeof UID];

export const query = (strapi: Core.Strapi, uid: Uid) => strapi.db.query(uid);

export const published = { publishedAt: { $notNull: true } };

export interface CollectiveNode {
  id: number;
  documentId: string;
  parent: string | null;
  visibility: 'public' | 'members';
  leads: number[];
}

/** Every published collective with its parent and leads: the tree membership follows. */
export async function collectiveTree(strapi: Core.Strapi): Promise<Map<string, CollectiveNode>> {
  const rows = (await query(strapi, UID.collective).findMany({
    where: { locale: defaultLocale, ...published },
    select: ['id', 'documentId', 'visibility'],
    populate: { parent: { select: ['documentId'] }, leads: { select: ['id'] } },
  })) as Array<{
    id: number;
    documentId: string;
    visibility: 'public' | 'members';
    parent: { documentId: string } | null;
    leads: Array<{ id: number }>;
  }>;
  return new Map(
    rows.map((r) => [
      r.documentId,
      {
        id: r.id,
        documentId: r.documentId,
        visibility: r.visibility,
        parent: r.parent?.documentId ?? null,
        leads: r.leads.map((l) => l.id),
      },
    ]),
  );
}

/** The collective's parent, grand-parent… up to the root (a cycle made in the admin panel stops the walk). */
export function ancestorsOf(tree: Map<string, CollectiveNode>, documentId: string): string[] {
  const out: string[] = [];
  for (let p = tree.get(documentId)?.parent ?? null; p && !out.includes(p) && p !== documentId; ) {
    out.push(p);
    p = tree.get(p)?.parent ?? null;
  }
  return out;
}

/** The collective's sub-collectives at every depth. */
export function descendantsOf(tree: Map<string, CollectiveNode>, documentId: string): string[] {
  const out: string[] = [];
  const walk = (id: string) => {
    for (const node of tree.values()) {
      if (node.parent === id && !out.includes(node.documentId) && node.documentId !== documentId) {
        out.push(node.documentId);
        walk(node.documentId);
      }
    }
  };
  walk(documentId);
  return out;
}

interface JoinTable {
  name: string;
  joinColumn: { name: string };
  inverseJoinColumn: { name: string };
}

/**
 * How many distinct `sourceUid` rows link to each collective document through `attribute`
 * (members, followers), in one grouped query rather than one count per collective.
 */
export async function countPerCollective(
  strapi: Core.Strapi,
  sourceUid: Uid,
  attribute: string,
  sourceWhere: Record<string, string> = {},
): Promise<Map<string, number>> {
  const source = strapi.db.metadata.get(sourceUid);
  const join = (source.attributes[attribute] as unknown as { joinTable: JoinTable }).joinTable;
  const collectives = strapi.db.metadata.get(UID.collective).tableName;
  const q = strapi.db
    .connection(`${join.name} as l`)
    .join(`${collectives} as c`, 'c.id', `l.${join.inverseJoinColumn.name}`)
    .select('c.document_id as d')
    .countDistinct({ n: `l.${join.joinColumn.name}` })
    .groupBy('c.document_id');
  if (Object.keys(sourceWhere).length) {
    q.join(`${source.tableName} as s`, 's.id', `l.${join.joinColumn.name}`);
    for (const [column, value] of Object.entries(sourceWhere)) q.where(`s.${column}`, value);
  }
  const rows = (await q) as Array<{ d: string; n: number | string }>;
  return new Map(rows.map((r) => [r.d, Number(r.n)]));
}

export interface ProfileContact {
  id: number;
  documentId: string;
  displayName: string;
  email: string | null;
}

/** A member's name and e-mail address, for the mails the rules send. */
export async function contactOf(strapi: Core.Strapi, profileId: number): Promise<ProfileContact> {
  const row = (await query(strapi, UID.profile).findOne({
    where: { id: profileId },
    select: ['id', 'documentId', 'displayName'],
    populate: { user: { select: ['email'] } },
  })) as { id: number; documentId: string; displayName: string; user: { email: string } | null };
  return { id: row.id, documentId: row.documentId, displayName: row.displayName, email: row.user?.email ?? null };
}
