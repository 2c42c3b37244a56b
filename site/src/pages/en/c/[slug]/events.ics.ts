import type { APIRoute, GetStaticPaths } from 'astro';
import { agendaFeed } from '../../../../lib/feed-routes';
import { collectivePaths } from '../../../../lib/static-paths';

export const getStaticPaths = (() => collectivePaths('en')) satisfies GetStaticPaths;

export const GET: APIRoute = ({ site, params }) => agendaFeed('en', site!, params.slug);
