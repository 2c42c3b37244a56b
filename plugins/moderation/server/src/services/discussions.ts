/**
 * Threads and replies inside a collective (fils de discussion). A members-only collective's
 * discussions are read by its members only (and by those who moderate everything); a public
 * one's by any member; only members of the collective write. Hidden messages disappear for
 * everyone but their author and those who moderate the collective. A thread may be about one of
 * the collective's events or documents (`about`), and is then also listed beside it.
 */
import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { InvalidRequest, NotFound, renderMarkdown } from '@notre-asso/plugin-kit';
import { EditWindowClosed, NoSuchItem, NotAMember, NotTheAuthor } from '../errors';
import { settingsOf } from '../settings';
import { asBoolean, asDate, knexOf, lockedRow, TABLE, tableOfItem, type ItemKind } from '../store';
import { moderates, moderatesEverything, type Participant } from '../viewer';
import { assertMayPost } from './abuse';
import { sweepSoon } from './signals';
import { pageOf, validate, yup } from './validation';

export interface MessageRow {
  id: number;
  collective: string;
  author_id: number;
  author_name?: string | null;
  title?: string;
  body: string;
  body_html: string;
  hidden: unknown;
  created_at: unknown;
  edited_at: unknown;
  reply_count?: number;
  last_activity_at?: unknown;
  /** A thread about an event or a document: `event:<documentId>`, `document:<documentId>`. */
  about?: string | null;
  thread_id?: number;
  /** Exchange board posts: offer or request, category, place, expiry. */
  type?: string;
  category?: string;
  place?: string;
  expires_at?: unknown;
}

const threadSchema = yup.object({
  title: yup.string().trim().required('title is required').max(200),
  body: yup.string().trim().required('body is required').max(20_000),
});
type SubjectKind = 'event' | 'document';
const SUBJECT_UID: Record<SubjectKind, string> = { event: 'api::event.event', document: 'api::document.document' };
const ABOUT = /^(event|document):([a-z0-9]{1,40})$/;

/** `?about=` or a new thread's `about`: `event:<documentId>` or `document:<documentId>`. */
function subjectOf(value: unknown): { kind: SubjectKind; documentId: string } | null {
  if (value === undefined || value === null || value === '') return null;
  const match = typeof value === 'string' ? ABOUT.exec(value) : null;
  if (!match)
    throw new InvalidRequest(
      'about doit être event:<documentId> ou document:<documentId>.',
      'about must be event:<documentId> or document:<documentId>.',
      { field: 'about' },
    );
  return { kind: match[1] as SubjectKind, documentId: match[2] };
}

/** A new thread's subject must be a published event or document of the same collective. */
async function assertSubjectIn(
  strapi: Core.Strapi,
  about: { kind: SubjectKind; documentId: string },
  collective: string,
) {
  const row = (await strapi.db.query(SUBJECT_UID[about.kind]).findOne({
    where: { documentId: about.documentId, publishedAt: { $notNull: true } },
    select: ['id'],
    populate: { collective: { select: ['documentId'] } },
  })) as { collective?: { documentId: string } | null } | null;
  if (!row)
    throw new NotFound(
      about.kind === 'event' ? 'Cet événement n’existe pas.' : 'Ce document n’existe pas.',
      about.kind === 'event' ? 'No such event.' : 'No such document.',
    );
  if (row.collective?.documentId !== collective)
    throw new InvalidRequest(
      about.kind === 'event'
        ? 'Cet événement n’est pas celui de ce collectif : ouvrez la discussion dans le collectif qui l’organise.'
        : 'Ce document n’est pas celui de ce collectif : ouvrez la discussion dans le collectif auquel il appartient.',
      about.kind === 'event'
        ? 'This event is not this collective’s: start the discussion in the collective that organises it.'
        : 'This document is not this collective’s: start the discussion in the collective it belongs to.',
      { field: 'about' },
    );
}
const replySchema = yup.object({ body: yup.string().trim().required('body is required').max(20_000) });

/** A collective's documentId and visibility, when it is published. */
async function collectiveOf(strapi: Core.Strapi, documentId: string): Promise<{ visibility: string }> {
  const row = (await strapi.db.query('api::collective.collective').findOne({
    where: { documentId, publishedAt: { $notNull: true } },
    select: ['visibility'],
  })) as { visibility: string } | null;
  if (!row) throw new NotFound('Ce collectif n’existe pas.', 'No such collective.');
  return row;
}

async function assertReader(strapi: Core.Strapi, p: Participant, collective: string): Promise<void> {
  const { visibility } = await collectiveOf(strapi, collective);
  if (visibility === 'members' && !p.collectives.has(collective) && !moderatesEverything(p)) throw new NotAMember();
}

async function assertWriter(strapi: Core.Strapi, p: Participant, collective: string): Promise<void> {
  await collectiveOf(strapi, collective);
  if (!p.collectives.has(collective)) throw new NotAMember();
}

/** Whether this participant sees a hidden message: its author and its collective's moderators. */
const seesHidden = (p: Participant, row: MessageRow) => row.author_id === p.profileId || moderates(p, row.collective);

/** Messages with their author's name, the way every read starts. */
export function messages(strapi: Core.Strapi, kind: ItemKind, trx?: Knex.Transaction): Knex.QueryBuilder {
  const knex = knexOf(strapi);
  const profiles = strapi.db.metadata.get('api::member-profile.member-profile').tableName;
  const query = knex(`${tableOfItem(kind)} as m`)
    .leftJoin(`${profiles} as a`, 'a.id', 'm.author_id')
    .select('m.*', 'a.display_name as author_name');
  return trx ? query.transacting(trx) : query;
}

export function shape(kind: ItemKind, row: MessageRow, p: Participant | null) {
  return {
    kind,
    id: row.id,
    collective: row.collective,
    ...(kind === 'thread'
      ? {
          title: row.title,
          replyCount: row.reply_count,
          lastActivityAt: asDate(row.last_activity_at),
          about: row.about ? subjectOf(row.about) : null,
        }
      : kind === 'reply'
        ? { thread: row.thread_id }
        : {
            title: row.title,
            type: row.type,
            category: row.category,
            place: row.place,
            expiresAt: asDate(row.expires_at),
          }),
    author: { id: row.author_id, displayName: row.author_name ?? null },
    // The Markdown source goes to its author only, who may edit it.
    ...(p && row.author_id === p.profileId ? { body: row.body } : {}),
    html: row.body_html,
    hidden: asBoolean(row.hidden),
    createdAt: asDate(row.created_at),
    editedAt: asDate(row.edited_at),
  };
}

export async function listThreads(
  strapi: Core.Strapi,
  p: Participant,
  collective: string,
  query: Record<string, unknown>,
) {
  sweepSoon(strapi);
  await assertReader(strapi, p, collective);
  const { limit, offset } = pageOf(query);
  const about = subjectOf(query.about);
  const rows = (await messages(strapi, 'thread')
    .where('m.collective', collective)
    .modify((q) => {
      if (about) q.andWhere('m.about', `${about.kind}:${about.documentId}`);
      if (!moderates(p, collective)) q.andWhere((w) => w.where('m.hidden', false).orWhere('m.author_id', p.profileId));
    })
    .orderBy('m.last_activity_at', 'desc')
    .limit(limit)
    .offset(offset)) as MessageRow[];
  return rows.map((row) => shape('thread', row, p));
}

export async function startThread(strapi: Core.Strapi, p: Participant, collective: string, body: unknown) {
  await assertWriter(strapi, p, collective);
  const { about: rawAbout, ...rest } = (body ?? {}) as Record<string, unknown>;
  const input = await validate<{ title: string; body: string }>(threadSchema, rest);
  const about = subjectOf(rawAbout);
  if (about) await assertSubjectIn(strapi, about, collective);
  await assertMayPost(strapi, p, { kind: 'thread', ...input });
  const now = new Date();
  const [inserted] = await knexOf(strapi)(TABLE.thread)
    .insert({
      collective,
      about: about ? `${about.kind}:${about.documentId}` : null,
      author_id: p.profileId,
      title: input.title,
      body: input.body,
      body_html: renderMarkdown(input.body),
      hidden: false,
      reply_count: 0,
      created_at: now,
      last_activity_at: now,
    })
    .returning('id');
  return readThread(strapi, p, Number((inserted as { id: number }).id ?? inserted));
}

async function visibleMessage(strapi: Core.Strapi, p: Participant, kind: ItemKind, id: number | null) {
  const row = id === null ? undefined : ((await messages(strapi, kind).where('m.id', id).first()) as MessageRow);
  if (!row) throw new NoSuchItem();
  await assertReader(strapi, p, row.collective);
  if (asBoolean(row.hidden) && !seesHidden(p, row)) throw new NoSuchItem();
  return row;
}

/** A thread with its replies (those the participant may see), oldest first. */
export async function readThread(strapi: Core.Strapi, p: Participant, id: number | null) {
  const thread = await visibleMessage(strapi, p, 'thread', id);
  const replies = (await messages(strapi, 'reply')
    .where('m.thread_id', thread.id)
    .modify((q) => {
      if (!moderates(p, thread.collective))
        q.andWhere((w) => w.where('m.hidden', false).orWhere('m.author_id', p.profileId));
    })
    .orderBy('m.created_at', 'asc')
    .orderBy('m.id', 'asc')
    .limit(500)) as MessageRow[];
  return { ...shape('thread', thread, p), replies: replies.map((r) => shape('reply', r, p)) };
}

export async function reply(strapi: Core.Strapi, p: Participant, threadId: number | null, body: unknown) {
  const thread = await visibleMessage(strapi, p, 'thread', threadId);
  await assertWriter(strapi, p, thread.collective);
  const input = await validate<{ body: string }>(replySchema, body);
  await assertMayPost(strapi, p, { kind: 'reply', ...input });
  const now = new Date();
  const id = await strapi.db.transaction(async ({ trx }) => {
    const [inserted] = await knexOf(strapi)(TABLE.reply)
      .transacting(trx)
      .insert({
        thread_id: thread.id,
        collective: thread.collective,
        author_id: p.profileId,
        body: input.body,
        body_html: renderMarkdown(input.body),
        hidden: false,
        created_at: now,
      })
      .returning('id');
    await knexOf(strapi)(TABLE.thread)
      .transacting(trx)
      .where({ id: thread.id })
      .update({ last_activity_at: now, reply_count: knexOf(strapi).raw('reply_count + 1') });
    return Number((inserted as { id: number }).id ?? inserted);
  });
  return shape('reply', (await messages(strapi, 'reply').where('m.id', id).first()) as MessageRow, p);
}

/**
 * The author rewrites their message within the edit window; the text it replaces is kept in the
 * revisions (moderators and appeals see what was first said). A hidden message stays as it is.
 */
export async function edit(strapi: Core.Strapi, p: Participant, kind: ItemKind, id: number | null, body: unknown) {
  const current = await visibleMessage(strapi, p, kind, id);
  if (current.author_id !== p.profileId) throw new NotTheAuthor();
  const input = await validate<{ title?: string; body: string }>(kind === 'thread' ? threadSchema : replySchema, body);
  const { editWindowMinutes } = settingsOf(strapi);
  await strapi.db.transaction(async ({ trx }) => {
    const table = kind === 'thread' ? TABLE.thread : TABLE.reply;
    const row = (await lockedRow<MessageRow>(strapi, trx, table, current.id)) as MessageRow;
    const postedAt = new Date(asDate(row.created_at) as string).getTime();
    if (Date.now() - postedAt > editWindowMinutes * 60_000) throw new EditWindowClosed(editWindowMinutes);
    if (asBoolean(row.hidden)) throw new NoSuchItem();
    const now = new Date();
    await knexOf(strapi)(TABLE.revision)
      .transacting(trx)
      .insert({ item_kind: kind, item_id: row.id, body: row.body, title: row.title ?? null, replaced_at: now });
    await knexOf(strapi)(table)
      .transacting(trx)
      .where({ id: row.id })
      .update({
        ...(kind === 'thread' ? { title: input.title } : {}),
        body: input.body,
        body_html: renderMarkdown(input.body),
        edited_at: now,
      });
  });
  return shape(kind, (await messages(strapi, kind).where('m.id', current.id).first()) as MessageRow, p);
}

/** Earlier versions of a message, newest first (for its author and its moderators). */
export async function revisionsOf(strapi: Core.Strapi, kind: ItemKind, id: number) {
  const rows = (await knexOf(strapi)(TABLE.revision)
    .where({ item_kind: kind, item_id: id })
    .orderBy('id', 'desc')) as Array<{ body: string; title: string | null; replaced_at: unknown }>;
  return rows.map((r) => ({
    title: r.title,
    body: r.body,
    html: renderMarkdown(r.body),
    replacedAt: asDate(r.replaced_at),
  }));
}
