/**
 * Abuse limits on new messages (issue 7): new members post at most K messages an hour, and nobody
 * posts the same message twice within the window (a spammer's copy-paste, or a double click).
 * Edits are not new messages and are not limited. Two posts at the same instant may both pass the
 * hourly count: it is a brake on floods, not an exact quota.
 */
import type { Core } from '@strapi/strapi';
import { DuplicatePost, PostingTooFast } from '../errors';
import { settingsOf } from '../settings';
import { knexOf, TABLE, tableOfItem, type ItemKind } from '../store';
import type { Participant } from '../viewer';
import { assertNotSuspended } from './sanctions';

/** Short courtesies (« Merci ! », « +1 ») are said again and again: they are not spam. */
const DUPLICATE_MIN_LENGTH = 20;

/** The text as a reader sees it: runs of spaces and how accents are encoded do not make it new. */
const normalised = (text: string) => text.normalize('NFC').replace(/\s+/g, ' ').trim();

const textOf = (message: { title?: string | null; body: string }) =>
  normalised(message.title ? `${message.title}\n${message.body}` : message.body);

export interface NewMessage {
  kind: ItemKind;
  title?: string;
  body: string;
}

export async function assertMayPost(strapi: Core.Strapi, p: Participant, message: NewMessage): Promise<void> {
  await assertNotSuspended(strapi, p.profileId);
  const { newMemberDays, newMemberPostsPerHour, duplicateWindowHours } = settingsOf(strapi);
  const knex = knexOf(strapi);
  const now = Date.now();
  const profile = (await strapi.db
    .query('api::member-profile.member-profile')
    .findOne({ where: { id: p.profileId }, select: ['memberSince'] })) as { memberSince: string | null } | null;
  const joined = profile?.memberSince ? new Date(profile.memberSince).getTime() : now;
  if (now - joined < newMemberDays * 86_400_000) {
    const since = new Date(now - 3_600_000);
    const count = async (table: string) =>
      Number(
        (
          (
            await knex(table).where('author_id', p.profileId).andWhere('created_at', '>=', since).count({ n: '*' })
          )[0] as {
            n: number | string;
          }
        ).n,
      );
    if (
      (await count(TABLE.thread)) + (await count(TABLE.reply)) + (await count(TABLE.exchange)) >=
      newMemberPostsPerHour
    )
      throw new PostingTooFast(newMemberPostsPerHour, newMemberDays);
  }
  const text = textOf(message);
  if (text.length < DUPLICATE_MIN_LENGTH) return;
  const recent = (await knex(tableOfItem(message.kind))
    .where('author_id', p.profileId)
    .andWhere('created_at', '>=', new Date(now - duplicateWindowHours * 3_600_000))
    .select(message.kind === 'reply' ? ['body'] : ['title', 'body'])) as Array<{ title?: string; body: string }>;
  if (recent.some((row) => textOf(row) === text)) throw new DuplicatePost(duplicateWindowHours);
}
