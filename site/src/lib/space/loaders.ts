/**
 * Data of the space's pages whose HTTP status depends on it. A page's status can only be set in
 * the page's own frontmatter (Astro streams what components render), so the route files load these
 * and hand them to the view.
 */
import { failureText } from './messages';
import { memberSpaceOf, spaceOf } from './context';
import type { Attendee, Invitation } from './types';

export interface InvitationPage {
  status: number;
  invitation: Invitation | null;
  /** Why the invitation cannot be used, in the page's language. */
  problem: string | null;
}

export async function loadInvitation(locals: App.Locals, url: URL): Promise<InvitationPage> {
  const { t, api } = spaceOf(locals);
  const token = url.searchParams.get('token') ?? '';
  if (!/^[A-Za-z0-9_-]{8,128}$/.test(token)) return { status: 404, invitation: null, problem: t('invitation.invalid') };
  const found = await api.get<Invitation>(`/api/space/invitations/${token}`);
  if (found.ok) return { status: 200, invitation: found.data, problem: null };
  const problem = failureText(t, found.error, { 404: t('invitation.invalid'), 410: t('invitation.used') });
  return { status: found.status, invitation: null, problem };
}

export interface AttendeesPage {
  status: number;
  title: string;
  attendees: Attendee[] | null;
  problem: string | null;
}

export async function loadAttendees(locals: App.Locals): Promise<AttendeesPage> {
  const { t, api, locale, route } = memberSpaceOf(locals);
  const result = await api.get<{ event: { title: string }; attendees: Attendee[] }>(
    `/api/space/events/${route.eventId}/attendees`,
    { locale },
  );
  if (result.ok) return { status: 200, title: result.data.event.title, ...result.data, problem: null };
  return { status: result.status, title: '', attendees: null, problem: failureText(t, result.error) };
}

/** The board's invitations page answers 403 to everyone else. */
export const invitationsStatus = (locals: App.Locals) => (memberSpaceOf(locals).member.role === 'board' ? 200 : 403);
