import { randomBytes, randomUUID } from 'node:crypto';
import { personalDataProviders } from '@notre-asso/plugin-kit';
import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { BOUNCE } from '../mailing/bounces';
import { cancelUpcomingRegistrations } from '../participation/registrations';
import { revokeUserSessions } from '../sessions';
import { WrongPassword } from './errors';
import { personalRelations } from './personal-data';
import { knexOf, linkOf, UID } from './tables';

/**
 * The right to erasure (RGPD art. 17): personal data is erased or anonymised, in one transaction.
 * Kept: the membership number, college and dates of the profile, because the shares register and
 * the votes cast, which the law requires us to keep, refer to it; and what the member wrote for
 * everyone (briefs, events), now signed « Membre supprimé ».
 *
 * Every relation to a profile or an account must be classified here: `erase` deletes the rows
 * that point at the member, `keep` leaves them pointing at the anonymised profile. A test checks
 * the classification covers every such relation, so that a new table cannot be forgotten. The
 * plugins' own tables (not content types) are classified by each plugin's `personal-data` service
 * (plugins/kit/src/personal-data.ts), which erases what it must in this same transaction.
 */
export const ERASED_NAME = 'Membre supprimé';

export const relationPolicy: { erase: string[]; keep: string[] } = {
  // Upcoming registrations are cancelled first (the waiting list moves up); past ones go here.
  erase: [
    'api::membership.membership.profile',
    'api::registration.registration.profile',
    'api::notification.notification.profile',
    'api::directory.contact.sender',
    'api::directory.contact.recipient',
    // Consent records are of no use once no data is processed any more.
    'api::acceptance.acceptance.profile',
    // Mails queued or sent to the member: their address goes with them.
    'api::outbox-message.outbox-message.recipient',
    // The invitation that gave a subscriber's profile its account (plugins/shares): it holds their address.
    'api::invitation.invitation.profile',
  ],
  keep: [
    // The lead who accepted or refused someone else's membership: that decision is the other member's record.
    'api::membership.membership.decidedBy',
    // Invitations the member sent are the invitees' records.
    'api::invitation.invitation.invitedBy',
    'api::brief.brief.author',
    'api::event.event.organiser',
    // The collectives stay; the member's link rows to them go with the profile's own links below.
    'api::collective.collective.leads',
    'api::collective.collective.followers',
    // The account keeps its role row; only the account is anonymised.
    'plugin::users-permissions.role.users',
    // The shares register is a legal record: its movements and holdings keep pointing at the
    // profile (reduced to its membership number), and at the board account that recorded them.
    'plugin::shares.movement.profile',
    'plugin::shares.movement.recordedBy',
    'plugin::shares.shareholding.profile',
    // Subscription requests are the register's vouchers (bulletins de souscription), with their payments.
    'plugin::shares.subscription.profile',
    // Redemption requests are the vouchers of the redemption movements.
    'plugin::shares.redemption.profile',
  ],
};

/** The profile's own relations emptied: what they follow, lead and get by e-mail. */
const PROFILE_LINKS = ['followedCollectives', 'ledCollectives', 'mailedCollectives'];

export async function checkPassword(strapi: Core.Strapi, userId: number, password: string): Promise<void> {
  const user = (await strapi.db.query(UID.user).findOne({ where: { id: userId }, select: ['password'] })) as {
    password?: string;
  } | null;
  const users = strapi.plugin('users-permissions').service('user') as {
    validatePassword(p: string, h: string): Promise<boolean>;
  };
  if (!user?.password || !(await users.validatePassword(password, user.password))) throw new WrongPassword();
}

/** Deletes the rows of `uid` whose `attribute` points at `id`, their link rows with them. */
async function deleteRowsPointingAt(
  strapi: Core.Strapi,
  trx: Knex.Transaction,
  uid: string,
  attribute: string,
  id: number,
) {
  const link = linkOf(strapi, uid, attribute);
  const knex = knexOf(strapi);
  const rowIds = (
    (await knex.select(link.source).from(link.table).where(link.target, id).transacting(trx)) as Array<
      Record<string, number>
    >
  ).map((r) => r[link.source] as number);
  if (rowIds.length) await strapi.db.query(uid).deleteMany({ where: { id: { $in: rowIds } } });
}

export async function eraseMember(
  strapi: Core.Strapi,
  userId: number,
  profileId: number | null,
  now = new Date(),
): Promise<void> {
  const relations = personalRelations(strapi);
  await strapi.db.transaction(async ({ trx }: { trx: Knex.Transaction }) => {
    const anonymous = `erased-${randomUUID()}`;
    // The invitation that brought them in holds their address and name.
    const account = (await strapi.db.query(UID.user).findOne({ where: { id: userId }, select: ['email'] })) as {
      email: string;
    } | null;
    if (account) {
      await strapi.db.query('api::invitation.invitation').deleteMany({ where: { email: account.email } });
      // The record of mail refused at their address (bounces) is kept by address.
      await strapi.db.query(BOUNCE).deleteMany({ where: { address: account.email.toLowerCase() } });
    }
    await strapi
      .plugin('users-permissions')
      .service('user')
      .edit(userId, {
        username: anonymous,
        email: `${anonymous}@erased.invalid`,
        // Nobody knows it: the account cannot be logged into again, and blocked answers 401 to its old tokens.
        password: randomBytes(32).toString('base64url'),
        blocked: true,
        resetPasswordToken: null,
        confirmationToken: null,
      });
    await revokeUserSessions(strapi, userId);
    if (profileId === null) return;
    await cancelUpcomingRegistrations(strapi, profileId);
    await strapi.db.query(UID.profile).update({
      where: { id: profileId },
      data: {
        displayName: ERASED_NAME,
        city: null,
        postcode: null,
        lat: null,
        lon: null,
        skills: null,
        bio: null,
        directoryConsent: false,
        newsletterConsent: false,
        calendarToken: null,
        erasedAt: now,
      },
    });
    const knex = knexOf(strapi);
    for (const attribute of PROFILE_LINKS) {
      const link = linkOf(strapi, UID.profile, attribute);
      await knex(link.table).where(link.source, profileId).delete().transacting(trx);
    }
    for (const { uid, attribute, target } of relations) {
      if (target !== UID.profile || !relationPolicy.erase.includes(`${uid}.${attribute}`)) continue;
      await deleteRowsPointingAt(strapi, trx, uid, attribute, profileId);
    }
    // The plugins' own tables, each by its contract (see its `personal-data` service).
    for (const { provider } of personalDataProviders(strapi)) await provider.erase(profileId, trx);
  });
}
