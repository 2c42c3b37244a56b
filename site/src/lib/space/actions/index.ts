/** The form handlers of the members' space, by page: the middleware runs them on POST. */
import type { SpacePage } from '../../../i18n/routes';
import type { Action } from './action';
import { invalidAddresses } from './bounces';
import { erasure, forgotPassword, invitation, login, logout, newPassword, welcome } from './account';
import { collectives, directory, events } from './community';
import { exchange } from './exchange';
import { dashboard, invitations, profile } from './member';
import { shares } from './shares';
import { votes } from './votes';

export const actions: Partial<Record<SpacePage, Action>> = {
  login,
  logout,
  forgotPassword,
  newPassword,
  invitation,
  welcome,
  dashboard,
  collectives,
  events,
  directory,
  profile,
  data: erasure,
  invitations,
  votes,
  shares,
  exchange,
  invalidAddresses,
};

export type { ActionContext, ActionResult } from './action';
