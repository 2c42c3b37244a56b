/** What the members' space API answers (see /api/space/* in the CMS), as the pages read it. */
import type { Poll } from './votes';

export type SpaceRole = 'member' | 'lead' | 'moderator' | 'board';

/** `GET /api/space/me`. */
export interface Member {
  user: { id: number; email: string };
  role: SpaceRole;
  profile: { documentId: string; displayName: string; membershipNumber: string; college: string | null } | null;
  led: { documentId: string; slug: string; name: string }[];
  pending: { charter: { version: string } | null; privacy: { version: string } | null };
}

export interface SpaceCollective {
  documentId: string;
  slug: string;
  name: string;
  kind: string;
  visibility: 'public' | 'members';
  parent: string | null;
  following: boolean;
  emailBriefs: boolean;
  membership: 'active' | 'requested' | 'refused' | null;
  lead: boolean;
  members: number;
  followers: number;
}

export interface PersonRef {
  documentId: string;
  displayName: string;
  since: string | null;
}

export interface CollectivePeople {
  members: PersonRef[];
  requests: PersonRef[];
  followers: PersonRef[];
}

export interface Registration {
  state: 'confirmed' | 'waiting';
  position: number | null;
}

export interface SpaceEvent {
  documentId: string;
  title: string;
  startsAt: string;
  endsAt: string;
  place: string | null;
  audience: 'public' | 'members';
  collective: { documentId: string; name: string; slug: string } | null;
  capacity: number | null;
  confirmed: number;
  waiting: number;
  /** Closed registrations still show who is registered, and let them cancel. */
  registrationOpen: boolean;
  registration: Registration | null;
  organiser: boolean;
}

export interface Attendee {
  displayName: string;
  state: 'confirmed' | 'waiting';
  position?: number | null;
  registeredAt?: string;
}

export interface Dashboard {
  briefs: {
    documentId: string;
    title: string;
    publishedAt: string;
    collective: { slug: string; name: string; visibility: 'public' | 'members' } | null;
  }[];
  events: { documentId: string; title: string; startsAt: string; place: string | null; state: string | null }[];
  documents: { documentId: string; title: string; accessLevel: string; updatedAt: string; fileUrl: string | null }[];
  notifications: {
    id: number;
    kind: string;
    title: string;
    link: string | null;
    createdAt: string;
    readAt: string | null;
  }[];
  unread: number;
  /** Open polls awaiting my vote (governance plugin). */
  votes: Poll[];
  /** Who is asking: the dashboard page needs no /api/space/me call of its own. */
  me: Member;
}

export interface SpaceDocument {
  documentId: string;
  title: string;
  summary: string | null;
  accessLevel: string;
  date: string | null;
  updatedAt: string;
  fileUrl: string | null;
  category: { slug: string; name: string } | null;
  collective: { documentId: string; name: string; slug: string } | null;
}

export interface DirectoryEntry {
  documentId: string;
  displayName: string;
  city: string | null;
  skills: string[] | null;
  bio: string | null;
  collectives: string[];
  distanceKm?: number;
}

export interface Profile {
  documentId: string;
  displayName: string;
  membershipNumber: string;
  city: string | null;
  postcode: string | null;
  lat: number | null;
  lon: number | null;
  skills: string[] | null;
  bio: string | null;
  directoryConsent: boolean;
  newsletterConsent: boolean;
  /** Briefs of the collectives followed by e-mail: one mail each, or a daily or weekly digest. */
  mailFrequency: 'each' | 'daily' | 'weekly' | null;
  /** Leads and moderators: one mail per report needing them, or a daily digest. */
  moderationMail: 'each' | 'daily' | null;
}

/** `GET /api/space/invitations/:token` gives the first three; the board's list all of them. */
export interface Invitation {
  email: string;
  displayName: string;
  expiresAt: string;
  documentId?: string;
  usedAt?: string | null;
  state?: 'pending' | 'used' | 'expired';
  invitedBy?: string | null;
}

export interface EventProposal {
  documentId: string;
  title: string;
  startsAt: string;
  endsAt?: string;
  place?: string | null;
  collective: { documentId: string; name: string } | null;
  proposalState: 'proposed' | 'approved' | 'refused';
  proposer: string | null;
  /** I proposed it. */
  mine: boolean;
  /** I lead its collective (or sit on the board) and it awaits a decision. */
  canDecide: boolean;
}

/** A brief on its collective's desk (cms/src/briefs/desk.ts). */
/** A published brief's mailing, as `/api/space/briefs/:id/mailing` counts it. */
export interface MailingProgress {
  brief: string;
  state: 'running' | 'paused' | 'finished';
  recipients: number;
  queued: number;
  sent: number;
  failed: number;
  skipped: number;
}

/** Link rows of the brief desk's form (`link-label-<n>`, `link-url-<n>`): the CMS takes 10 links at most. */
export const BRIEF_LINK_ROWS = 10;

export interface DeskBrief {
  documentId: string;
  locale: string;
  title: string;
  body: string;
  state: 'draft' | 'scheduled' | 'published';
  publicationDate: string | null;
  scheduledAt: string | null;
  updatedAt: string;
  image: { url: string; alternativeText: string } | null;
  links: Array<{ label: string; url: string }>;
}

/** A thread or reply of a collective's discussions (plugins/moderation, services/discussions.ts). */
export interface DiscussionMessage {
  kind: 'thread' | 'reply';
  id: number;
  collective: string;
  title?: string;
  replyCount?: number;
  lastActivityAt?: string;
  /** A thread about one of its collective's events or documents. */
  about?: { kind: 'event' | 'document'; documentId: string } | null;
  thread?: number;
  author: { id: number; displayName: string | null };
  /** The Markdown source, for its author only. */
  body?: string;
  html: string;
  hidden: boolean;
  createdAt: string;
  editedAt: string | null;
}

export interface DiscussionThread extends DiscussionMessage {
  replies: DiscussionMessage[];
  charterArticles: string[];
}

/** A case about one of my messages, as its author is told of it (services/appeals.ts). */
export interface MyCase {
  case: number;
  kind: 'thread' | 'reply';
  id: number;
  thread: number | null;
  collective: string;
  state: 'pending' | 'upheld' | 'dismissed' | 'appealed' | 'overturned';
  hidden: boolean;
  decision: { action: string; reason: string | null; at: string };
  appeal: { statement: string; outcome: string | null } | null;
  appealable: boolean;
}

/** A case of the moderation queue (services/queue.ts). */
export interface QueueCase {
  id: number;
  item: { kind: 'thread' | 'reply'; id: number };
  collective: string;
  state: 'pending' | 'upheld' | 'dismissed' | 'appealed' | 'overturned';
  version: number;
  reportCount: number;
  openedAt: string;
}

export interface QueueCaseDetail extends QueueCase {
  content: DiscussionMessage & { body: string };
  revisions: Array<{ title: string | null; html: string; replacedAt: string }>;
  reports: Array<{ article: string; comment: string | null; reportedAt: string }>;
  log: Array<{ action: string; reason: string | null; at: string }>;
}

/** A post of the exchange board (plugins/moderation, services/exchange.ts). */
export interface ExchangePost extends DiscussionMessage {
  title: string;
  type: 'offer' | 'request';
  category: 'skills' | 'equipment' | 'services';
  place: string;
  expiresAt: string;
}
