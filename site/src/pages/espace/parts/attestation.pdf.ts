import type { APIRoute } from 'astro';
import { passDownload } from '../../../lib/space/download';

export const prerender = false;

/** « Mes parts »: my certificate of shares held, today or at `?date=` (a past day). */
export const GET: APIRoute = (context) => {
  const date = context.url.searchParams.get('date') ?? '';
  return passDownload(context, '/api/shares/me/certificate.pdf', /^\d{4}-\d{2}-\d{2}$/.test(date) ? { date } : {});
};
