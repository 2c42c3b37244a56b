/**
 * The leads' brief desk in the members' space: a collective's leads (and the board) write its
 * briefs as drafts, preview them, and publish them now or at a set time. Publication goes through
 * the Document Service, so the site rebuild and the e-mail queuing (cms/src/mailing) happen exactly
 * as when an editor publishes in the admin panel.
 */
import type { Core } from '@strapi/strapi';
import { yup } from '@strapi/utils';
import { locales, defaultLocale, type Locale } from '@notre-asso/config';
import { Conflict, NotAllowed, NotFound, renderMarkdown, validate } from '@notre-asso/plugin-kit';
import type { Viewer } from '../access/viewer';
import { publishDue } from './schedule';

const BRIEF = 'api::brief.brief';
const COLLECTIVE = 'api::collective.collective';

export type BriefState = 'draft' | 'scheduled' | 'published';

export interface DeskBrief {
  documentId: string;
  locale: string;
  title: string;
  body: string;
  state: BriefState;
  publicationDate: string | null;
  scheduledAt: string | null;
  updatedAt: string;
}

export interface BriefText {
  title: string;
  body: string;
  locale: Locale;
}

const textSchema = yup.object({
  title: yup
    .string()
    .trim()
    .required('title est obligatoire / title is required')
    .max(200, 'title: 200 caractères au plus / at most 200 characters'),
  body: yup
    .string()
    .trim()
    .required('body est obligatoire / body is required')
    .max(20000, 'body: 20 000 caractères au plus / at most 20,000 characters'),
  locale: yup
    .string()
    .oneOf([...locales], `locale: ${locales.join(' | ')}`)
    .default(defaultLocale),
});

const editSchema = textSchema.shape({ locale: yup.string().strip() });

const previewSchema = yup.object({
  body: yup
    .string()
    .required('body est obligatoire / body is required')
    .max(20000, 'body: 20 000 caractères au plus / at most 20,000 characters'),
});

const publishSchema = yup.object({
  at: yup.date().typeError('at doit être une date ISO 8601 / at must be an ISO 8601 date-time'),
});

interface BriefRow {
  documentId: string;
  locale: string;
  title: string;
  body: string;
  publishedAt: string | null;
  publicationDate: string | null;
  scheduledAt: string | null;
  updatedAt: string;
  collective?: { documentId: string } | null;
}

/** The collective, when the viewer leads it or is on the board; 404 when it does not exist. */
async function ledCollective(strapi: Core.Strapi, viewer: Viewer, documentId: string) {
  const found = await strapi.db.query(COLLECTIVE).findOne({ where: { documentId }, select: ['id'] });
  if (!found) throw new NotFound('Ce collectif n’existe pas.', 'No such collective.');
  if (viewer.role !== 'board' && !viewer.led.includes(documentId))
    throw new NotAllowed(
      'Seuls les animateurs du collectif et le conseil écrivent ses brèves.',
      'Only the collective’s leads and the board write its briefs.',
    );
}

async function rowsOf(strapi: Core.Strapi, where: Record<string, unknown>): Promise<BriefRow[]> {
  return (await strapi.db.query(BRIEF).findMany({
    where,
    select: ['documentId', 'locale', 'title', 'body', 'publishedAt', 'publicationDate', 'scheduledAt', 'updatedAt'],
    populate: { collective: { select: ['documentId'] } },
    orderBy: [{ updatedAt: 'desc' }, { id: 'desc' }],
  })) as BriefRow[];
}

const publishedKey = (r: { documentId: string; locale: string }) => `${r.documentId}:${r.locale}`;

/** Each brief's draft row with its state: published when a published row of the same locale exists. */
async function deskBriefs(strapi: Core.Strapi, where: Record<string, unknown>): Promise<DeskBrief[]> {
  const rows = await rowsOf(strapi, where);
  const published = new Set(rows.filter((r) => r.publishedAt).map(publishedKey));
  return rows
    .filter((r) => !r.publishedAt)
    .map((r) => ({
      documentId: r.documentId,
      locale: r.locale,
      title: r.title,
      body: r.body,
      state: published.has(publishedKey(r)) ? 'published' : r.scheduledAt ? 'scheduled' : 'draft',
      publicationDate: r.publicationDate,
      scheduledAt: r.scheduledAt,
      updatedAt: r.updatedAt,
    }));
}

/** One brief of this collective, in its draft row; 404 when it belongs to another. */
async function briefOf(strapi: Core.Strapi, collective: string, documentId: string): Promise<DeskBrief> {
  const [brief] = await deskBriefs(strapi, { documentId, collective: { documentId: collective } });
  if (!brief) throw new NotFound('Cette brève n’existe pas dans ce collectif.', 'No such brief in this collective.');
  return brief;
}

function mustBeUnpublished(brief: DeskBrief) {
  if (brief.state === 'published')
    throw new Conflict(
      'Cette brève est déjà publiée : elle ne se modifie plus ici.',
      'This brief is already published: it can no longer be changed here.',
    );
}

export async function listBriefs(strapi: Core.Strapi, viewer: Viewer, collective: string) {
  await ledCollective(strapi, viewer, collective);
  await publishDue(strapi);
  return deskBriefs(strapi, { collective: { documentId: collective } });
}

export async function createBrief(
  strapi: Core.Strapi,
  viewer: Viewer,
  author: string | null,
  collective: string,
  body: unknown,
) {
  await ledCollective(strapi, viewer, collective);
  const text = await validate<BriefText>(textSchema, body);
  const created = await strapi.documents(BRIEF).create({
    data: {
      title: text.title,
      body: text.body,
      collective,
      author,
      publicationDate: new Date().toISOString(),
    } as never,
    locale: text.locale,
  });
  return briefOf(strapi, collective, created.documentId);
}

export async function editBrief(
  strapi: Core.Strapi,
  viewer: Viewer,
  collective: string,
  documentId: string,
  body: unknown,
) {
  await ledCollective(strapi, viewer, collective);
  const brief = await briefOf(strapi, collective, documentId);
  mustBeUnpublished(brief);
  const text = await validate<Omit<BriefText, 'locale'>>(editSchema, body);
  await strapi.documents(BRIEF).update({
    documentId,
    locale: brief.locale,
    data: { title: text.title, body: text.body } as never,
  });
  return briefOf(strapi, collective, documentId);
}

/** The body as the site will show it (the kit's safe Markdown renderer). */
export async function previewBrief(strapi: Core.Strapi, viewer: Viewer, collective: string, body: unknown) {
  await ledCollective(strapi, viewer, collective);
  const text = await validate<{ body: string }>(previewSchema, body);
  return { html: renderMarkdown(text.body) };
}

/**
 * Now (no `at`, or `at` already past) publishes at once; a later `at` stores it as scheduled,
 * published by the due-time check (schedule.ts) once it is due.
 */
export async function publishBrief(
  strapi: Core.Strapi,
  viewer: Viewer,
  collective: string,
  documentId: string,
  body: unknown,
  now = new Date(),
) {
  await ledCollective(strapi, viewer, collective);
  const brief = await briefOf(strapi, collective, documentId);
  mustBeUnpublished(brief);
  const { at } = await validate<{ at?: Date }>(publishSchema, body);
  const when = at && at > now ? at : now;
  await strapi.documents(BRIEF).update({
    documentId,
    locale: brief.locale,
    data: { publicationDate: when.toISOString(), scheduledAt: when.toISOString() } as never,
  });
  await publishDue(strapi, now);
  return briefOf(strapi, collective, documentId);
}
