/**
 * A member's shares in one call (« Mes parts », and the dashboard later): holdings, movements,
 * subscriptions, redemptions, and the years they have a yearly statement for.
 */
import type { Core } from '@strapi/strapi';
import { holdingsAt, movements } from './register';
import { redemptionsOf } from './redemptions';
import { statementYears } from './statements';
import { subscriptionsOf } from './subscriptions';

export async function summaryOf(strapi: Core.Strapi, profileId: number) {
  const mine = await holdingsAt(strapi, null, strapi.db.connection, profileId);
  const subscriptions = await subscriptionsOf(strapi, profileId);
  const { movements: ledger } = await movements(strapi, { profileId, pageSize: 1000 });
  return {
    holdings: mine,
    totalShares: mine.reduce((s, h) => s + h.quantity, 0),
    totalValueCents: mine.reduce((s, h) => s + h.valueCents, 0),
    movements: ledger,
    subscriptions,
    redemptions: await redemptionsOf(strapi, profileId),
    unpaidCents: subscriptions
      .filter((s) => s.state === 'approved' || s.state === 'issued')
      .reduce((sum, s) => sum + s.unpaidCents, 0),
    statementYears: statementYears(ledger, subscriptions),
  };
}
