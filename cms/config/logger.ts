// LOG_LEVEL=warn quiets the request and migration lines (the test suite sets it).
export default ({ env }: { env: (key: string, fallback?: string) => string }) => ({
  level: env('LOG_LEVEL', 'http'),
});
