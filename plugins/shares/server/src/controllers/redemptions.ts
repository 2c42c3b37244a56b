/**
 * Redemption requests over HTTP: a member asks and may cancel while submitted; the board reads
 * the queue, approves or refuses, and pays an approved one.
 */
import { InvalidRequest } from '@notre-asso/plugin-kit';
import { redemptionStates, type RedemptionState } from '../rules';
import { decide, listRedemptions, payRedemption, redemptionsOf, requestRedemption } from '../services/redemptions';
import { bodyOf, day, oneOf, optionalText, positiveInteger, taxLotOverrideOf, text, type Body } from './input';
import { actorOf, handler, ownProfileId, type Strapi } from './viewer';

const version = (body: Body) => positiveInteger(body, 'version');

export default ({ strapi }: Strapi) => ({
  /** A member, for their own shares. */
  create: handler(async (ctx) => {
    const body = bodyOf(ctx);
    ctx.body = {
      data: await requestRedemption(strapi, {
        profileId: await ownProfileId(strapi, ctx),
        shareClass: text(body, 'shareClass', 16),
        quantity: positiveInteger(body, 'quantity', 1_000_000),
      }),
    };
    ctx.status = 201;
  }),
  mine: handler(async (ctx) => {
    ctx.body = { data: await redemptionsOf(strapi, await ownProfileId(strapi, ctx)) };
  }),
  /** The requester, while their request is submitted. */
  cancel: handler(async (ctx) => {
    const body = bodyOf(ctx);
    ctx.body = {
      data: await decide(strapi, ctx.params.documentId as string, await actorOf(strapi, ctx, false), {
        to: 'cancelled',
        version: version(body),
        reason: null,
        taxLotOverride: null,
      }),
    };
  }),
  /** Board: the queue, `?state=` to filter. */
  find: handler(async (ctx) => {
    const state = ctx.query.state === undefined ? null : oneOf<RedemptionState>(ctx.query, 'state', redemptionStates);
    ctx.body = { data: await listRedemptions(strapi, state) };
  }),
  /**
   * Board: approve (the statutes' rules decide whether it can be; `overrideTaxLots` with a
   * `reason` when it takes shares still in their tax-reduction period), refuse with a reason, or cancel.
   */
  decide: handler(async (ctx) => {
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
      data: await decide(strapi, ctx.params.documentId as string, await actorOf(strapi, ctx, true), {
        to,
        version: version(body),
        reason,
        taxLotOverride: to === 'approved' ? taxLotOverrideOf(body) : null,
      }),
    };
  }),
  /** Board: the member is paid; the redemption movement is written at nominal value. */
  pay: handler(async (ctx) => {
    const body = bodyOf(ctx);
    ctx.body = {
      data: await payRedemption(strapi, ctx.params.documentId as string, await actorOf(strapi, ctx, true), {
        version: version(body),
        date: day(body.date, 'date'),
        reference: optionalText(body, 'reference') ?? null,
      }),
    };
    ctx.status = 201;
  }),
});
