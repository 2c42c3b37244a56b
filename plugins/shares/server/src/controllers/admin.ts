/**
 * The admin pages' controllers: the admin user acts for the board, through the same services as
 * the members' space board routes; each movement it causes records the admin user (`adminId`).
 */
import { InvalidRequest } from '@notre-asso/plugin-kit';
import { timeZone } from '@notre-asso/config';
import { registerPdf } from '../documents/register';
import { paymentMethods, redemptionStates, subscriptionStates, today, type PaymentMethod } from '../rules';
import { capitalOverTime, registerPage, yearlyCounts } from '../services/admin-register';
import type { MovementKind } from '../services/ledger';
import * as redemptions from '../services/redemptions';
import { holdingsAt, registerCsv, verify } from '../services/register';
import { listClasses } from '../services/settings';
import * as subscriptions from '../services/subscriptions';
import type { Actor } from '../services/subscriptions';
import {
  bodyOf,
  day,
  oneOf,
  optionalBoolean,
  optionalDay,
  optionalText,
  positiveInteger,
  taxLotOverrideOf,
  text,
  type ActionContext,
} from './input';
import { handler, type Strapi } from './viewer';

type AdminContext = ActionContext & { state: { user?: { id: number } } };

function adminActor(ctx: AdminContext): Actor {
  const admin = ctx.state.user;
  if (!admin) throw new InvalidRequest('Connexion au panneau d’administration requise.', 'Admin login required.');
  return { userId: null, profileId: null, board: true, adminId: admin.id };
}

const kinds: readonly MovementKind[] = ['issue', 'redemption', 'transfer-out', 'transfer-in', 'correction'];
const optional = (value: unknown) => (value === undefined || value === '' ? null : value);

function pageOf(ctx: ActionContext): number {
  const page = ctx.query.page === undefined ? 1 : Number(ctx.query.page);
  if (!Number.isInteger(page) || page < 1)
    throw new InvalidRequest('« page » doit être un entier à partir de 1.', '"page" must be a whole number from 1.', {
      field: 'page',
    });
  return page;
}

const version = (body: Record<string, unknown>) => positiveInteger(body, 'version');
const a = (fn: (ctx: AdminContext) => Promise<void>) => handler((ctx) => fn(ctx as AdminContext));

export default ({ strapi }: Strapi) => ({
  /** The queue: open subscriptions and redemptions (`?state=` narrows each to one state). */
  requests: a(async (ctx) => {
    const q = ctx.query;
    const subState = optional(q.state) && subscriptionStates.includes(q.state as never) ? (q.state as never) : null;
    const redState = optional(q.state) && redemptionStates.includes(q.state as never) ? (q.state as never) : null;
    if (optional(q.state) && !subState && !redState)
      throw new InvalidRequest(
        '« state » n’est pas un état de demande connu.',
        '"state" is not a known request state.',
        {
          field: 'state',
        },
      );
    ctx.body = {
      data: {
        subscriptions: optional(q.state) && !subState ? [] : await subscriptions.listSubscriptions(strapi, subState),
        redemptions: optional(q.state) && !redState ? [] : await redemptions.listRedemptions(strapi, redState),
      },
    };
  }),
  decideSubscription: a(async (ctx) => {
    const body = bodyOf(ctx);
    ctx.body = {
      data: await subscriptions.decide(strapi, ctx.params.documentId as string, adminActor(ctx), {
        to: oneOf(body, 'to', ['approved', 'issued', 'rejected', 'cancelled'] as const),
        version: version(body),
        effectiveDate: optionalDay(body.effectiveDate, 'effectiveDate'),
        taxReductionEligible: optionalBoolean(body, 'taxReductionEligible') ?? null,
      }),
    };
  }),
  paySubscription: a(async (ctx) => {
    const body = bodyOf(ctx);
    ctx.body = {
      data: await subscriptions.recordPayment(strapi, ctx.params.documentId as string, adminActor(ctx), {
        amountCents: positiveInteger(body, 'amountCents', 100_000_000),
        date: day(body.date, 'date'),
        method: oneOf<PaymentMethod>(body, 'method', paymentMethods),
        reference: text(body, 'reference', 100),
      }),
    };
    ctx.status = 201;
  }),
  decideRedemption: a(async (ctx) => {
    const body = bodyOf(ctx);
    const to = oneOf(body, 'to', ['approved', 'refused', 'cancelled'] as const);
    const reason = optionalText(body, 'reason', 500) ?? null;
    if (to === 'refused' && !reason)
      throw new InvalidRequest(
        'Donnez la raison du refus (« reason ») : le membre la lira.',
        'Give the reason for the refusal ("reason"): the member will read it.',
        { field: 'reason' },
      );
    ctx.body = {
      data: await redemptions.decide(strapi, ctx.params.documentId as string, adminActor(ctx), {
        to,
        version: version(body),
        reason,
        taxLotOverride: to === 'approved' ? taxLotOverrideOf(body) : null,
      }),
    };
  }),
  payRedemption: a(async (ctx) => {
    const body = bodyOf(ctx);
    ctx.body = {
      data: await redemptions.payRedemption(strapi, ctx.params.documentId as string, adminActor(ctx), {
        version: version(body),
        date: day(body.date, 'date'),
        reference: optionalText(body, 'reference') ?? null,
      }),
    };
    ctx.status = 201;
  }),
  classes: a(async (ctx) => {
    ctx.body = { data: await listClasses(strapi) };
  }),
  /** The movements with filters: `member`, `shareClass`, `kind`, `from`, `to`, `page`. */
  register: a(async (ctx) => {
    const q = ctx.query;
    const from = optionalDay(q.from, 'from');
    const to = optionalDay(q.to, 'to');
    if (from && to && from > to)
      throw new InvalidRequest('« from » est après « to ».', '"from" is after "to".', { field: 'from' });
    ctx.body = {
      data: await registerPage(strapi, {
        member: optional(q.member) === null ? null : text(q, 'member', 64),
        shareClass: optional(q.shareClass) === null ? null : text(q, 'shareClass', 16),
        kind: optional(q.kind) === null ? null : oneOf(q, 'kind', kinds),
        from,
        to,
        page: pageOf(ctx),
      }),
    };
  }),
  registerCsv: a(async (ctx) => {
    const date = optionalDay(ctx.query.date, 'date');
    ctx.set('Content-Type', 'text/csv; charset=utf-8');
    ctx.set('Content-Disposition', `attachment; filename="registre-parts-${date ?? today(timeZone)}.csv"`);
    ctx.body = registerCsv(await holdingsAt(strapi, date));
  }),
  registerPdf: a(async (ctx) => {
    const date = optionalDay(ctx.query.date, 'date');
    if (date && date > today(timeZone))
      throw new InvalidRequest(`Le ${date} est dans le futur.`, `${date} is in the future.`, { field: 'date' });
    const pdf = await registerPdf(strapi, date);
    ctx.set('Content-Type', 'application/pdf');
    ctx.set('Content-Disposition', `attachment; filename="${pdf.filename}"`);
    ctx.body = Buffer.from(pdf.bytes);
  }),
  capital: a(async (ctx) => {
    ctx.body = { data: await capitalOverTime(strapi) };
  }),
  years: a(async (ctx) => {
    ctx.body = { data: await yearlyCounts(strapi) };
  }),
  /** Recomputes holdings and capital from the movements and reports any difference. */
  verify: a(async (ctx) => {
    ctx.body = { data: await verify(strapi) };
  }),
});
