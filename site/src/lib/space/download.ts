/**
 * The downloads of the members' space (protected documents, attendee lists, the data export):
 * the site fetches them from the CMS with the member's token and passes them on, so that the
 * token never has to reach the browser.
 */
import type { APIContext } from 'astro';
import { memberSpaceOf } from './context';

/** The headers of a file that are worth passing on; the CMS's others stay behind. */
const passed = ['content-type', 'content-disposition', 'content-length', 'last-modified'];

export async function passDownload(context: APIContext, path: string, query?: Record<string, string>) {
  const { api } = memberSpaceOf(context.locals);
  const upstream = await api.download(path, query);
  if (!upstream.ok) {
    await upstream.body?.cancel();
    // Out of reach and missing look the same, as in the CMS: nothing says a document exists.
    const status = upstream.status === 401 || upstream.status === 403 ? 404 : upstream.status;
    return new Response(null, { status });
  }
  const headers = new Headers({ 'Cache-Control': 'private, no-store', 'X-Content-Type-Options': 'nosniff' });
  for (const name of passed) {
    const value = upstream.headers.get(name);
    if (value) headers.set(name, value);
  }
  return new Response(upstream.body, { status: 200, headers });
}

/** A documentId from the route, or null when it could not be one. */
export const routeId = (value: string | undefined) => (value && /^[A-Za-z0-9]{1,64}$/.test(value) ? value : null);
