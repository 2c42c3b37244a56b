import type { APIRoute, GetStaticPaths } from 'astro';
import { newsFeed } from '../../../lib/feed-routes';
import { collectivePaths } from '../../../lib/static-paths';

export const getStaticPaths = (() => collectivePaths('fr')) satisfies GetStaticPaths;

export const GET: APIRoute = ({ site, params }) => newsFeed('fr', site!, params.slug);
