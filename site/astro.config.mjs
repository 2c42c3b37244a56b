// @ts-check
import { defineConfig } from 'astro/config';
import node from '@astrojs/node';
import sitemap from '@astrojs/sitemap';
import { URL } from 'node:url';
import { defaultLocale, locales } from '@notre-asso/config';

const siteUrl = new URL(process.env.SITE_URL ?? 'http://localhost:4321');

/**
 * Static by default: every public page is built from the CMS at build time. Pages that must be
 * computed per request opt out with `export const prerender = false` and are served by the
 * standalone Node server (dist/server/entry.mjs, which reads HOST and PORT at run time).
 */
export default defineConfig({
  site: siteUrl.href,
  output: 'static',
  // The rebuild runner and the tests build elsewhere, then swap or inspect the result.
  outDir: process.env.SITE_OUT_DIR ?? './dist',
  adapter: node({ mode: 'standalone' }),
  // Every prerendered page, with its hreflang alternates; robots.txt points at sitemap-index.xml.
  integrations: [
    sitemap({
      i18n: { defaultLocale, locales: Object.fromEntries(locales.map((l) => [l, l])) },
      // The on-demand status page is for probes, the members' space for members: not for search engines.
      filter: (page) => !/^https?:\/\/[^/]+\/(statut\/?$|espace\/|en\/space\/)/.test(page),
    }),
  ],
  trailingSlash: 'ignore',
  // French at the root, English under /en/; `Astro.currentLocale` follows the URL.
  i18n: { locales: [...locales], defaultLocale, routing: { prefixDefaultLocale: false } },
  security: {
    // Astro refuses cross-site form posts to on-demand pages: with the SameSite=Lax session cookie,
    // this is the members' space's protection against cross-site request forgery. Keep it on.
    checkOrigin: true,
    // The hosts whose Host (and a proxy's X-Forwarded-Host/-Proto) the server believes: the Origin
    // check compares the form's Origin with them. Without this Astro takes every request for
    // http://localhost and refuses every form. Local runs and tests use localhost or 127.0.0.1.
    allowedDomains: [...new Set([siteUrl.hostname, 'localhost', '127.0.0.1'])].map((hostname) => ({ hostname })),
  },
  // One small stylesheet, cached once for every page, rather than copied into each of them.
  build: { inlineStylesheets: 'never' },
  server: { host: process.env.HOST ?? '127.0.0.1', port: Number(process.env.SITE_PORT ?? 4321) },
  devToolbar: { enabled: false },
  // The shared settings are a CommonJS workspace package: Node loads it as such at run time, rather
  // than Vite bundling it as if it were ES source (which loses its named exports).
  vite: { ssr: { external: ['@notre-asso/config'] } },
});
