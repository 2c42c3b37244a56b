/**
 * What the admin pages' suites share: an admin JWT from the real login route, a thread reported
 * by three members (hidden at the threshold, so a case pending review), and a finished
 * newsletter mailing with one mail sent and two failed.
 */
import type { Core } from '@strapi/strapi';
import { DEMO_PASSWORD } from '../../database/seed/demo-accounts';
import { INVALID_AFTER, recordPermanentFailure } from '../../cms/src/mailing/bounces';
import { tables } from '../../cms/src/mailing/store';
import { collectiveId, createMember, createMembers } from './members';
import { join } from './moderation';
import { http } from './strapi';

export async function adminHeaders(strapi: Core.Strapi, email: string): Promise<Record<string, string>> {
  const res = await http(strapi).post('/admin/login').send({ email, password: DEMO_PASSWORD });
  if (res.status !== 200) throw new Error(`admin login of ${email} failed: ${res.status}`);
  return { Authorization: `Bearer ${res.body.data.token}` };
}

export const REPORTED = { title: 'Vente de panneaux', body: 'Achetez mes panneaux, prix imbattables !' };

/** A thread in Lyon reported under article 5 once and article 3 twice; its author's headers. */
export async function reportedThread(strapi: Core.Strapi) {
  const lyon = await collectiveId(strapi, 'lyon');
  const writer = await createMember(strapi, { displayName: 'Autrice Admin' }, 'adm');
  const reporters = await createMembers(strapi, 'signaleur-admin', 3);
  for (const m of [writer, ...reporters]) await join(strapi, m, lyon);
  const thread = await http(strapi)
    .post(`/api/moderation/collectives/${lyon}/threads`)
    .set(writer.headers)
    .send(REPORTED);
  if (thread.status !== 201) throw new Error(`thread: ${thread.status}`);
  const threadId = thread.body.data.id as number;
  for (const [i, r] of reporters.entries()) {
    const res = await http(strapi)
      .post('/api/moderation/reports')
      .set(r.headers)
      .send({ kind: 'thread', id: threadId, article: i === 0 ? '5' : '3', comment: 'Publicité' });
    if (res.status !== 201) throw new Error(`report: ${res.status}`);
  }
  const row = await strapi.db.connection('mod_cases').where({ item_kind: 'thread', item_id: threadId }).first();
  return { threadId, caseId: row.id as number, author: writer.headers };
}

/** A finished newsletter mailing of three recipients: one sent, two failed with their errors. */
export async function failedMailing(strapi: Core.Strapi, item: string): Promise<string> {
  const t = tables(strapi);
  const key = `newsletter:${item}`;
  const now = new Date();
  const strapiColumns = (documentId: string) => ({
    document_id: documentId,
    created_at: now,
    updated_at: now,
    published_at: now,
  });
  await t.db(t.mailings).insert({
    ...strapiColumns(key),
    [t.m.key]: key,
    [t.m.kind]: 'newsletter',
    [t.m.item]: item,
    [t.m.state]: 'finished',
    [t.m.recipients]: 3,
    [t.m.sent]: 1,
    [t.m.failed]: 2,
    [t.m.skipped]: 0,
    [t.m.ratePerSecond]: 10,
    [t.m.finishedAt]: now,
  });
  const mail = (n: number, state: string, attempts: number, lastError: string | null) => ({
    ...strapiColumns(`${key}:${n}`),
    [t.o.key]: `${key}:${n}`,
    [t.o.mailingKey]: key,
    [t.o.address]: `${'abc'[n - 1]}@example.org`,
    [t.o.domain]: 'example.org',
    [t.o.language]: 'fr',
    [t.o.state]: state,
    [t.o.attempts]: attempts,
    [t.o.lastError]: lastError,
    [t.o.nextAttemptAt]: now,
  });
  await t
    .db(t.outbox)
    .insert([
      mail(1, 'sent', 1, null),
      mail(2, 'failed', 1, '550 5.1.1 mailbox unavailable'),
      mail(3, 'failed', 5, '421 try again later'),
    ]);
  return key;
}

export async function removeMailing(strapi: Core.Strapi, key: string): Promise<void> {
  const t = tables(strapi);
  await t.db(t.outbox).where(t.o.mailingKey, key).delete();
  await t.db(t.mailings).where(t.m.key, key).delete();
}

/** An address refused for good three times (cms/src/mailing/bounces.ts), so invalid; its row's documentId. */
export async function bouncedAddress(strapi: Core.Strapi, email: string): Promise<string> {
  for (let i = 0; i < INVALID_AFTER; i += 1)
    await recordPermanentFailure(strapi, email, '550 5.1.1 mailbox unavailable');
  const row = await strapi.db.connection('mail_bounces').where('address', email.toLowerCase()).first('document_id');
  return row.document_id as string;
}

export async function removeBounces(strapi: Core.Strapi, emails: string[]): Promise<void> {
  await strapi.db
    .connection('mail_bounces')
    .whereIn(
      'address',
      emails.map((e) => e.toLowerCase()),
    )
    .delete();
}
