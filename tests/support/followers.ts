import { randomBytes } from 'node:crypto';
import type { Core } from '@strapi/strapi';

/**
 * Many members following a collective by e-mail, inserted in bulk (createMember hashes a password
 * per account, far too slow for thousands). The links to the collective are copied from one made
 * by the Document Service, so they point at the rows Strapi itself links to.
 */
export interface Follower {
  userId: number;
  profileId: number;
  documentId: string;
  email: string;
}

const PROFILE = 'api::member-profile.member-profile';
const USER = 'plugin::users-permissions.user';
const CHUNK = 400;

const link = (strapi: Core.Strapi, attribute: string) => {
  const join = (
    strapi.db.metadata.get(PROFILE).attributes[attribute] as unknown as {
      joinTable: {
        name: string;
        joinColumn: { name: string };
        inverseJoinColumn: { name: string };
        orderColumnName?: string;
      };
    }
  ).joinTable;
  return join;
};

let batch = 0;

export async function createFollowers(
  strapi: Core.Strapi,
  collectiveDocumentId: string,
  count: number,
  label: string,
  domains: string[] = ['example.org'],
): Promise<Follower[]> {
  batch += 1;
  const db = strapi.db.connection;
  const now = new Date();
  const row = () => ({
    document_id: randomBytes(12).toString('hex'),
    created_at: now,
    updated_at: now,
    published_at: now,
  });
  const tag = `${label}-${process.pid}-${Date.now()}-${batch}`;
  const followers: Follower[] = [];
  for (let start = 0; start < count; start += CHUNK) {
    const n = Math.min(CHUNK, count - start);
    const emails = Array.from({ length: n }, (_, i) => `${tag}-${start + i}@${domains[(start + i) % domains.length]}`);
    const users = (await db(strapi.db.metadata.get(USER).tableName)
      .insert(
        emails.map((email) => ({
          ...row(),
          username: email,
          email,
          provider: 'local',
          confirmed: true,
          blocked: false,
        })),
      )
      .returning(['id'])) as Array<{ id: number }>;
    const profiles = (await db(strapi.db.metadata.get(PROFILE).tableName)
      .insert(
        emails.map((_, i) => ({
          ...row(),
          display_name: `${label} ${start + i}`,
          membership_number: `F${batch}-${Date.now() % 1e6}-${start + i}`.slice(0, 20),
          member_since: '2024-01-01',
          directory_consent: false,
          newsletter_consent: true,
        })),
      )
      .returning(['id', 'document_id'])) as Array<{ id: number; document_id: string }>;
    const account = link(strapi, 'user');
    await db(account.name).insert(
      profiles.map((p, i) => ({ [account.joinColumn.name]: p.id, [account.inverseJoinColumn.name]: users[i]!.id })),
    );
    profiles.forEach((p, i) =>
      followers.push({ userId: users[i]!.id, profileId: p.id, documentId: p.document_id, email: emails[i]! }),
    );
  }
  await followByMail(strapi, followers, collectiveDocumentId);
  return followers;
}

/** The collective's briefs by e-mail for all of them, as the members' space's follow does. */
export async function followByMail(strapi: Core.Strapi, followers: Follower[], collectiveDocumentId: string) {
  const [first, ...others] = followers;
  if (!first) return;
  await strapi.documents(PROFILE).update({
    documentId: first.documentId,
    data: {
      followedCollectives: { connect: [collectiveDocumentId] },
      mailedCollectives: { connect: [collectiveDocumentId] },
    } as never,
  });
  const db = strapi.db.connection;
  for (const attribute of ['followedCollectives', 'mailedCollectives']) {
    const join = link(strapi, attribute);
    const template = (await db(join.name).where(join.joinColumn.name, first.profileId)) as Array<
      Record<string, unknown>
    >;
    const rows = others.flatMap((f) =>
      template.map((t) => ({
        ...Object.fromEntries(Object.entries(t).filter(([column]) => column !== 'id')),
        [join.joinColumn.name]: f.profileId,
      })),
    );
    for (let i = 0; i < rows.length; i += CHUNK) await db(join.name).insert(rows.slice(i, i + CHUNK));
  }
}

/** Removes them with their outbox rows and links. */
export async function removeFollowers(strapi: Core.Strapi, followers: Follower[]) {
  const db = strapi.db.connection;
  const ids = followers.map((f) => f.profileId);
  const outboxLink = (
    strapi.db.metadata.get('api::outbox-message.outbox-message').attributes.recipient as unknown as {
      joinTable: { name: string; joinColumn: { name: string }; inverseJoinColumn: { name: string } };
    }
  ).joinTable;
  for (let i = 0; i < ids.length; i += CHUNK) {
    const chunk = ids.slice(i, i + CHUNK);
    const messages = db(outboxLink.name)
      .whereIn(outboxLink.inverseJoinColumn.name, chunk)
      .select(outboxLink.joinColumn.name);
    await db('outbox').whereIn('id', messages).delete();
    await db(outboxLink.name).whereIn(outboxLink.inverseJoinColumn.name, chunk).delete();
    for (const attribute of ['user', 'followedCollectives', 'mailedCollectives'])
      await db(link(strapi, attribute).name).whereIn(link(strapi, attribute).joinColumn.name, chunk).delete();
    await db(strapi.db.metadata.get(PROFILE).tableName).whereIn('id', chunk).delete();
    await db(strapi.db.metadata.get(USER).tableName)
      .whereIn(
        'id',
        followers.slice(i, i + CHUNK).map((f) => f.userId),
      )
      .delete();
  }
}

/** Deletes briefs a test published, with their mailing and its outbox rows. */
export async function removeBriefs(strapi: Core.Strapi, documentIds: Iterable<string>) {
  for (const documentId of documentIds) {
    await strapi.db.connection('outbox').where('mailing_key', `brief:${documentId}`).delete();
    await strapi.db.connection('mailings').where('key', `brief:${documentId}`).delete();
    await strapi.documents('api::brief.brief').delete({ documentId, locale: '*' });
  }
}
