import type { APIRoute } from 'astro';
import { passDownload, routeId } from '../../../../../lib/space/download';

export const prerender = false;

/** My convocation to a general assembly as PDF, in French or, with `?locale=en`, in English. */
export const GET: APIRoute = (context) => {
  const id = routeId(context.params.id);
  const locale = context.url.searchParams.get('locale') === 'en' ? 'en' : 'fr';
  return id
    ? passDownload(context, `/api/governance/assemblies/${id}/convocation.pdf`, { locale })
    : new Response(null, { status: 404 });
};
