/**
 * What a moderator's decision does besides hiding or showing: a part of the message edited out
 * (the original kept in the revisions, for the appeal's reviewer), posting suspended for some days
 * (enforced by `assertMayPost`), or the board asked to exclude the author (recorded in the log,
 * told to every board member). An overturned appeal undoes the edit-out and the suspension.
 */
import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { renderMarkdown, sendRenderedMail } from '@notre-asso/plugin-kit';
import { PartNotFound, PostingSuspended } from '../errors';
import { asDate, knexOf, TABLE, tableOfItem } from '../store';
import type { Participant } from '../viewer';
import type { MessageRow } from './discussions';
import { notifyMember, type CaseRow } from './reports';

export const SUSPENSION_MAX_DAYS = 365;

/** Refuses a new message from a member whose posting is suspended. */
export async function assertNotSuspended(strapi: Core.Strapi, profileId: number, now = new Date()): Promise<void> {
  const active = (await knexOf(strapi)(TABLE.suspension)
    .where({ profile_id: profileId })
    .whereNull('lifted_at')
    .andWhere('until', '>', now)
    .orderBy('until', 'desc')
    .first('until')) as { until: unknown } | undefined;
  if (active) throw new PostingSuspended(new Date(asDate(active.until) as string));
}

/** Replaces the first occurrence of `part` by the moderator's note; the text as it was goes to the revisions. */
export async function editOut(strapi: Core.Strapi, trx: Knex.Transaction, row: CaseRow, part: string, note: string) {
  const knex = knexOf(strapi);
  const table = tableOfItem(row.item_kind);
  const item = (await knex(table).transacting(trx).where({ id: row.item_id }).first()) as MessageRow;
  if (!item.body.includes(part)) throw new PartNotFound();
  const body = item.body.replace(
    part,
    () => `*[Passage retiré par la modération / edited out by moderation : ${note}]*`,
  );
  const now = new Date();
  await knex(TABLE.revision)
    .transacting(trx)
    .insert({
      item_kind: row.item_kind,
      item_id: row.item_id,
      body: item.body,
      title: item.title ?? null,
      replaced_at: now,
    });
  await knex(table)
    .transacting(trx)
    .where({ id: row.item_id })
    .update({ body, body_html: renderMarkdown(body), edited_at: now });
}

export async function suspend(strapi: Core.Strapi, trx: Knex.Transaction, p: Participant, row: CaseRow, days: number) {
  const now = new Date();
  await knexOf(strapi)(TABLE.suspension)
    .transacting(trx)
    .insert({
      profile_id: row.author_id,
      case_id: row.id,
      decided_by: p.profileId,
      created_at: now,
      until: new Date(now.getTime() + days * 86_400_000),
    });
}

/** The board's members: a notification each in the transaction, a mail each after the commit. */
export async function askExclusion(
  strapi: Core.Strapi,
  row: CaseRow,
  reason: string,
  onCommit: (fn: () => void) => void,
) {
  const board = (await strapi.db.query('api::member-profile.member-profile').findMany({
    where: { user: { role: { type: 'board' }, blocked: false } },
    select: ['id'],
    populate: { user: { select: ['email'] } },
  })) as Array<{ id: number; user?: { email: string } | null }>;
  const author = (await strapi.db
    .query('api::member-profile.member-profile')
    .findOne({ where: { id: row.author_id }, select: ['displayName', 'membershipNumber'] })) as {
    displayName: string;
    membershipNumber: string;
  } | null;
  const who = author ? `${author.displayName} (n° ${author.membershipNumber})` : `n° ${row.author_id}`;
  const title = `La modération demande au conseil l’exclusion de ${who}`;
  for (const member of board)
    if (member.id !== row.author_id) await notifyMember(strapi, member.id, 'moderation.exclusion', title);
  onCommit(() => {
    (async () => {
      for (const member of board)
        if (member.user?.email && member.id !== row.author_id)
          await sendRenderedMail(strapi, member.user.email, 'fr', {
            subject: title,
            paragraphs: [
              `Motif donné par la modération : ${reason}`,
              `Signalement n° ${row.id} (${row.item_kind} ${row.item_id}) : l’exclusion reste une décision du conseil, selon les statuts.`,
            ],
          });
    })().catch((error: Error) => strapi.log.error(`[moderation] exclusion mail: ${error.message}`));
  });
}

/** Undoes what an overturned decision did beyond hiding: the edited-out text comes back, the suspension is lifted. */
export async function undoSanction(strapi: Core.Strapi, trx: Knex.Transaction, row: CaseRow, action: string) {
  const knex = knexOf(strapi);
  if (action === 'edit-out') {
    // The edit-out wrote the newest revision (unless its author edited it since, within their window).
    const original = (await knex(TABLE.revision)
      .transacting(trx)
      .where({ item_kind: row.item_kind, item_id: row.item_id })
      .orderBy('id', 'desc')
      .first()) as { body: string; title: string | null } | undefined;
    if (original)
      await knex(tableOfItem(row.item_kind))
        .transacting(trx)
        .where({ id: row.item_id })
        .update({ body: original.body, body_html: renderMarkdown(original.body) });
  }
  if (action === 'suspend')
    await knex(TABLE.suspension)
      .transacting(trx)
      .where({ case_id: row.id })
      .whereNull('lifted_at')
      .update({ lifted_at: new Date() });
}
