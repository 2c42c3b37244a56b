import type { APIRoute } from 'astro';
import { passDownload, routeId } from '../../../../lib/space/download';

export const prerender = false;

/** An event's attendee list as CSV, for its organiser, its collective's leads and the board. */
export const GET: APIRoute = (context) => {
  const id = routeId(context.params.id);
  return id
    ? passDownload(context, `/api/space/events/${id}/attendees`, { format: 'csv' })
    : new Response(null, { status: 404 });
};
