/**
 * What a brief's leads (and the board) do with its mailing: see its progress, pause it, change its
 * rate and resume it. Pausing stops new claims at once; the batch already claimed finishes.
 */
import type { Core } from '@strapi/strapi';
import { Conflict, NotAllowed, NotFound } from '@notre-asso/plugin-kit';
import type { Viewer } from '../access/viewer';
import { UID } from '../space/tables';
import { mailingKeyOf } from './queue';
import { tables, type MailingState, type Tables } from './store';
import { refreshMailing } from './worker';

export interface MailingProgress {
  brief: string;
  state: MailingState;
  recipients: number;
  queued: number;
  sent: number;
  failed: number;
  skipped: number;
  ratePerSecond: number;
}

async function authorise(strapi: Core.Strapi, viewer: Viewer, briefDocumentId: string): Promise<void> {
  const brief = (await strapi.db.query(UID.brief).findOne({
    where: { documentId: briefDocumentId },
    select: ['id'],
    populate: { collective: { select: ['documentId'] } },
  })) as { collective: { documentId: string } | null } | null;
  if (!brief) throw new NotFound('Cette nouvelle n’existe pas.', 'No such brief.');
  if (viewer.role === 'board') return;
  if (!brief.collective || !viewer.led.includes(brief.collective.documentId))
    throw new NotAllowed(
      'Seuls les animateurs du collectif suivent et règlent l’envoi de ses nouvelles.',
      'Only the collective’s leads follow and control the sending of its briefs.',
    );
}

export async function progressOf(
  strapi: Core.Strapi,
  viewer: Viewer,
  briefDocumentId: string,
): Promise<MailingProgress> {
  await authorise(strapi, viewer, briefDocumentId);
  const t = tables(strapi);
  const key = mailingKeyOf('brief', briefDocumentId);
  await refreshMailing(t, key);
  const row = await t.db(t.mailings).where(t.m.key, key).first();
  if (!row)
    throw new NotFound('Cette nouvelle n’a pas été envoyée par courriel.', 'This brief was not sent by e-mail.');
  return { brief: briefDocumentId, ...countsOf(t, row) };
}

/** A mailing row's counts as people read them: what is still queued is what is not accounted for. */
export function countsOf(t: Tables, row: Record<string, unknown>): Omit<MailingProgress, 'brief'> {
  const counted = (k: keyof Tables['m']) => Number(row[t.m[k]]);
  const recipients = counted('recipients');
  const [sent, failed, skipped] = [counted('sent'), counted('failed'), counted('skipped')];
  return {
    state: row[t.m.state] as MailingState,
    recipients,
    queued: recipients - sent - failed - skipped,
    sent,
    failed,
    skipped,
    ratePerSecond: counted('ratePerSecond'),
  };
}

export async function pause(strapi: Core.Strapi, viewer: Viewer, briefDocumentId: string): Promise<MailingProgress> {
  return setState(strapi, viewer, briefDocumentId, 'paused');
}

export async function resume(
  strapi: Core.Strapi,
  viewer: Viewer,
  briefDocumentId: string,
  ratePerSecond?: number,
): Promise<MailingProgress> {
  return setState(strapi, viewer, briefDocumentId, 'running', ratePerSecond);
}

async function setState(
  strapi: Core.Strapi,
  viewer: Viewer,
  briefDocumentId: string,
  state: 'running' | 'paused',
  ratePerSecond?: number,
): Promise<MailingProgress> {
  await authorise(strapi, viewer, briefDocumentId);
  const t = tables(strapi);
  const key = mailingKeyOf('brief', briefDocumentId);
  const changes: Record<string, unknown> = { [t.m.state]: state, updated_at: new Date() };
  if (ratePerSecond !== undefined) changes[t.m.ratePerSecond] = ratePerSecond;
  const changed = await t.db(t.mailings).where(t.m.key, key).whereNot(t.m.state, 'finished').update(changes);
  if (changed === 0) {
    const exists = await t.db(t.mailings).where(t.m.key, key).first('id');
    if (!exists)
      throw new NotFound('Cette nouvelle n’a pas été envoyée par courriel.', 'This brief was not sent by e-mail.');
    throw new Conflict('Cet envoi est terminé.', 'This mailing is finished.');
  }
  return progressOf(strapi, viewer, briefDocumentId);
}
