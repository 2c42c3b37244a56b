// Settings of the project's own features, read with strapi.config.get('custom.<feature>').
export default ({ env }: { env: EnvFn }) => ({
  // The public site's rebuild runner (site/runner), told when public content changes. No URL: off.
  siteRebuild: {
    url: env('SITE_REBUILD_URL', ''),
    secret: env('SITE_REBUILD_SECRET', ''),
    timeoutMs: env.int('SITE_REBUILD_TIMEOUT_MS', 2000),
  },
});

interface EnvFn {
  (key: string, fallback?: string): string;
  int(key: string, fallback?: number): number;
}
