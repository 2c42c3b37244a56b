import type { APIRoute } from 'astro';
import { passDownload, routeId } from '../../../../lib/space/download';

export const prerender = false;

/** A published brief's mailing progress, polled by its brief desk page (the CMS checks who asks). */
export const GET: APIRoute = (context) => {
  const id = routeId(context.params.id);
  if (!id) return new Response(null, { status: 404 });
  return passDownload(context, `/api/space/briefs/${id}/mailing`);
};
