import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';

/**
 * Table and column names as Strapi's own metadata names them (the helpers live in the plugin kit,
 * which the plugins share), so that the hand-written queries of the members' space follow the
 * schema instead of guessing Strapi's naming rules.
 */
export const UID = {
  profile: 'api::member-profile.member-profile',
  user: 'plugin::users-permissions.user',
  collective: 'api::collective.collective',
  membership: 'api::membership.membership',
  registration: 'api::registration.registration',
  notification: 'api::notification.notification',
  brief: 'api::brief.brief',
  event: 'api::event.event',
  document: 'api::document.document',
  file: 'plugin::upload.file',
} as const;

export { columnOf, linkOf, tableOf, type Link } from '@notre-asso/plugin-kit';

export const knexOf = (strapi: Core.Strapi): Knex => strapi.db.connection;
