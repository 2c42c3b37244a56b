/** What the middleware prepares for every page of the members' space (in `Astro.locals.space`). */
import type { Locale } from '@notre-asso/config';
import type { CollectiveTab, SpacePage } from '../../i18n/routes';
import type { Translate } from '../../i18n/space';
import type { Api, ApiResult } from './api';
import type { Flash } from './session';
import type { Member } from './types';

export interface SpaceRoute {
  page: SpacePage;
  locale: Locale;
  /** The event of an attendees page. */
  eventId?: string;
  /** The general assembly of an assembly page. */
  assemblyId?: string;
  /** The collective of a brief desk, of discussions or of a moderation queue… */
  collectiveSlug?: string;
  /** …which of them… */
  collectiveTab?: CollectiveTab;
  /** …and the thread of a discussion. */
  threadId?: string;
}

export interface SpaceContext {
  route: SpaceRoute;
  locale: Locale;
  t: Translate;
  /** The signed-in member; null only on the pages open to everyone (login, password, invitation). */
  member: Member | null;
  /** The CMS client, carrying the member's token (which pages never print). */
  api: Api;
  /** The message left by the previous form, shown once. */
  flash: Flash | null;
  /** The answer of the page's own CMS call, when the middleware made it to learn who is asking. */
  pageData: ApiResult<unknown> | null;
}

/** The space context of a page; the middleware always sets it on the space's routes. */
export function spaceOf(locals: App.Locals): SpaceContext {
  if (!locals.space) throw new Error('The members’ space middleware did not run for this page.');
  return locals.space;
}

/** Like `spaceOf`, for pages that need a signed-in member (all but the open ones). */
export function memberSpaceOf(locals: App.Locals): SpaceContext & { member: Member } {
  const space = spaceOf(locals);
  if (!space.member) throw new Error('This page needs a signed-in member: the middleware should have redirected.');
  return space as SpaceContext & { member: Member };
}
