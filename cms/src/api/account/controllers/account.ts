import type { Core } from '@strapi/strapi';
import { validateYupSchema, yup } from '@strapi/utils';
import { defaultLocale, locales, type Locale } from '@notre-asso/config';
import { viewerOf, type RequestContext } from '../../../access/viewer';
import { currentVersions, recordAcceptances } from '../../../account/acceptances';
import { NoMemberProfile } from '../../../access/errors';
import { me } from '../../../account/me';
import { revokeSession, type SessionClaims } from '../../../sessions';

interface AccountContext extends RequestContext {
  state: RequestContext['state'] & { user?: { id: number; email?: string } };
  query: { locale?: unknown };
  request: { body?: unknown };
  status: number;
  body: unknown;
}

/** `fr`/`en`: what the text is called, for messages ("la charte" / "charter"). */
const versionField = (kind: 'charter' | 'privacy', fr: string, en: string) =>
  yup
    .string()
    .required(`La version de ${fr} manque / The ${en} version is missing.`)
    .oneOf(
      [currentVersions[kind]],
      `Ce n’est pas la version en vigueur de ${fr} (${currentVersions[kind]}) / This is not the current ${en} version (${currentVersions[kind]}).`,
    );

const acceptanceSchema = yup
  .object({
    charterVersion: versionField('charter', 'la charte', 'charter'),
    privacyVersion: versionField('privacy', 'la politique de confidentialité', 'privacy notice'),
  })
  .required();

/** The global locale guard already refused unknown codes; `*` and `all` fall back to French. */
const localeOf = (ctx: AccountContext): Locale =>
  locales.includes(ctx.query.locale as Locale) ? (ctx.query.locale as Locale) : defaultLocale;

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async me(koaCtx: unknown) {
    const ctx = koaCtx as AccountContext;
    ctx.body = { data: await me(strapi, ctx, localeOf(ctx)) };
  },

  /** Records that the member accepted the current charter and privacy notice. */
  async accept(koaCtx: unknown) {
    const ctx = koaCtx as AccountContext;
    await validateYupSchema(acceptanceSchema)(ctx.request.body ?? {});
    const viewer = await viewerOf(strapi, ctx);
    if (viewer.profileId === null) throw new NoMemberProfile();
    ctx.body = { data: await recordAcceptances(strapi, viewer.profileId) };
  },

  /** Ends the session of the token this request carries. */
  async logout(koaCtx: unknown) {
    const ctx = koaCtx as AccountContext;
    const jwt = strapi.plugin('users-permissions').service('jwt');
    const claims = (await jwt.getToken(ctx)) as SessionClaims | null;
    if (claims) await revokeSession(strapi, claims);
    ctx.status = 204;
    ctx.body = null;
  },
});
