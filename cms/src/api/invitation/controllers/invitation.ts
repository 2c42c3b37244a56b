import type { Core } from '@strapi/strapi';
import { validateYupSchema, yup } from '@strapi/utils';
import { locales, organisation } from '@notre-asso/config';
import { viewerOf, type RequestContext } from '../../../access/viewer';
import { acceptInvitation, inviteMember, listInvitations, openInvitation } from '../../../account/invitations';

interface InvitationContext extends RequestContext {
  params: { token?: string };
  request: { body?: unknown };
  status: number;
  body: unknown;
}

const colleges = organisation.colleges.map((c) => c.code);

const invitationSchema = yup
  .object({
    email: yup
      .string()
      .trim()
      .required('L’adresse e-mail manque / The e-mail address is missing.')
      .email('Cette adresse e-mail n’est pas valide / This e-mail address is not valid.')
      .max(254),
    displayName: yup
      .string()
      .trim()
      .required('Le nom manque / The name is missing.')
      .max(120, 'Le nom dépasse 120 caractères / The name is longer than 120 characters.'),
    college: yup
      .string()
      .nullable()
      .oneOf(
        [...colleges, null],
        `Collège inconnu : choisissez parmi ${colleges.join(', ')} / Unknown college: choose one of ${colleges.join(', ')}.`,
      ),
    locale: yup.string().oneOf([...locales], 'Langue : fr ou en / Locale: fr or en.'),
  })
  .noUnknown(true, 'Champ inconnu : ${unknown}. Unknown field: ${unknown}.');

const acceptSchema = yup.object({
  password: yup
    .string()
    .required('Le mot de passe manque / The password is missing.')
    .min(10, 'Le mot de passe doit compter au moins 10 caractères / The password needs at least 10 characters.')
    // bcrypt reads 72 bytes at most: a longer password would be silently cut.
    .max(72, 'Le mot de passe dépasse 72 caractères / The password is longer than 72 characters.'),
});

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async create(koaCtx: unknown) {
    const ctx = koaCtx as InvitationContext;
    const input = (await validateYupSchema(invitationSchema)(ctx.request.body ?? {})) as Parameters<
      typeof inviteMember
    >[1];
    const viewer = await viewerOf(strapi, ctx);
    ctx.body = { data: await inviteMember(strapi, input, viewer.profileId) };
    ctx.status = 201;
  },

  async find(koaCtx: unknown) {
    const ctx = koaCtx as InvitationContext;
    ctx.body = { data: await listInvitations(strapi) };
  },

  /** What the invitation page shows before the new member chooses a password. */
  async preview(koaCtx: unknown) {
    const ctx = koaCtx as InvitationContext;
    const invitation = await openInvitation(strapi, ctx.params.token ?? '');
    ctx.body = {
      data: {
        email: invitation.email,
        displayName: invitation.displayName,
        locale: invitation.locale,
        expiresAt: new Date(invitation.expiresAt).toISOString(),
      },
    };
  },

  /** Creates the account and logs the new member in, like `POST /api/auth/local` does. */
  async accept(koaCtx: unknown) {
    const ctx = koaCtx as InvitationContext;
    const { password } = (await validateYupSchema(acceptSchema)(ctx.request.body ?? {})) as { password: string };
    const userId = await acceptInvitation(strapi, ctx.params.token ?? '', password);
    const user = (await strapi.db.query('plugin::users-permissions.user').findOne({
      where: { id: userId },
      select: ['id', 'documentId', 'username', 'email', 'confirmed', 'blocked', 'createdAt', 'updatedAt'],
    })) as Record<string, unknown>;
    const jwt = strapi.plugin('users-permissions').service('jwt').issue({ id: userId }) as string;
    ctx.body = { jwt, user };
  },
});
