/**
 * The exchange board (bourse d'échanges, the « bon coin » of a cooperative): members post offers
 * and requests of skills, equipment or services, with a category, a place and an expiry date.
 * Members read the live posts (neither expired nor withdrawn); hidden ones disappear for all but
 * their author and the national moderators, who moderate the board (it belongs to no collective).
 * Posts go through the same abuse limits and suspensions as discussions, and are reported like them.
 */
import type { Core } from '@strapi/strapi';
import { renderMarkdown } from '@notre-asso/plugin-kit';
import { NoSuchItem, NotTheAuthor } from '../errors';
import { asBoolean, EXCHANGE_SCOPE, knexOf, TABLE } from '../store';
import { moderatesEverything, type Participant } from '../viewer';
import { assertMayPost } from './abuse';
import { messages, shape, type MessageRow } from './discussions';
import { pageOf, validate, yup } from './validation';

export const exchangeTypes = ['offer', 'request'] as const;
export const exchangeCategories = ['skills', 'equipment', 'services'] as const;
/** A post lives at most this long. */
export const EXCHANGE_MAX_DAYS = 180;

interface ExchangeInput {
  type: (typeof exchangeTypes)[number];
  category: (typeof exchangeCategories)[number];
  title: string;
  body: string;
  place: string;
  expiresAt: Date;
}

const postSchema = () =>
  yup.object({
    type: yup
      .string()
      .required('type is required')
      .oneOf([...exchangeTypes], 'type must be offer or request'),
    category: yup
      .string()
      .required('category is required')
      .oneOf([...exchangeCategories], `category must be one of ${exchangeCategories.join(', ')}`),
    title: yup.string().trim().required('title is required').max(200),
    body: yup.string().trim().required('body is required').max(5000),
    place: yup.string().trim().required('place is required').max(120),
    expiresAt: yup
      .date()
      .typeError('expiresAt must be a date')
      .required('expiresAt is required')
      .min(new Date(), 'expiresAt must be in the future')
      .max(new Date(Date.now() + EXCHANGE_MAX_DAYS * 86_400_000), `expiresAt must be within ${EXCHANGE_MAX_DAYS} days`),
  });

const live = (now: Date) => (q: ReturnType<typeof messages>) =>
  q.where('m.expires_at', '>', now).whereNull('m.withdrawn_at');

/** Live posts, newest first, filtered by type, category and words of the title or place. */
export async function listExchange(strapi: Core.Strapi, p: Participant, query: Record<string, unknown>) {
  const { limit, offset } = pageOf(query);
  const type = exchangeTypes.find((t) => t === query.type);
  const category = exchangeCategories.find((c) => c === query.category);
  const words = typeof query.q === 'string' ? query.q.trim().slice(0, 100) : '';
  const rows = (await messages(strapi, 'exchange')
    .modify(live(new Date()))
    .modify((q) => {
      if (type) q.andWhere('m.type', type);
      if (category) q.andWhere('m.category', category);
      // lower() … like: the same on SQLite and PostgreSQL (knex's whereILike is not on SQLite).
      if (words) {
        const pattern = `%${words.toLowerCase().replace(/[%_\\]/g, '')}%`;
        q.andWhere((w) =>
          w.whereRaw('lower(m.title) like ?', [pattern]).orWhereRaw('lower(m.place) like ?', [pattern]),
        );
      }
      if (!moderatesEverything(p)) q.andWhere((w) => w.where('m.hidden', false).orWhere('m.author_id', p.profileId));
    })
    .orderBy('m.created_at', 'desc')
    .orderBy('m.id', 'desc')
    .limit(limit)
    .offset(offset)) as MessageRow[];
  return rows.map((row) => shape('exchange', row, p));
}

/** One post, when the participant may see it (its author sees it after expiry too). */
export async function readExchange(strapi: Core.Strapi, p: Participant, id: number | null) {
  const row =
    id === null
      ? undefined
      : ((await messages(strapi, 'exchange').where('m.id', id).first()) as MessageRow & {
          withdrawn_at: unknown;
        });
  const mine = row?.author_id === p.profileId;
  const gone = row && (row.withdrawn_at != null || new Date(row.expires_at as string).getTime() <= Date.now());
  if (!row || (!mine && (gone || (asBoolean(row.hidden) && !moderatesEverything(p))))) throw new NoSuchItem('annonce');
  return shape('exchange', row, p);
}

export async function postExchange(strapi: Core.Strapi, p: Participant, body: unknown) {
  const input = await validate<ExchangeInput>(postSchema(), body);
  await assertMayPost(strapi, p, { kind: 'exchange', title: input.title, body: input.body });
  const [inserted] = await knexOf(strapi)(TABLE.exchange)
    .insert({
      collective: EXCHANGE_SCOPE,
      author_id: p.profileId,
      type: input.type,
      category: input.category,
      title: input.title,
      body: input.body,
      body_html: renderMarkdown(input.body),
      place: input.place,
      expires_at: input.expiresAt,
      hidden: false,
      created_at: new Date(),
    })
    .returning('id');
  return readExchange(strapi, p, Number((inserted as { id: number }).id ?? inserted));
}

/** The author takes their post down (found, given away, no longer needed). */
export async function withdrawExchange(strapi: Core.Strapi, p: Participant, id: number | null) {
  const post = await readExchange(strapi, p, id);
  if (post.author.id !== p.profileId) throw new NotTheAuthor();
  await knexOf(strapi)(TABLE.exchange).where({ id: post.id }).update({ withdrawn_at: new Date() });
  return { ...post, withdrawn: true };
}
