/**
 * The leads' brief desk in the members' space: a collective's leads (and the board) write its
 * briefs as drafts, preview them, and publish them now or at a set time. Publication goes through
 * the Document Service, so the site rebuild and the e-mail queuing (cms/src/mailing) happen exactly
 * as when an editor publishes in the admin panel.
 */
import { open } from 'node:fs/promises';
import type { Core } from '@strapi/strapi';
import { yup } from '@strapi/utils';
import { locales, defaultLocale, type Locale } from '@notre-asso/config';
import { Conflict, InvalidRequest, NotAllowed, NotFound, renderMarkdown, validate } from '@notre-asso/plugin-kit';
import type { Viewer } from '../access/viewer';
import { absoluteFileUrl } from '../mailing/settings';
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
  image: BriefImage | null;
  links: BriefLink[];
}

export interface BriefLink {
  label: string;
  url: string;
}

export interface BriefImage {
  /** Absolute: the same address in the page, the preview and the e-mail. */
  url: string;
  alternativeText: string;
}

export interface BriefText {
  title: string;
  body: string;
  locale: Locale;
  links?: BriefLink[];
}

const linkSchema = yup
  .object({
    label: yup
      .string()
      .trim()
      .required('links: chaque lien a un libellé / every link needs a label')
      .max(120, 'links: libellé de 120 caractères au plus / label of at most 120 characters'),
    url: yup
      .string()
      .trim()
      .required('links: chaque lien a une adresse / every link needs an address')
      .max(2000, 'links: adresse de 2 000 caractères au plus / address of at most 2,000 characters')
      .test('http', 'links: adresse http(s) complète attendue / a full http(s) address is expected', isWebAddress),
  })
  .noUnknown();

/** An absolute http or https URL, as the component's regex and a URL parser both accept it. */
export function isWebAddress(value: unknown): boolean {
  if (typeof value !== 'string' || !/^https?:\/\/[^\s]+$/.test(value)) return false;
  try {
    return Boolean(new URL(value).hostname);
  } catch {
    return false;
  }
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
  links: yup
    .array(linkSchema)
    .typeError('links: une liste de { label, url } / a list of { label, url }')
    .max(10, 'links: 10 liens au plus / at most 10 links'),
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
  image?: { url: string; alternativeText: string | null } | null;
  links?: BriefLink[] | null;
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
    populate: {
      collective: { select: ['documentId'] },
      image: { select: ['url', 'alternativeText'] },
      links: { select: ['label', 'url'] },
    },
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
      image: r.image ? { url: absoluteFileUrl(r.image.url), alternativeText: r.image.alternativeText ?? '' } : null,
      links: (r.links ?? []).map((l) => ({ label: l.label, url: l.url })),
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
      links: text.links ?? [],
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
    data: { title: text.title, body: text.body, ...(text.links ? { links: text.links } : {}) } as never,
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

/** A file as the body parser (formidable) hands it over. */
export interface UploadedFile {
  filepath: string;
  originalFilename?: string | null;
  mimetype?: string | null;
  size: number;
}

const IMAGE_MAX_BYTES = 5 * 1024 * 1024;
const imageSignatures: Array<[string, (head: Buffer) => boolean]> = [
  ['image/png', (h) => h.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))],
  ['image/jpeg', (h) => h[0] === 0xff && h[1] === 0xd8 && h[2] === 0xff],
  ['image/gif', (h) => h.subarray(0, 4).toString('latin1') === 'GIF8'],
  [
    'image/webp',
    (h) => h.subarray(0, 4).toString('latin1') === 'RIFF' && h.subarray(8, 12).toString('latin1') === 'WEBP',
  ],
];

/** PNG, JPEG, GIF or WebP by their first bytes (what the browser declares is not trusted). */
async function imageTypeOf(file: UploadedFile): Promise<string | null> {
  const handle = await open(file.filepath, 'r');
  try {
    const head = Buffer.alloc(12);
    await handle.read(head, 0, 12, 0);
    return imageSignatures.find(([, matches]) => matches(head))?.[0] ?? null;
  } finally {
    await handle.close();
  }
}

const altSchema = yup.object({
  alt: yup
    .string()
    .trim()
    .required('alt: décrivez l’image pour qui ne la voit pas / describe the image for people who cannot see it')
    .max(300, 'alt: 300 caractères au plus / at most 300 characters'),
});

/**
 * The brief's image, replaced: uploaded to the media library with its text alternative (required,
 * as for every image the site shows), then linked to every language of the brief.
 */
export async function setBriefImage(
  strapi: Core.Strapi,
  viewer: Viewer,
  collective: string,
  documentId: string,
  file: UploadedFile | undefined,
  body: unknown,
) {
  await ledCollective(strapi, viewer, collective);
  const brief = await briefOf(strapi, collective, documentId);
  mustBeUnpublished(brief);
  const { alt } = await validate<{ alt: string }>(altSchema, body);
  if (!file || file.size === 0)
    throw new InvalidRequest('image : aucun fichier reçu.', 'image: no file was received.', { field: 'image' });
  if (file.size > IMAGE_MAX_BYTES)
    throw new InvalidRequest('image : 5 Mo au plus.', 'image: at most 5 MB.', { field: 'image' });
  const type = await imageTypeOf(file);
  if (!type)
    throw new InvalidRequest('image : PNG, JPEG, GIF ou WebP seulement.', 'image: PNG, JPEG, GIF or WebP only.', {
      field: 'image',
    });
  const [uploaded] = (await strapi
    .plugin('upload')
    .service('upload')
    .upload({
      data: { fileInfo: { alternativeText: alt, name: file.originalFilename || 'image' } },
      files: { ...file, mimetype: type },
    })) as Array<{ id: number }>;
  await strapi.documents(BRIEF).update({ documentId, locale: brief.locale, data: { image: uploaded!.id } as never });
  return briefOf(strapi, collective, documentId);
}

export async function removeBriefImage(strapi: Core.Strapi, viewer: Viewer, collective: string, documentId: string) {
  await ledCollective(strapi, viewer, collective);
  const brief = await briefOf(strapi, collective, documentId);
  mustBeUnpublished(brief);
  await strapi.documents(BRIEF).update({ documentId, locale: brief.locale, data: { image: null } as never });
  return briefOf(strapi, collective, documentId);
}
