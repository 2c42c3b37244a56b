import type { Core } from '@strapi/strapi';
// LOG_LEVEL=warn quiets the request and migration lines (the test suite sets it).
export default ({ env }: Core.Config.Shared.ConfigParams) => ({
  level: env('LOG_LEVEL', 'http'),
});
