/**
 * Subscription requests over HTTP: a member or a visitor of the public form asks; the board
 * decides, records payments and reads the overdue balances; the requester may cancel.
 */
import { InvalidRequest } from '@notre-asso/plugin-kit';
import { paymentMethods, subscriptionStates, type PaymentMethod, type SubscriptionState } from '../rules';
import {
  decide,
  listSubscriptions,
  overdue,
  recordPayment,
  requestSubscription,
  subscriptionsOf,
  type Applicant,
} from '../services/subscriptions';
import {
  bodyOf,
  day,
  oneOf,
  optionalBoolean,
  optionalDay,
  optionalText,
  positiveInteger,
  text,
  type Body,
} from './input';
import { actorOf, handler, ownProfileId, type Strapi } from './viewer';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** The public form: who the visitor is, as the register needs it, and their consent. */
function applicantOf(body: Body): Applicant {
  const email = text(body, 'email', 254).toLowerCase();
  if (!EMAIL.test(email))
    throw new InvalidRequest(
      'L’adresse e-mail n’est pas valide (par exemple : nom@exemple.fr).',
      'The e-mail address is not valid (for example: name@example.org).',
      {
        field: 'email',
      },
    );
  if (body.consent !== true)
    throw new InvalidRequest(
      'Cochez la case du consentement : vos données servent à tenir le registre des associés.',
      'Tick the consent box: your data is used to keep the register of members.',
      { field: 'consent' },
    );
  return {
    name: text(body, 'name', 120),
    email,
    address: text(body, 'address', 300),
    postcode: text(body, 'postcode', 10),
    city: text(body, 'city', 120),
    country: optionalText(body, 'country', 60) ?? 'France',
    locale: body.locale === 'en' ? 'en' : 'fr',
  };
}

const version = (body: Body) => positiveInteger(body, 'version');

export default ({ strapi }: Strapi) => ({
  /** Anyone: a member for themselves, a visitor through the public form. */
  create: handler(async (ctx) => {
    const body = bodyOf(ctx);
    const input = {
      shareClass: text(body, 'shareClass', 16),
      quantity: positiveInteger(body, 'quantity', 100_000),
      paymentMethod: oneOf<PaymentMethod>(body, 'paymentMethod', paymentMethods),
      paymentReference: optionalText(body, 'paymentReference', 100) ?? null,
    };
    const member = ctx.state.user !== undefined;
    ctx.body = {
      data: await requestSubscription(strapi, {
        ...input,
        profileId: member ? await ownProfileId(strapi, ctx) : null,
        applicant: member ? null : applicantOf(body),
      }),
    };
    ctx.status = 201;
  }),
  mine: handler(async (ctx) => {
    ctx.body = { data: await subscriptionsOf(strapi, await ownProfileId(strapi, ctx)) };
  }),
  /** Board: the queue, `?state=` to filter. */
  find: handler(async (ctx) => {
    const state =
      ctx.query.state === undefined ? null : oneOf<SubscriptionState>(ctx.query, 'state', subscriptionStates);
    ctx.body = { data: await listSubscriptions(strapi, state) };
  }),
  /** Board: approve, issue, reject or cancel, from the version read. */
  decide: handler(async (ctx) => {
    const body = bodyOf(ctx);
    ctx.body = {
      data: await decide(strapi, ctx.params.documentId as string, await actorOf(strapi, ctx, true), {
        to: oneOf(body, 'to', ['approved', 'issued', 'rejected', 'cancelled'] as const),
        version: version(body),
        effectiveDate: optionalDay(body.effectiveDate, 'effectiveDate'),
        taxReductionEligible: optionalBoolean(body, 'taxReductionEligible') ?? null,
      }),
    };
  }),
  /** The requester, while their request is submitted. */
  cancel: handler(async (ctx) => {
    const body = bodyOf(ctx);
    ctx.body = {
      data: await decide(strapi, ctx.params.documentId as string, await actorOf(strapi, ctx, false), {
        to: 'cancelled',
        version: version(body),
        effectiveDate: null,
        taxReductionEligible: null,
      }),
    };
  }),
  /** Board: a payment (libération) in integer cents. */
  pay: handler(async (ctx) => {
    const body = bodyOf(ctx);
    ctx.body = {
      data: await recordPayment(strapi, ctx.params.documentId as string, await actorOf(strapi, ctx, true), {
        amountCents: positiveInteger(body, 'amountCents', 100_000_000),
        date: day(body.date, 'date'),
        method: oneOf<PaymentMethod>(body, 'method', paymentMethods),
        reference: text(body, 'reference', 100),
      }),
    };
    ctx.status = 201;
  }),
  /** Board: unpaid balances past their deadline. */
  overdue: handler(async (ctx) => {
    ctx.body = { data: await overdue(strapi) };
  }),
});
