import type { APIRoute } from 'astro';
import { passDownload, routeId } from '../../../../lib/space/download';

export const prerender = false;

/** A document's file, through the CMS's access check (restricted files have no public URL). */
export const GET: APIRoute = (context) => {
  const id = routeId(context.params.id);
  return id ? passDownload(context, `/api/space/documents/${id}/file`) : new Response(null, { status: 404 });
};
