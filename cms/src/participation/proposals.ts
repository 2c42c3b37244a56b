/**
 * Events proposed by members: a draft in a collective they belong to, with themselves as organiser,
 * never public until a lead of that collective (or the board) approves and so publishes it.
 */
import type { Core } from '@strapi/strapi';
import { organisation, type Locale } from '@notre-asso/config';
import type { Viewer } from '../access/viewer';
import { renderMail, sendMail } from '../mail';
import { notify } from '../notifications';
import { leads } from './collectives';
import { Conflict, NotAllowed, NotFound } from './errors';
import type { Member } from './http';
import { eventsPath, type EventRow } from './registrations';
import { collectiveTree, contactOf, query, UID } from './store';

export interface ProposalInput {
  collective: string;
  title: string;
  description?: string;
  startsAt: Date;
  endsAt: Date;
  place?: string;
  capacity?: number;
  audience?: 'public' | 'members';
  locale: Locale;
}

export type ProposalState = 'proposed' | 'approved' | 'refused';

/** An event row as proposed: who proposed it and where its proposal stands. */
type ProposalRow = Pick<
  EventRow,
  'documentId' | 'locale' | 'title' | 'startsAt' | 'endsAt' | 'place' | 'collective'
> & {
  proposalState: ProposalState;
  organiser: { id: number; displayName: string } | null;
};

export async function propose(strapi: Core.Strapi, member: Member, input: ProposalInput) {
  const tree = await collectiveTree(strapi);
  const node = tree.get(input.collective);
  if (!node) throw new NotFound('Ce collectif n’existe pas.', 'No such collective.');
  const belongs = member.viewer.collectives.includes(input.collective) || leads(member.viewer, node);
  if (!belongs)
    throw new NotAllowed(
      'On ne propose un événement que dans un collectif dont on est membre.',
      'You can only propose an event in a collective you are a member of.',
    );
  const { locale, collective, ...fields } = input;
  const created = (await strapi.documents(UID.event).create({
    locale,
    data: {
      ...fields,
      collective,
      organiser: member.profileDocumentId,
      proposalState: 'proposed',
      registrationOpen: true,
    } as never,
  })) as { documentId: string };
  return { documentId: created.documentId, proposalState: 'proposed' as const };
}

/** Proposals I made, and those in collectives I lead (all of them for the board), latest event first. */
export async function proposals(strapi: Core.Strapi, member: Member) {
  const rows = (await query(strapi, UID.event).findMany({
    where: { publishedAt: null, organiser: { id: { $notNull: true } } },
    select: ['documentId', 'locale', 'title', 'startsAt', 'endsAt', 'place', 'proposalState'],
    populate: { collective: { select: ['documentId', 'name'] }, organiser: { select: ['id', 'displayName'] } },
    orderBy: [{ startsAt: 'desc' }],
  })) as ProposalRow[];
  const tree = await collectiveTree(strapi);
  const seen = new Set<string>();
  return rows.flatMap((row) => {
    if (seen.has(row.documentId)) return [];
    const node = row.collective ? tree.get(row.collective.documentId) : undefined;
    const mine = row.organiser?.id === member.profileId;
    const canDecide = node !== undefined && leads(member.viewer, node);
    if (!mine && !canDecide) return [];
    seen.add(row.documentId);
    return [
      {
        documentId: row.documentId,
        locale: row.locale,
        title: row.title,
        startsAt: row.startsAt,
        endsAt: row.endsAt,
        place: row.place,
        proposalState: row.proposalState,
        collective: row.collective,
        proposer: row.organiser?.displayName ?? null,
        mine,
        canDecide: canDecide && row.proposalState === 'proposed',
      },
    ];
  });
}

/** A lead of the event's collective (or the board) approves (publishes) or refuses a proposal; the proposer is told. */
export async function decideProposal(
  strapi: Core.Strapi,
  viewer: Viewer,
  documentId: string,
  approve: boolean,
  reason: string | undefined,
) {
  return strapi.db.transaction(async ({ onCommit }) => {
    const row = (await query(strapi, UID.event).findOne({
      where: { documentId, publishedAt: null },
      select: ['documentId', 'locale', 'title', 'startsAt', 'endsAt', 'place', 'proposalState'],
      populate: { collective: { select: ['documentId', 'name'] }, organiser: { select: ['id', 'displayName'] } },
    })) as ProposalRow | null;
    if (!row) throw new NotFound('Cette proposition n’existe pas.', 'No such proposal.');
    const node = row.collective ? (await collectiveTree(strapi)).get(row.collective.documentId) : undefined;
    if (!(viewer.role === 'board' || (node && leads(viewer, node))))
      throw new NotAllowed(
        'Seuls les animateurs du collectif et le conseil décident des propositions.',
        'Only the collective’s leads and the board decide on proposals.',
      );
    if (row.proposalState !== 'proposed')
      throw new Conflict('Cette proposition a déjà été traitée.', 'This proposal has already been decided.');
    const events = strapi.documents(UID.event);
    await events.update({
      documentId,
      locale: row.locale,
      data: { proposalState: approve ? 'approved' : 'refused' } as never,
    });
    if (approve) await events.publish({ documentId, locale: row.locale });
    if (row.organiser) {
      const title = approve
        ? `Votre proposition « ${row.title} » est acceptée et publiée.`
        : `Votre proposition « ${row.title} » n’a pas été retenue.`;
      await notify(strapi, row.organiser.id, {
        kind: approve ? 'proposal.approved' : 'proposal.refused',
        title: (!approve && reason ? `${title} Motif : ${reason}` : title).slice(0, 300),
        link: eventsPath.fr,
      });
      const contact = await contactOf(strapi, row.organiser.id);
      onCommit(() => {
        if (!contact.email) return;
        const paragraphs = [`Bonjour ${contact.displayName},`, title];
        if (!approve && reason) paragraphs.push(`Motif : ${reason}`);
        const mail = renderMail('fr', {
          subject: title,
          paragraphs,
          action: { label: 'Voir les événements', url: `${organisation.siteUrl}${eventsPath.fr}` },
        });
        sendMail(strapi, { to: contact.email, ...mail }).catch((error: unknown) =>
          strapi.log.error(`proposal decision mail to profile ${contact.id} failed: ${String(error)}`),
        );
      });
    }
    return {
      documentId,
      proposalState: approve ? ('approved' as const) : ('refused' as const),
      reason: reason ?? null,
    };
  });
}
