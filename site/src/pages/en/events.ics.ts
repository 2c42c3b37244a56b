import type { APIRoute } from 'astro';
import { agendaFeed } from '../../lib/feed-routes';

export const GET: APIRoute = ({ site }) => agendaFeed('en', site!);
