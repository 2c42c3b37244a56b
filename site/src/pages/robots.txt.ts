import type { APIRoute } from 'astro';

/** Everything public may be indexed; the sitemap lists it. The members' space is not for robots. */
export const GET: APIRoute = ({ site }) =>
  new Response(
    `User-agent: *\nAllow: /\nDisallow: /espace/\nDisallow: /en/space/\n\nSitemap: ${new URL('sitemap-index.xml', site).href}\n`,
    { headers: { 'Content-Type': 'text/plain; charset=utf-8' } },
  );
