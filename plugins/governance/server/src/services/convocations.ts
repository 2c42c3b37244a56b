/**
 * Convocations: the board convenes every member on an assembly's voter list (frozen, or the
 * provisional one before the record date), by e-mail through the CMS's durable outbox when they
 * have an address, else on paper (a printable PDF page each). Each member is convened once per
 * assembly and convocation (the record's primary key, and the outbox key per member); sending
 * again convenes only those not convened yet, newly admitted before the record date for instance.
 * Too late is refused: the statutes' notice (convocationNoticeDays) must run before the assembly.
 */
import type { Core } from '@strapi/strapi';
import type { Locale } from '@notre-asso/config';
import { NotFound, queueOutbox, type PluginMailComposer, type RenderedMail } from '@notre-asso/plugin-kit';
import { ConvocationTooLate, NotAVoter } from '../errors';
import { configOf } from '../rules';
import { lockRows, TABLE, UID } from '../store';
import { assertBoard, type Voter } from '../voter';
import { convocationText, localeIn, type ConvocationContent } from '../convocation/wording';
import { pdfOf, type PdfPage } from '../convocation/pdf';
import { findAssembly, isOnList, withFrozenList, type AssemblyRow } from './voter-list';

const day = 24 * 3600_000;

export interface Convened {
  id: number;
  documentId: string;
  displayName: string;
  membershipNumber: string | null;
  postcode: string | null;
  city: string | null;
  email: string | null;
}

/** The latest moment the convocation may leave for the notice to run before the assembly. */
export function convocationDeadline(assembly: Pick<AssemblyRow, 'date' | 'convocation'>, noticeDays: number): Date {
  return new Date(new Date(assembly.date).getTime() - noticeDays * day);
}

function noticeDaysOf(strapi: Core.Strapi, assembly: AssemblyRow): number {
  const notice = configOf(strapi).convocationNoticeDays ?? { first: 15, second: 10 };
  return notice[assembly.convocation];
}

/** Members on the list with what a convocation needs: a usable e-mail address, else a postal block. */
async function convenedMembers(strapi: Core.Strapi, assembly: AssemblyRow, only?: number[]): Promise<Convened[]> {
  const knex = strapi.db.connection;
  const meta = strapi.db.metadata.get(UID.profile);
  const link = (meta.attributes as Record<string, { joinTable?: Record<string, { name: string } | string> }>).user
    .joinTable as unknown as { name: string; joinColumn: { name: string }; inverseJoinColumn: { name: string } };
  const users = strapi.db.metadata.get('plugin::users-permissions.user').tableName;
  const query = knex(`${meta.tableName} as p`)
    .leftJoin(`${link.name} as l`, `l.${link.joinColumn.name}`, 'p.id')
    .leftJoin(`${users} as u`, (j) =>
      j.on('u.id', `l.${link.inverseJoinColumn.name}`).andOn((b) => b.onVal('u.blocked', false).orOnNull('u.blocked')),
    )
    .whereNull('p.erased_at')
    .orderBy('p.id')
    .select(
      'p.id as id',
      'p.document_id as documentId',
      'p.display_name as displayName',
      'p.membership_number as membershipNumber',
      'p.postcode as postcode',
      'p.city as city',
      'u.email as email',
    );
  if (assembly.voterListFrozenAt)
    query.whereIn('p.id', knex(TABLE.voter).where({ assembly: assembly.documentId }).select('profile_id'));
  else query.where('p.member_since', '<=', String(assembly.recordDate).slice(0, 10));
  if (only) query.whereIn('p.id', only);
  const rows = (await query) as Convened[];
  return rows.map((r) => ({ ...r, id: Number(r.id), email: r.email || null }));
}

export async function convocationContent(strapi: Core.Strapi, assembly: AssemblyRow): Promise<ConvocationContent> {
  const resolutions = (await strapi.db.query(UID.resolution).findMany({
    where: { assembly: { documentId: assembly.documentId } },
    select: ['position', 'title', 'text', 'kind'],
    orderBy: [{ position: 'asc' }],
  })) as ConvocationContent['resolutions'];
  const ids = (assembly.documents ?? []) as string[];
  const rows = ids.length
    ? ((await strapi.db
        .query('api::document.document')
        .findMany({ where: { documentId: { $in: ids } }, select: ['documentId', 'title', 'locale'] })) as Array<{
        documentId: string;
        title: string;
        locale: Locale;
      }>)
    : [];
  const documents = ids.map((documentId) => ({
    documentId,
    titles: Object.fromEntries(rows.filter((r) => r.documentId === documentId).map((r) => [r.locale, r.title])),
  }));
  const { documentId, title, kind, convocation, date, place, link, votingOpensAt, votingClosesAt } = assembly;
  return {
    assembly: { documentId, title, kind, convocation, date, place, link, votingOpensAt, votingClosesAt },
    resolutions,
    documents,
  };
}

export async function sendConvocation(strapi: Core.Strapi, voter: Voter, assemblyId: string) {
  assertBoard(voter);
  const assembly = await withFrozenList(strapi, await findAssembly(strapi, assemblyId));
  const members = await convenedMembers(strapi, assembly);
  const now = new Date();
  const noticeDays = noticeDaysOf(strapi, assembly);
  const deadline = convocationDeadline(assembly, noticeDays);
  const fresh = await strapi.db.transaction(async ({ trx }) => {
    await lockRows(strapi, trx, strapi.db.metadata.get(UID.assembly).tableName, { document_id: assemblyId });
    const knex = strapi.db.connection;
    const done = new Set(
      (
        (await knex(TABLE.convocation)
          .transacting(trx)
          .where({ assembly: assemblyId, convocation: assembly.convocation })
          .select('profile_id')) as Array<{ profile_id: number }>
      ).map((r) => Number(r.profile_id)),
    );
    const todo = members.filter((m) => !done.has(m.id));
    if (todo.length === 0) return todo;
    if (now.getTime() > deadline.getTime()) throw new ConvocationTooLate(noticeDays, deadline, new Date(assembly.date));
    const rows = todo.map((m) => ({
      assembly: assemblyId,
      convocation: assembly.convocation,
      profile_id: m.id,
      channel: m.email ? 'email' : 'paper',
      sent_at: now,
      sent_by: voter.profileId,
    }));
    for (let i = 0; i < rows.length; i += 500)
      await knex(TABLE.convocation)
        .transacting(trx)
        .insert(rows.slice(i, i + 500));
    const byMail = todo.filter((m) => m.email);
    // One mailing per sending; each member's outbox key is unique for the assembly and convocation.
    const item = `${assemblyId}:${assembly.convocation}:${now.getTime().toString(36)}`;
    if (byMail.length)
      await queueOutbox(
        strapi,
        'convocation',
        item,
        byMail.map((m) => ({
          key: `convocation:${assemblyId}:${assembly.convocation}:${m.id}`,
          email: m.email!,
          profileId: m.id,
        })),
      );
    return todo;
  });
  return {
    convocation: assembly.convocation,
    convened: fresh.length,
    byEmail: fresh.filter((m) => m.email).length,
    byPost: fresh.filter((m) => !m.email).length,
    alreadyConvened: members.length - fresh.length,
    deadline: deadline.toISOString(),
  };
}

/** Who was convened, when, how and by whom: the record the board shows when the AG is challenged. */
export async function convocationRecord(strapi: Core.Strapi, voter: Voter, assemblyId: string) {
  assertBoard(voter);
  const assembly = await findAssembly(strapi, assemblyId);
  const rows = (await strapi.db
    .connection(TABLE.convocation)
    .where({ assembly: assemblyId })
    .orderBy([{ column: 'sent_at' }, { column: 'profile_id' }])
    .select('convocation', 'profile_id', 'channel', 'sent_at', 'sent_by')) as Array<{
    convocation: string;
    profile_id: number;
    channel: string;
    sent_at: string | Date;
    sent_by: number;
  }>;
  const ids = [...new Set(rows.flatMap((r) => [Number(r.profile_id), Number(r.sent_by)]))];
  const people = ids.length
    ? ((await strapi.db.query(UID.profile).findMany({
        where: { id: { $in: ids } },
        select: ['id', 'documentId', 'displayName', 'membershipNumber'],
      })) as Array<{ id: number; documentId: string; displayName: string; membershipNumber: string | null }>)
    : [];
  const person = new Map(people.map(({ id, ...p }) => [id, p]));
  return {
    deadline: convocationDeadline(assembly, noticeDaysOf(strapi, assembly)).toISOString(),
    convened: rows.map((r) => ({
      convocation: r.convocation,
      member: person.get(Number(r.profile_id)) ?? null,
      channel: r.channel,
      sentAt: new Date(r.sent_at).toISOString(),
      sentBy: person.get(Number(r.sent_by))?.displayName ?? null,
    })),
  };
}

const colon = (locale: Locale) => (locale === 'fr' ? ' :' : ':');

function pageOf(content: ConvocationContent, locale: Locale, member: Convened): PdfPage {
  const text = convocationText(content, locale);
  return {
    addressee: [
      member.displayName,
      ...(member.membershipNumber ? [member.membershipNumber] : []),
      [member.postcode, member.city].filter(Boolean).join(' '),
    ].filter(Boolean),
    title: text.subject,
    sections: [
      { paragraphs: text.paragraphs },
      { heading: text.agendaTitle, paragraphs: text.agenda.flatMap((r) => [r.heading, r.text]) },
      ...(text.documents.length
        ? [
            {
              heading: text.documentsTitle,
              paragraphs: text.documents.map((d) => `${d.label}${colon(locale)} ${d.url}`),
            },
          ]
        : []),
      { paragraphs: [`${text.page.label}${colon(locale)} ${text.page.url}`] },
    ],
  };
}

/**
 * The board's printable convocations: a page per member convened on paper (`which=paper`, the
 * default), per member on the list (`all`), or one member's (`member=<documentId>`).
 */
export async function convocationPdf(
  strapi: Core.Strapi,
  voter: Voter,
  assemblyId: string,
  query: Record<string, unknown>,
) {
  assertBoard(voter);
  const assembly = await withFrozenList(strapi, await findAssembly(strapi, assemblyId));
  let members = await convenedMembers(strapi, assembly);
  if (typeof query.member === 'string') {
    members = members.filter((m) => m.documentId === query.member);
    if (!members.length) throw new NotFound('Ce membre n’est pas sur la liste des votants.', 'No such voter.');
  } else if (query.which !== 'all') members = members.filter((m) => !m.email);
  const content = await convocationContent(strapi, assembly);
  const locale = localeIn(query.locale);
  return pdfOf(
    convocationText(content, locale).subject,
    members.map((m) => pageOf(content, locale, m)),
  );
}

/** A member's own convocation, from their assembly page. */
export async function myConvocationPdf(strapi: Core.Strapi, voter: Voter, assemblyId: string, locale: unknown) {
  const assembly = await withFrozenList(strapi, await findAssembly(strapi, assemblyId));
  if (!(await isOnList(strapi, assembly, voter.profileId, voter.memberSince))) throw new NotAVoter();
  const [me] = await convenedMembers(strapi, assembly, [voter.profileId]);
  if (!me) throw new NotAVoter();
  const content = await convocationContent(strapi, assembly);
  const language = localeIn(locale);
  return pdfOf(convocationText(content, language).subject, [pageOf(content, language, me)]);
}

/** The outbox worker's composer for convocation mails (plugins/kit/src/mail.ts). */
export const convocationMail = ({ strapi }: { strapi: Core.Strapi }): PluginMailComposer<ConvocationContent> => ({
  async load(item) {
    const assembly = (await strapi.db
      .query(UID.assembly)
      .findOne({ where: { documentId: item.split(':')[0] } })) as AssemblyRow | null;
    return assembly ? convocationContent(strapi, assembly) : null;
  },
  compose(content, locale): RenderedMail {
    const text = convocationText(content, locale);
    const agenda = text.agenda.map((r) => `### ${r.heading}\n\n${r.text}`).join('\n\n');
    return {
      subject: text.subject,
      paragraphs: text.paragraphs,
      markdown: `## ${text.agendaTitle}\n\n${agenda}`,
      action: text.page,
      links: text.documents.map((d) => ({ label: `${text.documentsTitle} — ${d.label}${colon(locale)}`, url: d.url })),
    };
  },
});
