import type { APIRoute } from 'astro';
import { passDownload } from '../../../lib/space/download';

export const prerender = false;

/** « Mes parts »: my yearly statement of amounts subscribed and paid (`releve-2025.pdf`). */
export const GET: APIRoute = (context) => {
  const year = context.params.year ?? '';
  if (!/^\d{4}$/.test(year)) return new Response(null, { status: 404 });
  return passDownload(context, `/api/shares/me/statements/${year}.pdf`);
};
