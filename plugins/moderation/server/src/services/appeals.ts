/**
 * Appeals (recours): the author of a message hidden or warned about appeals the decision once,
 * within 14 days; the case goes back to the queue as `appealed`, and a moderator other than the
 * one who decided settles it — `upheld`, or `overturned`, which shows the message again.
 */
import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { AlreadyAppealed, NoSuchItem, NotAppealable, SameModerator } from '../errors';
import { isUniqueViolation } from '@notre-asso/plugin-kit';
import { asBoolean, asDate, itemKinds, knexOf, lockedRow, TABLE, tableOfItem, type ItemKind } from '../store';
import type { Participant } from '../viewer';
import { logAction, type CaseRow } from './reports';
import { validate, yup } from './validation';

export const APPEAL_DAYS = 14;

interface LogRow {
  id: number;
  case_id?: number;
  reason?: string | null;
  actor_id: number | null;
  admin_actor_id: number | null;
  action: string;
  created_at: unknown;
}

/** The decisions an author may appeal (once each, within 14 days). */
export const appealableActions = ['hide', 'warn', 'edit-out', 'suspend'];

/** The last decision a moderator took on a case (the one an appeal is about). */
export async function lastDecision(
  strapi: Core.Strapi,
  trx: Knex.Transaction,
  caseId: number,
): Promise<LogRow | undefined> {
  return (await knexOf(strapi)(TABLE.log)
    .transacting(trx)
    .where({ case_id: caseId })
    .whereIn('action', appealableActions)
    .orderBy('id', 'desc')
    .first()) as LogRow | undefined;
}

export async function appeal(strapi: Core.Strapi, p: Participant, body: unknown) {
  const input = await validate<{ kind: ItemKind; id: number; statement: string }>(
    yup.object({
      kind: yup
        .string()
        .required('kind is required')
        .oneOf(itemKinds, `kind must be one of ${itemKinds.join(', ')}`),
      id: yup.number().required('id is required').integer().positive(),
      statement: yup.string().trim().required('statement is required').max(4000),
    }),
    body,
  );
  return strapi.db.transaction(async ({ trx }) => {
    const knex = knexOf(strapi);
    const found = (await knex(TABLE.case)
      .transacting(trx)
      .where({ item_kind: input.kind, item_id: input.id })
      .first()) as CaseRow | undefined;
    // Only the author learns of their case; to anyone else it does not exist.
    if (!found || found.author_id !== p.profileId) throw new NoSuchItem();
    const row = (await lockedRow<CaseRow>(strapi, trx, TABLE.case, found.id)) as CaseRow;
    const decision = await lastDecision(strapi, trx, row.id);
    const age = decision ? Date.now() - new Date(decision.created_at as string).getTime() : Infinity;
    if (row.state !== 'upheld' || !decision || age > APPEAL_DAYS * 86_400_000) throw new NotAppealable(APPEAL_DAYS);
    try {
      await knex(TABLE.appeal).transacting(trx).insert({
        case_id: row.id,
        decision_id: decision.id,
        author_id: p.profileId,
        statement: input.statement,
        created_at: new Date(),
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw new AlreadyAppealed();
      throw error;
    }
    await knex(TABLE.case)
      .transacting(trx)
      .where({ id: row.id })
      .update({ state: 'appealed', version: row.version + 1 });
    await logAction(strapi, trx, { case: row, actor: p.profileId, action: 'appeal', reason: input.statement });
    return { kind: input.kind, id: input.id, state: 'appealed' as const };
  });
}

/**
 * Settles the pending appeal of a case inside the decision's transaction; refuses the moderator
 * whose decision is appealed.
 */
export async function settleAppeal(
  strapi: Core.Strapi,
  trx: Knex.Transaction,
  p: Participant,
  row: CaseRow,
  outcome: 'upheld' | 'overturned',
): Promise<void> {
  const knex = knexOf(strapi);
  const pending = (await knex(TABLE.appeal)
    .transacting(trx)
    .where({ case_id: row.id })
    .whereNull('outcome')
    .first()) as { id: number; decision_id: number } | undefined;
  if (!pending) throw new NoSuchItem('recours');
  const decision = (await knex(TABLE.log).transacting(trx).where({ id: pending.decision_id }).first()) as LogRow;
  const sameAdmin = p.adminId !== undefined && decision.admin_actor_id === p.adminId;
  if (decision.actor_id === p.profileId || sameAdmin) throw new SameModerator();
  await knex(TABLE.appeal)
    .transacting(trx)
    .where({ id: pending.id })
    .update({ outcome, decided_by: p.profileId || null, decided_at: new Date() });
}

/** What the author is told about a case: the moderators' actions, never who reported. */
const toldActions = [
  'auto-hide',
  'hide',
  'warn',
  'edit-out',
  'suspend',
  'ask-exclusion',
  'restore',
  'appeal',
  'uphold',
  'overturn',
];

/**
 * The cases about the participant's own messages that moderation acted on (hidden at the
 * threshold, hidden, warned, restored, appealed), newest first: why, when, and whether the one
 * appeal is still open to them.
 */
export async function myCases(strapi: Core.Strapi, p: Participant, query: Record<string, unknown>) {
  const knex = knexOf(strapi);
  const collective = typeof query.collective === 'string' && query.collective ? query.collective : null;
  const cases = (await knex(TABLE.case)
    .where({ author_id: p.profileId })
    .modify((q) => {
      if (collective) q.andWhere({ collective });
    })
    .orderBy('id', 'desc')
    .limit(100)) as CaseRow[];
  if (cases.length === 0) return [];
  const ids = cases.map((c) => c.id);
  const logs = (await knex(TABLE.log)
    .whereIn('case_id', ids)
    .whereIn('action', toldActions)
    .orderBy('id', 'asc')) as LogRow[];
  const appeals = (await knex(TABLE.appeal).whereIn('case_id', ids)) as Array<{
    case_id: number;
    decision_id: number;
    statement: string;
    outcome: string | null;
  }>;
  const threadOf = new Map(
    (
      (await knex(TABLE.reply)
        .whereIn(
          'id',
          cases.filter((c) => c.item_kind === 'reply').map((c) => c.item_id),
        )
        .select('id', 'thread_id')) as Array<{ id: number; thread_id: number }>
    ).map((r) => [r.id, r.thread_id]),
  );
  const hidden = async (c: CaseRow) =>
    asBoolean(
      ((await knex(tableOfItem(c.item_kind)).where({ id: c.item_id }).first('hidden')) as { hidden: unknown })?.hidden,
    );
  const told = [];
  for (const c of cases) {
    const steps = logs.filter((l) => l.case_id === c.id && l.action !== 'appeal');
    const last = steps.at(-1);
    if (!last) continue;
    const decision = [...steps].reverse().find((l) => appealableActions.includes(l.action));
    const appealed = appeals.find((a) => a.case_id === c.id);
    const fresh =
      decision && Date.now() - new Date(asDate(decision.created_at) as string).getTime() <= APPEAL_DAYS * 86_400_000;
    told.push({
      case: c.id,
      kind: c.item_kind,
      id: c.item_id,
      thread: c.item_kind === 'thread' ? c.item_id : (threadOf.get(c.item_id) ?? null),
      collective: c.collective,
      state: c.state,
      hidden: await hidden(c),
      decision: { action: last.action, reason: last.reason, at: asDate(last.created_at) },
      appeal: appealed ? { statement: appealed.statement, outcome: appealed.outcome } : null,
      appealable: c.state === 'upheld' && Boolean(fresh) && !appeals.some((a) => a.decision_id === decision?.id),
    });
  }
  return told;
}
