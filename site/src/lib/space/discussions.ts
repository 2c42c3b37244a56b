/**
 * The loaders of a collective's discussion pages (the page sets the status they give before any
 * of it is sent): the collective named in the path, its threads or one thread, my moderated
 * messages, and its moderation queue; and who may do what there.
 */
import { memberSpaceOf } from './context';
import type { ApiFailure } from './api';
import type {
  DiscussionMessage,
  DiscussionThread,
  Member,
  MyCase,
  QueueCase,
  QueueCaseDetail,
  SpaceCollective,
} from './types';

/** The CMS refuses an edit after this long (plugins/moderation `editWindowMinutes`); the page offers none later. */
export const EDIT_WINDOW_MINUTES = 30;

/** Members of the collective (active, or its leads) write in its discussions. */
export const writesIn = (c: SpaceCollective) => c.membership === 'active' || c.lead;

/** Leads moderate their collective; moderators and the board every collective. */
export const moderatesIn = (member: Member, c: SpaceCollective) =>
  member.role === 'moderator' || member.role === 'board' || member.led.some((l) => l.documentId === c.documentId);

export const editableNow = (m: DiscussionMessage, mine: boolean, now = Date.now()) =>
  mine && !m.hidden && now - new Date(m.createdAt).getTime() < EDIT_WINDOW_MINUTES * 60_000;

interface Loaded {
  status: number;
  error: ApiFailure | null;
  collective: SpaceCollective | null;
}

const statusOf = (error: ApiFailure) => (error.status === 403 || error.status === 404 ? error.status : 200);

/** The collective of the page's path, with my membership of it; 404 when there is none by that slug. */
async function collectiveOfPath(locals: App.Locals): Promise<Loaded> {
  const { api, route, locale } = memberSpaceOf(locals);
  const result = await api.get<SpaceCollective[]>('/api/space/collectives', { locale });
  if (!result.ok) return { status: 200, error: result.error, collective: null };
  const collective = result.data.find((c) => c.slug === route.collectiveSlug) ?? null;
  return { status: collective ? 200 : 404, error: null, collective };
}

const myCasesIn = async (locals: App.Locals, collective: string) => {
  const cases = await memberSpaceOf(locals).api.get<MyCase[]>('/api/moderation/cases/mine', { collective });
  return cases.ok ? cases.data : [];
};

export interface DiscussionsPage extends Loaded {
  page: number;
  /** `?about=event:<documentId>` (or `document:`): only the threads about it, and the form starts one. */
  about: { kind: 'event' | 'document'; documentId: string; value: string } | null;
  threads: DiscussionMessage[];
  cases: MyCase[];
}

const ABOUT = /^(event|document):([a-z0-9]{1,40})$/;

/** The thread list's query for the threads about an event or a document. */
export const aboutQuery = (about: { kind: string; documentId: string }) => `?about=${about.kind}:${about.documentId}`;

export async function loadDiscussions(locals: App.Locals, url: URL): Promise<DiscussionsPage> {
  const page = Math.min(Math.max(Number.parseInt(url.searchParams.get('page') ?? '1', 10) || 1, 1), 10_000);
  const match = ABOUT.exec(url.searchParams.get('about') ?? '');
  const about = match ? { kind: match[1] as 'event' | 'document', documentId: match[2], value: match[0] } : null;
  const loaded = await collectiveOfPath(locals);
  if (!loaded.collective) return { ...loaded, page, about, threads: [], cases: [] };
  const id = loaded.collective.documentId;
  const threads = await memberSpaceOf(locals).api.get<DiscussionMessage[]>(
    `/api/moderation/collectives/${id}/threads`,
    { page, ...(about ? { about: about.value } : {}) },
  );
  if (!threads.ok)
    return { ...loaded, status: statusOf(threads.error), error: threads.error, page, about, threads: [], cases: [] };
  return { ...loaded, page, about, threads: threads.data, cases: await myCasesIn(locals, id) };
}

export interface ThreadPage extends Loaded {
  thread: DiscussionThread | null;
  cases: MyCase[];
}

export async function loadThread(locals: App.Locals): Promise<ThreadPage> {
  const loaded = await collectiveOfPath(locals);
  if (!loaded.collective) return { ...loaded, thread: null, cases: [] };
  const { api, route } = memberSpaceOf(locals);
  const result = await api.get<DiscussionThread>(`/api/moderation/threads/${route.threadId}`);
  if (!result.ok) return { ...loaded, status: statusOf(result.error), error: result.error, thread: null, cases: [] };
  // A thread of another collective is not this page's.
  if (result.data.collective !== loaded.collective.documentId)
    return { ...loaded, status: 404, thread: null, cases: [] };
  const cases = (await myCasesIn(locals, loaded.collective.documentId)).filter((c) => c.thread === result.data.id);
  return { ...loaded, thread: result.data, cases };
}

export interface ModerationPage extends Loaded {
  queues: Array<{ state: 'pending' | 'appealed'; error: ApiFailure | null; cases: QueueCaseDetail[] }>;
}

export async function loadModeration(locals: App.Locals): Promise<ModerationPage> {
  const loaded = await collectiveOfPath(locals);
  const { api, member } = memberSpaceOf(locals);
  const collective = loaded.collective;
  if (!collective) return { ...loaded, queues: [] };
  if (!moderatesIn(member, collective)) return { ...loaded, status: 403, queues: [] };
  const casesIn = async (state: 'pending' | 'appealed') => {
    const list = await api.get<QueueCase[]>('/api/moderation/queue', { state, collective: collective.documentId });
    if (!list.ok) return { state, error: list.error, cases: [] };
    const details = await Promise.all(list.data.map((c) => api.get<QueueCaseDetail>(`/api/moderation/queue/${c.id}`)));
    return { state, error: null, cases: details.flatMap((d) => (d.ok ? [d.data] : [])) };
  };
  return { ...loaded, queues: await Promise.all([casesIn('pending'), casesIn('appealed')]) };
}
