/**
 * Reports (signalements): a member reports a thread or reply they can read, citing a charter
 * article. One report per member per item (a unique key). When the Nth distinct member reports
 * an item since its last decision, it is hidden at once pending review: exactly once, because
 * every report on an item first locks the item's row (PostgreSQL) or runs alone (SQLite's single
 * connection). The author is told their message was hidden, never by whom it was reported.
 */
import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { AlreadyReported, NoSuchItem, OwnContent } from '../errors';
import { settingsOf } from '../settings';
import { isUniqueViolation } from '@notre-asso/plugin-kit';
import { asBoolean, asDate, itemKinds, knexOf, lockedRow, TABLE, tableOfItem, type ItemKind } from '../store';
import type { Participant } from '../viewer';
import { readThread, type MessageRow } from './discussions';
import { readExchange } from './exchange';
import { signalHidden } from './signals';
import { validate, yup } from './validation';

export interface CaseRow {
  id: number;
  item_kind: ItemKind;
  item_id: number;
  collective: string;
  author_id: number;
  state: 'pending' | 'upheld' | 'dismissed' | 'appealed' | 'overturned';
  version: number;
  report_count: number;
  opened_at: unknown;
  decided_at: unknown;
}

interface ReportInput {
  kind: ItemKind;
  id: number;
  article: string;
  comment?: string;
}

/** A line in a member’s dashboard, written in the caller’s transaction. */
export async function notifyMember(strapi: Core.Strapi, profileId: number, kind: string, title: string) {
  await strapi.db
    .query('api::notification.notification')
    .create({ data: { kind, title, link: '/espace', profile: profileId } });
}

export async function logAction(
  strapi: Core.Strapi,
  trx: Knex.Transaction,
  entry: { case: CaseRow; actor: number | null; action: string; reason: string | null; adminActor?: number },
) {
  await knexOf(strapi)(TABLE.log)
    .transacting(trx)
    .insert({
      case_id: entry.case.id,
      item_kind: entry.case.item_kind,
      item_id: entry.case.item_id,
      collective: entry.case.collective,
      actor_id: entry.actor,
      admin_actor_id: entry.adminActor ?? null,
      action: entry.action,
      reason: entry.reason,
      created_at: new Date(),
    });
}

/** A thread or reply the reporter can read, else a 404 like reading it. */
async function assertReadable(strapi: Core.Strapi, p: Participant, kind: 'thread' | 'reply', id: number) {
  const threadId =
    kind === 'thread'
      ? id
      : ((await knexOf(strapi)(TABLE.reply).where({ id: id }).first('thread_id')) as { thread_id: number } | undefined)
          ?.thread_id;
  if (!threadId) throw new NoSuchItem();
  const thread = await readThread(strapi, p, threadId);
  if (kind === 'reply' && !thread.replies.some((r) => r.id === id)) throw new NoSuchItem();
}

export async function report(strapi: Core.Strapi, p: Participant, body: unknown) {
  const { charterArticles, reportThreshold } = settingsOf(strapi);
  const input = await validate<ReportInput>(
    yup.object({
      kind: yup
        .string()
        .required('kind is required')
        .oneOf(itemKinds, `kind must be one of ${itemKinds.join(', ')}`),
      id: yup.number().required('id is required').integer().positive(),
      article: yup
        .string()
        .required('article (of the charter) is required')
        .oneOf(charterArticles, `article must be one of ${charterArticles.join(', ')}`),
      comment: yup.string().trim().max(2000),
    }),
    body,
  );
  // Only what the reporter can read may be reported (a 404 otherwise, like reading it).
  if (input.kind === 'exchange') await readExchange(strapi, p, input.id);
  else await assertReadable(strapi, p, input.kind, input.id);

  return strapi.db.transaction(async ({ trx, onCommit }) => {
    const knex = knexOf(strapi);
    const item = await lockedRow<MessageRow>(strapi, trx, tableOfItem(input.kind), input.id);
    if (!item) throw new NoSuchItem();
    if (item.author_id === p.profileId) throw new OwnContent();
    const now = new Date();
    let found = (await knex(TABLE.case)
      .transacting(trx)
      .where({ item_kind: input.kind, item_id: input.id })
      .first()) as CaseRow | undefined;
    if (!found) {
      await knex(TABLE.case).transacting(trx).insert({
        item_kind: input.kind,
        item_id: input.id,
        collective: item.collective,
        author_id: item.author_id,
        state: 'pending',
        version: 1,
        report_count: 0,
        opened_at: now,
      });
    } else if (found.state !== 'pending') {
      // New reports after a decision reopen the case: a new version, counted afresh.
      await knex(TABLE.case)
        .transacting(trx)
        .where({ id: found.id })
        .update({ state: 'pending', version: found.version + 1, report_count: 0, opened_at: now, decided_at: null });
    }
    found = (await knex(TABLE.case)
      .transacting(trx)
      .where({ item_kind: input.kind, item_id: input.id })
      .first()) as CaseRow;
    try {
      await knex(TABLE.report)
        .transacting(trx)
        .insert({
          case_id: found.id,
          item_kind: input.kind,
          item_id: input.id,
          reporter_id: p.profileId,
          article: input.article,
          comment: input.comment ?? null,
          created_at: now,
        });
    } catch (error) {
      if (isUniqueViolation(error)) throw new AlreadyReported();
      throw error;
    }
    const count = found.report_count + 1;
    await knex(TABLE.case).transacting(trx).where({ id: found.id }).update({ report_count: count });
    if (count >= reportThreshold && !asBoolean(item.hidden)) {
      await knex(tableOfItem(input.kind)).transacting(trx).where({ id: item.id }).update({ hidden: true });
      await logAction(strapi, trx, {
        case: found,
        actor: null,
        action: 'auto-hide',
        reason: `${count} signalements distincts / ${count} distinct reports`,
      });
      await notifyMember(
        strapi,
        item.author_id,
        'moderation.hidden',
        'Votre message a été masqué après plusieurs signalements, en attendant l’avis d’un modérateur.',
      );
      const hidden = found;
      onCommit(() =>
        signalHidden(strapi, hidden, count).catch((error: Error) =>
          strapi.log.error(`[moderation] threshold mail: ${error.message}`),
        ),
      );
    }
    return { kind: input.kind, id: input.id, article: input.article, state: 'pending' as const };
  });
}

/** The member's own reports and what became of them (the reporter is told the outcome). */
export async function myReports(strapi: Core.Strapi, p: Participant) {
  const rows = (await knexOf(strapi)(`${TABLE.report} as r`)
    .join(`${TABLE.case} as c`, 'c.id', 'r.case_id')
    .where('r.reporter_id', p.profileId)
    .orderBy('r.id', 'desc')
    .limit(100)
    .select('r.item_kind', 'r.item_id', 'r.article', 'r.comment', 'r.created_at', 'c.state', 'c.decided_at')) as Array<
    Record<string, unknown>
  >;
  return rows.map((r) => ({
    kind: r.item_kind,
    id: r.item_id,
    article: r.article,
    comment: r.comment,
    reportedAt: asDate(r.created_at),
    outcome: r.state,
    decidedAt: asDate(r.decided_at),
  }));
}
