/**
 * Data of the space's pages whose HTTP status depends on it. A page's status can only be set in
 * the page's own frontmatter (Astro streams what components render), so the route files load these
 * and hand them to the view.
 */
import { failureText } from './messages';
import { memberSpaceOf, spaceOf } from './context';
import type { Attendee, Invitation } from './types';
import type { Assembly, AssemblyResults, Drafting, Proposal, ProxyHolders, Resolution, Standing } from './assemblies';

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

export interface AssemblyPage {
  status: number;
  problem: string | null;
  assembly: Assembly | null;
  standing: Standing | null;
  resolutions: Resolution[];
  drafting: Drafting | null;
  results: AssemblyResults | null;
  /** Whom I may give my proxy to, searched by name (`?holder-q=`), until the close. */
  holders: ProxyHolders | null;
  holderQuery: string;
}

/** An assembly with my standing, each resolution's versions, its co-drafting and, once closed, its results. */
export async function loadAssembly(locals: App.Locals, url: URL): Promise<AssemblyPage> {
  const { t, api, route } = memberSpaceOf(locals);
  const holderQuery = (url.searchParams.get('holder-q') ?? '').trim().slice(0, 100);
  const base = `/api/governance/assemblies/${route.assemblyId}`;
  const found = await api.get<Assembly>(base);
  if (!found.ok)
    return {
      status: found.status,
      problem: failureText(t, found.error),
      assembly: null,
      standing: null,
      resolutions: [],
      drafting: null,
      results: null,
      holders: null,
      holderQuery,
    };
  const closed = found.data.state === 'closed';
  const [standing, drafting, results, holders, ...resolutions] = await Promise.all([
    api.get<Standing>(`${base}/standing`),
    api.get<Omit<Drafting, 'proposals'> & { proposals: Array<{ id: string }> }>(`${base}/proposals`),
    closed ? api.get<AssemblyResults>(`${base}/results`) : null,
    closed ? null : api.get<ProxyHolders>(`${base}/proxy-holders?q=${encodeURIComponent(holderQuery)}`),
    ...found.data.resolutions.map((r) => api.get<Resolution>(`/api/governance/resolutions/${r.documentId}`)),
  ]);
  // Each proposal's supporters and comments come with it alone.
  const proposals = drafting.ok
    ? await Promise.all(drafting.data.proposals.map((p) => api.get<Proposal>(`/api/governance/proposals/${p.id}`)))
    : [];
  return {
    status: 200,
    problem: standing.ok ? null : failureText(t, standing.error),
    assembly: found.data,
    standing: standing.ok ? standing.data : null,
    resolutions: resolutions.flatMap((r) => (r.ok ? [r.data] : [])),
    drafting: drafting.ok ? { ...drafting.data, proposals: proposals.flatMap((p) => (p.ok ? [p.data] : [])) } : null,
    results: results?.ok ? results.data : null,
    holders: holders?.ok ? holders.data : null,
    holderQuery,
  };
}

/** An address refused for good three times (cms/src/mailing/bounces.ts). */
export interface InvalidAddress {
  documentId: string;
  address: string;
  failures: number;
  lastError: string | null;
  lastFailedAt: string;
  invalidSince: string;
  member: { documentId: string; displayName: string } | null;
}

export interface InvalidAddressesPage {
  status: number;
  problem: string | null;
  addresses: InvalidAddress[];
  total: number;
  page: number;
  pageCount: number;
  q: string;
  /** The address whose reactivation is being confirmed (`?confirm=<documentId>`). */
  confirming: InvalidAddress | null;
}

/** The board's page of invalid addresses, searched (`?q=`) and paged (`?page=`); 403 to everyone else. */
export async function loadInvalidAddresses(locals: App.Locals, url: URL): Promise<InvalidAddressesPage> {
  const { t, api, member } = memberSpaceOf(locals);
  const q = (url.searchParams.get('q') ?? '').trim().slice(0, 100);
  const page = Math.max(1, Math.min(Number(url.searchParams.get('page')) || 1, 1_000_000));
  const empty = { addresses: [], total: 0, page, pageCount: 0, q, confirming: null };
  if (member.role !== 'board') return { status: 403, problem: t('error.forbidden'), ...empty };
  const result = await api.get<InvalidAddress[]>('/api/space/mail/invalid-addresses', { page, q });
  if (!result.ok) return { status: result.status, problem: failureText(t, result.error), ...empty };
  const confirm = url.searchParams.get('confirm');
  const pagination = result.meta.pagination;
  return {
    status: 200,
    problem: null,
    addresses: result.data,
    total: pagination?.total ?? result.data.length,
    page,
    pageCount: pagination?.pageCount ?? 1,
    q,
    confirming: result.data.find((a) => a.documentId === confirm) ?? null,
  };
}
