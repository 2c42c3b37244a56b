/**
 * Thin controllers: parse, find who asks, call a service, shape the answer. Which role reaches
 * which action is config/src/roles.ts; the row rule here is that a member reads only their own.
 */
import { InvalidRequest } from '@notre-asso/plugin-kit';
import { reverse } from '../services/corrections';
import { issue, redeem, transfer } from '../services/ledger';
import { journalCsv, journalOf, journalSource } from '../services/journal';
import { capitalAt, holdingsAt, movements, registerCsv, verify } from '../services/register';
import { createClass, listClasses, settings, updateSettings } from '../services/settings';
import { MAX_PAYMENT_YEARS, MAX_REDEMPTION_MONTHS, TAX_REDUCTION_YEARS, today } from '../rules';
import { timeZone } from '@notre-asso/config';
import { summaryOf } from '../services/summary';
import admin from './admin';
import documents from './documents';
import redemptions from './redemptions';
import statements from './statements';
import subscriptions from './subscriptions';
import { handler, ownProfileId, type Strapi } from './viewer';
import {
  bodyOf,
  day,
  optionalBoolean,
  optionalDay,
  optionalText,
  positiveInteger,
  taxLotOverrideOf,
  text,
  wholeNumber,
  type ActionContext,
  type Body,
} from './input';

function operationOf(ctx: ActionContext, body: Body) {
  return {
    shareClass: text(body, 'shareClass', 16),
    quantity: positiveInteger(body, 'quantity'),
    effectiveDate: day(body.effectiveDate, 'effectiveDate'),
    reference: text(body, 'reference'),
    recordedBy: ctx.state.user?.id ?? null,
  };
}

function pageOf(ctx: ActionContext): number {
  const page = ctx.query.page === undefined ? 1 : Number(ctx.query.page);
  if (!Number.isInteger(page) || page < 1)
    throw new InvalidRequest('« page » doit être un entier à partir de 1.', '"page" must be a whole number from 1.');
  return page;
}

const classes = ({ strapi }: Strapi) => ({
  find: handler(async (ctx) => {
    ctx.body = { data: await listClasses(strapi) };
  }),
  create: handler(async (ctx) => {
    const body = bodyOf(ctx);
    const maxPerMember = body.maxPerMember === null ? undefined : wholeNumber(body, 'maxPerMember');
    ctx.body = {
      data: await createClass(strapi, {
        code: text(body, 'code', 16),
        name: text(body, 'name'),
        nominalCents: positiveInteger(body, 'nominalCents', 100_000_000),
        minimumShares: body.minimumShares === undefined ? 1 : positiveInteger(body, 'minimumShares'),
        maxPerMember: maxPerMember === undefined ? null : positiveInteger(body, 'maxPerMember'),
        college: optionalText(body, 'college', 60) ?? null,
      }),
    };
    ctx.status = 201;
  }),
});

const holdings = ({ strapi }: Strapi) => ({
  /** My shares: holdings and their value, my movements. */
  mine: handler(async (ctx) => {
    ctx.body = { data: await summaryOf(strapi, await ownProfileId(strapi, ctx)) };
  }),
  /** The register: now, or at the end of a past day (`?date=`). */
  register: handler(async (ctx) => {
    const date = optionalDay(ctx.query.date, 'date');
    const rows = await holdingsAt(strapi, date);
    ctx.body = {
      data: {
        date: date ?? today(timeZone),
        capitalCents: await capitalAt(strapi, date ?? '9999-12-31'),
        holdings: rows,
      },
    };
  }),
  registerCsv: handler(async (ctx) => {
    const date = optionalDay(ctx.query.date, 'date');
    ctx.set('Content-Type', 'text/csv; charset=utf-8');
    ctx.set('Content-Disposition', `attachment; filename="registre-parts-${date ?? today(timeZone)}.csv"`);
    ctx.body = registerCsv(await holdingsAt(strapi, date));
  }),
  /** The movements as accounting journal lines, optionally between two days (`?from=&to=`, both included). */
  journalCsv: handler(async (ctx) => {
    const from = optionalDay(ctx.query.from, 'from');
    const to = optionalDay(ctx.query.to, 'to');
    if (from && to && from > to)
      throw new InvalidRequest(
        `La période va du ${from} au ${to} : le début est après la fin.`,
        `The period from ${from} to ${to} starts after it ends.`,
        { field: 'from' },
      );
    ctx.set('Content-Type', 'text/csv; charset=utf-8');
    ctx.set(
      'Content-Disposition',
      `attachment; filename="journal-capital-${from ?? 'debut'}-${to ?? today(timeZone)}.csv"`,
    );
    ctx.body = journalCsv(journalOf(await journalSource(strapi), { from, to }));
  }),
});

const ledger = ({ strapi }: Strapi) => ({
  find: handler(async (ctx) => {
    const { movements: rows, total } = await movements(strapi, { page: pageOf(ctx) });
    ctx.body = { data: rows, meta: { total, page: pageOf(ctx), pageSize: 100 } };
  }),
  /** Board: an issue or a redemption (`kind`). */
  record: handler(async (ctx) => {
    const body = bodyOf(ctx);
    const op = {
      ...operationOf(ctx, body),
      member: text(body, 'member', 64),
      taxReductionEligible: optionalBoolean(body, 'taxReductionEligible') ?? null,
      taxLotOverride: taxLotOverrideOf(body),
    };
    if (body.kind !== 'issue' && body.kind !== 'redemption')
      throw new InvalidRequest(
        '« kind » doit être « issue » (émission) ou « redemption » (remboursement) ; cessions et corrections ont leurs routes.',
        '"kind" must be "issue" or "redemption"; transfers and corrections have their own routes.',
        { field: 'kind' },
      );
    ctx.body = { data: body.kind === 'issue' ? await issue(strapi, op) : await redeem(strapi, op) };
    ctx.status = 201;
  }),
  transfer: handler(async (ctx) => {
    const body = bodyOf(ctx);
    const op = {
      ...operationOf(ctx, body),
      from: text(body, 'from', 64),
      to: text(body, 'to', 64),
      taxLotOverride: taxLotOverrideOf(body),
    };
    ctx.body = { data: await transfer(strapi, op) };
    ctx.status = 201;
  }),
  reverse: handler(async (ctx) => {
    const n = Number(ctx.params.operationNumber);
    if (!Number.isInteger(n) || n < 1)
      throw new InvalidRequest('Numéro d’opération invalide.', 'Invalid operation number.', {
        field: 'operationNumber',
      });
    const reference = optionalText(bodyOf(ctx), 'reference') ?? `Contrepassation du mouvement n° ${n}`;
    ctx.body = { data: await reverse(strapi, n, reference, ctx.state.user?.id ?? null) };
    ctx.status = 201;
  }),
  verify: handler(async (ctx) => {
    ctx.body = { data: await verify(strapi) };
  }),
});

const statutes = ({ strapi }: Strapi) => ({
  find: handler(async (ctx) => {
    ctx.body = { data: await settings(strapi) };
  }),
  update: handler(async (ctx) => {
    const body = bodyOf(ctx);
    ctx.body = {
      data: await updateSettings(strapi, {
        statutoryFloorCents: wholeNumber(body, 'statutoryFloorCents'),
        holdingPeriodYears: wholeNumber(body, 'holdingPeriodYears', 30),
        minimumPaidPercent: percentOf(body),
        paymentDeadlineYears: wholeNumber(body, 'paymentDeadlineYears', MAX_PAYMENT_YEARS),
        redemptionBoardApproval: optionalBoolean(body, 'redemptionBoardApproval'),
        redemptionDueMonths: wholeNumber(body, 'redemptionDueMonths', MAX_REDEMPTION_MONTHS),
        taxReductionEligible: optionalBoolean(body, 'taxReductionEligible'),
        taxReductionYears: taxYearsOf(body),
      }),
    };
  }),
});

/** The tax reduction's holding period: 7 years by default, the statutes may say 5 to 10. */
function taxYearsOf(body: Body): number | undefined {
  const value = body.taxReductionYears;
  if (value === undefined) return undefined;
  const { min, max } = TAX_REDUCTION_YEARS;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max)
    throw new InvalidRequest(
      `« taxReductionYears » est un nombre entier d’années de ${min} à ${max} (7 en général).`,
      `"taxReductionYears" is a whole number of years from ${min} to ${max} (usually 7).`,
      { field: 'taxReductionYears' },
    );
  return value;
}

/** The law's minimum is a quarter of the nominal; the statutes may ask more. */
function percentOf(body: Body): number | undefined {
  const value = wholeNumber(body, 'minimumPaidPercent', 100);
  if (value !== undefined && value < 25)
    throw new InvalidRequest(
      '« minimumPaidPercent » est d’au moins 25 : la loi impose de libérer un quart du nominal à la souscription.',
      '"minimumPaidPercent" is at least 25: the law requires a quarter of the nominal paid at subscription.',
      { field: 'minimumPaidPercent' },
    );
  return value;
}

export default {
  admin,
  classes,
  holdings,
  ledger,
  settings: statutes,
  subscriptions,
  redemptions,
  documents,
  statements,
};
