import type { Core } from '@strapi/strapi';

export interface NotificationInput {
  /** What happened, for grouping and icons: `registration.promoted`, `membership.accepted`… */
  kind: string;
  /** One line in the member's language. */
  title: string;
  /** A path on the site (`/espace/evenements`), not an absolute URL. */
  link?: string;
}

/** Adds a notification to a member's dashboard; joins the caller's transaction when there is one. */
export async function notify(strapi: Core.Strapi, profileId: number, input: NotificationInput): Promise<void> {
  await strapi.db.query('api::notification.notification').create({ data: { ...input, profile: profileId } });
}
