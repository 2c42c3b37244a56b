import { createHash, randomBytes } from 'node:crypto';
import type { Core } from '@strapi/strapi';
import { organisation, roles, type Locale, spacePath } from '@notre-asso/config';
import { renderMail, sendMail } from '../mail';
import { AccountExists, InvitationGone, InvitationNotFound } from './errors';

/**
 * Invitations of new members by the board: a single-use link valid 7 days. Only the SHA-256 of
 * the token is stored, so a copy of the database cannot be used to join.
 */
const INVITATION = 'api::invitation.invitation';
const USER = 'plugin::users-permissions.user';
const ROLE = 'plugin::users-permissions.role';
const PROFILE = 'api::member-profile.member-profile';

export const INVITATION_LIFETIME_MS = 7 * 24 * 3600 * 1000;

export interface InvitationInput {
  email: string;
  displayName: string;
  college?: string | null;
  locale?: Locale;
}

interface InvitationRow {
  id: number;
  profile?: { id: number; documentId: string } | null;
  documentId: string;
  email: string;
  displayName: string;
  college: string | null;
  locale: Locale;
  expiresAt: string;
  usedAt: string | null;
  createdAt: string;
  invitedBy?: { displayName: string } | null;
}

export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

const siteUrl = () => organisation.siteUrl.replace(/\/+$/, '');

async function assertNoAccount(strapi: Core.Strapi, email: string) {
  if (await strapi.db.query(USER).findOne({ where: { email }, select: ['id'] })) throw new AccountExists();
}

function invitationMail(locale: Locale, invitation: { displayName: string; inviter: string; url: string }) {
  const { displayName, inviter, url } = invitation;
  return locale === 'fr'
    ? renderMail('fr', {
        subject: `Invitation à l’espace membres d’${organisation.name}`,
        paragraphs: [
          `Bonjour ${displayName},`,
          `${inviter} vous invite à rejoindre l’espace membres d’${organisation.name}. Choisissez votre mot de passe en suivant le lien ci-dessous : il sert une seule fois et reste valable 7 jours.`,
        ],
        action: { label: 'Accepter l’invitation', url },
      })
    : renderMail('en', {
        subject: `Invitation to the members’ space of ${organisation.name}`,
        paragraphs: [
          `Hello ${displayName},`,
          `${inviter} invites you to join the members’ space of ${organisation.name}. Choose your password by following the link below: it works once and for 7 days.`,
        ],
        action: { label: 'Accept the invitation', url },
      });
}

/** Creates the invitation and mails its link once the transaction has committed. */
export async function inviteMember(
  strapi: Core.Strapi,
  input: InvitationInput,
  invitedBy: number | null,
  /** The member's profile when it exists already: accepting gives it its account. */
  profile: number | null = null,
) {
  const email = input.email.trim().toLowerCase();
  const locale = input.locale ?? 'fr';
  const token = randomBytes(32).toString('base64url');
  return strapi.db.transaction(async ({ onCommit }) => {
    await assertNoAccount(strapi, email);
    const inviter = invitedBy
      ? ((await strapi.db.query(PROFILE).findOne({ where: { id: invitedBy }, select: ['displayName'] })) as {
          displayName: string;
        } | null)
      : null;
    const created = (await strapi.db.query(INVITATION).create({
      data: {
        email,
        displayName: input.displayName.trim(),
        college: input.college ?? null,
        locale,
        tokenHash: hashToken(token),
        expiresAt: new Date(Date.now() + INVITATION_LIFETIME_MS),
        invitedBy,
        profile,
      },
    })) as InvitationRow;
    const url = `${siteUrl()}${spacePath(locale, 'invitation')}?token=${token}`;
    const mail = invitationMail(locale, {
      displayName: created.displayName,
      inviter: inviter?.displayName ?? organisation.name,
      url,
    });
    // The invitation stands even if the relay fails: the board sees it pending and can invite again.
    onCommit(() =>
      sendMail(strapi, { to: email, ...mail }).catch((error: Error) =>
        strapi.log.error(`invitation mail to ${email} not sent: ${error.message}`),
      ),
    );
    return publicView({ ...created, invitedBy: inviter });
  });
}

export function stateOf(invitation: Pick<InvitationRow, 'usedAt' | 'expiresAt'>, now = Date.now()) {
  if (invitation.usedAt) return 'used' as const;
  return new Date(invitation.expiresAt).getTime() <= now ? ('expired' as const) : ('pending' as const);
}

function publicView(row: InvitationRow) {
  return {
    documentId: row.documentId,
    email: row.email,
    displayName: row.displayName,
    college: row.college,
    locale: row.locale,
    expiresAt: new Date(row.expiresAt).toISOString(),
    usedAt: row.usedAt ? new Date(row.usedAt).toISOString() : null,
    state: stateOf(row),
    invitedBy: row.invitedBy?.displayName ?? null,
  };
}

/** The board's list, newest first. */
export async function listInvitations(strapi: Core.Strapi) {
  const rows = (await strapi.db.query(INVITATION).findMany({
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    limit: 500,
    populate: { invitedBy: { select: ['displayName'] } },
  })) as InvitationRow[];
  return rows.map(publicView);
}

/** The invitation a token opens, if it may still be used. */
export async function openInvitation(strapi: Core.Strapi, token: string): Promise<InvitationRow> {
  const row = (await strapi.db.query(INVITATION).findOne({
    where: { tokenHash: hashToken(token) },
    populate: { profile: { select: ['id', 'documentId'] } },
  })) as InvitationRow | null;
  if (!row) throw new InvitationNotFound();
  const state = stateOf(row);
  if (state !== 'pending') throw new InvitationGone(state);
  return row;
}

/** Next membership number: the highest serial with the organisation's prefix, plus one. */
async function nextMembershipNumber(strapi: Core.Strapi, trx: unknown): Promise<string> {
  const prefix = `${organisation.membershipNumberPrefix}-`;
  const knex = strapi.db.connection;
  const last = (await knex('member_profiles')
    .transacting(trx as never)
    .select('membership_number')
    .where('membership_number', 'like', `${prefix}%`)
    // Serials are zero-padded to at least 4 digits: longer means larger.
    .orderByRaw('length(membership_number) desc, membership_number desc')
    .first()) as { membership_number: string } | undefined;
  const serial = last ? Number(last.membership_number.slice(prefix.length)) + 1 : 1;
  return `${prefix}${String(serial).padStart(4, '0')}`;
}

/**
 * Accepting creates the account (member role, confirmed) and its member profile, and marks the
 * invitation used, all in one transaction; returns the new user's id.
 */
export async function acceptInvitation(strapi: Core.Strapi, token: string, password: string): Promise<number> {
  return strapi.db.transaction(async ({ trx }) => {
    const invitation = await openInvitation(strapi, token);
    // Claiming the invitation first makes a second, concurrent use fail here rather than create a twin.
    const claimed = await strapi.db
      .query(INVITATION)
      .updateMany({ where: { id: invitation.id, usedAt: null }, data: { usedAt: new Date() } });
    if (claimed.count !== 1) throw new InvitationGone('used');
    await assertNoAccount(strapi, invitation.email);
    const role = (await strapi.db.query(ROLE).findOne({ where: { type: roles.member.type }, select: ['id'] })) as {
      id: number;
    };
    const user = (await strapi.plugin('users-permissions').service('user').add({
      username: invitation.email,
      email: invitation.email,
      password,
      provider: 'local',
      confirmed: true,
      blocked: false,
      role: role.id,
    })) as { id: number; documentId: string };
    if (invitation.profile) {
      await strapi.documents(PROFILE).update({
        documentId: invitation.profile.documentId,
        data: { user: user.documentId } as never,
      });
      return user.id;
    }
    await strapi.documents(PROFILE).create({
      data: {
        user: user.documentId,
        displayName: invitation.displayName,
        membershipNumber: await nextMembershipNumber(strapi, trx),
        memberSince: new Date().toISOString().slice(0, 10),
        college: invitation.college,
        directoryConsent: false,
        newsletterConsent: false,
      } as never,
    });
    return user.id;
  });
}

/** What the shares register knows of a subscriber from its public form (plugins/shares). */
export interface Subscriber {
  name: string;
  email: string;
  postcode: string;
  city: string;
  locale: Locale;
}

/**
 * A visitor whose shares are issued becomes a member: a profile now (the register needs it) and
 * an invitation to open its account, mailed after the commit. Runs inside the transaction.
 */
export async function welcomeSubscriber(strapi: Core.Strapi, subscriber: Subscriber, invitedBy: number | null) {
  return strapi.db.transaction(async ({ trx }) => {
    const postcode = subscriber.postcode.replace(/\s/g, '').toUpperCase();
    const profile = (await strapi.documents(PROFILE).create({
      data: {
        displayName: subscriber.name,
        membershipNumber: await nextMembershipNumber(strapi, trx),
        memberSince: new Date().toISOString().slice(0, 10),
        city: subscriber.city,
        // Kept only when it has the shape the directory expects (a French postcode).
        postcode: /^[0-9A-Z]{2}[0-9]{3}$/.test(postcode) ? postcode : null,
        directoryConsent: false,
        newsletterConsent: false,
      } as never,
    })) as unknown as { id: number };
    await inviteMember(
      strapi,
      { email: subscriber.email, displayName: subscriber.name, locale: subscriber.locale },
      invitedBy,
      profile.id,
    );
    return profile.id;
  });
}
