import type { APIRoute } from 'astro';
import { passDownload } from '../../../lib/space/download';

export const prerender = false;

/** Everything the cooperative keeps about me, as a JSON attachment (GDPR access and portability). */
export const GET: APIRoute = (context) => passDownload(context, '/api/space/privacy/export');
