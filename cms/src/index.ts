import type { Core } from '@strapi/strapi';
import { watchRoleChanges } from './access/role-abilities';
import { seatsFollowCapacity } from './participation/seats';
import { imageAlt } from './rules/image-alt';
import { sharedCollective } from './rules/shared-collective';
import { applyAdminRoles } from './bootstrap/admin-roles';
import { applyLocales } from './bootstrap/locales';
import { applyPasswordReset } from './bootstrap/password-reset';
import { applyRoles } from './bootstrap/roles';
import { logMailsWithoutSmtp, offerRenderedMail } from './mail';
import { publicationMailing, startMailing, stopMailingWorker } from './mailing';
import { registerMailingsAdmin } from './mailing/admin-routes';
import { offerOutbox } from './mailing/plugin-kinds';
import { siteRebuild } from './site-rebuild';
import { ensureSpaceIndexes } from './space/indexes';
import { welcomeSubscriber, type Subscriber } from './account/invitations';

export default {
  async register({ strapi }: { strapi: Core.Strapi }) {
    strapi.documents.use(sharedCollective(strapi));
    strapi.documents.use(imageAlt(strapi));
    strapi.documents.use(siteRebuild(strapi));
    strapi.documents.use(seatsFollowCapacity(strapi));
    strapi.documents.use(publicationMailing(strapi));
    await registerMailingsAdmin(strapi);
  },

  /** Locales, roles and permissions come from config/ and are applied at every start. */
  async bootstrap({ strapi }: { strapi: Core.Strapi }) {
    watchRoleChanges(strapi);
    await applyLocales(strapi);
    await applyRoles(strapi);
    await applyAdminRoles(strapi);
    await applyPasswordReset(strapi);
    logMailsWithoutSmtp(strapi);
    offerRenderedMail(strapi);
    offerOutbox(strapi);
    await ensureSpaceIndexes(strapi);
    await startMailing(strapi);
    // A visitor whose shares are issued gets a profile and an invitation (plugins/shares).
    strapi
      .plugin('shares')
      .service('subscriptions')
      .onNewMember(strapi, (subscriber: Subscriber, invitedBy: number | null) =>
        welcomeSubscriber(strapi, subscriber, invitedBy),
      );
  },

  async destroy() {
    await stopMailingWorker();
  },
};
