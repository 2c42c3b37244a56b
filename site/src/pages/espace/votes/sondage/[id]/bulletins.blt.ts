import type { APIRoute } from 'astro';
import { passDownload, routeId } from '../../../../../lib/space/download';

export const prerender = false;

/** A closed ranked-choice poll's ballots in the BLT format, for counting them independently. */
export const GET: APIRoute = (context) => {
  const id = routeId(context.params.id);
  return id ? passDownload(context, `/api/governance/polls/${id}/ballots.blt`) : new Response(null, { status: 404 });
};
