/** The prebuilt search index of each locale (`paths.searchIndex`), a static file the island fetches. */
import type { APIRoute, GetStaticPaths } from 'astro';
import { locales, type Locale } from '@notre-asso/config';
import { buildSearchIndexFile } from '../../lib/search/build';

export const getStaticPaths = (() => locales.map((locale) => ({ params: { locale } }))) satisfies GetStaticPaths;

export const GET: APIRoute = async ({ params }) => {
  const file = await buildSearchIndexFile(params.locale as Locale);
  return new Response(JSON.stringify(file), { headers: { 'Content-Type': 'application/json' } });
};
