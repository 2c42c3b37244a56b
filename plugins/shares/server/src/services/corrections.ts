/**
 * Corrections: a movement recorded in error is never changed; a reversing movement
 * (contrepassation) that references it cancels it, under the same lock as every operation.
 */
import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { AlreadyReversed, NoSuchMovement, NotReversible } from '../errors';
import { checkBackdated } from '../rules';
import { classColumn, isoDay, movementRows, profileColumn, tablesOf } from '../store';
import {
  append,
  classOf,
  historyOf,
  lockLedger,
  refuse,
  saveLedger,
  type MovementKind,
  type RecordedMovement,
} from './ledger';

interface StoredMovement {
  operationNumber: number;
  kind: MovementKind;
  profileId: number;
  memberDocumentId: string;
  classId: number;
  quantity: number;
  unitValueCents: number;
  effectiveDate: string;
}

async function movementByNumber(strapi: Core.Strapi, trx: Knex.Transaction, n: number): Promise<StoredMovement | null> {
  const t = tablesOf(strapi);
  const row = await movementRows(strapi, trx)
    .join(`${t.profile} as p`, 'p.id', profileColumn(strapi))
    .where('m.operation_number', n)
    .first(
      'm.operation_number as n',
      'm.kind as kind',
      `${profileColumn(strapi)} as profile_id`,
      'p.document_id as member',
      `${classColumn(strapi)} as class_id`,
      'm.quantity as quantity',
      'm.unit_value_cents as unit',
      'm.effective_date as day',
    );
  if (!row) return null;
  return {
    operationNumber: Number(row.n),
    kind: row.kind,
    profileId: Number(row.profile_id),
    memberDocumentId: String(row.member),
    classId: Number(row.class_id),
    quantity: Number(row.quantity),
    unitValueCents: Number(row.unit),
    effectiveDate: isoDay(row.day),
  };
}

/**
 * Corrects a movement recorded in error by a reversing one (contrepassation) of the opposite
 * quantity, same member, class, value and effective date, that references it; both halves of a
 * transfer are reversed together. The capital floor does not apply: a correction restores what
 * the register should have said, it is not a redemption. Balances may still not become negative.
 */
export async function reverse(
  strapi: Core.Strapi,
  operationNumber: number,
  reference: string,
  recordedBy: number | null,
): Promise<RecordedMovement[]> {
  return strapi.db.transaction(async ({ trx }) => {
    const state = await lockLedger(strapi, trx);
    const original = await movementByNumber(strapi, trx, operationNumber);
    if (!original) throw new NoSuchMovement(operationNumber);
    if (original.kind === 'correction') throw new NotReversible(operationNumber);
    const twinNumber =
      original.kind === 'transfer-out'
        ? operationNumber + 1
        : original.kind === 'transfer-in'
          ? operationNumber - 1
          : null;
    const twin = twinNumber === null ? null : await movementByNumber(strapi, trx, twinNumber);
    const targets = twin ? [original, twin] : [original];
    const done = await trx(tablesOf(strapi).movement)
      .whereIn(
        'reversal_of',
        targets.map((m) => m.operationNumber),
      )
      .first('operation_number as n');
    if (done) throw new AlreadyReversed(operationNumber, Number(done.n));
    const classes = await trx(tablesOf(strapi).shareClass).whereIn('id', [original.classId]).select('*');
    const shareClass = classOf(classes[0]);
    const movements: RecordedMovement[] = [];
    for (const target of targets) {
      const history = await historyOf(strapi, trx, target.profileId, target.classId);
      refuse(checkBackdated(history, { effectiveDate: target.effectiveDate, quantity: -target.quantity }));
      movements.push(
        await append(strapi, trx, state, {
          profileId: target.profileId,
          memberDocumentId: target.memberDocumentId,
          shareClass,
          kind: 'correction',
          quantity: -target.quantity,
          unitValueCents: target.unitValueCents,
          effectiveDate: target.effectiveDate,
          reference,
          reversalOf: target.operationNumber,
          recordedBy,
        }),
      );
    }
    await saveLedger(trx, strapi, state);
    return movements;
  });
}
