/**
 * The moderation queue: one case per reported item, `pending → upheld | dismissed`, then
 * `appealed → upheld | overturned` when its author appeals (services/appeals.ts). A
 * collective's leads moderate its cases, moderators and the board every case; nobody handles a
 * case about their own message. A decision names the case version it was taken on: when a
 * second moderator acts on the same version, the first decision has bumped it and the second is
 * told it was already handled, never applied twice. Every decision goes to the log, which has
 * no route to change it.
 */
import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { InvalidRequest } from '@notre-asso/plugin-kit';
import { AlreadyHandled, NoSuchItem, NotAModerator, OwnContent } from '../errors';
import { asDate, knexOf, lockedRow, TABLE, tableOfItem } from '../store';
import { moderates, moderatesEverything, type Participant } from '../viewer';
import { lastDecision, settleAppeal } from './appeals';
import { askExclusion, editOut, suspend, SUSPENSION_MAX_DAYS, undoSanction } from './sanctions';
import { messages, revisionsOf, shape, type MessageRow } from './discussions';
import { logAction, notifyMember, type CaseRow } from './reports';
import { sweepSoon } from './signals';
import { pageOf, validate, yup } from './validation';

const states = ['pending', 'upheld', 'dismissed', 'appealed', 'overturned'] as const;

/**
 * What a decision does: the case state it leads to, whether the item ends hidden, and whether it
 * settles an appeal (only those settle an appealed case, and only they apply to one).
 */
const decisions = {
  hide: { state: 'upheld', hidden: true, appeal: false },
  warn: { state: 'upheld', hidden: null, appeal: false },
  'edit-out': { state: 'upheld', hidden: false, appeal: false },
  suspend: { state: 'upheld', hidden: null, appeal: false },
  'ask-exclusion': { state: 'upheld', hidden: null, appeal: false },
  restore: { state: 'dismissed', hidden: false, appeal: false },
  uphold: { state: 'upheld', hidden: null, appeal: true },
  overturn: { state: 'overturned', hidden: false, appeal: true },
} as const;
type Decision = keyof typeof decisions;

function assertModeratesSomething(p: Participant) {
  if (!moderatesEverything(p) && p.led.size === 0) throw new NotAModerator();
}

function shapeCase(row: CaseRow) {
  return {
    id: row.id,
    item: { kind: row.item_kind, id: row.item_id },
    collective: row.collective,
    state: row.state,
    version: row.version,
    reportCount: row.report_count,
    openedAt: asDate(row.opened_at),
    decidedAt: asDate(row.decided_at),
  };
}

/**
 * Cases by state (pending by default), oldest first, within what the participant moderates;
 * narrowed to a collective, to cases with a report citing a charter `article`, or to cases opened
 * more than `olderThanHours` ago.
 */
export async function listCases(strapi: Core.Strapi, p: Participant, query: Record<string, unknown>) {
  assertModeratesSomething(p);
  sweepSoon(strapi);
  const state = states.find((s) => s === query.state) ?? 'pending';
  const collective = typeof query.collective === 'string' && query.collective ? query.collective : null;
  if (collective && !moderates(p, collective)) throw new NotAModerator();
  const article = typeof query.article === 'string' && query.article ? query.article : null;
  const olderThan = hoursAgo(query.olderThanHours);
  const { limit, offset } = pageOf(query, 50);
  const knex = knexOf(strapi);
  const rows = (await knex(TABLE.case)
    .where({ state })
    .modify((q) => {
      if (collective) q.andWhere({ collective });
      else if (!moderatesEverything(p)) q.whereIn('collective', [...p.led]);
      if (article)
        q.whereExists(
          knex(TABLE.report)
            .select(knex.raw('1'))
            .whereRaw('?? = ??', [`${TABLE.report}.case_id`, `${TABLE.case}.id`])
            .andWhere({ article }),
        );
      if (olderThan) q.andWhere('opened_at', '<', olderThan);
    })
    .andWhereNot({ author_id: p.profileId })
    .orderBy('opened_at', 'asc')
    .orderBy('id', 'asc')
    .limit(limit)
    .offset(offset)) as CaseRow[];
  return rows.map(shapeCase);
}

/** `olderThanHours` as the moment it names; a 400 when it is not a whole number of hours. */
function hoursAgo(value: unknown): Date | null {
  if (value === undefined || value === '') return null;
  if (typeof value !== 'string' || !/^[0-9]{1,5}$/.test(value))
    throw new InvalidRequest(
      'olderThanHours doit être un nombre entier d’heures.',
      'olderThanHours must be a whole number of hours.',
    );
  return new Date(Date.now() - Number(value) * 3_600_000);
}

async function caseInReach(strapi: Core.Strapi, p: Participant, id: number | null): Promise<CaseRow> {
  const row = id === null ? undefined : ((await knexOf(strapi)(TABLE.case).where({ id }).first()) as CaseRow);
  if (!row || !moderates(p, row.collective)) throw new NoSuchItem('signalement');
  if (row.author_id === p.profileId) throw new OwnContent();
  return row;
}

/**
 * A case as its moderators see it: the item's original content (even hidden, with its earlier
 * versions), the reports (article and comment) and the decisions taken so far.
 */
export async function readCase(strapi: Core.Strapi, p: Participant, id: number | null) {
  const row = await caseInReach(strapi, p, id);
  const knex = knexOf(strapi);
  const item = (await messages(strapi, row.item_kind).where('m.id', row.item_id).first()) as MessageRow;
  const reports = (await knex(TABLE.report)
    .where({ case_id: row.id })
    .orderBy('id', 'asc')
    .select('article', 'comment', 'created_at')) as Array<Record<string, unknown>>;
  return {
    ...shapeCase(row),
    content: { ...shape(row.item_kind, item, p), body: item.body },
    revisions: await revisionsOf(strapi, row.item_kind, row.item_id),
    reports: reports.map((r) => ({ article: r.article, comment: r.comment, reportedAt: asDate(r.created_at) })),
    log: await logOf(strapi, { item_kind: row.item_kind, item_id: row.item_id }),
  };
}

export async function decide(strapi: Core.Strapi, p: Participant, id: number | null, body: unknown) {
  await caseInReach(strapi, p, id);
  const input = await validate<{ action: Decision; version: number; reason: string; part?: string; days?: number }>(
    yup.object({
      action: yup
        .string()
        .required('action is required')
        .oneOf(Object.keys(decisions), `action must be one of ${Object.keys(decisions).join(', ')}`),
      version: yup.number().required('version (of the case) is required').integer().positive(),
      reason: yup.string().trim().required('reason is required').max(2000),
      part: yup.string().when('action', {
        is: 'edit-out',
        then: yup.string().required('part (the text to edit out) is required').max(20_000),
      }),
      days: yup.number().when('action', {
        is: 'suspend',
        then: yup
          .number()
          .required('days (of suspension) is required')
          .integer('days must be a whole number')
          .min(1, 'days must be at least 1')
          .max(SUSPENSION_MAX_DAYS, `days must be at most ${SUSPENSION_MAX_DAYS}`),
      }),
    }),
    body,
  );
  const outcome = decisions[input.action];
  return strapi.db.transaction(async ({ trx, onCommit }) => {
    const knex = knexOf(strapi);
    const row = (await lockedRow<CaseRow>(strapi, trx, TABLE.case, id as number)) as CaseRow;
    if (row.version !== input.version) throw new AlreadyHandled();
    if ((row.state === 'appealed') !== outcome.appeal)
      throw new InvalidRequest(
        'Un recours se tranche par uphold ou overturn, et seulement un recours.',
        'An appeal is settled with uphold or overturn, and only an appeal.',
      );
    if (outcome.appeal) await settleAppeal(strapi, trx, p, row, outcome.state as 'upheld' | 'overturned');
    if (input.action === 'overturn') {
      const appealed = await lastDecision(strapi, trx, row.id);
      if (appealed) await undoSanction(strapi, trx, row, appealed.action);
    }
    if (input.action === 'edit-out') await editOut(strapi, trx, row, input.part as string, input.reason);
    if (input.action === 'suspend') await suspend(strapi, trx, p, row, input.days as number);
    if (input.action === 'ask-exclusion') await askExclusion(strapi, row, input.reason, onCommit);
    const now = new Date();
    const updated = await knex(TABLE.case)
      .transacting(trx)
      .where({ id: row.id, version: row.version })
      .update({ state: outcome.state, version: row.version + 1, report_count: 0, decided_at: now });
    if (updated !== 1) throw new AlreadyHandled();
    if (outcome.hidden !== null)
      await knex(tableOfItem(row.item_kind))
        .transacting(trx)
        .where({ id: row.item_id })
        .update({ hidden: outcome.hidden });
    const reason = input.action === 'suspend' ? `${input.reason} (${input.days} j / days)` : input.reason;
    await logAction(strapi, trx, {
      case: row,
      actor: p.profileId || null,
      adminActor: p.adminId,
      action: input.action,
      reason,
    });
    const told = {
      hide: `Votre message a été masqué par la modération : ${input.reason}`,
      warn: `Avertissement de la modération au sujet de votre message : ${input.reason}`,
      'edit-out': `La modération a retiré un passage de votre message : ${input.reason}`,
      suspend: `La modération a suspendu vos publications pour ${input.days} jours : ${input.reason}`,
      'ask-exclusion': `La modération a demandé au conseil de se prononcer sur votre exclusion : ${input.reason}`,
      restore: 'Votre message signalé a été examiné et reste visible.',
      uphold: `Votre recours a été examiné : la décision est maintenue. ${input.reason}`,
      overturn: 'Votre recours a été accepté : votre message est de nouveau visible.',
    }[input.action];
    await notifyMember(strapi, row.author_id, `moderation.${input.action}`, told.slice(0, 300));
    await notifyReporters(strapi, trx, row, input.action);
    return shapeCase((await knex(TABLE.case).transacting(trx).where({ id: row.id }).first()) as CaseRow);
  });
}

/**
 * Each reporter is told the outcome, in a notification of their own: never who else reported,
 * nor the moderator's reason, which may speak of the author. In French, the space's default
 * language: a member's language is not recorded yet.
 */
const reporterTold: Record<Decision, string> = {
  hide: 'Le message que vous avez signalé a été examiné : la modération l’a masqué.',
  warn: 'Le message que vous avez signalé a été examiné : son auteur a reçu un avertissement.',
  'edit-out': 'Le message que vous avez signalé a été examiné : la modération en a retiré un passage.',
  suspend: 'Le message que vous avez signalé a été examiné : son auteur ne peut plus publier pour un temps.',
  'ask-exclusion': 'Le message que vous avez signalé a été examiné : la modération a saisi le conseil.',
  restore: 'Le message que vous avez signalé a été examiné : la modération n’y a pas vu d’infraction à la charte.',
  uphold: 'Après le recours de son auteur, la décision sur le message que vous avez signalé est maintenue.',
  overturn: 'Après le recours de son auteur, la décision sur le message que vous avez signalé a été annulée.',
};

async function notifyReporters(strapi: Core.Strapi, trx: Knex.Transaction, row: CaseRow, action: Decision) {
  const reporters = (await knexOf(strapi)(TABLE.report)
    .transacting(trx)
    .where({ case_id: row.id })
    .distinct('reporter_id')) as Array<{ reporter_id: number }>;
  for (const { reporter_id } of reporters)
    await notifyMember(strapi, reporter_id, `moderation.report.${action}`, reporterTold[action]);
}

/** A log line: who (null for the threshold of reports), when, which item, what and why. */
const shapeLog = (r: Record<string, unknown>) => ({
  id: r.id,
  case: r.case_id,
  item: { kind: r.item_kind, id: r.item_id },
  collective: r.collective,
  actor: r.actor_id,
  adminActor: r.admin_actor_id ?? null,
  action: r.action,
  reason: r.reason,
  at: asDate(r.created_at),
});

async function logOf(strapi: Core.Strapi, where: Record<string, unknown>) {
  const rows = (await knexOf(strapi)(TABLE.log).where(where).orderBy('id', 'asc').limit(200)) as Array<
    Record<string, unknown>
  >;
  return rows.map(shapeLog);
}

/** The log of decisions, newest first, within what the participant moderates. */
export async function readLog(strapi: Core.Strapi, p: Participant, query: Record<string, unknown>) {
  assertModeratesSomething(p);
  const collective = typeof query.collective === 'string' && query.collective ? query.collective : null;
  if (collective && !moderates(p, collective)) throw new NotAModerator();
  const { limit, offset } = pageOf(query, 50);
  const rows = (await knexOf(strapi)(TABLE.log)
    .modify((q) => {
      if (collective) q.where({ collective });
      else if (!moderatesEverything(p)) q.whereIn('collective', [...p.led]);
    })
    .orderBy('id', 'desc')
    .limit(limit)
    .offset(offset)) as Array<Record<string, unknown>>;
  return rows.map(shapeLog);
}
