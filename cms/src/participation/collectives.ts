/**
 * Following and membership of collectives. Membership follows the tree: joining a collective makes
 * one an active member of its parents, leaving it leaves its sub-collectives. A members-only
 * collective (or one under a members-only parent one is not in yet) is joined on request, which
 * its leads or the board accept or refuse.
 */
import type { Core } from '@strapi/strapi';
import { defaultLocale, organisation, type Locale, spacePath } from '@notre-asso/config';
import { renderMail, sendMail } from '../mail';
import { notify } from '../notifications';
import type { Viewer } from '../access/viewer';
import { Conflict, NotAllowed, NotFound } from './errors';
import type { Member } from './http';
import {
  ancestorsOf,
  collectiveTree,
  contactOf,
  countPerCollective,
  descendantsOf,
  published,
  query,
  UID,
  type CollectiveNode,
} from './store';

export type MembershipState = 'requested' | 'active' | 'refused';

interface MembershipRow {
  id: number;
  state: MembershipState;
  createdAt: string;
  decidedAt: string | null;
  collective: { documentId: string } | null;
  profile?: { id: number; documentId: string; displayName: string } | null;
}

/** Who decided a request: a lead's profile (the board's technical accounts have none). */
export interface Decider {
  id: number;
  documentId: string;
}

export const collectivesPath: Record<Locale, string> = {
  fr: spacePath('fr', 'collectives'),
  en: spacePath('en', 'collectives'),
};

const notFound = () => new NotFound('Ce collectif n’existe pas.', 'No such collective.');

async function nodeOf(strapi: Core.Strapi, documentId: string) {
  const tree = await collectiveTree(strapi);
  const node = tree.get(documentId);
  if (!node) throw notFound();
  return { tree, node };
}

/** A member's memberships, by collective documentId. */
async function membershipsOf(strapi: Core.Strapi, profileId: number): Promise<Map<string, MembershipRow>> {
  const rows = (await query(strapi, UID.membership).findMany({
    where: { profile: { id: profileId } },
    select: ['id', 'state', 'createdAt', 'decidedAt'],
    populate: { collective: { select: ['documentId'] } },
  })) as MembershipRow[];
  return new Map(rows.filter((r) => r.collective).map((r) => [r.collective!.documentId, r]));
}

export function leads(viewer: Viewer, node: CollectiveNode): boolean {
  return viewer.role === 'board' || (viewer.profileId !== null && node.leads.includes(viewer.profileId));
}

export interface CollectiveSummary {
  documentId: string;
  slug: string;
  name: string;
  kind: string;
  visibility: string;
  parent: string | null;
  following: boolean;
  emailBriefs: boolean;
  membership: MembershipState | null;
  lead: boolean;
  members: number;
  followers: number;
}

export async function listCollectives(
  strapi: Core.Strapi,
  member: Member,
  locale: Locale,
): Promise<CollectiveSummary[]> {
  const [tree, rows, mine, profile, memberCounts, followerCounts] = await Promise.all([
    collectiveTree(strapi),
    query(strapi, UID.collective).findMany({
      where: { locale, ...published },
      select: ['documentId', 'slug', 'name', 'kind', 'visibility'],
      orderBy: [{ name: 'asc' }],
    }) as Promise<Array<{ documentId: string; slug: string; name: string; kind: string; visibility: string }>>,
    membershipsOf(strapi, member.profileId),
    query(strapi, UID.profile).findOne({
      where: { id: member.profileId },
      select: ['id'],
      populate: { followedCollectives: { select: ['documentId'] }, mailedCollectives: { select: ['documentId'] } },
    }) as Promise<{
      followedCollectives: Array<{ documentId: string }>;
      mailedCollectives: Array<{ documentId: string }>;
    }>,
    countPerCollective(strapi, UID.membership, 'collective', { state: 'active' }),
    countPerCollective(strapi, UID.profile, 'followedCollectives'),
  ]);
  const followed = new Set(profile.followedCollectives.map((c) => c.documentId));
  const mailed = new Set(profile.mailedCollectives.map((c) => c.documentId));
  return rows.map((c) => {
    const node = tree.get(c.documentId);
    return {
      ...c,
      parent: node?.parent ?? null,
      following: followed.has(c.documentId),
      emailBriefs: mailed.has(c.documentId),
      membership: mine.get(c.documentId)?.state ?? null,
      lead: node ? leads(member.viewer, node) : false,
      members: memberCounts.get(c.documentId) ?? 0,
      followers: followerCounts.get(c.documentId) ?? 0,
    };
  });
}

/** Follows a collective (its briefs on the dashboard), and gets them by e-mail or not. */
export async function follow(strapi: Core.Strapi, member: Member, documentId: string, emailBriefs: boolean) {
  await nodeOf(strapi, documentId);
  await strapi.documents(UID.profile).update({
    documentId: member.profileDocumentId,
    data: {
      followedCollectives: { connect: [documentId] },
      mailedCollectives: emailBriefs ? { connect: [documentId] } : { disconnect: [documentId] },
    } as never,
  });
  return { following: true, emailBriefs };
}

export async function unfollow(strapi: Core.Strapi, member: Member, documentId: string) {
  await nodeOf(strapi, documentId);
  await strapi.documents(UID.profile).update({
    documentId: member.profileDocumentId,
    data: {
      followedCollectives: { disconnect: [documentId] },
      mailedCollectives: { disconnect: [documentId] },
    } as never,
  });
  return { following: false, emailBriefs: false };
}

/** Makes these memberships active (creating the missing ones), inside the caller's transaction. */
async function activate(
  strapi: Core.Strapi,
  profile: { id: number; documentId: string },
  collectives: string[],
  decider: Decider | null,
) {
  const existing = await membershipsOf(strapi, profile.id);
  const decidedAt = decider ? new Date() : null;
  for (const documentId of collectives) {
    const row = existing.get(documentId);
    if (row?.state === 'active') continue;
    if (row) {
      await query(strapi, UID.membership).update({
        where: { id: row.id },
        data: { state: 'active', decidedAt, decidedBy: decider?.id ?? null },
      });
    } else {
      await strapi.documents(UID.membership).create({
        data: {
          profile: profile.documentId,
          collective: documentId,
          state: 'active',
          decidedAt,
          decidedBy: decider?.documentId ?? null,
        } as never,
      });
    }
  }
}

/**
 * Joins a collective: active at once (and in its parents) when it and the parents one would join
 * with it are public, requested otherwise.
 */
export async function join(
  strapi: Core.Strapi,
  member: Member,
  documentId: string,
): Promise<{ state: MembershipState }> {
  return strapi.db.transaction(async (): Promise<{ state: MembershipState }> => {
    const { tree, node } = await nodeOf(strapi, documentId);
    const mine = await membershipsOf(strapi, member.profileId);
    const current = mine.get(documentId);
    if (current?.state === 'active' || current?.state === 'requested') return { state: current.state };
    const joined = [documentId, ...ancestorsOf(tree, documentId).filter((id) => mine.get(id)?.state !== 'active')];
    const profile = { id: member.profileId, documentId: member.profileDocumentId };
    if (joined.every((id) => tree.get(id)?.visibility === 'public')) {
      await activate(strapi, profile, joined, null);
      return { state: 'active' as const };
    }
    if (current) {
      await query(strapi, UID.membership).update({
        where: { id: current.id },
        data: { state: 'requested', decidedAt: null, decidedBy: null },
      });
    } else {
      await strapi.documents(UID.membership).create({
        data: { profile: member.profileDocumentId, collective: node.documentId, state: 'requested' } as never,
      });
    }
    return { state: 'requested' as const };
  });
}

/** Ends a membership (or a pending request) and every membership in the collective's sub-collectives. */
async function removeFromTree(strapi: Core.Strapi, profileId: number, documentId: string) {
  const tree = await collectiveTree(strapi);
  if (!tree.has(documentId)) throw notFound();
  const mine = await membershipsOf(strapi, profileId);
  if (!mine.has(documentId))
    throw new NotFound('Pas de participation à ce collectif.', 'No membership of this collective.');
  for (const id of [documentId, ...descendantsOf(tree, documentId)]) {
    const row = mine.get(id);
    if (row) await query(strapi, UID.membership).delete({ where: { id: row.id } });
  }
}

export async function leave(strapi: Core.Strapi, member: Member, documentId: string) {
  await strapi.db.transaction(() => removeFromTree(strapi, member.profileId, documentId));
}

async function ledNode(strapi: Core.Strapi, viewer: Viewer, documentId: string) {
  const found = await nodeOf(strapi, documentId);
  if (!leads(viewer, found.node))
    throw new NotAllowed(
      'Seuls les animateurs du collectif et le conseil voient et gèrent ses membres.',
      'Only the collective’s leads and the board see and manage its members.',
    );
  return found;
}

export interface RosterEntry {
  documentId: string;
  displayName: string;
  since: string | null;
}

/** Members, pending requests and followers of a collective, for its leads and the board. */
export async function roster(strapi: Core.Strapi, viewer: Viewer, documentId: string) {
  await ledNode(strapi, viewer, documentId);
  const rows = (await query(strapi, UID.membership).findMany({
    where: { collective: { documentId }, state: { $in: ['active', 'requested'] } },
    select: ['state', 'createdAt', 'decidedAt'],
    populate: { profile: { select: ['documentId', 'displayName'] } },
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
  })) as MembershipRow[];
  const entry = (r: MembershipRow): RosterEntry => ({
    documentId: r.profile!.documentId,
    displayName: r.profile!.displayName,
    since: r.decidedAt ?? r.createdAt,
  });
  const followers = (await query(strapi, UID.profile).findMany({
    where: { followedCollectives: { documentId } },
    select: ['documentId', 'displayName'],
    orderBy: [{ displayName: 'asc' }],
  })) as Array<{ documentId: string; displayName: string }>;
  return {
    members: rows.filter((r) => r.profile && r.state === 'active').map(entry),
    requests: rows.filter((r) => r.profile && r.state === 'requested').map(entry),
    followers: followers.map((f) => ({ ...f, since: null })),
  };
}

async function profileByDocumentId(strapi: Core.Strapi, documentId: string) {
  const row = (await query(strapi, UID.profile).findOne({ where: { documentId }, select: ['id', 'documentId'] })) as {
    id: number;
    documentId: string;
  } | null;
  if (!row) throw new NotFound('Ce membre n’existe pas.', 'No such member.');
  return row;
}

/** A lead accepts (the requester joins it and its parents) or refuses a request; the requester is told. */
export async function decide(
  strapi: Core.Strapi,
  viewer: Viewer,
  decider: Decider | null,
  documentId: string,
  requesterDocumentId: string,
  accept: boolean,
) {
  await strapi.db.transaction(async ({ onCommit }) => {
    const { tree } = await ledNode(strapi, viewer, documentId);
    const requester = await profileByDocumentId(strapi, requesterDocumentId);
    const request = (await membershipsOf(strapi, requester.id)).get(documentId);
    if (request?.state !== 'requested')
      throw new Conflict('Aucune demande en attente de ce membre.', 'No pending request from this member.');
    if (accept) {
      await activate(strapi, requester, [documentId, ...ancestorsOf(tree, documentId)], decider);
    } else {
      await query(strapi, UID.membership).update({
        where: { id: request.id },
        data: { state: 'refused', decidedAt: new Date(), decidedBy: decider?.id ?? null },
      });
    }
    const name = (await query(strapi, UID.collective).findOne({
      where: { documentId, locale: defaultLocale, ...published },
      select: ['name'],
    })) as { name: string };
    const title = accept
      ? `Votre demande pour rejoindre « ${name.name} » est acceptée.`
      : `Votre demande pour rejoindre « ${name.name} » n’a pas été retenue.`;
    await notify(strapi, requester.id, {
      kind: accept ? 'membership.accepted' : 'membership.refused',
      title,
      link: collectivesPath.fr,
    });
    const contact = await contactOf(strapi, requester.id);
    onCommit(() => {
      if (!contact.email) return;
      const mail = renderMail('fr', {
        subject: title,
        paragraphs: [`Bonjour ${contact.displayName},`, title],
        action: { label: 'Voir mes collectifs', url: `${organisation.siteUrl}${collectivesPath.fr}` },
      });
      sendMail(strapi, { to: contact.email, ...mail }).catch((error: unknown) =>
        strapi.log.error(`membership decision mail to profile ${contact.id} failed: ${String(error)}`),
      );
    });
  });
}

/** A lead removes a member from their collective (and so from its sub-collectives). */
export async function removeMember(strapi: Core.Strapi, viewer: Viewer, documentId: string, memberDocumentId: string) {
  await strapi.db.transaction(async () => {
    await ledNode(strapi, viewer, documentId);
    const profile = await profileByDocumentId(strapi, memberDocumentId);
    await removeFromTree(strapi, profile.id, documentId);
  });
}

/** Every membership and pending request of a member ended (GDPR erasure); following is the profile's own data. */
export async function endMemberships(strapi: Core.Strapi, profileId: number) {
  await strapi.db.transaction(async () => {
    for (const row of (await membershipsOf(strapi, profileId)).values())
      await query(strapi, UID.membership).delete({ where: { id: row.id } });
  });
}
